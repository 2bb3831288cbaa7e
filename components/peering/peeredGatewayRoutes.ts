import * as network from "@pulumi/azure-native/network";
import { checkArgs, PEERING_ARGS } from "../shared/argsCheck";
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { peeringArgs, planRouteArgs, routeNameOf } from "../azure";
import { GatewayVnetIntegration } from "../gateway/gatewayVnetIntegration";
import { Checked, childInput, checkWhenKnown, exported, RuleVerdict } from "../lifecycle";
import { claimRemoteGatewayPeers, identityOf, programClaims, remoteGatewayPeers } from "../program";
import { RegionalVnetIntegration } from "../regional/regionalVnetIntegration";
import { ChildNames } from "../names";
import { limitsProfile } from "../report";
import type { Violation } from "../rules/engine";
import { isUnknown, Maybe, RuleRun } from "../rules/known";
import { PeeringFacts, peeringRules, RouteSpec } from "../rules/peering";
import { InputsOf, logicalName, MaybeOf, RawVirtualNetwork, rawVirtualNetwork, UnstableChildName, virtualNetworkFacts } from "../shared/facts";
import type { PeeringTopology } from "../topology/model";
import { judged, recordTopology } from "../topology/judged";
import type { ExistingGatewayHub, PeeredGatewayRoutesArgs, PeerInput } from "./args";

interface RawHub {
    readonly virtualNetwork: { id: string; name: string; resourceGroupName: string; location: string; addressSpace: string[] };
    readonly vnetKey: string;
    readonly gatewaySku?: string;
    readonly pointToSitePool: string[];
    readonly plan?: { name: string; resourceGroupName: string };
}

/** What the rules settled: the hub and peers every child is built from (facts may be Unknown at preview). */
interface SettledRoutes {
    readonly hub: Omit<MaybeOf<RawHub>, "virtualNetwork"> & { readonly virtualNetwork: MaybeOf<RawHub["virtualNetwork"]> };
    readonly peers: MaybeOf<RawVirtualNetwork>[];
    /** The Azure name of each hub-side peering, distinct in the hub across the program. */
    readonly hubPeeringNames: Maybe<string>[];
    /** The peers, their peerings' flags and the plan routes in the topology model. */
    readonly topology: PeeringTopology;
}

/**
 * Hub-side peering names this program's PeeredGatewayRoutes use, by hub (case-folded id), each with
 * the peer it reaches. Keyed on the program's claims index, which a new program replaces.
 */
const hubPeeringsByProgram = new WeakMap<object, Map<string, Map<string, string>>>();
function programHubPeerings(hubKey: string): Map<string, string> {
    const program = programClaims();
    let hubs = hubPeeringsByProgram.get(program);
    if (!hubs) hubPeeringsByProgram.set(program, (hubs = new Map()));
    let names = hubs.get(hubKey);
    if (!names) hubs.set(hubKey, (names = new Map()));
    return names;
}

/**
 * The hub-side names, distinct from those of earlier components on the same hub: a name another
 * component gave a different peer (`to-spoke` for a spoke of another resource group) takes the
 * peer's resource group, then a number, so two components never write one Azure peering.
 */
function distinctHubPeeringNames(hubKey: Maybe<string>, peers: readonly MaybeOf<RawVirtualNetwork>[], keys: readonly string[]): Maybe<string>[] {
    const names = peers.map((_, i) => hubPeeringName(peers, i));
    if (typeof hubKey !== "string") return names;
    const taken = programHubPeerings(hubKey.toLowerCase());
    return names.map((name, i) => {
        if (typeof name !== "string") return name;
        const owner = taken.get(name.toLowerCase());
        if (owner === undefined || owner === keys[i]) return name;
        const peer = peers[i];
        const candidates = [typeof peer.resourceGroupName === "string" ? `${name}-${peer.resourceGroupName}` : undefined, ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => `${name}-${n}`)];
        return candidates.find((c): c is string => c !== undefined && (taken.get(c.toLowerCase()) ?? keys[i]) === keys[i]) ?? name;
    });
}

/** A peer's key (for logical names) and the prefixes it routes: both plain. */
interface PlainPeer {
    readonly key: string;
    readonly prefixes: string[];
}

function plainPeer(peer: PeerInput, index: number, component: string): PlainPeer {
    const vnet = peer.virtualNetwork as { name?: unknown; addressSpace?: unknown };
    const key = pulumi.CustomResource.isInstance(peer.virtualNetwork) ? logicalName(peer.virtualNetwork) : typeof vnet.name === "string" ? vnet.name : unstablePeer(index, component);
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
 * Peers given as facts are keyed by their VNet's name, which two VNets in different resource
 * groups may share: such peers take their resource group (or position) too, so their
 * children's logical names differ. Unique keys stay as they were.
 */
function distinctPeerKeys(peers: PlainPeer[], inputs: readonly PeerInput[]): PlainPeer[] {
    const count = new Map<string, number>();
    for (const p of peers) count.set(p.key.toLowerCase(), (count.get(p.key.toLowerCase()) ?? 0) + 1);
    return peers.map((p, i) => {
        if (count.get(p.key.toLowerCase())! < 2) return p;
        const rg = (inputs[i].virtualNetwork as { resourceGroupName?: unknown }).resourceGroupName;
        return { ...p, key: `${p.key}-${typeof rg === "string" ? rg : i}` };
    });
}

/** The hub-side peering's Azure name: `to-<peer>`, with the peer's resource group when another peer has its name. */
function hubPeeringName(peers: readonly MaybeOf<RawVirtualNetwork>[], i: number): Maybe<string> {
    const peer = peers[i];
    if (typeof peer.name !== "string") return peer.name;
    const same = peers.filter((p) => typeof p.name === "string" && p.name.toLowerCase() === (peer.name as string).toLowerCase());
    if (same.length < 2) return `to-${peer.name}`;
    return typeof peer.resourceGroupName === "string" ? `to-${peer.name}-${peer.resourceGroupName}` : peer.resourceGroupName;
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
    /**
     * The hub's name, peers (with both directions' flags: created here, or as `existingPeerings`
     * says), plan routes, limits profile and findings in the topology model (components/topology):
     * what the migration planner, the doctor and the diagram add to the hub's integration.
     */
    public readonly topology: pulumi.Output<PeeringTopology>;

    constructor(name: string, args: PeeredGatewayRoutesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("appservice-vnet-integration:index:PeeredGatewayRoutes", name, {}, opts);
        // Arguments of the wrong shape are this component's error, never a TypeError (issue 10).
        checkArgs(this, name, args, PEERING_ARGS);
        const profile = limitsProfile(this, name, args.limits);
        const mode = args.hub instanceof RegionalVnetIntegration ? "regional" : "gateway";
        const plainPeers = distinctPeerKeys(args.peers.map((peer, i) => plainPeer(peer, i, name)), args.peers);
        const extraRoutes = args.routes ?? [];

        const ranges: { label: string; range: { startAddress: string; endAddress?: string } }[] = [
            ...plainPeers.flatMap((peer) => peer.prefixes.map((prefix) => ({ label: `${peer.key}-${routeNameOf(prefix)}`, range: { startAddress: prefix } }))),
            ...extraRoutes.map((route: RouteSpec) => {
                const range = "cidr" in route ? { startAddress: route.cidr } : { startAddress: route.startAddress, endAddress: route.endAddress };
                return { label: `route-${routeNameOf(range.endAddress ? `${range.startAddress}-${range.endAddress}` : range.startAddress)}`, range };
            }),
        ];
        // Facts -> rules: as soon as the hub's and the peers' facts are known.
        // The hub's label, for messages and the topology while its ARM name is not known (a new stack's preview).
        const hubLabel = args.hub instanceof GatewayVnetIntegration ? args.hub.hub.label : undefined;
        const sources = { hub: this.rawHub(args.hub), peers: args.peers.map((peer) => rawVirtualNetwork(peer.virtualNetwork)) };
        const checked = checkWhenKnown(this, name, args.suppress, sources, (settled): RuleVerdict<SettledRoutes> => {
            const raw = settled.hub as unknown as MaybeOf<RawHub>;
            const peers = settled.peers as unknown as MaybeOf<RawVirtualNetwork>[];
            const whole = raw.virtualNetwork;
            const hubVnet: MaybeOf<RawHub["virtualNetwork"]> = isUnknown(whole) ? { id: whole, name: whole, resourceGroupName: whole, location: whole, addressSpace: whole } : whole;
            const hub = { ...raw, virtualNetwork: hubVnet };
            const hubName = typeof hubVnet.name === "string" ? hubVnet.name : (hubLabel ?? "(hub)");
            const facts: PeeringFacts = {
                mode,
                hub: { name: hubName, location: hubVnet.location, addressSpace: hubVnet.addressSpace, pointToSitePool: hub.pointToSitePool, gatewaySku: hub.gatewaySku } as PeeringFacts["hub"],
                peers: peers.map((peer, i) => ({
                    ...virtualNetworkFacts(peer).virtualNetwork,
                    key: virtualNetworkFacts(peer).vnetKey,
                    routedPrefixes: plainPeers[i].prefixes,
                    hasGateway: args.peers[i].hasGateway === true,
                    existing: args.peers[i].existingPeerings,
                })),
                extraRoutes,
                otherRemoteGatewayPeers: remoteGatewayPeers(),
            };
            const run = new RuleRun();
            peeringRules(facts, profile, run);
            const peerKeys = facts.peers.map((p) => p.key);
            const hubPeeringNames = distinctHubPeeringNames(hubVnet.id as Maybe<string>, peers, peerKeys);
            // Both directions' flags: what this component creates, or what the user says exists.
            const created = (transit: "offer" | "use") => ({ allowVirtualNetworkAccess: true, allowForwardedTraffic: true, allowGatewayTransit: mode === "gateway" && transit === "offer", useRemoteGateways: mode === "gateway" && transit === "use" });
            const topology: PeeringTopology = {
                ...judged(name, profile.name, run.findings, run.deferred, args.suppress),
                hubName,
                peers: peers.map((p, i) => ({
                    name: virtualNetworkFacts(p).virtualNetwork.name, id: p.id, resourceGroupName: p.resourceGroupName, location: p.location, addressPrefixes: plainPeers[i].prefixes,
                    peerings: { hubToPeer: args.peers[i].existingPeerings?.hubToPeer ?? created("offer"), peerToHub: args.peers[i].existingPeerings?.peerToHub ?? created("use") },
                })) as PeeringTopology["peers"],
                planRoutes: mode === "gateway" ? ranges.map((r) => (r.range.endAddress ? { startAddress: r.range.startAddress, endAddress: r.range.endAddress } : { cidr: r.range.startAddress })) : [],
            };
            recordTopology(this, topology);
            return {
                findings: run.findings,
                deferred: run.deferred,
                result: { hub, peers, hubPeeringNames, topology },
                claim: () => {
                    if (typeof hubVnet.id === "string") {
                        const taken = programHubPeerings(hubVnet.id.toLowerCase());
                        hubPeeringNames.forEach((n, i) => {
                            if (typeof n === "string" && !args.peers[i].existingPeerings?.hubToPeer) taken.set(n.toLowerCase(), peerKeys[i]);
                        });
                    }
                    if (mode === "gateway") {
                        // Peers whose peering back to the hub uses its gateway: the ones created here, and existing ones that say so.
                        const usingGateway = facts.peers.filter((p) => p.existing?.peerToHub === undefined || p.existing.peerToHub.useRemoteGateways === true);
                        claimRemoteGatewayPeers(usingGateway.map((p) => ({ peerKey: p.key, hubName, component: name })));
                    } else {
                        void pulumi.log.info(`${name}: the hub is reached through regional VNet Integration, which needs no routes for peering (Microsoft Learn, overview-vnet-integration: "Peering"); only the peerings are created.`, this);
                    }
                },
            };
        });
        const input = <U>(pick: (s: Checked<SettledRoutes>) => Maybe<U>) => pulumi.output(childInput(checked, pick)) as pulumi.Output<U>;
        const hubVnet = {
            id: input((s) => s.hub.virtualNetwork.id),
            name: input((s) => s.hub.virtualNetwork.name),
            resourceGroupName: input((s) => s.hub.virtualNetwork.resourceGroupName),
        };
        const waitFor = args.hub instanceof GatewayVnetIntegration ? args.hub.hub.dependencies : [];

        const names = new ChildNames(this, name);
        names.reserve([
            ...args.peers.flatMap((peer, i) => [
                ...(peer.existingPeerings?.hubToPeer ? [] : [["azure-native:network:VirtualNetworkPeering", `${name}-${plainPeers[i].key}-hub-to-peer`, `the hub's peering to peer ${plainPeers[i].key}`] as const]),
                ...(peer.existingPeerings?.peerToHub ? [] : [["azure-native:network:VirtualNetworkPeering", `${name}-${plainPeers[i].key}-peer-to-hub`, `the peering of peer ${plainPeers[i].key} to the hub`] as const]),
            ]),
            ...(mode === "gateway" ? ranges.map(({ label }) => ["azure-native:web:AppServicePlanRouteForVnet", `${name}-${label}`, `the plan route ${label}`] as const) : []),
        ]);
        args.peers.forEach((peer, i) => {
            const key = plainPeers[i].key;
            const peerVnet = {
                id: input((s) => s.peers[i].id),
                name: input((s) => s.peers[i].name),
                resourceGroupName: input((s) => s.peers[i].resourceGroupName),
            };
            let hubSide: network.VirtualNetworkPeering | undefined;
            if (!peer.existingPeerings?.hubToPeer) {
                hubSide = new network.VirtualNetworkPeering(
                    names.name("azure-native:network:VirtualNetworkPeering", `${name}-${key}-hub-to-peer`, `the hub's peering to peer ${key}`),
                    peeringArgs(
                        { resourceGroupName: hubVnet.resourceGroupName, virtualNetworkName: hubVnet.name, peeringName: input((s) => s.hubPeeringNames[i]), remoteVirtualNetworkId: peerVnet.id },
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
                        names.name("azure-native:network:VirtualNetworkPeering", `${name}-${key}-peer-to-hub`, `the peering of peer ${key} to the hub`),
                        peeringArgs(
                            { resourceGroupName: peerVnet.resourceGroupName, virtualNetworkName: peerVnet.name, peeringName: hubVnet.name.apply((n) => `to-${n}`), remoteVirtualNetworkId: hubVnet.id },
                            mode === "gateway" ? "use" : "none",
                        ),
                        { parent: this, dependsOn: [...waitFor, ...(hubSide ? [hubSide] : [])] },
                    ),
                );
            }
        });

        if (mode === "gateway") {
            const plan = input((s) => s.hub.plan!);
            for (const { label, range } of ranges) {
                // Named after what it routes: a prefix added or removed touches only its own route.
                this.routes.push(
                    new web.AppServicePlanRouteForVnet(
                        names.name("azure-native:web:AppServicePlanRouteForVnet", `${name}-${label}`, `the plan route ${label}`),
                        planRouteArgs({ name: plan.apply((p) => p.name), resourceGroupName: plan.apply((p) => p.resourceGroupName) }, hubVnet.name, label, range),
                        // The plan-level connection exists once an app is connected.
                        { parent: this, dependsOn: waitFor },
                    ),
                );
            }
        }
        this.routedRanges = checked.output.apply(() => (mode === "gateway" ? ranges.map((r) => (r.range.endAddress ? `${r.range.startAddress}-${r.range.endAddress}` : r.range.startAddress)) : []));
        this.violations = input((s) => [...s.reported]);
        this.topology = checked.output.apply((s) => exported(s.topology));
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

function unstablePeer(index: number, component: string): never {
    throw new Error(`${component}: invalid arguments: ${new UnstableChildName(`peers[${index}].virtualNetwork`, "name").problems.join("; ")}`);
}
