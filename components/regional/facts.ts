/**
 * The regional component's own facts (subnet, destinations) and the whole network input
 * its rules read; plan, VNet and app readers are shared (../shared/facts.ts).
 */
import * as network from "@pulumi/azure-native/network";
import * as pulumi from "@pulumi/pulumi";
import { parseResourceId, subnetNameFromId } from "../azure";
import { runState } from "../program/run";
import { applyEvenIfUnknown } from "../sdk";
import type { PeeredNetworkFacts, SubnetRequest } from "../rules/regional";
import { fact, MaybeOf, RawApp, rawApp, RawPlan, rawPlan, RawVirtualNetwork, rawVirtualNetwork } from "../shared/facts";
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

// ---- allocation read back -------------------------------------------------------------

/** A subnet the VNet has in Azure now (from an earlier `pulumi up`, or made outside this program). */
export interface LiveSubnet {
    readonly name: string;
    readonly addressPrefix?: string;
}

/**
 * The subnets the VNet has in Azure, read once per VNet per run (an ARM GET through
 * azure-native's getVirtualNetwork): what keeps an allocated prefix where it is across edits
 * of the program (see ARCHITECTURE.md, "Allocation"). None while the VNet does not exist yet
 * (its id is unknown); none, with a warning, when the read fails.
 */
function liveSubnets(vnetId: pulumi.Input<string | undefined>, component: pulumi.Resource): pulumi.Output<LiveSubnet[]> {
    return applyEvenIfUnknown(pulumi.output(vnetId), (id) => {
        const parts = typeof id === "string" && !pulumi.isUnknown(id) ? parseResourceId(id) : undefined;
        if (!parts?.resourceGroupName || !parts.name) return [];
        const cache = runState("liveSubnets", () => new Map<string, Promise<LiveSubnet[]>>());
        const key = id!.toLowerCase();
        let read = cache.get(key);
        if (!read) {
            read = network.getVirtualNetwork({ resourceGroupName: parts.resourceGroupName, virtualNetworkName: parts.name }, { parent: component }).then(
                (vnet) => (vnet.subnets ?? []).flatMap((s) => (s.name ? [{ name: s.name, addressPrefix: s.addressPrefix ?? s.addressPrefixes?.[0] }] : [])),
                (error: unknown) => {
                    void pulumi.log.warn(`could not read the subnets of virtual network ${parts.name} (${String((error as Error)?.message ?? error)}): allocated prefixes follow declaration order this run`, component);
                    return [];
                },
            );
            cache.set(key, read);
        }
        return read;
    });
}

/**
 * The request the rules check, given what Azure has: an allocated subnet that exists keeps its
 * prefix when it still has the requested length, and a new allocation avoids every live
 * subnet. `moves` says when an existing subnet would get another prefix, and why.
 */
export function stickyRequest(
    subnet: RawSubnet,
    reserved: readonly string[],
    live: readonly LiveSubnet[] | undefined,
): { subnet: RawSubnet; reserved: string[]; previous?: string; moves?: string } {
    if (subnet.kind !== "allocate" || !Array.isArray(live) || live.length === 0) return { subnet, reserved: [...reserved] };
    const own = live.find((s) => s.name.toLowerCase() === subnet.name.toLowerCase());
    const others = live.filter((s) => s !== own && s.addressPrefix).map((s) => s.addressPrefix!);
    const previous = own?.addressPrefix;
    if (!previous) return { subnet, reserved: [...reserved, ...others] };
    const length = Number(previous.split("/")[1]);
    if (subnet.prefixLength !== undefined && subnet.prefixLength !== length) {
        return { subnet, reserved: [...reserved, ...others], previous, moves: `prefixLength changed from /${length} to /${subnet.prefixLength}` };
    }
    return { subnet: { kind: "create", name: subnet.name, addressPrefix: previous, routeTable: subnet.routeTable, natGateway: subnet.natGateway }, reserved: [...reserved, ...others], previous };
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
    /** The VNet's subnets in Azure now, read when the component allocates its prefix; empty otherwise. */
    readonly liveSubnets: LiveSubnet[];
}

/** The sources of every fact the regional rules read (see shared/facts.ts). */
export function regionalSources(args: RegionalVnetIntegrationArgs, componentName: string, component: pulumi.Resource) {
    const virtualNetwork = rawVirtualNetwork(args.virtualNetwork);
    const subnet = args.subnet ?? {};
    const allocates = !isAdoptedSubnet(subnet) && (subnet as NewSubnet).addressPrefix === undefined;
    // The id as given (an existing VNet's facts), or read from the resource (a fact source).
    const id = virtualNetwork.id;
    const vnetId = typeof id === "string" || pulumi.Output.isInstance(id) || id instanceof Promise ? id : (id as { input: pulumi.Input<string> }).input;
    return {
        plan: rawPlan(args.plan),
        virtualNetwork,
        liveSubnets: allocates ? fact(liveSubnets(vnetId as pulumi.Input<string>, component), "the subnets the virtual network has in Azure") : [],
        subnet: rawSubnet(subnet, componentName),
        reservedAddressPrefixes: args.reservedAddressPrefixes ?? [],
        maxInstances: args.maxInstances,
        destinations: rawDestinations(args.destinations),
        apps: (args.apps ?? []).map((app, i) => rawApp(app, i)),
        siteDnsServers: args.dnsServers,
    };
}
