/**
 * Peering on top of gateway-required integration: the Windows apps of a West Europe plan reach
 * a hub VNet in East US through its point-to-site gateway, and through the hub two peers, one
 * in East US and one in North Europe. Both peerings per peer carry the documented flags; each
 * peer prefix becomes one static route on the plan's VNet integration; an on-premises range
 * reached through the hub is one more route.
 */
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";
import { GatewayVnetIntegration, PeeredGatewayRoutes } from "../../components";

export function peeredExample() {
    const group = new resources.ResourceGroup("peered", { location: "westeurope" });
    const plan = new web.AppServicePlan("windows-apps", { resourceGroupName: group.name, location: "westeurope", sku: { name: "S1", tier: "Standard" } });
    const app = new web.WebApp("orders", { resourceGroupName: group.name, location: "westeurope", serverFarmId: plan.id });

    const hubVnet = new network.VirtualNetwork("hub", { resourceGroupName: group.name, location: "eastus", addressSpace: { addressPrefixes: ["10.50.0.0/16"] } });
    // The hub also reaches an on-premises range over its site-to-site connection.
    const hub = new GatewayVnetIntegration("hub-vnet", {
        plan,
        apps: [app],
        virtualNetwork: hubVnet,
        gateway: { addressPool: ["172.16.201.0/24"] },
        onPremises: { prefixes: ["192.168.10.0/24"] },
        // A new SSTP gateway is the 2019 page's path: azure-2026 (the default) refuses it (VNI-G17).
        // On today's Azure adopt the hub's gateway: gateway: { id, skuName, pointToSite, gatewaySubnetPrefix }.
        limits: "documented",
    });

    // Peers with their prefixes as plain values: one route each, named after the prefix.
    const peers = [
        { name: "data", location: "eastus", prefixes: ["10.60.0.0/16"] },
        { name: "legacy", location: "northeurope", prefixes: ["10.70.0.0/20", "10.70.16.0/20"] },
    ].map((p) => ({
        virtualNetwork: new network.VirtualNetwork(p.name, { resourceGroupName: group.name, location: p.location, addressSpace: { addressPrefixes: p.prefixes } }),
        addressPrefixes: p.prefixes,
    }));

    const routes = new PeeredGatewayRoutes("hub-peers", {
        hub,
        peers,
        routes: [{ startAddress: "192.168.10.0", endAddress: "192.168.10.255" }],
    });

    return { routedRanges: routes.routedRanges, gatewayId: hub.gatewayId };
}
