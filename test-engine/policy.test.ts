/**
 * The policy pack (policy-pack/) under the real engine: `pulumi preview --policy-pack` over raw
 * azure-native programs (test-engine/programs/policy-raw, no components), as a user of any language
 * runs it. The engine hands stack policies the resources' outputs; at a new stack's preview what the
 * provider computes is unknown.
 */
import * as fs from "fs";
import * as path from "path";
import { AzureModel } from "../azure-standin/model";
import { REPO } from "../engine/settings";
import { CliRun, EngineHome, Stack } from "./harness";

const PACK = path.join(REPO, "policy-pack");
let home: EngineHome;
let azure: AzureModel;
let stack: Stack;

/** The pack's report lines: `[mandatory]`/`[advisory]` with the policy name, then its messages, as the CLI prints them. */
function policyLines(run: CliRun): { level: string; policy: string; messages: string[] }[] {
    const lines = run.output.split("\n");
    const start = lines.findIndex((l) => /^Policies:/.test(l));
    const found: { level: string; policy: string; messages: string[] }[] = [];
    for (const line of start < 0 ? [] : lines.slice(start + 1)) {
        const head = /^\s+- \[(mandatory|advisory)\] \[severity: \w+\]\s+(\S+)/.exec(line);
        if (head) found.push({ level: head[1], policy: head[2], messages: [] });
        else if (/^\S/.test(line)) break;
        else if (found.length > 0 && line.trim()) found[found.length - 1].messages.push(line.trim());
    }
    return found;
}
/** The violation lines (rule code first) of the mandatory reports. */
// The CLI prints each policy's description first, then its violations.
const violations = (run: CliRun, level = "mandatory") => policyLines(run).filter((p) => p.level === level).flatMap((p) => p.messages.slice(1));
const codes = (run: CliRun) => [...new Set(violations(run).map((m) => m.slice(0, 7)))].sort();

async function preview(variant: string, extra: string[] = []): Promise<CliRun> {
    await stack.must(["config", "set", "variant", variant]);
    const started = Date.now();
    const run = await stack.run(["preview", "--policy-pack", PACK, ...extra]);
    process.stderr.write(`policy preview ${variant} ${extra.join(" ")}: ${Date.now() - started} ms\n`);
    return run;
}

beforeAll(async () => {
    home = await EngineHome.create("policy");
    azure = new AzureModel(home.stateFile);
    stack = await Stack.init(home, "policy-raw", "raw");
});
afterAll(() => home?.close());

describe("pulumi preview --policy-pack over raw azure-native resources", () => {
    test("a Free plan integrated into a /29 without delegation fails the preview: VNI-R01, VNI-R02, VNI-R13, each saying how to fix it", async () => {
        const run = await preview("free-29");
        expect(run.code).not.toBe(0);
        expect(codes(run)).toEqual(["VNI-R01", "VNI-R02", "VNI-R13"]);
        for (const line of violations(run)) expect(line).toMatch(/Fix: \S/);
        expect(violations(run).find((l) => l.startsWith("VNI-R02"))).toMatch(/10\.40\.1\.0\/29/);
        // Nothing is created by a preview.
        expect(azure.ids()).toEqual([]);
    });

    test("the same program fixed (P1v3, delegated /26) passes; a warning is listed as advisory", async () => {
        const run = await preview("fixed");
        expect(run.output).not.toMatch(/\[mandatory\]/);
        expect(run.code).toBe(0);
        // 30 instances in a /26 (59 usable addresses): fits, but not twice over for scale operations.
        expect(violations(run, "advisory")).toEqual([expect.stringMatching(/^VNI-R03 .*59 usable addresses, less than twice the 30 addresses .* at 30 instances.*Fix: /)]);
        expect(policyLines(run).find((p) => p.level === "advisory")!.policy).toBe("vni-warnings");
    });

    test("--policy-pack-config: a suppression with its reason silences VNI-R13; limits `documented` judges the 2019 page", async () => {
        const config = path.join(home.dir, "policy-config.json");
        const every = (value: object) => Object.fromEntries(["vni-r01-plan-tier", "vni-r02-subnet-size", "vni-r13-subnet-delegation", "vni-warnings"].map((p) => [p, value]));
        fs.writeFileSync(config, JSON.stringify(every({ limits: "documented", suppress: { "VNI-R13": "delegated by the network team's pipeline" } })));
        const run = await preview("free-29", ["--policy-pack-config", config]);
        expect(run.code).not.toBe(0);
        expect(codes(run)).toEqual(["VNI-R01", "VNI-R02"]);
        expect(violations(run).find((l) => l.startsWith("VNI-R01"))).toMatch(/documented/);
        expect(violations(run).find((l) => l.startsWith("VNI-R02"))).toMatch(/documented/);
    });

    test("a peering that uses remote gateways towards a VNet without a gateway: VNI-P05", async () => {
        const run = await preview("remote-no-gateway");
        expect(run.code).not.toBe(0);
        expect(codes(run)).toEqual(["VNI-P05"]);
        expect(violations(run)[0]).toMatch(/spoke-to-hub of spoke uses remote gateways, but hub has no gateway.*Fix: /);
    });

    test("... towards a VNet whose gateway the peering back does not share (no gateway transit): VNI-P01", async () => {
        const run = await preview("remote-no-transit");
        expect(run.code).not.toBe(0);
        expect(codes(run)).toEqual(["VNI-P01"]);
        expect(violations(run)[0]).toMatch(/does not allow gateway transit.*Fix: set allowGatewayTransit to true on the peering from hub/);
    });
});
