/** Plain facts of a valid regional integration, for rule tests to break one thing at a time. */
import type { GatewayFacts, RegionalFacts } from "../../components/rules";

export function validFacts(overrides: Partial<RegionalFacts> = {}): RegionalFacts {
    return {
        plan: { name: "apps-plan", location: "westeurope", skuName: "P1v3", skuTier: "PremiumV3", linux: false, capacity: 3 },
        planKey: "plan-1",
        maxInstances: 10,
        virtualNetwork: { name: "hub", location: "West Europe", addressSpace: ["10.0.0.0/16"], dnsServers: [] },
        vnetKey: "vnet-1",
        subnet: { kind: "create", name: "integration", addressPrefix: "10.0.1.0/26", routeTable: false },
        reservedAddressPrefixes: ["10.0.0.0/24"],
        peeredNetworks: [],
        onPremisesPrefixes: [],
        routing: {},
        apps: [],
        others: [],
        ...overrides,
    };
}

/** Plain facts of a valid gateway integration, for rule tests to break one thing at a time. */
export function validGatewayFacts(overrides: Partial<GatewayFacts> = {}): GatewayFacts {
    const sub = "00000000-0000-0000-0000-000000000000";
    return {
        plan: { name: "win-plan", location: "westeurope", skuName: "S1", skuTier: "Standard", linux: false },
        planKey: "plan-1",
        planSubscriptionId: sub,
        virtualNetwork: { name: "remote", location: "eastus", addressSpace: ["10.50.0.0/16"], subscriptionId: sub, expressRouteGateway: false },
        vnetKey: "vnet-1",
        gateway: {
            name: "remote-gw",
            gatewayType: "Vpn",
            vpnType: "RouteBased",
            skuName: "VpnGw1AZ",
            pointToSite: { addressPool: ["172.16.201.0/24"], protocols: ["SSTP"] },
            subnet: { name: "GatewaySubnet", addressPrefix: "10.50.255.0/27" },
            created: false,
        },
        peers: [],
        onPremises: { prefixes: [], bgpEnabled: false },
        apps: [{ key: "apps/orders", label: "orders" }],
        otherGateways: [],
        regionalAppKeys: [],
        ...overrides,
    };
}
