/**
 * What exists in Azure before the examples run: the resources they adopt (another team's app,
 * the SSTP gateways made before 31 March 2026). Seeded as a person would have made them, so no
 * refusal applies (SSTP was still allowed then). Idempotent: seeding twice changes nothing.
 */
import { AzureModel, type ArmResource } from "./model";

export const EXAMPLE_SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-000000000000";

/** An existing SSTP gateway (with its VNet, GatewaySubnet and zonal public IP) in resource group `network`. */
function seedGatewayVnet(model: AzureModel, name: string, location: string, space: string, gatewaySubnet: string, sku: string, pool: string, dnsServers?: string[]): void {
    const group = `${EXAMPLE_SUBSCRIPTION}/resourceGroups/network`;
    const vnet = `${group}/providers/Microsoft.Network/virtualNetworks/${name}`;
    const ip = `${group}/providers/Microsoft.Network/publicIPAddresses/${name}-gw-ip`;
    const gateway = `${group}/providers/Microsoft.Network/virtualNetworkGateways/${name}-gw`;
    model.seed({ id: vnet, location, properties: { addressSpace: { addressPrefixes: [space] }, ...(dnsServers ? { dhcpOptions: { dnsServers } } : {}) } });
    model.seed({ id: `${vnet}/subnets/GatewaySubnet`, properties: { addressPrefix: gatewaySubnet } });
    model.seed({ id: ip, location, sku: { name: "Standard", tier: "Regional" }, zones: ["1", "2", "3"], properties: { publicIPAllocationMethod: "Static", publicIPAddressVersion: "IPv4", ipAddress: "20.1.2.3" } });
    model.seed({
        id: gateway,
        location,
        properties: {
            gatewayType: "Vpn",
            vpnType: "RouteBased",
            sku: { name: sku, tier: sku },
            enableBgp: false,
            activeActive: false,
            ipConfigurations: [{ name: "default", id: `${gateway}/ipConfigurations/default`, properties: { privateIPAllocationMethod: "Dynamic", subnet: { id: `${vnet}/subnets/GatewaySubnet` }, publicIPAddress: { id: ip } } }],
            vpnClientConfiguration: {
                vpnClientAddressPool: { addressPrefixes: [pool] },
                vpnClientProtocols: ["SSTP"],
                vpnAuthenticationTypes: ["Certificate"],
                // The team's own certificate: the component must keep it.
                vpnClientRootCertificates: [{ name: "network-team", id: `${gateway}/vpnClientRootCertificates/network-team`, properties: { publicCertData: "TkVUV09SSy1URUFNLUNFUlQ=" } }],
            },
        },
    });
}

/** Seeds what the examples adopt; returns the ids seeded. */
export function seedExamples(model: AzureModel): string[] {
    const before = new Set(model.ids().map((id) => id.toLowerCase()));
    const put = (resource: Parameters<AzureModel["seed"]>[0]) => {
        if (!model.get(resource.id)) model.seed(resource);
    };
    // regional: billing-api, another team's app (its own plan) in billing-rg.
    const billing = `${EXAMPLE_SUBSCRIPTION}/resourceGroups/billing-rg`;
    put({ id: billing, location: "westeurope", properties: {} });
    put({ id: `${billing}/providers/Microsoft.Web/serverfarms/billing-plan`, location: "westeurope", kind: "linux", sku: { name: "P1v3", tier: "PremiumV3", capacity: 2 }, properties: { reserved: true, status: "Ready" } });
    put({ id: `${billing}/providers/Microsoft.Web/sites/billing-api`, location: "westeurope", kind: "app,linux", properties: { serverFarmId: `${billing}/providers/Microsoft.Web/serverfarms/billing-plan`, state: "Running", defaultHostName: "billing-api.azurewebsites.net" } });
    // gateway: the VNets whose SSTP gateways the apps adopt.
    put({ id: `${EXAMPLE_SUBSCRIPTION}/resourceGroups/network`, location: "westeurope", properties: {} });
    if (!model.get(`${EXAMPLE_SUBSCRIPTION}/resourceGroups/network/providers/Microsoft.Network/virtualNetworkGateways/remote-gw`)) {
        seedGatewayVnet(model, "remote", "eastus", "10.50.0.0/16", "10.50.255.0/27", "VpnGw1AZ", "172.16.201.0/24", ["10.50.0.4"]);
    }
    if (!model.get(`${EXAMPLE_SUBSCRIPTION}/resourceGroups/network/providers/Microsoft.Network/virtualNetworkGateways/shared-gw`)) {
        seedGatewayVnet(model, "shared", "northeurope", "10.60.0.0/16", "10.60.255.0/27", "VpnGw2AZ", "172.16.202.0/24");
    }
    return model.ids().filter((id) => !before.has(id.toLowerCase()));
}

/** Resources of the seed that must outlive `pulumi destroy` (they are not the stack's). */
export function isSeeded(resource: ArmResource): boolean {
    const id = resource.id.toLowerCase();
    return id.includes("/resourcegroups/billing-rg") || id.includes("/resourcegroups/network");
}

if (require.main === module) {
    const seeded = seedExamples(new AzureModel());
    process.stdout.write(`${seeded.length} resources seeded into ${process.env.AZURE_STANDIN_STATE ?? "(memory)"}\n`);
}
