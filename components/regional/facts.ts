/**
 * The regional component's own facts (subnet, destinations) and the whole network input
 * its rules read; plan, VNet and app readers are shared (../shared/facts.ts).
 */
import type * as pulumi from "@pulumi/pulumi";
import { subnetNameFromId } from "../azure";
import type { PeeredNetworkFacts, SubnetRequest } from "../rules/regional";
import { MaybeOf, RawApp, rawApp, RawPlan, rawPlan, RawVirtualNetwork, rawVirtualNetwork } from "../shared/facts";
import type { AdoptedSubnet, AllocatedSubnet, Destinations, IntegrationSubnet, NewSubnet, RegionalVnetIntegrationArgs } from "./args";

// ---- subnet --------------------------------------------------------------------------

export type RawSubnet =
    | { kind: "create"; name: string; addressPrefix: string; routeTable: boolean; natGateway: boolean }
    | { kind: "allocate"; name: string; prefixLength?: number; routeTable: boolean; natGateway: boolean }
    | {
          kind: "adopt";
          id: string;
          addressPrefix: string;
          delegations?: string[];
          usedBy?: string[];
          routeTable?: boolean;
          natGateway?: boolean;
          serviceEndpointPolicies?: boolean;
      };

/** `{ id, addressPrefix }`: an existing subnet the component adopts rather than creates. */
export function isAdoptedSubnet(subnet: IntegrationSubnet): subnet is AdoptedSubnet {
    return (subnet as AdoptedSubnet).id !== undefined;
}

function rawSubnet(subnet: IntegrationSubnet, componentName: string): pulumi.Input<RawSubnet> {
    if (isAdoptedSubnet(subnet)) {
        return {
            kind: "adopt",
            id: subnet.id,
            addressPrefix: subnet.addressPrefix,
            delegations: subnet.delegations,
            usedBy: subnet.usedBy,
            routeTable: subnet.routeTable,
            natGateway: subnet.natGateway,
            serviceEndpointPolicies: subnet.serviceEndpointPolicies,
        } as pulumi.Input<RawSubnet>;
    }
    const name = (subnet as NewSubnet).name ?? componentName;
    const routeTable = (subnet as NewSubnet).routeTableId !== undefined;
    const natGateway = (subnet as NewSubnet).natGatewayId !== undefined;
    if ("addressPrefix" in subnet && subnet.addressPrefix !== undefined) {
        return { kind: "create", name, addressPrefix: (subnet as NewSubnet).addressPrefix, routeTable, natGateway } as pulumi.Input<RawSubnet>;
    }
    return { kind: "allocate", name, prefixLength: (subnet as AllocatedSubnet).prefixLength, routeTable, natGateway };
}

export function subnetRequest(raw: RawSubnet): SubnetRequest {
    if (raw.kind !== "adopt") return raw;
    return {
        kind: "adopt",
        name: subnetNameFromId(raw.id) ?? raw.id,
        addressPrefix: raw.addressPrefix,
        routeTable: raw.routeTable === true,
        natGateway: raw.natGateway,
        serviceEndpointPolicies: raw.serviceEndpointPolicies,
        delegations: raw.delegations,
        usedBy: raw.usedBy,
    };
}

// ---- destinations --------------------------------------------------------------------

interface RawDestinations {
    peeredNetworks: PeeredNetworkFacts[];
    onPremisesPrefixes: string[];
    privateEndpoints: string[];
}

function rawDestinations(destinations: Destinations | undefined): pulumi.Input<RawDestinations> {
    return {
        peeredNetworks: (destinations?.peeredNetworks ?? []) as never,
        onPremisesPrefixes: destinations?.onPremisesPrefixes ?? [],
        privateEndpoints: destinations?.privateEndpoints ?? [],
    } as pulumi.Input<RawDestinations>;
}

// ---- everything the rules read ------------------------------------------------------

/** The regional facts once settled; any of them may be Unknown at preview. */
export interface RawNetwork {
    readonly plan: MaybeOf<RawPlan>;
    readonly virtualNetwork: MaybeOf<RawVirtualNetwork>;
    readonly subnet: RawSubnet;
    readonly reservedAddressPrefixes: string[];
    readonly maxInstances?: number;
    readonly destinations: RawDestinations;
    readonly apps: MaybeOf<RawApp>[];
    /** The user's pick for siteArgs.dnsConfiguration; undefined: the VNet's. */
    readonly siteDnsServers?: string[];
}

/** The sources of every fact the regional rules read (see shared/facts.ts). */
export function regionalSources(args: RegionalVnetIntegrationArgs, componentName: string) {
    return {
        plan: rawPlan(args.plan),
        virtualNetwork: rawVirtualNetwork(args.virtualNetwork),
        subnet: rawSubnet(args.subnet ?? {}, componentName),
        reservedAddressPrefixes: args.reservedAddressPrefixes ?? [],
        maxInstances: args.maxInstances,
        destinations: rawDestinations(args.destinations),
        apps: (args.apps ?? []).map((app, i) => rawApp(app, i)),
        siteDnsServers: args.dnsServers,
    };
}
