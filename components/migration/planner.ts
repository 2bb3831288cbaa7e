/**
 * Migration planner: from gateway-required to regional VNet Integration. Pure: facts in,
 * a checked plan out (target topology, address changes, ordered steps with effects and
 * rollbacks). No Pulumi, no Azure. See shared/spec/azure-mapping.md, section 2.
 */
import { AddressRange, allocate, Cidr, coveredByUnion, overlaps, parseCidr, rangeInside, RFC1918, smallestPrefixLengthFor, usableAddresses } from "../address";
import { violation, Violation } from "../rules/engine";
import { LimitsProfile } from "../rules/profiles";
import { checkRegional, RegionalFacts } from "../rules/regional";
import { normalizeRegion } from "../rules/shared";
import { checkInput, InvalidInputError, profileInput, shape } from "../rules/input";
import type { GatewayTopology } from "../topology/model";
import { GATEWAY_TOPOLOGY } from "../topology/schema";
import { routeInterval, RouteSpec } from "../rules/peering";

/** Today's gateway-required integration, as facts: the topology model's gateway kind. */
export type { GatewayTopology } from "../topology/model";
export { GATEWAY_TOPOLOGY, GATEWAY_TOPOLOGY_TEXTS } from "../topology/schema";

export type MigrationStrategy = "blue-green" | "slot-swap" | "direct";

export interface MigrationStep {
    readonly title: string;
    readonly detail: string;
    /** What the apps notice. */
    readonly effect: string;
    readonly rollback: string;
}

export interface MigrationPlan {
    /** False when the target breaks a regional rule or no address block is free: never apply it. */
    readonly valid: boolean;
    readonly problems: readonly string[];
    readonly violations: readonly Violation[];
    readonly strategy: MigrationStrategy;
    readonly limits: LimitsProfile["name"];
    readonly target: {
        /** The VNet that holds the integration subnet: the hub itself, or a new one in the plan's region. */
        readonly virtualNetwork: { readonly name: string; readonly location: string; readonly addressSpace: readonly string[]; readonly isHub: boolean };
        readonly subnet?: { readonly addressPrefix: string; readonly usableAddresses: number; readonly sizedFor: number };
        /** New peerings of the target VNet (both directions each). Peering is not transitive. */
        readonly peerings: readonly { readonly to: string; readonly toId: string; readonly global: boolean; readonly reason: string }[];
        readonly dnsServers: readonly string[];
    };
    /** Ranges the plan's routes reached, each with what reaches it after the move. */
    readonly reach: readonly { readonly range: string; readonly via: string }[];
    readonly sourceAddresses: { readonly before: readonly string[]; readonly after?: string; readonly action: string };
    readonly steps: readonly MigrationStep[];
}

function blocks(texts: readonly string[]): Cidr[] {
    return texts.map((t) => parseCidr(t)).flatMap((p) => (p.ok ? [p.value] : []));
}

function rangeText(route: RouteSpec): string {
    return "cidr" in route ? route.cidr : route.endAddress ? `${route.startAddress}-${route.endAddress}` : route.startAddress;
}

/**
 * What a route reaches: the first destination that holds it whole (a route inside a peer),
 * else every destination it overlaps (a summary route over several peers).
 */
function routeDestinations<D extends { ranges: readonly Cidr[] }>(route: AddressRange, destinations: readonly D[]): D[] {
    const holder = destinations.find((d) => d.ranges.some((b) => rangeInside(route, b)));
    if (holder) return [holder];
    return destinations.filter((d) => d.ranges.some((b) => overlaps(route, b)));
}

/** The VNet prefix for a new integration VNet: a /24 at least, and never smaller than the subnet. */
function vnetPrefixLength(subnetPrefixLength: number): number {
    return Math.min(24, subnetPrefixLength);
}

/**
 * Slots go where their app goes: a gateway integration that connects only slots of apps
 * another integration of the same plan connects (staging slots through another team's
 * gateway) is folded into that one, so one plan moves once and a slot keeps its app's VNet
 * Integration. What the slots reached stays reached: the folded hub becomes a peer of the
 * app's hub with a plan route over its address space, its peers, routes, point-to-site pool
 * and on-premises ranges join. Integrations that also connect production apps stay apart.
 */
export function slotsWithTheirApps(topologies: readonly GatewayTopology[]): GatewayTopology[] {
    checkInput("slotsWithTheirApps", { topologies: [topologies, shape.list(GATEWAY_TOPOLOGY)] });
    const key = (t: GatewayTopology) => `${t.plan.resourceGroupName}/${t.plan.name}`.toLowerCase();
    const appKey = (a: { name: string; resourceGroupName?: string }) => `${a.resourceGroupName ?? ""}/${a.name}`.toLowerCase();
    const result = topologies.map((t) => ({ ...t }));
    const folded = new Set<number>();
    result.forEach((t, i) => {
        if (t.apps.length === 0 || t.apps.some((a) => !a.slot)) return;
        const home = result.findIndex((u, j) => j !== i && !folded.has(j) && key(u) === key(t) && t.apps.every((slot) => u.apps.some((a) => !a.slot && appKey(a) === appKey(slot))));
        if (home < 0) return;
        const u = result[home];
        const hubAsPeer = { name: t.hub.name, id: t.hub.id, resourceGroupName: t.hub.resourceGroupName, location: t.hub.location, addressPrefixes: t.hub.addressSpace };
        result[home] = {
            ...u,
            apps: [...u.apps, ...t.apps],
            peers: [...u.peers, hubAsPeer, ...t.peers],
            planRoutes: [...u.planRoutes, ...t.hub.addressSpace.map((cidr) => ({ cidr })), ...t.planRoutes],
            pointToSitePool: [...u.pointToSitePool, ...t.pointToSitePool],
            onPremisesPrefixes: [...u.onPremisesPrefixes, ...t.onPremisesPrefixes],
        };
        folded.add(i);
    });
    return result.filter((_, i) => !folded.has(i));
}

/**
 * Plans the move of one plan's gateway integrations to regional integration. Facts of the
 * wrong shape (a missing list, a route as a bare string, a number for a name) are an
 * InvalidInputError naming each one: a plan from them would be wrong.
 */
export function planMigration(facts: GatewayTopology, strategy: MigrationStrategy, profile: LimitsProfile, alsoTaken: readonly string[] = []): MigrationPlan {
    const misplaced = checkInput("planMigration", {
        facts: [facts, GATEWAY_TOPOLOGY],
        strategy: [strategy, shape.oneOf("blue-green", "slot-swap", "direct")],
        profile: profileInput(profile),
        alsoTaken: [alsoTaken, shape.addresses],
    });
    if (misplaced.length > 0) throw new InvalidInputError("planMigration", misplaced.map((f) => `${f.code} ${f.message}`));
    if (facts.plan.peakInstances < 1) throw new InvalidInputError("planMigration", [`facts.plan.peakInstances is ${facts.plan.peakInstances}; expected a whole number of at least 1`]);
    const problems: string[] = [];
    const sameRegion = normalizeRegion(facts.hub.location) === normalizeRegion(facts.plan.location);
    const sizedFor = 2 * Math.max(1, facts.plan.peakInstances);
    const subnetLength = Math.min(profile.maxSubnetPrefixLength, smallestPrefixLengthFor(sizedFor) ?? 0);
    // Everything declared, and the targets of other migrations planned with this one.
    const declared = blocks([...facts.hub.addressSpace, ...facts.pointToSitePool, ...facts.peers.flatMap((p) => p.addressPrefixes), ...facts.onPremisesPrefixes, ...alsoTaken]);

    // Where the subnet goes.
    let vnet: MigrationPlan["target"]["virtualNetwork"];
    let subnetBlock: Cidr | undefined;
    if (sameRegion) {
        vnet = { name: facts.hub.name, location: facts.hub.location, addressSpace: facts.hub.addressSpace, isHub: true };
        // Beside the hub's subnets and what other migrations planned with this one take in it.
        subnetBlock = allocate(blocks(facts.hub.addressSpace), blocks([...facts.hub.subnets, ...alsoTaken]), subnetLength);
        if (!subnetBlock) {
            const beside = [...facts.hub.subnets, ...blocks(alsoTaken).map((b) => `${b.text} (another migration)`)];
            problems.push(`no free /${subnetLength} block is left in hub ${facts.hub.name} (${facts.hub.addressSpace.join(", ")}) beside its subnets ${beside.join(", ") || "(none declared)"}; add address space to it.`);
        }
    } else {
        const space = allocate(RFC1918, declared, vnetPrefixLength(subnetLength));
        if (!space) {
            problems.push(`no free /${vnetPrefixLength(subnetLength)} block is left in RFC 1918 beside everything declared (hub, peers, point-to-site pool, on-premises); free or declare fewer ranges.`);
            vnet = { name: `${facts.plan.name}-to-${facts.hub.name}`, location: facts.plan.location, addressSpace: [], isHub: false };
        } else {
            vnet = { name: `${facts.plan.name}-to-${facts.hub.name}`, location: facts.plan.location, addressSpace: [space.text], isHub: false };
            subnetBlock = allocate([space], [], subnetLength);
        }
    }

    // What the routes reached, and what reaches it after the move.
    const peersReached = new Map<string, GatewayTopology["peers"][number]>();
    const reach: { range: string; via: string }[] = [];
    const hubVia = vnet.isHub ? "the hub itself" : `new peering to hub ${facts.hub.name}`;
    const onPremisesVia = vnet.isHub
        ? `hub ${facts.hub.name}'s site-to-site connection`
        : `hub ${facts.hub.name}'s site-to-site connection, through a peering that uses the hub's gateway (the hub side offers gateway transit)`;
    // What a route may reach, in the order a route inside one of them is attributed.
    const destinations: { ranges: Cidr[]; via: string; peer?: GatewayTopology["peers"][number] }[] = [
        ...facts.peers.map((peer) => ({ ranges: blocks(peer.addressPrefixes), via: vnet.isHub ? `peering hub ${facts.hub.name} - ${peer.name} (exists)` : `new peering to ${peer.name}`, peer })),
        { ranges: blocks(facts.hub.addressSpace), via: hubVia },
        { ranges: blocks(facts.onPremisesPrefixes), via: onPremisesVia },
    ];
    for (const route of facts.planRoutes) {
        const interval = routeInterval(route);
        if ("code" in interval) {
            problems.push(`plan route ${rangeText(route)} is malformed: ${interval.message}`);
            continue;
        }
        const reached = routeDestinations(interval, destinations);
        if (reached.length === 0) {
            problems.push(`plan route ${rangeText(route)} reaches nothing declared (hub, peers, on-premises): declare what it reaches, or it is lost in the move.`);
            continue;
        }
        if (!coveredByUnion(interval, reached.flatMap((d) => d.ranges))) {
            problems.push(
                `plan route ${rangeText(route)} reaches ${reached.map((d) => d.via).join(" and ")}, but part of it reaches nothing declared (hub, peers, on-premises): declare what the rest reaches, or narrow the route.`,
            );
            continue;
        }
        for (const d of reached) if (d.peer) peersReached.set(d.peer.name, d.peer);
        reach.push({ range: rangeText(route), via: reached.map((d) => d.via).join(" and ") });
    }

    const peerings: MigrationPlan["target"]["peerings"][number][] = [];
    if (!vnet.isHub) {
        peerings.push({ to: facts.hub.name, toId: facts.hub.id, global: true, reason: "the VNet the gateway served" });
        for (const peer of peersReached.values()) {
            peerings.push({ to: peer.name, toId: peer.id, global: normalizeRegion(peer.location) !== normalizeRegion(vnet.location), reason: "the plan's routes reached it through the hub; peering is not transitive" });
        }
    }

    // The target must pass the regional rules.
    let violations: Violation[] = [];
    if (subnetBlock) {
        const regional: RegionalFacts = {
            plan: { name: facts.plan.name, location: facts.plan.location, skuName: facts.plan.skuName, skuTier: facts.plan.skuTier, linux: facts.plan.linux },
            planKey: "plan",
            maxInstances: facts.plan.peakInstances,
            virtualNetwork: { name: vnet.name, location: vnet.location, addressSpace: vnet.addressSpace, dnsServers: facts.hub.dnsServers },
            vnetKey: "target",
            subnet: { kind: "create", name: `${facts.plan.name}-integration`, addressPrefix: subnetBlock.text, routeTable: false },
            reservedAddressPrefixes: vnet.isHub ? [...facts.hub.subnets, ...blocks(alsoTaken).map((b) => b.text)] : [],
            peeredNetworks: [
                ...(vnet.isHub ? facts.peers.filter((p) => peersReached.has(p.name)) : [{ name: facts.hub.name, location: facts.hub.location, addressPrefixes: facts.hub.addressSpace }, ...peersReached.values()]).map((p) => ({
                    name: p.name,
                    location: p.location,
                    addressPrefixes: "addressPrefixes" in p ? p.addressPrefixes : [],
                })),
            ],
            onPremisesPrefixes: facts.onPremisesPrefixes,
            routing: {},
            apps: [],
            others: [],
        };
        violations = checkRegional(regional, profile).findings.map(violation).filter((v) => v.severity === "error");
    }

    const subnetText = subnetBlock?.text;
    const plan: MigrationPlan = {
        valid: problems.length === 0 && violations.length === 0 && subnetBlock !== undefined,
        problems,
        violations,
        strategy,
        limits: profile.name,
        target: {
            virtualNetwork: vnet,
            subnet: subnetBlock ? { addressPrefix: subnetBlock.text, usableAddresses: usableAddresses(subnetBlock.prefixLength), sizedFor } : undefined,
            peerings,
            dnsServers: facts.hub.dnsServers,
        },
        reach,
        sourceAddresses: {
            before: facts.pointToSitePool,
            after: subnetText,
            action: `every firewall, NSG or on-premises rule that allows ${facts.pointToSitePool.join(", ") || "the point-to-site pool"} must also allow ${subnetText ?? "the new subnet"} before the cut-over`,
        },
        steps: steps(facts, strategy, vnet, subnetText, peerings),
    };
    return plan;
}

/**
 * The ranges a plan takes, to pass as `alsoTaken` to the plans made after it: its new VNet's
 * address space, or its subnet when it moves into the hub (not the hub's whole space).
 */
export function rangesTakenBy(plan: MigrationPlan): readonly string[] {
    checkInput("rangesTakenBy", { plan: [plan, MIGRATION_PLAN] });
    const target = plan.target;
    if (!target.virtualNetwork.isHub) return target.virtualNetwork.addressSpace;
    return target.subnet ? [target.subnet.addressPrefix] : [];
}

/** What the functions that read a plan need of it (a plan from planMigration has it all). */
export const MIGRATION_PLAN = shape.record({
    valid: shape.boolean,
    problems: shape.list(shape.string),
    violations: shape.list(shape.record({ code: shape.string, name: shape.string, message: shape.string })),
    strategy: shape.string,
    limits: shape.string,
    target: shape.record({
        virtualNetwork: shape.record({ name: shape.string, location: shape.string, addressSpace: shape.list(shape.string), isHub: shape.boolean }),
        subnet: shape.optional(shape.record({ addressPrefix: shape.string, usableAddresses: shape.number, sizedFor: shape.number })),
        peerings: shape.list(shape.record({ to: shape.string, global: shape.boolean, reason: shape.string })),
        dnsServers: shape.list(shape.string),
    }),
    reach: shape.list(shape.record({ range: shape.string, via: shape.string })),
    sourceAddresses: shape.record({ before: shape.list(shape.string), after: shape.optional(shape.string), action: shape.string }),
    steps: shape.list(shape.record({ title: shape.string, detail: shape.string, effect: shape.string, rollback: shape.string })),
});

function appList(facts: GatewayTopology): string {
    return facts.apps.map((a) => (a.slot ? `${a.name}/${a.slot}` : a.name)).join(", ") || "(no apps)";
}

function steps(facts: GatewayTopology, strategy: MigrationStrategy, vnet: MigrationPlan["target"]["virtualNetwork"], subnet: string | undefined, peerings: MigrationPlan["target"]["peerings"]): MigrationStep[] {
    const network: MigrationStep = {
        title: vnet.isHub ? `Create subnet ${subnet} in hub ${vnet.name}` : `Create VNet ${vnet.name} (${vnet.addressSpace.join(", ")}) in ${vnet.location} with subnet ${subnet}, and its peerings`,
        detail: vnet.isHub
            ? `Delegated to Microsoft.Web/serverFarms, sized for twice the peak scale.`
            : `Delegated subnet sized for twice the peak scale; peerings to ${peerings.map((p) => `${p.to}${p.global ? " (global)" : ""}`).join(", ")}, both directions, forwarded traffic allowed.`,
        effect: "none: nothing uses it yet",
        rollback: "delete what was created",
    };
    const rules: MigrationStep = {
        title: `Allow ${subnet} wherever ${facts.pointToSitePool.join(", ")} is allowed`,
        detail: "Firewalls, NSGs, service firewalls and on-premises devices: the apps' source addresses move from the point-to-site pool to the subnet. DNS servers carry over: the apps use the target VNet's DNS.",
        effect: "none",
        rollback: "remove the added rules",
    };
    const disconnect = (what: string) => `DELETE sites/${what}/virtualNetworkConnections/${facts.hub.name} (the gateway connection), then connect it regionally to ${subnet}`;
    const reconnect = `re-create the gateway connection (GatewayVnetIntegration) and sync the network; possible only while the SSTP gateway still serves (until 31 March 2027)`;
    switch (strategy) {
        case "blue-green":
            return [
                network,
                rules,
                {
                    title: `Create a new ${facts.plan.skuName} plan in ${facts.plan.location} with ${appList(facts)}, integrated regionally from the start`,
                    detail: "Use RegionalVnetIntegration siteArgs on the new apps (form A); deploy the same code and settings.",
                    effect: "none on the old apps",
                    rollback: "delete the new plan",
                },
                { title: "Test the new apps against every reached range", detail: "Kudu console: tcpping and nameresolver to each dependency.", effect: "none", rollback: "fix or delete the new plan" },
                { title: "Switch traffic to the new apps (Front Door, Traffic Manager or DNS)", detail: "Keep the old plan running until the new one has served a full business cycle.", effect: "none if both serve; clients follow DNS TTLs", rollback: "switch traffic back: the old plan is untouched" },
                { title: "Remove the old plan and its gateway connections", detail: "Then remove the app certificate from the gateway; the gateway goes when nothing else uses it.", effect: "none", rollback: "none needed once traffic has moved; this is the only strategy with a safe rollback after SSTP cannot be enabled again" },
            ];
        case "slot-swap":
            return [
                network,
                rules,
                {
                    title: `For each app: connect the staging slot regionally (${disconnect("{app}/slots/staging")})`,
                    detail: "VNet integration is per slot and does not swap with the content.",
                    effect: "the staging slot restarts",
                    rollback: `reconnect the staging slot's gateway connection`,
                },
                { title: "Test the staging slots against every reached range", detail: "Kudu console of the slot: tcpping and nameresolver.", effect: "none", rollback: "none needed" },
                {
                    title: `For each app: ${disconnect("{app}")} on production`,
                    detail: "Do it right after a swap with preview has warmed the content; the integration stays with the slot.",
                    effect: "production restarts and has no VNet access for a few minutes",
                    rollback: reconnect,
                },
                { title: "Remove the app certificate from the gateway", detail: "When no app of the subscription uses that VNet connection.", effect: "none", rollback: "re-add it (GatewayVnetIntegration)" },
            ];
        case "direct":
            return [
                network,
                rules,
                {
                    title: `In a maintenance window, for each app and slot: ${disconnect("{app}[/slots/{slot}]")}`,
                    detail: `Apps: ${appList(facts)}.`,
                    effect: "each app restarts and has no VNet access for a few minutes",
                    rollback: reconnect,
                },
                { title: "Verify every reached range from the Kudu console", detail: "tcpping and nameresolver.", effect: "none", rollback: reconnect },
                { title: "Remove the app certificate from the gateway", detail: "When no app uses the gateway connection any more.", effect: "none", rollback: "re-add it (GatewayVnetIntegration)" },
            ];
    }
}

/** The plan as text, for the command line. */
export function formatMigrationPlan(plan: MigrationPlan): string {
    checkInput("formatMigrationPlan", { plan: [plan, MIGRATION_PLAN] });
    const lines: string[] = [];
    lines.push(`Migration to regional VNet Integration (strategy ${plan.strategy}, limits ${plan.limits}): ${plan.valid ? "VALID" : "NOT VALID"}`);
    for (const problem of plan.problems) lines.push(`  problem: ${problem}`);
    for (const v of plan.violations) lines.push(`  ${v.code} ${v.name}: ${v.message}`);
    const t = plan.target;
    lines.push("", "Target:");
    lines.push(`  integration VNet: ${t.virtualNetwork.name} in ${t.virtualNetwork.location} (${t.virtualNetwork.isHub ? "the hub itself" : `new, ${t.virtualNetwork.addressSpace.join(", ")}`})`);
    if (t.subnet) lines.push(`  subnet: ${t.subnet.addressPrefix} (${t.subnet.usableAddresses} usable addresses for ${t.subnet.sizedFor} instances: twice the peak scale)`);
    for (const p of t.peerings) lines.push(`  peering: ${t.virtualNetwork.name} <-> ${p.to}${p.global ? " (global)" : ""}: ${p.reason}`);
    lines.push(`  DNS servers: ${t.dnsServers.join(", ") || "Azure DNS"}`);
    if (plan.reach.length > 0) {
        lines.push("", "What the plan routes reached:");
        for (const r of plan.reach) lines.push(`  ${r.range}: ${r.via}`);
    }
    lines.push("", `Source addresses: ${plan.sourceAddresses.before.join(", ")} -> ${plan.sourceAddresses.after ?? "?"}; ${plan.sourceAddresses.action}.`);
    lines.push("", "Steps:");
    plan.steps.forEach((s, i) => {
        lines.push(`  ${i + 1}. ${s.title}`, `     ${s.detail}`, `     effect: ${s.effect}`, `     rollback: ${s.rollback}`);
    });
    return lines.join("\n");
}

