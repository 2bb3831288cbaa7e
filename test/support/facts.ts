/** Plain facts of a valid regional integration, for rule tests to break one thing at a time. */
import type { RegionalFacts } from "../../components/rules";

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
