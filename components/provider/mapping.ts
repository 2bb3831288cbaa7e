/**
 * Schema-friendly arguments -> the TypeScript API's arguments. Pure: no resource is made here.
 * A "give exactly one of" pair given both ways or neither is an error naming the pair.
 */
import type { GatewayInput, GatewayVnetIntegrationArgs } from "../gateway/args";
import type { PeeredGatewayRoutesArgs, PeerInput } from "../peering/args";
import type { IntegrationSubnet, RegionalVnetIntegrationArgs } from "../regional/args";
import type { RouteSpec } from "../rules/peering";
import type { ExistingAppServicePlan, PlanInput, VirtualNetworkInput } from "../shared/args";
import type {
    GatewayVnetIntegrationProviderArgs,
    PeerArgs,
    PeeredGatewayRoutesProviderArgs,
    PlanFacts,
    RegionalVnetIntegrationProviderArgs,
    RouteArgs,
    SubnetArgs,
} from "./args";

/** The one of two alternatives that is given; both or neither is an error. */
export function exactlyOne<A, B>(what: string, names: [string, string], a: A | undefined, b: B | undefined): A | B {
    if ((a === undefined) === (b === undefined)) {
        throw new Error(`${what}: give exactly one of ${names[0]} and ${names[1]}${a === undefined ? " (neither is given)" : " (both are given)"}`);
    }
    return (a ?? b) as A | B;
}

export function planInput(what: string, plan: RegionalVnetIntegrationProviderArgs["plan"], facts: PlanFacts | undefined): PlanInput {
    exactlyOne(what, ["plan", "existingPlan"], plan, facts);
    if (plan) return plan;
    const f = facts as PlanFacts;
    const existing: ExistingAppServicePlan = {
        id: f.id,
        name: f.name,
        resourceGroupName: f.resourceGroupName,
        location: f.location,
        sku: { name: f.skuName, tier: f.skuTier, capacity: f.skuCapacity },
        reserved: f.reserved,
        kind: f.kind,
    };
    return existing;
}

function vnetInput(what: string, args: Pick<RegionalVnetIntegrationProviderArgs, "virtualNetwork" | "existingVirtualNetwork">): VirtualNetworkInput {
    return exactlyOne(what, ["virtualNetwork", "existingVirtualNetwork"], args.virtualNetwork, args.existingVirtualNetwork);
}

export function subnetInput(subnet: SubnetArgs | undefined): IntegrationSubnet | undefined {
    if (!subnet) return undefined;
    if (subnet.id !== undefined) {
        if (subnet.addressPrefix === undefined) throw new Error("subnet: an adopted subnet (id) needs its addressPrefix");
        return { id: subnet.id, addressPrefix: subnet.addressPrefix, delegations: subnet.delegations, usedBy: subnet.usedBy, routeTable: subnet.hasRouteTable };
    }
    const options = {
        name: subnet.name,
        networkSecurityGroupId: subnet.networkSecurityGroupId,
        routeTableId: subnet.routeTableId,
        natGatewayId: subnet.natGatewayId,
        serviceEndpoints: subnet.serviceEndpoints,
    };
    if (subnet.addressPrefix !== undefined) return { ...options, addressPrefix: subnet.addressPrefix };
    return { ...options, prefixLength: subnet.prefixLength };
}

export function toRegionalArgs(args: RegionalVnetIntegrationProviderArgs): RegionalVnetIntegrationArgs {
    const what = "RegionalVnetIntegration";
    return {
        plan: planInput(what, args.plan, args.existingPlan),
        virtualNetwork: vnetInput(what, args),
        apps: args.apps,
        subnet: subnetInput(args.subnet),
        reservedAddressPrefixes: args.reservedAddressPrefixes,
        maxInstances: args.maxInstances,
        routing: args.routing,
        dnsServers: args.dnsServers,
        destinations: args.destinations,
        limits: args.limits,
        suppress: args.suppress,
    };
}

export function toGatewayArgs(args: GatewayVnetIntegrationProviderArgs): GatewayVnetIntegrationArgs {
    const what = "GatewayVnetIntegration";
    exactlyOne(what, ["newGateway", "existingGateway"], args.newGateway, args.existingGateway);
    let gateway: GatewayInput;
    if (args.newGateway) {
        gateway = args.newGateway;
    } else {
        const g = args.existingGateway!;
        const pool = g.pointToSiteAddressPool;
        gateway = {
            id: g.id,
            skuName: g.skuName,
            gatewayType: g.gatewayType,
            vpnType: g.vpnType,
            pointToSite: pool === undefined ? undefined : { addressPool: pool, protocols: g.pointToSiteProtocols ?? [] },
            gatewaySubnetPrefix: g.gatewaySubnetPrefix,
            gatewaySubnetName: g.gatewaySubnetName,
        };
    }
    return {
        plan: planInput(what, args.plan, args.existingPlan),
        virtualNetwork: vnetInput(what, args),
        apps: args.apps,
        gateway,
        expressRouteGateway: args.expressRouteGateway,
        peers: args.peers,
        onPremises: args.onPremisesPrefixes === undefined ? undefined : { prefixes: args.onPremisesPrefixes, bgpEnabled: args.onPremisesBgpEnabled },
        armEndpoint: args.armEndpoint,
        limits: args.limits,
        suppress: args.suppress,
    };
}

function peerInput(peer: PeerArgs, index: number): PeerInput {
    const existing =
        peer.existingHubToPeer === undefined && peer.existingPeerToHub === undefined
            ? undefined
            : { hubToPeer: peer.existingHubToPeer, peerToHub: peer.existingPeerToHub };
    return {
        virtualNetwork: exactlyOne(`PeeredGatewayRoutes peers[${index}]`, ["virtualNetwork", "existingVirtualNetwork"], peer.virtualNetwork, peer.existingVirtualNetwork),
        addressPrefixes: peer.addressPrefixes,
        hasGateway: peer.hasGateway,
        existingPeerings: existing,
    };
}

/** `{ cidr }` or `{ startAddress, endAddress? }`; a route giving both forms keeps both, for VNI-P06 to report. */
export function routeSpec(route: RouteArgs): RouteSpec {
    if (route.cidr !== undefined && route.startAddress === undefined && route.endAddress === undefined) return { cidr: route.cidr };
    return { startAddress: route.startAddress ?? route.cidr ?? "", endAddress: route.endAddress };
}

export function toPeeredArgs(args: PeeredGatewayRoutesProviderArgs): PeeredGatewayRoutesArgs {
    const hub = args.hub;
    return {
        hub: {
            virtualNetwork: hub.virtualNetwork,
            gatewayId: hub.gatewayId,
            gatewaySku: hub.gatewaySku,
            pointToSiteAddressPool: hub.pointToSiteAddressPool,
            plan: { name: hub.planName, resourceGroupName: hub.planResourceGroupName },
        },
        peers: (args.peers ?? []).map(peerInput),
        routes: args.routes?.map(routeSpec),
        limits: args.limits,
        suppress: args.suppress,
    };
}
