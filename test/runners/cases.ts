/**
 * Programs a consumer's tests run through runProgram, with what they assert: the same cases
 * run under node:test (programs.node.ts) and Jest (programs.jest.ts), each in a process of
 * its own (test/anyRunner.test.ts), which must exit 0 with no leak message.
 */
import * as assert from "node:assert";
import * as network from "@pulumi/azure-native/network";
import * as web from "@pulumi/azure-native/web";
import { RegionalVnetIntegration } from "../../components";
import { runProgram } from "../../components/testing";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups";
const FREE_PLAN = { id: `${SUB}/apps/providers/Microsoft.Web/serverfarms/free`, location: "westeurope", sku: { name: "F1", tier: "Free" } };
const VNET = { id: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/hub`, name: "hub", resourceGroupName: "net", location: "westeurope", addressSpace: ["10.20.0.0/16"] };

let last: RegionalVnetIntegration | undefined;
const run0 = () => last;

function refusedByResources(): void {
    const plan = new web.AppServicePlan("plan", { resourceGroupName: "rg", sku: { name: "F1", tier: "Free" } });
    const vnet = new network.VirtualNetwork("vnet", { resourceGroupName: "rg", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
    last = new RegionalVnetIntegration("apps", { plan, virtualNetwork: vnet, subnet: { prefixLength: 26 }, apps: [{ name: "orders", resourceGroupName: "rg" }] });
}

export const cases: Record<string, () => Promise<void>> = {
    "a component refused when its facts resolve (preview): the error once, its children never registered": async () => {
        const run = await runProgram(refusedByResources, { mode: "preview" });
        assert.strictEqual(run.errors.length, 1);
        assert.match(run.errors[0].message, /VNI-R01/);
        assert.deepStrictEqual(run.resources.filter((r) => r.parent === "apps"), []);
    },
    "a component refused when its facts resolve (up): its outputs never settle, and say so": async () => {
        const run = await runProgram(() => {
            refusedByResources();
            return { prefix: (run0() as RegionalVnetIntegration).addressPrefix };
        }, { mode: "up" });
        assert.strictEqual(run.errors.length, 1);
        assert.match(run.errors[0].message, /VNI-R01/);
        assert.deepStrictEqual(run.outputs, { prefix: "[never settled: a component it depends on was refused]" });
    },
    "a component refused in its constructor (plain facts): the error once": async () => {
        const run = await runProgram(() => {
            new RegionalVnetIntegration("apps", { plan: FREE_PLAN, virtualNetwork: VNET, subnet: { prefixLength: 26 } });
        });
        assert.strictEqual(run.errors.length, 1);
        assert.match(run.errors[0].message, /VNI-R01/);
    },
    "a program that throws: its error, nothing else": async () => {
        const run = await runProgram(() => {
            throw new Error("the program's own error");
        }, { mode: "preview" });
        assert.deepStrictEqual(run.errors.map((e) => e.message), ["the program's own error"]);
    },
    "the stack outputs a program returns, resolved": async () => {
        const run = await runProgram(() => {
            const integration = new RegionalVnetIntegration("apps", { plan: { ...FREE_PLAN, sku: { name: "P1v3", tier: "PremiumV3" } }, virtualNetwork: VNET, subnet: { prefixLength: 26 } });
            return { prefix: integration.addressPrefix, subnetId: integration.subnetId, label: "hub" };
        }, { mode: "preview" });
        assert.deepStrictEqual(run.errors, []);
        assert.deepStrictEqual(run.outputs, { prefix: "10.20.0.0/26", subnetId: "[unknown]", label: "hub" });
    },
};
