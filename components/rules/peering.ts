/**
 * Peering rules (VNI-P01 to VNI-P06, with VNI-G15 and VNI-R09 where they apply): pure
 * functions over plain facts of a hub VNet, its peers and the plan routes.
 */
import { AddressRange, BlockIndex, Cidr, formatAddress, isRfc1918, RangeUnion } from "../address";
import type { RuleCode } from "./catalog";
import { Finding } from "./engine";
import { RuleRun, viewOf } from "./known";
import { checkInput, PEERINGS, profileInput, ROUTE, ROUTES, shape, shown } from "./input";
import { LimitsProfile } from "./profiles";
import { AddressReader, normalizeRegion } from "./shared";

/** The flags of one direction of a peering, as Azure reports them. */
export interface PeeringFlags {
    readonly allowVirtualNetworkAccess?: boolean;
    readonly allowForwardedTraffic?: boolean;
    readonly allowGatewayTransit?: boolean;
    readonly useRemoteGateways?: boolean;
}

/** A route on the plan's VNet integration: a CIDR block, or a start/end address range. */
export type RouteSpec = { readonly cidr: string } | { readonly startAddress: string; readonly endAddress?: string };

export interface PeerFacts {
    readonly name: string;
    /** Identity of the peer VNet within the program. */
    readonly key: string;
    readonly location: string;
    /** The peer VNet's address space as Azure has it. */
    readonly addressSpace: readonly string[];
    /** The prefixes the component routes to this peer. */
    readonly routedPrefixes: readonly string[];
    /** The peer has a VPN or ExpressRoute gateway of its own. */
    readonly hasGateway: boolean;
    /** Peerings that exist already: validated, not created. */
    readonly existing?: { readonly hubToPeer?: PeeringFlags; readonly peerToHub?: PeeringFlags };
}

/** A peer that already uses some hub's remote gateway in this program. */
export interface RemoteGatewayClaim {
    readonly peerKey: string;
    readonly hubName: string;
    readonly component: string;
}

export interface PeeringFacts {
    /** `gateway`: apps reach the hub through a point-to-site gateway; `regional`: through a delegated subnet. */
    readonly mode: "gateway" | "regional";
    readonly hub: {
        readonly name: string;
        readonly location: string;
        readonly addressSpace: readonly string[];
        readonly pointToSitePool: readonly string[];
        readonly gatewaySku?: string;
    };
    readonly peers: readonly PeerFacts[];
    readonly extraRoutes: readonly RouteSpec[];
    readonly otherRemoteGatewayPeers: readonly RemoteGatewayClaim[];
}

/** Flags the hub-to-peer peering needs for gateway-required integration to reach the peer (VNI-P01). */
export const HUB_FLAGS = ["allowVirtualNetworkAccess", "allowForwardedTraffic", "allowGatewayTransit"] as const;
/** Flags the peer-to-hub peering needs (VNI-P02). */
export const PEER_FLAGS = ["allowVirtualNetworkAccess", "allowForwardedTraffic", "useRemoteGateways"] as const;

type Interval = AddressRange;

/** A route as an address interval, or a P06 finding. */
export function routeInterval(route: RouteSpec): Interval | Finding {
    const misplaced = checkInput("routeInterval", { route: [route, ROUTE] });
    if (misplaced.length > 0) return misplaced[0];
    const describe = shown(route);
    if ("cidr" in route) {
        const parsed = new AddressReader().cidr(route.cidr, "route");
        if (!parsed) return { code: "VNI-P06", message: `route ${describe}: ${shown(route.cidr)} is not an IPv4 CIDR block like "10.60.0.0/16". Fix: correct the block.` };
        return parsed;
    }
    if (route.endAddress === undefined) {
        const block = new AddressReader().cidr(route.startAddress, "route");
        if (block) return block;
        return { code: "VNI-P06", message: `route ${describe}: a start address without an end address must be a CIDR block. Fix: give a CIDR or an endAddress.` };
    }
    if (String(route.startAddress).includes("/")) {
        return { code: "VNI-P06", message: `route ${describe}: an end address is given with a CIDR start. Fix: give either a CIDR start alone or two plain addresses.` };
    }
    const probe = new AddressReader();
    const first = probe.address(route.startAddress, "route start");
    const last = probe.address(route.endAddress, "route end");
    if (first === undefined || last === undefined) {
        // The reader's own "Fix:" is replaced by the route's.
        return { code: "VNI-P06", message: `route ${describe}: ${probe.findings.map((f) => f.message.replace(/\. Fix: .*$/, "")).join("; ")}. Fix: use IPv4 addresses.` };
    }
    if (first > last) {
        return { code: "VNI-P06", message: `route ${describe}: start ${route.startAddress} is after end ${route.endAddress}. Fix: swap them.` };
    }
    return { first, last };
}

function isFinding(value: Interval | Finding): value is Finding {
    return (value as Finding).code !== undefined;
}

function checkFlags(peer: PeerFacts, hubName: string): Finding[] {
    const findings: Finding[] = [];
    const hubToPeer = peer.existing?.hubToPeer;
    if (hubToPeer) {
        const missing = HUB_FLAGS.filter((flag) => hubToPeer[flag] !== true);
        if (missing.length > 0) {
            findings.push({
                code: "VNI-P01",
                message: `the peering from hub ${hubName} to ${peer.name} lacks ${missing.join(", ")}; gateway-required integration reaches a peer only when the hub side allows virtual network access, forwarded traffic and gateway transit. Fix: set ${missing.join(", ")} to true on that peering.`,
            });
        }
    }
    const peerToHub = peer.existing?.peerToHub;
    if (peerToHub) {
        const missing = PEER_FLAGS.filter((flag) => peerToHub[flag] !== true);
        if (missing.length > 0) {
            findings.push({
                code: "VNI-P02",
                message: `the peering from ${peer.name} back to hub ${hubName} lacks ${missing.join(", ")}; the peer side must allow virtual network access and forwarded traffic and use the hub's remote gateway. Fix: set ${missing.join(", ")} to true on that peering.`,
            });
        }
    }
    return findings;
}

const PEERING_RULES: readonly RuleCode[] = ["VNI-P01", "VNI-P02", "VNI-P03", "VNI-P04", "VNI-P05", "VNI-P06", "VNI-G15", "VNI-R08", "VNI-R09", "VNI-X02"];

/** Every peering rule over one hub and its peers, deferred while what they read is unknown (see rules/known.ts). */
export function peeringRules(facts: PeeringFacts, profile: LimitsProfile, run: RuleRun): void {
    run.check(PEERING_RULES, () => checkPeering(viewOf(facts), profile));
}

const PEERING_FACTS = shape.record({
    mode: shape.oneOf("gateway", "regional"),
    hub: shape.record({ name: shape.string, location: shape.string, addressSpace: shape.addresses, pointToSitePool: shape.addresses, gatewaySku: shape.optional(shape.string) }),
    peers: shape.list(
        shape.record({
            name: shape.string,
            key: shape.string,
            location: shape.string,
            addressSpace: shape.addresses,
            routedPrefixes: shape.addresses,
            hasGateway: shape.boolean,
            existing: PEERINGS,
        }),
    ),
    extraRoutes: ROUTES,
    otherRemoteGatewayPeers: shape.list(shape.record({ peerKey: shape.string, hubName: shape.string, component: shape.string })),
});

/**
 * Every peering rule over one hub and its peers. Pure: misplaced addresses are VNI-X02, routes
 * that are no route (a bare string) VNI-P06, other junk an InvalidInputError.
 */
export function checkPeering(facts: PeeringFacts, profile: LimitsProfile): Finding[] {
    const misplaced = checkInput("checkPeering", { facts: [facts, PEERING_FACTS], profile: profileInput(profile) });
    if (misplaced.length > 0) return misplaced;
    const reader = new AddressReader();
    const findings: Finding[] = [];
    const hub = facts.hub;
    const hubSpace = hub.addressSpace.map((p) => reader.cidr(p, `address space of hub ${hub.name}`)).filter((b): b is Cidr => b !== undefined);
    const pool = hub.pointToSitePool.map((p) => reader.cidr(p, `point-to-site pool of hub ${hub.name}`)).filter((b): b is Cidr => b !== undefined);
    const peers = facts.peers.map((peer) => ({
        peer,
        space: peer.addressSpace.map((p) => reader.cidr(p, `address space of peer ${peer.name}`)).filter((b): b is Cidr => b !== undefined),
        routed: peer.routedPrefixes.map((p) => reader.cidr(p, `routed prefix of peer ${peer.name}`)).filter((b): b is Cidr => b !== undefined),
    }));

    // VNI-P04: peered address spaces must be disjoint from the hub, each other and the pool.
    // Indexed once: each block asks only for the blocks it overlaps (n log n, not n²).
    const owners = new BlockIndex<{ what: string; order: number }>();
    hubSpace.forEach((block) => owners.add(block, { what: `hub ${hub.name}`, order: -1 }));
    if (facts.mode === "gateway") pool.forEach((block) => owners.add(block, { what: `the point-to-site pool of hub ${hub.name}`, order: -1 }));
    peers.forEach(({ peer, space }, index) => {
        for (const block of space) {
            const clashes = owners.overlapping(block).filter((o) => o.value.order < index);
            // As declared: the hub, the pool, then earlier peers, each in its own order.
            clashes.sort((a, b) => a.value.order - b.value.order);
            for (const other of clashes) {
                findings.push({
                    code: "VNI-P04",
                    message: `address space ${block.text} of peer ${peer.name} overlaps ${other.value.what} (${other.block.text}); peered networks must not overlap. Fix: re-address ${peer.name} or drop it from the peers.`,
                });
            }
        }
        space.forEach((block) => owners.add(block, { what: `peer ${peer.name}`, order: index }));
    });

    if (facts.mode === "regional") {
        // Regional integration needs no routes for peering; only reachability limits apply.
        if (!profile.globalPeeringReachable) {
            for (const { peer } of peers) {
                if (normalizeRegion(peer.location) !== normalizeRegion(hub.location)) {
                    findings.push({
                        code: "VNI-R09",
                        message: `peer ${peer.name} is in ${peer.location}, hub ${hub.name} in ${hub.location}: a global peering, which regional integration cannot reach under limits profile documented (azure-2026 reaches it). Fix: peer a VNet in ${hub.location}, or choose limits: "azure-2026".`,
                    });
                }
            }
        }
        for (const { peer, space } of peers) {
            if (space.some((b) => !isRfc1918(b)) && !profile.routeAllReachesAnyDestination) {
                findings.push({ code: "VNI-R08", message: `peer ${peer.name} has addresses outside RFC 1918, which regional integration does not reach under limits profile documented. Fix: use RFC 1918 addresses, or choose limits: "azure-2026" with route-all.` });
            }
        }
        return [...reader.findings, ...findings];
    }

    if ((hub.gatewaySku ?? "").toLowerCase() === "basic" && facts.peers.length > 0) {
        findings.push({
            code: "VNI-G15",
            message: `the gateway of hub ${hub.name} is Basic, which has no gateway transit, but peers are declared (${facts.peers.map((p) => p.name).join(", ")}). Fix: use a VpnGw1AZ or larger SKU.`,
        });
    }

    const routes: Interval[] = [];
    for (const route of facts.extraRoutes) {
        const interval = routeInterval(route);
        if (isFinding(interval)) findings.push(interval);
        else routes.push(interval);
    }
    for (const { routed } of peers) routes.push(...routed);
    // Sorted and merged once; each block's coverage is then a binary search.
    const covered = new RangeUnion(routes);
    // Messages list the merged runs the routes cover: the first 20, then how many more.
    const routeList = () => {
        const runs = covered.ranges;
        const shown = runs.slice(0, 20).map((r) => `${formatAddress(r.first)}-${formatAddress(r.last)}`);
        return runs.length > 20 ? `${shown.join(", ")} and ${runs.length - 20} more` : shown.join(", ");
    };

    for (const { peer, space } of peers) {
        findings.push(...checkFlags(peer, hub.name));
        if (peer.hasGateway) {
            findings.push({
                code: "VNI-P05",
                message: `peer ${peer.name} has a gateway of its own, so it cannot use hub ${hub.name}'s remote gateway. Fix: remove the peer's gateway, or reach it another way.`,
            });
        }
        const elsewhere = facts.otherRemoteGatewayPeers.find((c) => c.peerKey === peer.key);
        if (elsewhere) {
            findings.push({
                code: "VNI-P05",
                message: `peer ${peer.name} already uses the remote gateway of hub ${elsewhere.hubName} (component ${elsewhere.component}); a VNet may use one remote gateway. Fix: peer it with one hub only.`,
            });
        }
        for (const block of space) {
            if (!covered.covers(block)) {
                findings.push({
                    code: "VNI-P03",
                    message: `address prefix ${block.text} of peer ${peer.name} is not covered by the plan's routes (${routeList() || "none"}), so the apps send no traffic there. Fix: list ${block.text} in the peer's addressPrefixes or in routes.`,
                });
            }
        }
    }
    return [...reader.findings, ...findings];
}
