import * as network from "@pulumi/azure-native/network";
import { ExistingVirtualNetwork, GatewayVnetIntegration, PeeredGatewayRoutes, PeerInput, RegionalVnetIntegration } from "../components";
import { runChecked } from "./support/run";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups";
const vnet = (name: string, location: string, space: string[]): ExistingVirtualNetwork => ({
    id: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/${name}`,
    name,
    resourceGroupName: "net",
    location,
    addressSpace: space,
});
const PLAN = { id: `${SUB}/apps/providers/Microsoft.Web/serverfarms/win`, location: "westeurope", sku: { name: "S1" } };
const PEERING = "azure-native:network:VirtualNetworkPeering";
const ROUTE = "azure-native:web:AppServicePlanRouteForVnet";

function gatewayHubProgram(peers: PeerInput[], routes: { cidr: string }[] = []) {
    return () => {
        const hub = new GatewayVnetIntegration("hub", {
            plan: PLAN,
            apps: [{ name: "orders", resourceGroupName: "apps" }],
            virtualNetwork: vnet("hub", "eastus", ["10.50.0.0/16"]),
            gateway: { addressPool: ["172.16.201.0/24"] },
            limits: "documented", // a new gateway: azure-2026 refuses it (VNI-G17)
        });
        new PeeredGatewayRoutes("peers", { hub, peers, routes });
    };
}

test("both peerings per peer with the documented flags, the peer side after the gateway", async () => {
    const run = await runChecked(gatewayHubProgram([{ virtualNetwork: vnet("data", "northeurope", ["10.60.0.0/16"]) }]));
    expect(run.errors).toEqual([]);
    const [hubToPeer, peerToHub] = run.resources.filter((r) => r.type === PEERING);
    expect(hubToPeer).toMatchObject({
        name: "peers-data-hub-to-peer",
        inputs: { virtualNetworkName: "hub", virtualNetworkPeeringName: "to-data", remoteVirtualNetwork: { id: vnet("data", "", []).id }, allowVirtualNetworkAccess: true, allowForwardedTraffic: true, allowGatewayTransit: true, useRemoteGateways: false },
    });
    expect(peerToHub).toMatchObject({
        name: "peers-data-peer-to-hub",
        dependsOn: ["hub-orders", "hub-gateway", "peers-data-hub-to-peer"],
        inputs: { virtualNetworkName: "data", virtualNetworkPeeringName: "to-hub", allowVirtualNetworkAccess: true, allowForwardedTraffic: true, allowGatewayTransit: false, useRemoteGateways: true },
    });
});

test("one static route per peer prefix, after the app connection, plus declared routes", async () => {
    const run = await runChecked(gatewayHubProgram([{ virtualNetwork: vnet("legacy", "eastus", ["10.70.0.0/20", "10.70.16.0/20"]) }], [{ cidr: "192.168.10.0/24" }]));
    const routes = run.resources.filter((r) => r.type === ROUTE);
    expect(routes.map((r) => [r.name, r.inputs.startAddress, r.inputs.endAddress])).toEqual([
        ["peers-legacy-10-70-0-0-20", "10.70.0.0/20", undefined],
        ["peers-legacy-10-70-16-0-20", "10.70.16.0/20", undefined],
        ["peers-route-192-168-10-0-24", "192.168.10.0/24", undefined],
    ]);
    expect(routes[0]).toMatchObject({ dependsOn: ["hub-orders", "hub-gateway"], inputs: { name: "win", resourceGroupName: "apps", vnetName: "hub", routeName: "legacy-10-70-0-0-20", routeType: "STATIC" } });
});

test("a prefix added or removed changes only its own route; nothing else differs", async () => {
    const before = await runChecked(gatewayHubProgram([{ virtualNetwork: vnet("legacy", "eastus", ["10.70.0.0/20", "10.70.16.0/20"]) }]));
    const after = await runChecked(gatewayHubProgram([{ virtualNetwork: vnet("legacy", "eastus", ["10.70.0.0/20", "10.70.32.0/20"]) }]));
    const byName = (run: typeof before) => new Map(run.mocks.registrations.map((r) => [`${r.type}::${r.name}`, JSON.stringify(r.inputs)]));
    const [a, b] = [byName(before), byName(after)];
    const removed = [...a.keys()].filter((k) => !b.has(k));
    const added = [...b.keys()].filter((k) => !a.has(k));
    const changed = [...a.keys()].filter((k) => b.has(k) && a.get(k) !== b.get(k));
    expect(removed).toEqual([`${ROUTE}::peers-legacy-10-70-16-0-20`]);
    expect(added).toEqual([`${ROUTE}::peers-legacy-10-70-32-0-20`]);
    expect(changed).toEqual([]);
});

test("a regional hub gets plain peerings and no routes", async () => {
    const run = await runChecked(() => {
        const hub = new RegionalVnetIntegration("regional", { plan: { ...PLAN, sku: { name: "P1v3" } }, virtualNetwork: vnet("local", "westeurope", ["10.1.0.0/16"]), subnet: { addressPrefix: "10.1.0.0/26" } });
        new PeeredGatewayRoutes("peers", { hub, peers: [{ virtualNetwork: vnet("data", "westeurope", ["10.60.0.0/16"]) }] });
    });
    expect(run.errors).toEqual([]);
    expect(run.mocks.ofType(ROUTE)).toEqual([]);
    expect(run.mocks.ofType(PEERING).map((p) => [p.inputs.allowGatewayTransit, p.inputs.useRemoteGateways])).toEqual([
        [false, false],
        [false, false],
    ]);
});

test("a peer resource without plain prefixes is refused with how to fix it", async () => {
    await runChecked(() => {
        const hub = new GatewayVnetIntegration("hub", { plan: PLAN, apps: [], virtualNetwork: vnet("hub", "eastus", ["10.50.0.0/16"]), gateway: { addressPool: ["172.16.201.0/24"] }, limits: "documented" });
        const data = new network.VirtualNetwork("data", { resourceGroupName: "net", location: "eastus", addressSpace: { addressPrefixes: ["10.60.0.0/16"] } });
        expect(() => new PeeredGatewayRoutes("peers", { hub, peers: [{ virtualNetwork: data }] })).toThrow(/peer data needs its address prefixes as plain values.*give addressPrefixes/);
    });
});

test("two PeeredGatewayRoutes on one hub never create one hub-side peering name for two peers (issue 17)", async () => {
    const spoke = (resourceGroupName: string, space: string): ExistingVirtualNetwork => ({
        ...vnet("spoke", "westeurope", [space]),
        id: `${SUB}/${resourceGroupName}/providers/Microsoft.Network/virtualNetworks/spoke`,
        resourceGroupName,
    });
    const run = await runChecked(() => {
        const hub = new RegionalVnetIntegration("regional", { plan: { ...PLAN, sku: { name: "P1v3" } }, virtualNetwork: vnet("local", "westeurope", ["10.1.0.0/16"]), subnet: { addressPrefix: "10.1.0.0/26" } });
        new PeeredGatewayRoutes("first", { hub, peers: [{ virtualNetwork: spoke("team-a", "10.80.0.0/16") }] });
        new PeeredGatewayRoutes("second", { hub, peers: [{ virtualNetwork: spoke("team-b", "10.81.0.0/16") }] });
    });
    expect(run.errors).toEqual([]);
    const hubSide = run.resources.filter((r) => r.type === PEERING && r.inputs.virtualNetworkName === "local");
    expect(hubSide.map((r) => [r.name, r.inputs.virtualNetworkPeeringName])).toEqual([
        ["first-spoke-hub-to-peer", "to-spoke"],
        ["second-spoke-hub-to-peer", "to-spoke-team-b"],
    ]);
});
