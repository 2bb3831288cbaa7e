/**
 * A consumer's program file for the package's command line (tools/consumer-check.sh):
 * `npx appservice-vnet-integration plan|migrate|doctor program.ts`, loaded through the
 * consumer's ts-node. Apps reaching an East US VNet through its existing SSTP gateway.
 */
import * as web from "@pulumi/azure-native/web";
import { GatewayVnetIntegration } from "appservice-vnet-integration";

const SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-000000000000";

export default function program() {
    const plan = new web.AppServicePlan("windows-apps", { resourceGroupName: "apps", location: "westeurope", sku: { name: "S1", tier: "Standard", capacity: 2 } });
    const app = new web.WebApp("orders", { name: "orders", resourceGroupName: "apps", location: "westeurope", serverFarmId: plan.id });
    const integration = new GatewayVnetIntegration("remote-vnet", {
        plan,
        apps: [app],
        virtualNetwork: {
            id: `${SUBSCRIPTION}/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/remote`,
            name: "remote",
            resourceGroupName: "network",
            location: "eastus",
            addressSpace: ["10.50.0.0/16"],
        },
        gateway: {
            id: `${SUBSCRIPTION}/resourceGroups/network/providers/Microsoft.Network/virtualNetworkGateways/remote-gw`,
            skuName: "VpnGw1AZ",
            pointToSite: { addressPool: ["172.16.201.0/24"], protocols: ["SSTP"] },
            gatewaySubnetPrefix: "10.50.255.0/27",
        },
    });
    return { gatewayId: integration.gatewayId };
}
