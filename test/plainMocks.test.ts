/**
 * The components under a user's own plain mocks: ids are `<name>_id`, state echoes inputs.
 * Nothing of AzureMocks is needed.
 */
import * as pulumi from "@pulumi/pulumi";

const registered: { type: string; name: string; inputs: Record<string, any> }[] = [];
pulumi.runtime.setMocks(
    {
        newResource: (args) => {
            registered.push({ type: args.type, name: args.name, inputs: args.inputs });
            return { id: `${args.name}_id`, state: args.inputs };
        },
        call: (args) => args.inputs,
    },
    "project",
    "stack",
    false,
);

import * as network from "@pulumi/azure-native/network";
import * as web from "@pulumi/azure-native/web";
import { RegionalVnetIntegration } from "../components";
import { resetProgramState } from "../components/testing";

const value = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

beforeEach(() => {
    registered.length = 0;
    resetProgramState();
});

test("resources from the user's program: subnet in the VNet's group, links to app and slot", async () => {
    // Named by the program: these plain mocks echo inputs, so an auto-name would stay unknown (a label never stands in).
    const vnet = new network.VirtualNetwork("hub", { resourceGroupName: "net", virtualNetworkName: "hub", location: "westeurope", addressSpace: { addressPrefixes: ["10.1.0.0/16"] } });
    const plan = new web.AppServicePlan("plan", { resourceGroupName: "apps", location: "westeurope", sku: { name: "S1", tier: "Standard", capacity: 2 } });
    const app = new web.WebApp("orders", { name: "orders", resourceGroupName: "apps", serverFarmId: plan.id });
    const slot = new web.WebAppSlot("orders-staging", { name: "orders", slot: "staging", resourceGroupName: "apps", serverFarmId: plan.id });
    const integration = new RegionalVnetIntegration("int", { plan, virtualNetwork: vnet, subnet: { prefixLength: 27 }, apps: [app, slot] });

    expect(await value(integration.subnetId)).toBe("int-subnet_id");
    await Promise.all(integration.connections.map((c) => value(c.id)));
    expect(registered.find((r) => r.type === "azure-native:network:Subnet")!.inputs).toMatchObject({
        resourceGroupName: "net",
        virtualNetworkName: "hub",
        addressPrefix: "10.1.0.0/27",
    });
    expect(registered.find((r) => r.type === "azure-native:web:WebAppSwiftVirtualNetworkConnection")).toMatchObject({
        name: "int-orders",
        inputs: { name: "orders", resourceGroupName: "apps", subnetResourceId: "int-subnet_id" },
    });
    expect(registered.find((r) => r.type === "azure-native:web:WebAppSwiftVirtualNetworkConnectionSlot")).toMatchObject({
        name: "int-orders-staging",
        inputs: { name: "orders", slot: "staging", resourceGroupName: "apps", subnetResourceId: "int-subnet_id" },
    });
});

// A rule error found when values resolve fails through Pulumi's deliberate unhandled rejection,
// which ends a Jest worker: test/plan.test.ts asserts those programs in a process of their own.
