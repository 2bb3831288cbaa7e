import * as network from "@pulumi/azure-native/network";
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { peeringArgs, planRouteArgs, routeNameOf } from "../azure";
import { GatewayVnetIntegration } from "../gateway/gatewayVnetIntegration";
import { claimRemoteGatewayPeers, identityOf, inDeclarationOrder, remoteGatewayPeers } from "../program";
import { RegionalVnetIntegration } from "../regional/regionalVnetIntegration";
import { limitsProfile, reportFindings } from "../report";
import { checkSuppressions, Violation } from "../rules/engine";
import { checkPeering, PeeringFacts, RouteSpec } from "../rules/peering";
import { InputsOf, logicalName, RawVirtualNetwork, rawVirtualNetwork, virtualNetworkFacts } from "../shared/facts";
import type { GatewayTopology } from "../migration/planner";
import type { ExistingGatewayHub, PeeredGatewayRoutesArgs, PeerInput } from "./args";

interface RawHub {
    readonly virtualNetwork: { id: string; name: string; resourceGroupName: string; location: string; addressSpace: string[] };
    readonly vnetKey: string;
    readonly gatewaySku?: string;
    readonly pointToSitePool: string[];
    readonly plan?: { name: string; resourceGroupName: string };
}

interface Settled {
    readonly hub: RawHub;
    readonly peers: RawVirtualNetwork[];
    readonly reported: Violation[];
}

/** A peer's key (for logical names) and the prefixes it routes: both plain. */
interface PlainPeer {
    readonly key: string;
    readonly prefixes: string[];
}

function plainPeer(peer: PeerInput, index: number, component: string): PlainPeer {
    const vnet = peer.virtualNetwork as { name?: unknown; addressSpace?: unknown };
    const key = pulumi.CustomResource.isInstance(peer.virtualNetwork) ? logicalName(peer.virtualNetwork) : typeof vnet.name === "string" ? vnet.name : `peer${index}`;
    const prefixes = peer.addressPrefixes ?? (Array.isArray(vnet.addressSpace) && vnet.addressSpace.every((p) => typeof p === "string") ? (vnet.addressSpace as string[]) : undefined);
    if (!prefixes) {
        throw new pulumi.ResourceError(
            `${component}: peer ${key} needs its address prefixes as plain values (each becomes one plan route named after it). Fix: give addressPrefixes on the peer.`,
            undefined,
        );
    }
    return { key, prefixes };
}

/**
 * Peering on top of VNet Integration. With gateway-required integration: both
 * peerings per peer with the documented flags (hub: access, forwarded traffic, gateway transit;
 * peer: access, forwarded traffic, remote gateways, after the gateway exists) and one static
 * route per peer prefix on the plan's VNet integration. With regional integration, peering
 * needs nothing more: it creates plain peerings and no routes, and says so.
 *
 * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration
 * @see https://learn.microsoft.com/azure/app-service/configure-gateway-required-vnet-integration
 * @example
 * ```ts
 * import { PeeredGatewayRoutes } from "appservice-vnet-integration";
 *
 * new PeeredGatewayRoutes("hub-peers", {
 *     hub: remote,                        // a GatewayVnetIntegration, its facts, or a RegionalVnetIntegration
 *     peers: [{ virtualNetwork: dataVnet, addressPrefixes: ["10.60.0.0/16"] }],
 *     routes: [{ startAddress: "192.168.10.0", endAddress: "192.168.10.255" }],
 * });
 * ```
 */
export class PeeredGatewayRoutes extends pulumi.ComponentResource {
    /** Every hub-to-peer and peer-to-hub peering created, in peer order. */
    public readonly peerings: network.VirtualNetworkPeering[] = [];
    /** One route per routed prefix (and per extra route); empty for a regional hub. */
    public readonly routes: web.AppServicePlanRouteForVnet[] = [];
    /** The ranges routed into the hub, as CIDR or start-end text. */
    public readonly routedRanges: pulumi.Output<string[]>;
    /** Warnings and suppressed findings. Errors throw instead. */
    public readonly violations: pulumi.Output<Violation[]>;
    /** The hub's name, peers and routes as facts for the migration planner. */
    public readonly topology: pulumi.Output<{ hubName: string; peers: GatewayTopology["peers"]; planRoutes: RouteSpec[] }>;

    constructor(name: string, args: PeeredGatewayRoutesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("appservice-vnet-integration:index:PeeredGatewayRoutes", name, {}, opts);
        const profile = limitsProfile(this, name, args.limits);
        const mode = args.hub instanceof RegionalVnetIntegration ? "regional" : "gateway";
        const plainPeers = args.peers.map((peer, i) => plainPeer(peer, i, name));
        const extraRoutes = args.routes ?? [];

        const hubInput = this.rawHub(args.hub);
        const peerInputs = args.peers.map((peer) => rawVirtualNetwork(peer.virtualNetwork));
        const input = pulumi.all([pulumi.output(hubInput), pulumi.output(peerInputs)]) as unknown as pulumi.Output<[RawHub, RawVirtualNetwork[]]>;

        const settled = inDeclarationOrder(input, ([hub, peers]): Settled => {
            const facts: PeeringFacts = {
                mode,
                hub: { name: hub.virtualNetwork.name, location: hub.virtualNetwork.location, addressSpace: hub.virtualNetwork.addressSpace, pointToSitePool: hub.pointToSitePool, gatewaySku: hub.gatewaySku },
                peers: peers.map((peer, i) => ({
                    name: peer.name,
                    key: virtualNetworkFacts(peer).vnetKey,
                    location: peer.location,
                    addressSpace: peer.addressSpace,
                    routedPrefixes: plainPeers[i].prefixes,
                    hasGateway: args.peers[i].hasGateway === true,
                    existing: args.peers[i].existingPeerings,
                })),
                extraRoutes,
                otherRemoteGatewayPeers: remoteGatewayPeers(),
            };
            const reported = reportFindings(this, name, [...checkSuppressions(args.suppress), ...checkPeering(facts, profile)], args.suppress);
            if (mode === "gateway") {
                // Peers whose peering back to the hub uses its gateway: the ones created here, and existing ones that say so.
                const usingGateway = facts.peers.filter((p) => p.existing?.peerToHub === undefined || p.existing.peerToHub.useRemoteGateways === true);
                claimRemoteGatewayPeers(usingGateway.map((p) => ({ peerKey: p.key, hubName: hub.virtualNetwork.name, component: name })));
            } else {
                void pulumi.log.info(`${name}: the hub is reached through regional VNet Integration, which needs no routes for peering (Microsoft Learn, overview-vnet-integration: "Peering"); only the peerings are created.`, this);
            }
            return { hub, peers, reported };
        }) as pulumi.Output<Settled>;

        const hub = settled.apply((s) => s.hub);
        const hubVnet = hub.apply((h) => h.virtualNetwork);
        const waitFor = args.hub instanceof GatewayVnetIntegration ? args.hub.hub.dependencies : [];

        args.peers.forEach((peer, i) => {
            const key = plainPeers[i].key;
            const peerVnet = settled.apply((s) => s.peers[i]);
            let hubSide: network.VirtualNetworkPeering | undefined;
            if (!peer.existingPeerings?.hubToPeer) {
                hubSide = new network.VirtualNetworkPeering(
                    `${name}-${key}-hub-to-peer`,
                    peeringArgs(
                        { resourceGroupName: hubVnet.apply((v) => v.resourceGroupName), virtualNetworkName: hubVnet.apply((v) => v.name), peeringName: peerVnet.apply((p) => `to-${p.name}`), remoteVirtualNetworkId: peerVnet.apply((p) => p.id) },
                        mode === "gateway" ? "offer" : "none",
                    ),
                    { parent: this },
                );
                this.peerings.push(hubSide);
            }
            if (!peer.existingPeerings?.peerToHub) {
                // useRemoteGateways needs the gateway, and the hub's transit offer, to exist first.
                this.peerings.push(
                    new network.VirtualNetworkPeering(
                        `${name}-${key}-peer-to-hub`,
                        peeringArgs(
                            { resourceGroupName: peerVnet.apply((p) => p.resourceGroupName), virtualNetworkName: peerVnet.apply((p) => p.name), peeringName: hubVnet.apply((v) => `to-${v.name}`), remoteVirtualNetworkId: hubVnet.apply((v) => v.id) },
                            mode === "gateway" ? "use" : "none",
                        ),
                        { parent: this, dependsOn: [...waitFor, ...(hubSide ? [hubSide] : [])] },
                    ),
                );
            }
        });

        const ranges: { label: string; range: { startAddress: string; endAddress?: string } }[] = [
            ...plainPeers.flatMap((peer) => peer.prefixes.map((prefix) => ({ label: `${peer.key}-${routeNameOf(prefix)}`, range: { startAddress: prefix } }))),
            ...extraRoutes.map((route: RouteSpec) => {
                const range = "cidr" in route ? { startAddress: route.cidr } : { startAddress: route.startAddress, endAddress: route.endAddress };
                return { label: `route-${routeNameOf(range.endAddress ? `${range.startAddress}-${range.endAddress}` : range.startAddress)}`, range };
            }),
        ];
        if (mode === "gateway") {
            const plan = hub.apply((h) => h.plan!);
            for (const { label, range } of ranges) {
                // Named after what it routes: a prefix added or removed touches only its own route.
                this.routes.push(
                    new web.AppServicePlanRouteForVnet(
                        `${name}-${label}`,
                        planRouteArgs({ name: plan.apply((p) => p.name), resourceGroupName: plan.apply((p) => p.resourceGroupName) }, hubVnet.apply((v) => v.name), label, range),
                        // The plan-level connection exists once an app is connected.
                        { parent: this, dependsOn: waitFor },
                    ),
                );
            }
        }
        this.routedRanges = settled.apply(() => (mode === "gateway" ? ranges.map((r) => (r.range.endAddress ? `${r.range.startAddress}-${r.range.endAddress}` : r.range.startAddress)) : []));
        this.violations = settled.apply((s) => s.reported);
        this.topology = settled.apply((s) => ({
            hubName: s.hub.virtualNetwork.name,
            peers: s.peers.map((p, i) => ({ name: p.name, id: p.id, resourceGroupName: p.resourceGroupName, location: p.location, addressPrefixes: plainPeers[i].prefixes })),
            planRoutes: mode === "gateway" ? ranges.map((r) => (r.range.endAddress ? { startAddress: r.range.startAddress, endAddress: r.range.endAddress } : { cidr: r.range.startAddress })) : [],
        }));
        this.registerOutputs({ routedRanges: this.routedRanges, violations: this.violations });
    }

    private rawHub(hub: PeeredGatewayRoutesArgs["hub"]): pulumi.Input<RawHub> | InputsOf<RawHub> {
        if (hub instanceof GatewayVnetIntegration) {
            return { virtualNetwork: hub.hub.virtualNetwork, vnetKey: hub.hub.vnetKey, gatewaySku: hub.hub.gatewaySku, pointToSitePool: hub.hub.pointToSiteAddressPool, plan: hub.hub.plan };
        }
        if (hub instanceof RegionalVnetIntegration) {
            return { virtualNetwork: hub.virtualNetwork, vnetKey: hub.virtualNetwork.apply((v) => v.key), pointToSitePool: [] };
        }
        const existing = hub as ExistingGatewayHub;
        const vnet = pulumi.output(existing.virtualNetwork);
        return {
            virtualNetwork: vnet.apply((v) => ({ id: v.id, name: v.name, resourceGroupName: v.resourceGroupName, location: v.location, addressSpace: v.addressSpace })),
            vnetKey: vnet.apply((v) => String(v.id).toLowerCase() || identityOf(existing)),
            gatewaySku: existing.gatewaySku,
            pointToSitePool: existing.pointToSiteAddressPool,
            plan: existing.plan,
        } as InputsOf<RawHub>;
    }
}
