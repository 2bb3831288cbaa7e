/**
 * N regional integrations in one VNet, each a plan, an app created with the integration's site
 * arguments and one attached app: `mode: component` uses RegionalVnetIntegration, `mode: hand` declares
 * the same Azure resources (delegated subnet, swift connection, app arguments) by hand.
 */
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { RegionalVnetIntegration } from "../../../components";

const config = new pulumi.Config();
const mode = config.require("mode");
const count = config.requireNumber("count");
const location = "westeurope";
const group = new resources.ResourceGroup("bench", { location });
const vnet = new network.VirtualNetwork("hub", { resourceGroupName: group.name, location, addressSpace: { addressPrefixes: ["10.0.0.0/8"] } });

for (let i = 0; i < count; i++) {
    const plan = new web.AppServicePlan(`plan${i}`, { resourceGroupName: group.name, location, kind: "linux", reserved: true, sku: { name: "P1v3", tier: "PremiumV3", capacity: 1 } });
    if (mode === "component") {
        const integration = new RegionalVnetIntegration(`int${i}`, {
            plan,
            virtualNetwork: vnet,
            subnet: { addressPrefix: `10.${Math.floor(i / 8)}.${(i % 8) * 32}.0/27` },
            apps: [{ name: `attached${i}`, resourceGroupName: "bench-attached", location }],
        });
        new web.WebApp(`app${i}`, { resourceGroupName: group.name, location, serverFarmId: plan.id, ...integration.siteArgs });
    } else {
        const subnet = new network.Subnet(`int${i}-subnet`, {
            resourceGroupName: group.name,
            virtualNetworkName: vnet.name,
            addressPrefix: `10.${Math.floor(i / 8)}.${(i % 8) * 32}.0/27`,
            delegations: [{ name: "delegation", serviceName: "Microsoft.Web/serverFarms" }],
        }, { deleteBeforeReplace: true });
        new web.WebAppSwiftVirtualNetworkConnection(`int${i}-attached${i}`, { name: `attached${i}`, resourceGroupName: "bench-attached", subnetResourceId: subnet.id });
        new web.WebApp(`app${i}`, { resourceGroupName: group.name, location, serverFarmId: plan.id, virtualNetworkSubnetId: subnet.id });
    }
}
