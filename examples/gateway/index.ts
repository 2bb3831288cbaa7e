/**
 * Gateway-required VNet Integration: a Windows Standard plan in West Europe whose two apps
 * reach a VNet in East US through a new point-to-site gateway; and the same apps' staging
 * slots connected through an existing gateway of another team (the adopt variant).
 *
 * Azure retires this form on 31 March 2027 and no longer lets new gateways enable SSTP:
 * VNI-G14 says so on every use. See README, "Moving off gateway-required integration".
 */
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";
import { GatewayVnetIntegration } from "../../components";

export function gatewayExample() {
    const group = new resources.ResourceGroup("gateway", { location: "westeurope" });

    const plan = new web.AppServicePlan("windows-apps", {
        resourceGroupName: group.name,
        location: "westeurope",
        sku: { name: "S1", tier: "Standard", capacity: 2 },
    });
    const apps = ["orders", "billing"].map(
        (name) => new web.WebApp(name, { resourceGroupName: group.name, location: "westeurope", serverFarmId: plan.id }),
    );

    const remote = new network.VirtualNetwork("remote", {
        resourceGroupName: group.name,
        location: "eastus",
        addressSpace: { addressPrefixes: ["10.50.0.0/16"] },
        dhcpOptions: { dnsServers: ["10.50.0.4"] },
    });

    const integration = new GatewayVnetIntegration("remote-vnet", {
        plan,
        apps,
        virtualNetwork: remote,
        gateway: { addressPool: ["172.16.201.0/24"] },
    });

    // Adopt: an existing SSTP gateway another team runs in its own VNet.
    const staging = apps.map((app, i) => new web.WebAppSlot(`${["orders", "billing"][i]}-staging`, { name: app.name, slot: "staging", resourceGroupName: group.name, location: "westeurope", serverFarmId: plan.id }));
    const shared = new GatewayVnetIntegration("shared-vnet", {
        plan,
        apps: staging,
        virtualNetwork: {
            id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/shared",
            name: "shared",
            resourceGroupName: "network",
            location: "northeurope",
            addressSpace: ["10.60.0.0/16"],
        },
        gateway: {
            id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/network/providers/Microsoft.Network/virtualNetworkGateways/shared-gw",
            skuName: "VpnGw2AZ",
            pointToSite: { addressPool: ["172.16.202.0/24"], protocols: ["SSTP"] },
            gatewaySubnetPrefix: "10.60.255.0/27",
        },
    });

    return {
        gatewayId: integration.gatewayId,
        pointToSiteAddressPool: integration.pointToSiteAddressPool,
        certificateThumbprint: integration.certificateThumbprint,
        connections: integration.appConnections,
        adoptedGatewayConnections: shared.appConnections,
    };
}
