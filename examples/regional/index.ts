/**
 * Regional VNet Integration: a Linux Premium v3 plan whose two apps reach a VNet in the same
 * region through a delegated subnet allocated for the plan's scale.
 *
 * - `orders` is created here and integrated through its own arguments (form A: `siteArgs`).
 * - `billing` exists already (made by another team's stack) and is attached by the
 *   component (form B: a swift connection).
 */
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";
import { RegionalVnetIntegration } from "../../components";

export function regionalExample() {
    const location = "westeurope";
    const group = new resources.ResourceGroup("regional", { location });

    const vnet = new network.VirtualNetwork("hub", {
        resourceGroupName: group.name,
        location,
        addressSpace: { addressPrefixes: ["10.20.0.0/16"] },
        dhcpOptions: { dnsServers: ["10.20.0.4", "10.20.0.5"] },
    });

    const plan = new web.AppServicePlan("apps", {
        resourceGroupName: group.name,
        location,
        kind: "linux",
        reserved: true,
        sku: { name: "P1v3", tier: "PremiumV3", capacity: 3 },
    });

    const integration = new RegionalVnetIntegration("apps-vnet", {
        plan,
        virtualNetwork: vnet,
        // Subnets other stacks made in this VNet: allocation steps around them.
        reservedAddressPrefixes: ["10.20.0.0/24"],
        subnet: { serviceEndpoints: ["Microsoft.Storage"] },
        maxInstances: 10,
        // Attached (form B): the component's routing does not reach it (VNI-R08 warns); its owners
        // set its outboundVnetRouting, and may declare it here as routing: { ... }.
        apps: [{ name: "billing-api", resourceGroupName: "billing-rg", location }],
        routing: { applicationTraffic: true },
    });

    const orders = new web.WebApp("orders", {
        resourceGroupName: group.name,
        location,
        serverFarmId: plan.id,
        siteConfig: { linuxFxVersion: "NODE|20-lts" },
        ...integration.siteArgs,
    });

    return {
        subnetId: integration.subnetId,
        subnetPrefix: integration.addressPrefix,
        maxSupportedInstances: integration.maxSupportedInstances,
        ordersId: orders.id,
    };
}
