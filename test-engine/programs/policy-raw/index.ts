/**
 * Raw azure-native programs, written as a user of any language writes them (no components), for
 * `pulumi preview --policy-pack policy-pack`. Config `variant` picks one:
 * - `free-29`: a Free plan whose app integrates into a /29 subnet without delegation (VNI-R01, VNI-R02, VNI-R13);
 * - `fixed`: the same, done right (P1v3 plan, delegated /26); 30 instances leave no room to scale (VNI-R03 warning, advisory);
 * - `remote-no-gateway`: a peering that uses remote gateways towards a VNet without a gateway;
 * - `remote-no-transit`: the same towards a VNet with a gateway whose peering back does not allow transit.
 */
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const variant = config.require("variant");
const location = "westeurope";
const resourceGroupName = "policy-rg";
new resources.ResourceGroup("policy", { resourceGroupName, location });

function regional(fixed: boolean) {
    const vnet = new network.VirtualNetwork("spoke", { virtualNetworkName: "spoke", resourceGroupName, location, addressSpace: { addressPrefixes: ["10.40.0.0/16"] } });
    const subnet = new network.Subnet("apps", {
        subnetName: "apps",
        virtualNetworkName: vnet.name,
        resourceGroupName,
        addressPrefix: fixed ? "10.40.1.0/26" : "10.40.1.0/29",
        delegations: fixed ? [{ name: "web", serviceName: "Microsoft.Web/serverFarms" }] : [],
    });
    const sku = fixed ? { name: "P1v3", tier: "PremiumV3", capacity: 30 } : { name: "F1", tier: "Free", capacity: 1 };
    const plan = new web.AppServicePlan("apps", { name: "apps-plan", resourceGroupName, location, kind: "linux", reserved: true, sku });
    const app = new web.WebApp("orders", { name: "orders", resourceGroupName, location, serverFarmId: plan.id, virtualNetworkSubnetId: subnet.id });
    return { appId: app.id };
}

function remoteGateways(hubHasGateway: boolean) {
    const hub = new network.VirtualNetwork("hub", { virtualNetworkName: "hub", resourceGroupName, location, addressSpace: { addressPrefixes: ["10.50.0.0/16"] } });
    const spoke = new network.VirtualNetwork("spoke", { virtualNetworkName: "spoke", resourceGroupName, location, addressSpace: { addressPrefixes: ["10.60.0.0/16"] } });
    if (hubHasGateway) {
        const gatewaySubnet = new network.Subnet("gateway", { subnetName: "GatewaySubnet", virtualNetworkName: hub.name, resourceGroupName, addressPrefix: "10.50.255.0/27" });
        const ip = new network.PublicIPAddress("hub-gw-ip", { publicIpAddressName: "hub-gw-ip", resourceGroupName, location, sku: { name: "Standard" }, publicIPAllocationMethod: "Static" });
        new network.VirtualNetworkGateway("hub-gw", {
            virtualNetworkGatewayName: "hub-gw",
            resourceGroupName,
            location,
            gatewayType: "Vpn",
            vpnType: "RouteBased",
            sku: { name: "VpnGw1AZ", tier: "VpnGw1AZ" },
            ipConfigurations: [{ name: "default", subnet: { id: gatewaySubnet.id }, publicIPAddress: { id: ip.id } }],
        });
    }
    new network.VirtualNetworkPeering("hub-to-spoke", {
        virtualNetworkPeeringName: "hub-to-spoke",
        virtualNetworkName: hub.name,
        resourceGroupName,
        remoteVirtualNetwork: { id: spoke.id },
        allowVirtualNetworkAccess: true,
        allowForwardedTraffic: true,
        allowGatewayTransit: false,
    });
    new network.VirtualNetworkPeering("spoke-to-hub", {
        virtualNetworkPeeringName: "spoke-to-hub",
        virtualNetworkName: spoke.name,
        resourceGroupName,
        remoteVirtualNetwork: { id: hub.id },
        allowVirtualNetworkAccess: true,
        allowForwardedTraffic: true,
        useRemoteGateways: true,
    });
    return {};
}

const programs: Record<string, () => Record<string, unknown>> = {
    "free-29": () => regional(false),
    fixed: () => regional(true),
    "remote-no-gateway": () => remoteGateways(false),
    "remote-no-transit": () => remoteGateways(true),
};
const program = programs[variant];
if (!program) throw new Error(`unknown variant ${variant}: one of ${Object.keys(programs).join(", ")}`);
export = program();
