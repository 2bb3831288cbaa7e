/**
 * Gateway-required VNet Integration: a Windows Standard plan in West Europe whose two apps
 * reach a VNet in East US through the point-to-site gateway that VNet already runs (the case
 * users have today), and the same apps' staging slots through an existing gateway of another
 * team.
 *
 * Azure retires this form on 31 March 2027 and has not let gateways enable SSTP since
 * 31 March 2026: under the default limits profile (azure-2026) a new gateway is refused
 * (VNI-G17), so the apps adopt gateways that exist. `gatewayExample({ limits: "documented" })`
 * (`npm run plan -- gateway-documented`) shows the 2019 page's path instead: a new VNet and a
 * new gateway, which VNI-G17 only warns about under `documented`. VNI-G14 says so on every use.
 * See README, "Moving off gateway-required integration".
 */
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";
import { GatewayVnetIntegration, LimitsProfileName } from "../../components";

const SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-000000000000";

export function gatewayExample(options: { limits?: LimitsProfileName } = {}) {
    const group = new resources.ResourceGroup("gateway", { location: "westeurope" });

    const plan = new web.AppServicePlan("windows-apps", {
        resourceGroupName: group.name,
        location: "westeurope",
        sku: { name: "S1", tier: "Standard", capacity: 2 },
    });
    const apps = ["orders", "billing"].map(
        (name) => new web.WebApp(name, { resourceGroupName: group.name, location: "westeurope", serverFarmId: plan.id }),
    );

    const integration =
        options.limits === "documented"
            ? // The 2019 page's path: a new VNet and a new SSTP gateway (azure-2026 refuses it: VNI-G17).
              new GatewayVnetIntegration("remote-vnet", {
                  plan,
                  apps,
                  virtualNetwork: new network.VirtualNetwork("remote", {
                      resourceGroupName: group.name,
                      location: "eastus",
                      addressSpace: { addressPrefixes: ["10.50.0.0/16"] },
                      dhcpOptions: { dnsServers: ["10.50.0.4"] },
                  }),
                  gateway: { addressPool: ["172.16.201.0/24"] },
                  limits: "documented",
              })
            : // Today: the VNet's existing SSTP gateway; the component adds the apps' certificate to it.
              new GatewayVnetIntegration("remote-vnet", {
                  plan,
                  apps,
                  virtualNetwork: {
                      id: `${SUBSCRIPTION}/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/remote`,
                      name: "remote",
                      resourceGroupName: "network",
                      location: "eastus",
                      addressSpace: ["10.50.0.0/16"],
                      dnsServers: ["10.50.0.4"],
                  },
                  gateway: {
                      id: `${SUBSCRIPTION}/resourceGroups/network/providers/Microsoft.Network/virtualNetworkGateways/remote-gw`,
                      skuName: "VpnGw1AZ",
                      pointToSite: { addressPool: ["172.16.201.0/24"], protocols: ["SSTP"] },
                      gatewaySubnetPrefix: "10.50.255.0/27",
                  },
              });

    // Adopt: an existing SSTP gateway another team runs in its own VNet.
    const staging = apps.map((app, i) => new web.WebAppSlot(`${["orders", "billing"][i]}-staging`, { name: app.name, slot: "staging", resourceGroupName: group.name, location: "westeurope", serverFarmId: plan.id }));
    const shared = new GatewayVnetIntegration("shared-vnet", {
        plan,
        apps: staging,
        virtualNetwork: {
            id: `${SUBSCRIPTION}/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/shared`,
            name: "shared",
            resourceGroupName: "network",
            location: "northeurope",
            addressSpace: ["10.60.0.0/16"],
        },
        gateway: {
            id: `${SUBSCRIPTION}/resourceGroups/network/providers/Microsoft.Network/virtualNetworkGateways/shared-gw`,
            skuName: "VpnGw2AZ",
            pointToSite: { addressPool: ["172.16.202.0/24"], protocols: ["SSTP"] },
            gatewaySubnetPrefix: "10.60.255.0/27",
        },
        limits: options.limits,
    });

    return {
        gatewayId: integration.gatewayId,
        pointToSiteAddressPool: integration.pointToSiteAddressPool,
        certificateThumbprint: integration.certificateThumbprint,
        connections: integration.appConnections,
        adoptedGatewayConnections: shared.appConnections,
    };
}
