/**
 * The preview of an update (an existing stack), as the engine gives it: every resource has an id and the
 * outputs azure-native returns, which do not include path parameters (a VNet's resourceGroupName and
 * virtualNetworkName, a slot's slot); azure-native auto-named the VNet, so its ARM name is not its logical
 * name. The engine suite found that the children then got the VNet's logical name and an unknown group,
 * and every preview replaced the subnet and relinked every app; AzureMocks echoes every input, hiding it.
 */
import * as network from "@pulumi/azure-native/network";
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { GatewayVnetIntegration, RegionalVnetIntegration } from "../components";
import { AzureMocks, runProgram } from "../components/testing";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const PATH_PARAMETERS = ["resourceGroupName", "virtualNetworkName", "subnetName", "slot"];

/** Resources that exist already, answered at a dry run as azure-native's outputs (no path parameters). */
class ExistingStackMocks extends AzureMocks {
    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, any> } {
        const inputs = args.inputs as Record<string, any>;
        const group = inputs.resourceGroupName ?? "net";
        const armName =
            args.type === "azure-native:network:VirtualNetwork" ? `${args.name}4f1c9a2b` : args.type === "azure-native:web:WebAppSlot" ? `${inputs.name}/${inputs.slot}` : (inputs.name ?? args.name);
        const path =
            args.type === "azure-native:web:WebAppSlot"
                ? `Microsoft.Web/sites/${inputs.name}/slots/${inputs.slot}`
                : `${args.type.replace(/^azure-native:(\w+):/, "Microsoft.$1/")}/${armName}`;
        const state: Record<string, any> = { ...inputs, name: armName, location: inputs.location ?? "westeurope" };
        for (const key of PATH_PARAMETERS) delete state[key];
        const id = `${SUB}/resourceGroups/${group}/providers/${path}`;
        this.registrations.push({ type: args.type, name: args.name, id, inputs: args.inputs });
        return { id, state };
    }
}

test("the subnet of an existing stack keeps the VNet's ARM name and group at an update's preview", async () => {
    const run = await runProgram(
        () => {
            const vnet = new network.VirtualNetwork("hub", { resourceGroupName: "net", location: "westeurope", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
            const plan = new web.AppServicePlan("plan", { resourceGroupName: "apps", location: "westeurope", kind: "linux", reserved: true, sku: { name: "P1v3", tier: "PremiumV3", capacity: 1 } });
            new RegionalVnetIntegration("int", { plan, virtualNetwork: vnet, subnet: { addressPrefix: "10.0.1.0/26" } });
        },
        { mode: "preview", mocks: new ExistingStackMocks() },
    );
    expect(run.errors).toEqual([]);
    const subnet = run.resources.find((r) => r.type === "azure-native:network:Subnet")!;
    expect(subnet.inputs.virtualNetworkName).toBe("hub4f1c9a2b");
    expect(subnet.inputs.resourceGroupName).toBe("net");
});

test("a slot's connection names the slot's app and slot at an update's preview", async () => {
    const run = await runProgram(
        () => {
            const plan = new web.AppServicePlan("plan", { resourceGroupName: "apps", location: "westeurope", sku: { name: "S1", tier: "Standard", capacity: 1 } });
            const app = new web.WebApp("orders", { resourceGroupName: "apps", name: "orders", location: "westeurope", serverFarmId: plan.id });
            const slot = new web.WebAppSlot("orders-staging", { resourceGroupName: "apps", name: app.name, slot: "staging", location: "westeurope", serverFarmId: plan.id });
            new GatewayVnetIntegration("remote", {
                plan,
                apps: [slot],
                virtualNetwork: { id: `${SUB}/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/remote`, name: "remote", resourceGroupName: "network", location: "eastus", addressSpace: ["10.50.0.0/16"] },
                gateway: {
                    id: `${SUB}/resourceGroups/network/providers/Microsoft.Network/virtualNetworkGateways/remote-gw`,
                    skuName: "VpnGw1AZ",
                    pointToSite: { addressPool: ["172.16.201.0/24"], protocols: ["SSTP"] },
                    gatewaySubnetPrefix: "10.50.255.0/27",
                },
            });
        },
        { mode: "preview", mocks: new ExistingStackMocks() },
    );
    expect(run.errors).toEqual([]);
    const connection = run.resources.find((r) => r.type === "azure-native:web:WebAppVnetConnectionSlot")!;
    expect(connection.inputs).toMatchObject({ name: "orders", slot: "staging", resourceGroupName: "apps" });
});
