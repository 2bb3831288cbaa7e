/**
 * What the examples expect Azure to hold before their first `pulumi up`: resources other stacks or teams
 * made (the regional example's billing app; the gateway example's VNets and SSTP gateways).
 */
import { AzureModel } from "../azure-standin/model";

export const SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-000000000000";

function group(model: AzureModel, name: string, location: string): string {
    const id = `${SUBSCRIPTION}/resourceGroups/${name}`;
    model.seed({ id, location, properties: { provisioningState: "Succeeded" } });
    return id;
}

/** The regional example attaches `billing-api`, an app of another team's stack, on a plan of its own. */
export function seedRegional(model: AzureModel): void {
    const rg = group(model, "billing-rg", "westeurope");
    const planId = `${rg}/providers/Microsoft.Web/serverfarms/billing-plan`;
    model.seed({ id: planId, location: "westeurope", kind: "linux", sku: { name: "P1v3", tier: "PremiumV3", capacity: 1 }, properties: { reserved: true } });
    model.seed({ id: `${rg}/providers/Microsoft.Web/sites/billing-api`, location: "westeurope", kind: "app,linux", properties: { serverFarmId: planId, siteConfig: {} } });
}

function vnetWithGateway(model: AzureModel, name: string, location: string, space: string, gatewaySubnet: string, skuName: string, pool: string): void {
    const rg = `${SUBSCRIPTION}/resourceGroups/network`;
    const vnet = `${rg}/providers/Microsoft.Network/virtualNetworks/${name}`;
    model.seed({ id: vnet, location, properties: { addressSpace: { addressPrefixes: [space] }, subnets: [], provisioningState: "Succeeded" } });
    const subnet = `${vnet}/subnets/GatewaySubnet`;
    model.seed({ id: subnet, properties: { addressPrefix: gatewaySubnet, provisioningState: "Succeeded" } });
    const ip = `${rg}/providers/Microsoft.Network/publicIPAddresses/${name}-gw-ip`;
    model.seed({ id: ip, location, sku: { name: "Standard" }, zones: ["1", "2", "3"], properties: { publicIPAllocationMethod: "Static" } });
    model.seed({
        id: `${rg}/providers/Microsoft.Network/virtualNetworkGateways/${name}-gw`,
        location,
        properties: {
            gatewayType: "Vpn",
            vpnType: "RouteBased",
            sku: { name: skuName, tier: skuName },
            ipConfigurations: [{ name: "default", properties: { subnet: { id: subnet }, publicIPAddress: { id: ip } } }],
            vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: [pool] }, vpnClientProtocols: ["SSTP"], vpnClientRootCertificates: [] },
            provisioningState: "Succeeded",
        },
    });
}

/** The gateway example adopts two VNets that already run SSTP gateways (the case users have today). */
export function seedGateway(model: AzureModel): void {
    group(model, "network", "eastus");
    vnetWithGateway(model, "remote", "eastus", "10.50.0.0/16", "10.50.255.0/27", "VpnGw1AZ", "172.16.201.0/24");
    vnetWithGateway(model, "shared", "northeurope", "10.60.0.0/16", "10.60.255.0/27", "VpnGw2AZ", "172.16.202.0/24");
}
