/**
 * The pack over raw peerings that use remote gateways, with or without App Service: Azure refuses
 * `useRemoteGateways: true` towards a VNet without a gateway, or whose peering back does not allow
 * gateway transit, or from a VNet that has a gateway of its own.
 */
import { offlineResource, OfflineReport, policies, validateStackOffline } from "../components/policy";

const RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers";
const vnetId = (vnet: string) => `${RG}/Microsoft.Network/virtualNetworks/${vnet}`;

function stack(opts: { hubGateway: boolean; spokeGateway?: boolean; transit: boolean; peeringBack?: boolean }) {
    const vnet = (name: string, space: string) => offlineResource({ type: "azure-native:network:VirtualNetwork", name, props: { virtualNetworkName: name, resourceGroupName: "rg", location: "westeurope", addressSpace: { addressPrefixes: [space] } } });
    const gateway = (vnetName: string, prefix: string) => [
        offlineResource({ type: "azure-native:network:Subnet", name: `${vnetName}-gw-subnet`, props: { subnetName: "GatewaySubnet", virtualNetworkName: vnetName, resourceGroupName: "rg", addressPrefix: prefix } }),
        offlineResource({
            type: "azure-native:network:VirtualNetworkGateway",
            name: `${vnetName}-gw`,
            props: {
                virtualNetworkGatewayName: `${vnetName}-gw`,
                resourceGroupName: "rg",
                location: "westeurope",
                gatewayType: "Vpn",
                vpnType: "RouteBased",
                sku: { name: "VpnGw1AZ", tier: "VpnGw1AZ" },
                ipConfigurations: [{ name: "default", subnet: { id: `${vnetId(vnetName)}/subnets/GatewaySubnet` } }],
            },
        }),
    ];
    const peering = (from: string, to: string, flags: Record<string, boolean>) =>
        offlineResource({
            type: "azure-native:network:VirtualNetworkPeering",
            name: `${from}-to-${to}`,
            props: { virtualNetworkPeeringName: `${from}-to-${to}`, virtualNetworkName: from, resourceGroupName: "rg", remoteVirtualNetwork: { id: vnetId(to) }, allowVirtualNetworkAccess: true, allowForwardedTraffic: true, ...flags },
        });
    return [
        vnet("hub", "10.50.0.0/16"),
        vnet("spoke", "10.60.0.0/16"),
        ...(opts.hubGateway ? gateway("hub", "10.50.255.0/27") : []),
        ...(opts.spokeGateway ? gateway("spoke", "10.60.255.0/27") : []),
        ...(opts.peeringBack === false ? [] : [peering("hub", "spoke", { allowGatewayTransit: opts.transit, useRemoteGateways: false })]),
        peering("spoke", "hub", { allowGatewayTransit: false, useRemoteGateways: true }),
    ];
}

const mandatory = async (resources: ReturnType<typeof stack>): Promise<OfflineReport[]> =>
    (await validateStackOffline(policies, resources, Object.fromEntries(policies.map((p) => [p.name, { limits: "documented" }])))).filter((r) => r.enforcementLevel === "mandatory");

test("a hub with a gateway that allows transit: the spoke may use remote gateways", async () => {
    expect(await mandatory(stack({ hubGateway: true, transit: true }))).toEqual([]);
});

test("the other side has no gateway: VNI-P05, saying to create the gateway first or drop useRemoteGateways", async () => {
    const reports = await mandatory(stack({ hubGateway: false, transit: true }));
    expect(reports.map((r) => r.message)).toEqual([expect.stringMatching(/^VNI-P05 .*spoke-to-hub of spoke uses remote gateways, but hub has no gateway.*Fix: create the gateway in hub first/)]);
    expect(reports[0].urn).toMatch(/spoke-to-hub$/);
});

test("the other side does not allow gateway transit: VNI-P01, naming the peering to change", async () => {
    const reports = await mandatory(stack({ hubGateway: true, transit: false }));
    expect(reports.map((r) => r.message)).toEqual([expect.stringMatching(/^VNI-P01 .*does not allow gateway transit.*Fix: set allowGatewayTransit to true on the peering from hub/)]);
});

test("the VNet that uses remote gateways has a gateway of its own: VNI-P05", async () => {
    const reports = await mandatory(stack({ hubGateway: true, spokeGateway: true, transit: true }));
    expect(reports.map((r) => r.message)).toEqual([expect.stringMatching(/^VNI-P05 .*spoke has a gateway of its own/)]);
});

test("no peering back declared in the stack: only the gateway is judged, not the transit flag", async () => {
    expect(await mandatory(stack({ hubGateway: true, transit: false, peeringBack: false }))).toEqual([]);
});
