/**
 * AzureMocks over the stand-in's model of Azure (opt-in `azure`): a user's unit test meets
 * Azure's refusals with Azure's codes, and the library's components leave in the model what
 * they leave in Azure (the subnet's service association link).
 */
import * as network from "@pulumi/azure-native/network";
import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";
import { RegionalVnetIntegration } from "../components";
import { AzureMocks, AzureModel, resetProgramState, runProgram } from "../components/testing";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";

beforeEach(() => resetProgramState());

function base() {
    const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg", location: "westeurope" });
    const vnet = new network.VirtualNetwork("vnet", { resourceGroupName: rg.name, virtualNetworkName: "vnet", location: "westeurope", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
    const plan = new web.AppServicePlan("plan", { resourceGroupName: rg.name, name: "plan", location: "westeurope", sku: { name: "P1v3", tier: "PremiumV3", capacity: 1 } });
    const app = new web.WebApp("orders", { resourceGroupName: rg.name, name: "orders", location: "westeurope", serverFarmId: plan.id });
    return { rg, vnet, plan, app };
}

test("a swift connection to an undelegated subnet fails at up with SubnetMissingRequiredDelegation, as Azure refuses it", async () => {
    // Called as Pulumi calls the mocks at `up` (a failed registration under runProgram is an
    // unhandled rejection, which Jest takes for the test's own failure).
    const model = new AzureModel();
    const mocks = new AzureMocks({ azure: model });
    await pulumi.runtime.setMocks(mocks, "project", "stack", false);
    const register = (type: string, name: string, inputs: Record<string, unknown>) => mocks.newResource({ type, name, inputs, custom: true });
    register("azure-native:resources:ResourceGroup", "rg", { resourceGroupName: "rg", location: "westeurope" });
    const vnet = register("azure-native:network:VirtualNetwork", "vnet", { resourceGroupName: "rg", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
    expect(vnet.state).toMatchObject({ name: "vnet", location: "westeurope", provisioningState: "Succeeded", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
    const plain = register("azure-native:network:Subnet", "plain", { resourceGroupName: "rg", virtualNetworkName: "vnet", subnetName: "plain", addressPrefix: "10.0.1.0/27" });
    const plan = register("azure-native:web:AppServicePlan", "plan", { resourceGroupName: "rg", name: "plan", sku: { name: "P1v3" } });
    register("azure-native:web:WebApp", "orders", { resourceGroupName: "rg", name: "orders", serverFarmId: plan.id });
    expect(() => register("azure-native:web:WebAppSwiftVirtualNetworkConnection", "link", { resourceGroupName: "rg", name: "orders", subnetResourceId: plain.id })).toThrow(/ERROR CODE: SubnetMissingRequiredDelegation/);
    expect(() => register("azure-native:network:Subnet", "other", { resourceGroupName: "rg", virtualNetworkName: "vnet", subnetName: "other", addressPrefix: "10.0.1.16/28" })).toThrow(/ERROR CODE: NetcfgSubnetRangesOverlap/);
    expect(model.get(`${SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/orders/networkConfig/virtualNetwork`)).toBeUndefined();
});

test("RegionalVnetIntegration at up leaves the subnet delegated and linked in the model, the app integrated", async () => {
    const model = new AzureModel();
    const run = await runProgram(
        () => {
            const { vnet, plan, app } = base();
            new RegionalVnetIntegration("int", { plan, virtualNetwork: vnet, subnet: { prefixLength: 27 }, apps: [app] });
        },
        { mode: "up", mocks: new AzureMocks({ azure: model }) },
    );
    expect(run.errors).toEqual([]);
    const subnet = model.list("Microsoft.Network/virtualNetworks/subnets")[0];
    const linked = model.get(subnet.id)!;
    expect(linked.properties.delegations[0].properties.serviceName).toBe("Microsoft.Web/serverFarms");
    expect(linked.properties.serviceAssociationLinks).toEqual([expect.objectContaining({ properties: expect.objectContaining({ link: `${SUB}/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan` }) })]);
    expect(model.get(`${SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/orders`)!.properties.virtualNetworkSubnetId).toBe(subnet.id);
});

test("without `azure` nothing changes: the mocks echo inputs and refuse nothing", async () => {
    const run = await runProgram(
        () => {
            const { vnet, app } = base();
            const subnet = new network.Subnet("plain", { resourceGroupName: "rg", virtualNetworkName: vnet.name, subnetName: "plain", addressPrefix: "10.0.1.0/27" });
            new web.WebAppSwiftVirtualNetworkConnection("link", { resourceGroupName: "rg", name: app.name, subnetResourceId: subnet.id });
        },
        { mode: "up" },
    );
    expect(run.errors).toEqual([]);
    expect(run.mocks.ofType("azure-native:web:WebAppSwiftVirtualNetworkConnection")).toHaveLength(1);
});

test("at a new stack's preview the model is not written (preview changes nothing in Azure)", async () => {
    const model = new AzureModel();
    await runProgram(() => base(), { mode: "preview", mocks: new AzureMocks({ azure: model }) });
    expect(model.ids()).toEqual([]);
});
