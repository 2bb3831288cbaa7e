/**
 * Variants of the examples for the engine suite, picked by config `variant`:
 * - `regional`: the regional example's shape with its own VNet, sized by config `maxInstances`
 *   (a change moves the allocated prefix: the subnet is replaced and the apps relinked);
 * - `regional-free`: the same on a Free plan (VNI-R01 at preview);
 * - `gateway-linux`: gateway integration for a Linux plan (Windows only: refused at preview);
 * - `peered-overlap`: a peer whose address space overlaps the hub's (refused at preview);
 * - `clashing-children`: two integrations whose children would share one URN (the library's check);
 * - `clashing-resources`: two raw resources of one type and name (the engine's own refusal).
 */
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { GatewayVnetIntegration, PeeredGatewayRoutes, RegionalVnetIntegration } from "../../../components";

const config = new pulumi.Config();
const variant = config.require("variant");
const location = "westeurope";
const group = new resources.ResourceGroup("variants", { location });

function regional(sku: { name: string; tier: string }) {
    const vnet = new network.VirtualNetwork("spoke", { resourceGroupName: group.name, location, addressSpace: { addressPrefixes: ["10.30.0.0/16"] } });
    const plan = new web.AppServicePlan("apps", { resourceGroupName: group.name, location, kind: "linux", reserved: true, sku: { ...sku, capacity: 1 } });
    // The app is attached by the component (form B, a swift connection it owns): a resize unlinks it first.
    // (An app created with siteArgs, form A, holds the subnet itself: see the README on resizing.)
    const app = new web.WebApp("orders", { resourceGroupName: group.name, location, serverFarmId: plan.id });
    const integration = new RegionalVnetIntegration("apps-vnet", { plan, virtualNetwork: vnet, apps: [app], maxInstances: config.getNumber("maxInstances") ?? 5 });
    return { subnetPrefix: integration.addressPrefix, subnetId: integration.subnetId, appId: app.id };
}

function windowsOrLinuxGateway(reserved: boolean) {
    const plan = new web.AppServicePlan("apps", { resourceGroupName: group.name, location, kind: reserved ? "linux" : "app", reserved, sku: { name: "S1", tier: "Standard", capacity: 1 } });
    const app = new web.WebApp("orders", { resourceGroupName: group.name, location, serverFarmId: plan.id });
    const vnet = new network.VirtualNetwork("remote", { resourceGroupName: group.name, location: "eastus", addressSpace: { addressPrefixes: ["10.50.0.0/16"] } });
    const integration = new GatewayVnetIntegration("remote-vnet", { plan, apps: [app], virtualNetwork: vnet, gateway: { addressPool: ["172.16.201.0/24"] }, limits: "documented" });
    return { gatewayId: integration.gatewayId };
}

function peeredOverlap() {
    const plan = new web.AppServicePlan("apps", { resourceGroupName: group.name, location, sku: { name: "S1", tier: "Standard", capacity: 1 } });
    const app = new web.WebApp("orders", { resourceGroupName: group.name, location, serverFarmId: plan.id });
    const hubVnet = new network.VirtualNetwork("hub", { resourceGroupName: group.name, location: "eastus", addressSpace: { addressPrefixes: ["10.50.0.0/16"] } });
    const hub = new GatewayVnetIntegration("hub-vnet", { plan, apps: [app], virtualNetwork: hubVnet, gateway: { addressPool: ["172.16.201.0/24"] }, limits: "documented" });
    const peer = new network.VirtualNetwork("data", { resourceGroupName: group.name, location: "eastus", addressSpace: { addressPrefixes: ["10.50.128.0/17"] } });
    new PeeredGatewayRoutes("hub-peers", { hub, peers: [{ virtualNetwork: peer, addressPrefixes: ["10.50.128.0/17"] }] });
    return {};
}

function clashingChildren() {
    const vnet = new network.VirtualNetwork("spoke", { resourceGroupName: group.name, location, addressSpace: { addressPrefixes: ["10.30.0.0/16"] } });
    const plan = new web.AppServicePlan("apps", { resourceGroupName: group.name, location, kind: "linux", reserved: true, sku: { name: "P1v3", tier: "PremiumV3", capacity: 1 } });
    // Child names are `<component>-<app>`: "a" with app "b-c" and "a-b" with app "c" both make "a-b-c".
    new RegionalVnetIntegration("a", { plan, virtualNetwork: vnet, apps: [{ name: "b-c", resourceGroupName: "other-rg", location }] });
    new RegionalVnetIntegration("a-b", { plan, virtualNetwork: vnet, apps: [{ name: "c", resourceGroupName: "other-rg", location }] });
    return {};
}

function clashingResources() {
    new network.VirtualNetwork("same", { resourceGroupName: group.name, location, addressSpace: { addressPrefixes: ["10.30.0.0/16"] } });
    new network.VirtualNetwork("same", { resourceGroupName: group.name, location, addressSpace: { addressPrefixes: ["10.31.0.0/16"] } });
    return {};
}

const programs: Record<string, () => Record<string, unknown>> = {
    regional: () => regional({ name: "P1v3", tier: "PremiumV3" }),
    "regional-free": () => regional({ name: "F1", tier: "Free" }),
    "gateway-linux": () => windowsOrLinuxGateway(true),
    "peered-overlap": peeredOverlap,
    "clashing-children": clashingChildren,
    "clashing-resources": clashingResources,
};
const program = programs[variant];
if (!program) throw new Error(`unknown variant ${variant}: one of ${Object.keys(programs).join(", ")}`);
export = program();
