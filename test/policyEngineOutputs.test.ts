/**
 * Under the engine a stack policy reads each resource's outputs (no resourceGroupName, no
 * virtualNetworkName), and at a new stack's preview every output the program did not set is
 * unknown. These stacks are what the engine handed the pack for test-engine/programs/policy-raw
 * (`free-29` and `fixed`) at a new stack's preview, trimmed to what the pack reads.
 */
import { dependsOn, offlineResource, OfflineReport, policies, UNKNOWN, validateStackOffline } from "../components/policy";

function previewOutputs(fixed: boolean) {
    const u = UNKNOWN.string;
    const vnet = offlineResource({
        type: "azure-native:network:VirtualNetwork",
        name: "spoke",
        props: { addressSpace: { addressPrefixes: ["10.40.0.0/16"] }, location: "westeurope", name: u, id: u, dhcpOptions: UNKNOWN.object, subnets: UNKNOWN.array, etag: u },
    });
    const subnet = dependsOn(
        offlineResource({
            type: "azure-native:network:Subnet",
            name: "apps",
            props: { addressPrefix: fixed ? "10.40.1.0/26" : "10.40.1.0/29", delegations: fixed ? [{ name: "web", serviceName: "Microsoft.Web/serverFarms" }] : [], name: u, id: u, routeTable: UNKNOWN.object },
        }),
        "virtualNetworkName",
        vnet,
    );
    const plan = offlineResource({
        type: "azure-native:web:AppServicePlan",
        name: "apps",
        props: { kind: "linux", location: "westeurope", name: "apps-plan", reserved: true, sku: fixed ? { name: "P1v3", tier: "PremiumV3", capacity: 3 } : { name: "F1", tier: "Free", capacity: 1 }, id: u },
    });
    const app = offlineResource({
        type: "azure-native:web:WebApp",
        name: "orders",
        props: { location: "westeurope", name: "orders", id: u, serverFarmId: u, virtualNetworkSubnetId: u, siteConfig: UNKNOWN.object, dnsConfiguration: UNKNOWN.object, resourceGroup: u, kind: u },
    });
    dependsOn(app, "serverFarmId", plan);
    dependsOn(app, "virtualNetworkSubnetId", subnet);
    return [app, vnet, plan, subnet];
}

const run = (resources: ReturnType<typeof previewOutputs>): Promise<OfflineReport[]> => validateStackOffline(policies, resources, {});
const codes = (reports: OfflineReport[]) => [...new Set(reports.filter((r) => r.enforcementLevel === "mandatory").map((r) => r.message.slice(0, 7)))].sort();

test("a Free plan in a /29 without delegation fails on VNI-R01, VNI-R02 and VNI-R13, each against its resource", async () => {
    const reports = await run(previewOutputs(false));
    expect(codes(reports)).toEqual(["VNI-R01", "VNI-R02", "VNI-R13"]);
    expect(reports.find((r) => r.message.startsWith("VNI-R13"))!.urn).toMatch(/Subnet::apps$/);
    expect(reports.find((r) => r.message.startsWith("VNI-R01"))!.message).toMatch(/Fix: /);
});

test("the same stack done right: nothing mandatory, and no regional policy waits for `up`", async () => {
    const reports = await run(previewOutputs(true));
    expect(codes(reports)).toEqual([]);
    expect(reports.filter((r) => /can't run/.test(r.message)).map((r) => r.policy)).toEqual([]);
});

test("a property the program feeds from another resource stays unknown: the rules that read it wait", async () => {
    const resources = previewOutputs(false);
    const [, vnet] = resources;
    // dhcpOptions fed from an unknown output of another resource: the VNet's DNS servers are not known at preview.
    const dns = offlineResource({ type: "azure-native:network:PrivateDnsResolver", name: "dns", props: {} });
    dependsOn(vnet, "dhcpOptions", dns);
    const reports = await run([...resources, dns] as ReturnType<typeof previewOutputs>);
    expect(reports.some((r) => /can't run/.test(r.message))).toBe(true);
    expect(codes(reports)).toContain("VNI-R01");
});
