/**
 * A stack's whole life (issue 21): what users meet on a stack's second, third and tenth
 * `pulumi up`. Each test failed before its fix.
 */
import * as pulumi from "@pulumi/pulumi";
import { RegionalVnetIntegration } from "../components";
import { runProgram } from "../components/testing";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups";
const PLAN_ID = `${SUB}/apps/providers/Microsoft.Web/serverfarms/plan`;
const VNET_ID = `${SUB}/net/providers/Microsoft.Network/virtualNetworks/hub`;
const SUBNET = "azure-native:network:Subnet";

/** An existing VNet as a StackReference or `getVirtualNetworkOutput` gives it: every fact an Output, a new object each time. */
const vnetFromElsewhere = () => ({
    id: pulumi.output(VNET_ID),
    name: pulumi.output("hub"),
    resourceGroupName: pulumi.output("net"),
    location: pulumi.output("westeurope"),
    addressSpace: pulumi.output(["10.20.0.0/16"]),
});
const planFromElsewhere = (id = PLAN_ID) => ({ id: pulumi.output(id), location: pulumi.output("westeurope"), sku: pulumi.output({ name: "P1v3", tier: "PremiumV3" }), reserved: pulumi.output(true) });

describe("item 2: a VNet or plan is identified by its ARM id once known, not by its JS object", () => {
    test.each(["preview", "up"] as const)("%s: one existing VNet read twice (ids are Outputs): the second integration gets the next free block", async (mode) => {
        const run = await runProgram(() => {
            new RegionalVnetIntegration("first", { plan: planFromElsewhere(), virtualNetwork: vnetFromElsewhere(), subnet: { prefixLength: 26 } });
            new RegionalVnetIntegration("second", { plan: planFromElsewhere(`${PLAN_ID}2`), virtualNetwork: vnetFromElsewhere(), subnet: { prefixLength: 26 } });
        }, { mode });
        expect(run.errors).toEqual([]);
        expect(run.resources.filter((r) => r.type === SUBNET).map((r) => [r.name, r.inputs.addressPrefix])).toEqual([
            ["first-subnet", "10.20.0.0/26"],
            ["second-subnet", "10.20.0.64/26"],
        ]);
    });

    test("one existing Linux plan read twice (ids are Outputs) given to two regional integrations: VNI-R05", async () => {
        const run = await runProgram(() => {
            new RegionalVnetIntegration("first", { plan: planFromElsewhere(), virtualNetwork: vnetFromElsewhere(), subnet: { prefixLength: 26 } });
            new RegionalVnetIntegration("second", { plan: planFromElsewhere(), virtualNetwork: vnetFromElsewhere(), subnet: { prefixLength: 26 } });
        }, { mode: "preview" });
        expect(run.errors.map((e) => e.message).join("\n")).toMatch(/second[\s\S]*VNI-R05/);
    });
});
