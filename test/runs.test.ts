/**
 * Program-wide state lives as long as one Pulumi run, never the process: an Automation API
 * inline program runs twice in one process (preview, then up), and two stacks may run side
 * by side. Each run is modelled as Automation API makes it: its own runtime store
 * (`withLocalStorage`), its own mocks, its own stack resource.
 */
import * as network from "@pulumi/azure-native/network";
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { RegionalVnetIntegration } from "../components";
import { AzureMocks, outputPromise } from "../components/testing";

// Internal: how Automation API's language server isolates each run (pinned by sdkContract.test.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { withLocalStorage } = require("@pulumi/pulumi/runtime/state") as { withLocalStorage<T>(f: () => Promise<T>): Promise<T> };

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups";
const PLAN = { id: `${SUB}/apps/providers/Microsoft.Web/serverfarms/plan`, location: "westeurope", sku: { name: "P1v3", tier: "PremiumV3" } };
const VNET = { id: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/hub`, name: "hub", resourceGroupName: "net", location: "westeurope", addressSpace: ["10.20.0.0/16"] };

/** A program with plain facts (rules in the constructor) and one with resources (rules when their outputs resolve). */
const programs = {
    plain: () => {
        const integration = new RegionalVnetIntegration("apps-vnet", { plan: PLAN, virtualNetwork: VNET, subnet: { prefixLength: 26 }, apps: [{ name: "orders", resourceGroupName: "apps" }] });
        return integration;
    },
    resources: () => {
        const plan = new web.AppServicePlan("plan", { resourceGroupName: "apps", sku: { name: "P1v3", tier: "PremiumV3" } });
        const vnet = new network.VirtualNetwork("hub", { resourceGroupName: "net", addressSpace: { addressPrefixes: ["10.20.0.0/16"] } });
        const integration = new RegionalVnetIntegration("apps-vnet", { plan, virtualNetwork: vnet, subnet: { prefixLength: 26 }, apps: [{ name: "orders", resourceGroupName: "apps" }] });
        return integration;
    },
};

/** One run as Automation API makes it: a store of its own, mocks, a stack; the prefix it allocated, or its error. */
async function run(program: () => RegionalVnetIntegration, preview: boolean): Promise<{ prefix?: string; error?: string; registered: string[] }> {
    return withLocalStorage(async () => {
        const mocks = new AzureMocks();
        await pulumi.runtime.setMocks(mocks, "project", "stack", preview);
        try {
            let integration: RegionalVnetIntegration | undefined;
            await pulumi.runtime.runInPulumiStack(async () => {
                integration = program();
            });
            const value = await outputPromise(integration!.addressPrefix);
            // Every child registered: the subnet and the link.
            await Promise.all([integration!.subnet!, ...integration!.connections].map((child) => outputPromise(child.urn)));
            return { prefix: value, registered: mocks.registrations.map((r) => r.name).sort() };
        } catch (error) {
            return { error: (error as Error).message, registered: mocks.registrations.map((r) => r.name).sort() };
        }
    });
}

describe.each(Object.entries(programs))("program with %s facts", (_, program) => {
    test("run twice in one process (preview, then up): the second run is the first run again", async () => {
        const preview = await run(program, true);
        const up = await run(program, false);
        expect(preview.error).toBeUndefined();
        expect(up.error).toBeUndefined();
        expect(up.prefix).toBe("10.20.0.0/26");
        expect(up.registered).toEqual(expect.arrayContaining(["apps-vnet-subnet", "apps-vnet-orders"]));
    });

    test("two stacks side by side: neither sees the other's claims", async () => {
        const [a, b] = await Promise.all([run(program, false), run(program, false)]);
        expect([a.error, b.error]).toEqual([undefined, undefined]);
        expect([a.prefix, b.prefix]).toEqual(["10.20.0.0/26", "10.20.0.0/26"]);
    });
});
