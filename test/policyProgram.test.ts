/**
 * The bridge from a program to the offline policy harness (`validateProgramOffline`): a raw
 * program, none of the components, gets the rules' errors from the pack; a program built with
 * the components passes it; at a new stack's preview an unknown value is the SDK's unknown.
 */
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";
import { OfflineReport, policyResources, UNKNOWN, validateProgramOffline } from "../components/policy";
import { scenarios } from "../examples/scenarios";

const mandatory = (reports: OfflineReport[]) => reports.filter((r) => r.enforcementLevel === "mandatory").map((r) => r.message.slice(0, 7));

/** Regional integration by hand, in a resource group of its own, with a /29 subnet: too small under any profile. */
function rawProgram(): void {
    const group = new resources.ResourceGroup("apps", { location: "westeurope" });
    const vnet = new network.VirtualNetwork("hub", { resourceGroupName: group.name, location: "westeurope", addressSpace: { addressPrefixes: ["10.20.0.0/16"] } });
    const subnet = new network.Subnet("apps", {
        resourceGroupName: group.name,
        virtualNetworkName: vnet.name,
        addressPrefix: "10.20.1.0/29",
        delegations: [{ name: "delegation", serviceName: "Microsoft.Web/serverFarms" }],
    });
    const plan = new web.AppServicePlan("apps", { resourceGroupName: group.name, location: "westeurope", kind: "linux", reserved: true, sku: { name: "P1v3", tier: "PremiumV3", capacity: 3 } });
    new web.WebApp("orders", { resourceGroupName: group.name, location: "westeurope", serverFarmId: plan.id, virtualNetworkSubnetId: subnet.id });
}

test("a raw program's rule errors come from the pack at up", async () => {
    const { run, reports } = await validateProgramOffline(rawProgram);
    expect(run.errors).toEqual([]);
    expect(mandatory(reports)).toEqual(["VNI-R02"]); // a /29 is below the /28 azure-2026 allows
    expect(reports.find((r) => r.message.startsWith("VNI-R02"))!.message).toContain("10.20.1.0/29");
});

test("at a new stack's preview, values only Azure knows are the policy SDK's unknowns, and nothing is guessed", async () => {
    const { run, reports } = await validateProgramOffline(rawProgram, { mode: "preview" });
    const app = policyResources(run).find((r) => r.type === "azure-native:web:WebApp")!;
    expect(() => app.props.virtualNetworkSubnetId).toThrow(/can't be known during preview/);
    const raw = run.mocks.registrations.find((r) => r.type === "azure-native:web:WebApp")!;
    expect(raw.inputs.virtualNetworkSubnetId).not.toBe(UNKNOWN.string); // the marker is the bridge's doing
    expect(mandatory(reports)).toEqual([]); // no false error while the join is unknown
});

test.each(["regional", "gateway"])("the %s example, built with the components, passes the pack through the bridge", async (name) => {
    const { run, reports } = await validateProgramOffline(scenarios[name], { config: {} });
    expect(run.errors).toEqual([]);
    expect(mandatory(reports)).toEqual([]);
});
