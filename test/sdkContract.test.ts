/**
 * The @pulumi/pulumi internals the library relies on (components/sdk.ts, the test kit), pinned
 * against the SDK CI installs. package.json's peer range claims no SDK older than the one this
 * test runs on: a failure here after an SDK upgrade means sdk.ts needs a new way, not a new pin.
 */
import * as pulumi from "@pulumi/pulumi";
import { applyEvenIfUnknown, currentRunToken, outputIsSecret, releasePendingPromises, resourceName, settledOutput, urnTypeChain } from "../components/sdk";
import { AzureMocks } from "../components/testing";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const state = require("@pulumi/pulumi/runtime/state") as { getStore(): { leakCandidates: Set<Promise<unknown>> }; withLocalStorage<T>(f: () => Promise<T>): Promise<T> };

describe("Output internals", () => {
    beforeAll(() => pulumi.runtime.setMocks(new AzureMocks(), "p", "s", true));

    test("isKnown and promise(withUnknowns): a known value, and an unknown one at preview", async () => {
        expect(await settledOutput(pulumi.output("known"))).toEqual([true, "known"]);
        const unknown = pulumi.output(pulumi.unknown) as pulumi.Output<unknown>;
        const [isKnown, value] = await settledOutput(unknown);
        expect(isKnown).toBe(false);
        expect(pulumi.isUnknown(value)).toBe(true);
    });

    test("apply(fn, true) runs while the value is unknown; apply(fn) does not", async () => {
        const unknown = pulumi.output(pulumi.unknown) as pulumi.Output<string>;
        let plainRan = false;
        unknown.apply(() => (plainRan = true));
        const evenIfUnknown = applyEvenIfUnknown(unknown, () => "ran");
        expect(await settledOutput(evenIfUnknown)).toEqual([true, "ran"]);
        expect(plainRan).toBe(false);
    });

    test("isSecret", async () => {
        expect(await outputIsSecret(pulumi.secret("s"))).toBe(true);
        expect(await outputIsSecret(pulumi.output("s"))).toBe(false);
    });
});

describe("Resource and runtime internals", () => {
    test("__name, and the URN's type chain from __pulumiType and __parentResource", async () => {
        await pulumi.runtime.setMocks(new AzureMocks(), "p", "s", true);
        let urn: pulumi.Output<string> | undefined;
        let chain = "";
        let name: string | undefined;
        await pulumi.runtime.runInPulumiStack(async () => {
            const outer = new pulumi.ComponentResource("my:index:Outer", "outer");
            const inner = new pulumi.ComponentResource("my:index:Inner", "inner", {}, { parent: outer });
            urn = inner.urn;
            chain = urnTypeChain(inner);
            name = resourceName(inner);
        });
        expect(name).toBe("inner");
        expect(chain).toBe("my:index:Outer$my:index:Inner");
        expect(await settledOutput(urn!)).toEqual([true, "urn:pulumi:s::p::my:index:Outer$my:index:Inner::inner"]);
    });

    test("a run is its stack resource: each runInPulumiStack makes one; outside a stack, each setMocks a monitor", async () => {
        const oneRun = () =>
            state.withLocalStorage(async () => {
                await pulumi.runtime.setMocks(new AzureMocks(), "p", "s", false);
                const beforeStack = currentRunToken();
                let inStack: unknown;
                await pulumi.runtime.runInPulumiStack(async () => void (inStack = currentRunToken()));
                return { beforeStack, inStack, stack: pulumi.runtime.getStackResource() };
            });
        const [a, b] = await Promise.all([oneRun(), oneRun()]);
        expect(a.beforeStack).toBeDefined();
        expect(a.inStack).toBe(a.stack);
        expect(a.inStack).not.toBe(a.beforeStack);
        expect(new Set([a.beforeStack, a.inStack, b.beforeStack, b.inStack]).size).toBe(4);
    });

    test("Automation API's per-run store (withLocalStorage) and the leak detector's candidates", async () => {
        await state.withLocalStorage(async () => {
            await pulumi.runtime.setMocks(new AzureMocks(), "p", "s", true);
            expect(state.getStore().leakCandidates).toBeInstanceOf(Set);
            new pulumi.ComponentResource("test:index:C", "c");
            expect(state.getStore().leakCandidates.size).toBeGreaterThan(0);
            releasePendingPromises();
            expect(state.getStore().leakCandidates.size).toBe(0);
        });
    });
});
