/**
 * Turns the joined resources of a stack into the facts the library's rule functions take, one
 * unit per integration, and runs those functions. No limit is written here: every threshold
 * and message comes from components/rules/.
 */
import { RuleCode } from "../rules/catalog";
import { Cidr, overlaps, parseCidr } from "../address";
import { Finding } from "../rules/engine";
import { checkGatewayIntegration, checkGatewayPlan, checkNewSstpGateway, checkOneGatewayPerVnet, GatewayFacts } from "../rules/gateway";
import { checkPeering, PeerFacts, RouteSpec } from "../rules/peering";
import { LimitsProfile } from "../rules/profiles";
import {
    AppFacts,
    checkRegional,
    checkRegionalApps,
    checkRegionalPlanTier,
    checkRegionalRegion,
    checkSiteDnsServers,
    checkSubnetDelegation,
    integrationDelegation,
    IntegrationClaim,
    RegionalFacts,
} from "../rules/regional";
import { PlanFacts } from "../rules/shared";
import { PeeringFlags } from "../rules/peering";
import { App, Deferred, Gateway, Maybe, need, Plan, resolve, StackModel, Subnet, Vnet } from "./stack";

/** A unit whose grouping already needs an unknown value: its rules wait for `up`. */
const deferredUnit = (urn: string, codes: readonly RuleCode[], deferred: Deferred): Unit => ({
    urn,
    codes,
    check: () => {
        throw deferred.error;
    },
});

/** One integration (or one VNet, one gateway) of the stack, checked on its own. */
export interface Unit {
    /** The resource a violation is reported against. */
    readonly urn: string;
    /** The codes its check may report: a policy waits only on the units of its own code. */
    readonly codes: readonly RuleCode[];
    /** Every finding of the rules over this unit; throws the engine's UnknownValueError when a fact it needs is unknown. */
    check(profile: LimitsProfile): Finding[];
}

// The regional rules in groups that read fewer facts, so one unknown value defers only its own group.
const REGIONAL_PLAN: RuleCode[] = ["VNI-R01"];
const REGIONAL_PLACE: RuleCode[] = ["VNI-R04", "VNI-R11", "VNI-R12"];
const REGIONAL_DNS: RuleCode[] = ["VNI-R14"];
const REGIONAL_SUBNET: RuleCode[] = ["VNI-R02", "VNI-R03", "VNI-R05", "VNI-R06", "VNI-R07", "VNI-R08", "VNI-R09", "VNI-R10", "VNI-R20", "VNI-X02"];
const REGIONAL = [...REGIONAL_PLAN, ...REGIONAL_PLACE, ...REGIONAL_DNS, ...REGIONAL_SUBNET];
const GATEWAY_PLAN: RuleCode[] = ["VNI-G01", "VNI-G02", "VNI-G10"];
const GATEWAY: RuleCode[] = ["VNI-G01", "VNI-G02", "VNI-G05", "VNI-G06", "VNI-G07", "VNI-G08", "VNI-G09", "VNI-G10", "VNI-G11", "VNI-G12", "VNI-G13", "VNI-G14", "VNI-G15", "VNI-X02"];
const PEERING: RuleCode[] = ["VNI-P01", "VNI-P02", "VNI-P03", "VNI-P04", "VNI-P05", "VNI-P06", "VNI-G15", "VNI-R08", "VNI-R09", "VNI-X02"];

const isDeferred = (value: unknown): value is Deferred => value instanceof Deferred;

function policyPlanFacts(plan: Plan): PlanFacts {
    return {
        name: plan.name,
        location: need(plan.location) ?? "(no location)",
        skuName: need(plan.skuName),
        skuTier: need(plan.skuTier),
        linux: need(plan.linux),
        capacity: need(plan.capacity),
    };
}

function vnetLocation(vnet: Vnet): string {
    return need(vnet.location) ?? "(no location)";
}

/** Computes once per model what every unit of it would otherwise scan the whole stack for. */
function memo<T>(compute: () => T): () => T {
    let done = false;
    let value: T;
    let failure: unknown;
    return () => {
        if (!done) {
            try {
                value = compute();
            } catch (error) {
                failure = error;
            }
            done = true;
        }
        if (failure !== undefined) throw failure;
        return value;
    };
}

const parsedPrefixes = new Map<string, Cidr | undefined>();
function parsed(prefix: string): Cidr | undefined {
    if (!parsedPrefixes.has(prefix)) {
        const result = parseCidr(prefix);
        if (parsedPrefixes.size > 10_000) parsedPrefixes.clear();
        parsedPrefixes.set(prefix, result.ok ? result.value : undefined);
    }
    return parsedPrefixes.get(prefix);
}

/** Whether two prefixes can concern each other's placement: they overlap, or one does not parse (the rule reports it). */
function mayOverlap(a: string, b: string): boolean {
    const x = parsed(a);
    const y = parsed(b);
    return !x || !y || overlaps(x, y);
}

interface RegionalAttachment {
    app?: App;
    label: string;
    swift: boolean;
}

/** The app facts of one group of attachments: an app attached both ways appears once, with both forms. */
function appsOf(group: readonly RegionalAttachment[]): (AppFacts & { siteDnsServers?: string[] })[] {
    const apps = new Map<string, AppFacts & { siteDnsServers?: string[] }>();
    for (const a of group) {
        const known = apps.get(a.label);
        const own = a.app ? need(a.app.ownSubnet) : undefined;
        apps.set(a.label, {
            label: a.label,
            location: a.app ? need(a.app.location) : undefined,
            ownSubnetId: own?.id ?? known?.ownSubnetId,
            attachedByComponent: a.swift || known?.attachedByComponent === true,
            linuxContainer: a.app ? need(a.app.linuxContainer) : false,
            listensOnPortSetting: a.app ? need(a.app.listensOnPortSetting) : true,
            siteDnsServers: a.app ? need(a.app.siteDnsServers) : undefined,
        });
    }
    return [...apps.values()];
}

/** Regional integration: apps attached to a subnet of the stack, by their own subnet id or a swift connection. */
function regionalUnits(model: StackModel): Unit[] {
    interface Attachment {
        app?: App;
        label: string;
        planKey: Maybe<string | undefined>;
        subnet: Maybe<Subnet | undefined>;
        swift: boolean;
        urn: string;
    }
    const attachments: Attachment[] = [];
    for (const app of model.apps) {
        const own = app.ownSubnet;
        if (own === undefined) continue;
        attachments.push({ app, label: app.label, planKey: app.planKey, subnet: isDeferred(own) ? own : resolve(model.subnets, own.key), swift: false, urn: app.resource.urn });
    }
    for (const connection of model.swiftConnections) {
        const app = resolve(model.apps, connection.appKey);
        const known = isDeferred(app) ? undefined : app;
        attachments.push({
            app: known,
            label: known?.label ?? connection.appLabel,
            planKey: isDeferred(app) ? app : (known?.planKey ?? undefined),
            subnet: resolve(model.subnets, connection.subnetKey),
            swift: true,
            urn: connection.resource.urn,
        });
    }

    const units: Unit[] = [];
    // VNI-R15: one regional integration per app; a second swift connection for one app replaces the first.
    const swiftByApp = new Map<string, string>();
    for (const connection of model.swiftConnections) {
        const key = connection.appKey;
        if (typeof key !== "string") continue;
        const first = swiftByApp.get(key);
        if (first === undefined) {
            swiftByApp.set(key, connection.appLabel);
            continue;
        }
        units.push({
            urn: connection.resource.urn,
            codes: ["VNI-R15"],
            check: () => [
                {
                    code: "VNI-R15",
                    message: `app ${connection.appLabel} has a second swift connection; Azure keeps one regional integration per app (one networkConfig/virtualNetwork per site), so one replaces the other. Fix: keep one swift connection per app.`,
                },
            ],
        });
    }
    // Attachments that cannot be grouped yet defer the rules that would read them.
    for (const a of attachments.filter((a) => isDeferred(a.subnet) || isDeferred(a.planKey))) {
        units.push(deferredUnit(a.urn, [...REGIONAL, "VNI-R13"], [a.subnet, a.planKey].find(isDeferred)!));
    }
    const ready = attachments.filter((a) => !isDeferred(a.subnet) && !isDeferred(a.planKey) && a.subnet !== undefined) as (Attachment & { subnet: Subnet; planKey: string | undefined })[];

    // VNI-R13 once per subnet apps integrate with, whoever owns the apps.
    // Against the service of the plans attached to it: a Flex Consumption plan's subnet is delegated to Microsoft.App/environments.
    for (const subnet of new Set(ready.map((a) => a.subnet))) {
        const service = () => {
            const planKey = ready.find((a) => a.subnet === subnet && a.planKey !== undefined)?.planKey;
            // A plan not known yet defers VNI-R13 (need throws), rather than judging a Flex subnet by serverFarms.
            const plan = planKey === undefined ? undefined : need(resolve(model.plans, planKey));
            return plan ? integrationDelegation({ skuName: need(plan.skuName), skuTier: need(plan.skuTier) }) : undefined;
        };
        units.push({ urn: subnet.resource.urn, codes: ["VNI-R13"], check: () => checkSubnetDelegation(subnet.name, need(subnet.delegations), service()) });
    }

    // One regional integration per plan and subnet, in declaration order (VNI-R05, VNI-R06 see the earlier ones).
    const groups = new Map<string, (Attachment & { subnet: Subnet; planKey: string | undefined })[]>();
    for (const a of ready) {
        if (a.planKey === undefined) continue;
        const id = `${a.planKey}|${need(a.subnet.key)}`;
        groups.set(id, [...(groups.get(id) ?? []), a]);
    }
    const claims: IntegrationClaim[] = [];
    const subnetsByVnet = new Map<unknown, Subnet[]>();
    for (const s of model.subnets) subnetsByVnet.set(s.vnetKey, [...(subnetsByVnet.get(s.vnetKey) ?? []), s]);
    const usersBySubnet = memo(() => {
        const map = new Map<string, string[]>();
        for (const user of model.subnetUsers) for (const key of need(user.subnetKeys)) if (key) map.set(key, [...(map.get(key) ?? []), user.what]);
        return map;
    });
    for (const group of groups.values()) {
        const { subnet, planKey } = group[0];
        const plan = resolve(model.plans, planKey);
        const earlier = claims.length;
        const vnet = resolve(model.vnets, subnet.vnetKey);
        if (!isDeferred(plan) && plan && !isDeferred(vnet) && vnet && !isDeferred(subnet.addressPrefix) && subnet.addressPrefix) {
            claims.push({
                component: group[0].label,
                planKey: planKey!,
                planName: plan.name,
                planLinux: plan.linux === true,
                vnetKey: vnet.key as string,
                addressPrefix: subnet.addressPrefix,
            });
        }
        const urn = group[0].urn;
        const known = () => {
            const p = need(plan);
            const v = need(vnet);
            // Plan or VNet outside the stack: the facts are not ours to read.
            return p && v ? { p, v } : undefined;
        };
        const appFacts = () => appsOf(group);
        units.push({
            urn,
            codes: REGIONAL_PLAN,
            check: (profile) => {
                const p = need(plan);
                return p ? checkRegionalPlanTier({ plan: policyPlanFacts(p) }, profile) : [];
            },
        });
        units.push({
            urn,
            codes: REGIONAL_PLACE,
            check: (profile) => {
                const k = known();
                if (!k) return [];
                const virtualNetwork = { name: k.v.name, location: vnetLocation(k.v) };
                // checkRegionalApps reads the VNet's name and location only; VNI-R11 where the profile has it.
                return [
                    ...checkRegionalRegion({ plan: { name: k.p.name, location: need(k.p.location) ?? "(no location)" }, virtualNetwork }),
                    ...checkRegionalApps(appFacts(), { ...virtualNetwork, addressSpace: [], dnsServers: [] }, profile),
                ];
            },
        });
        units.push({
            urn,
            codes: REGIONAL_DNS,
            check: () => {
                const k = known();
                if (!k) return [];
                const vnetServers = need(k.v.dnsServers);
                return appFacts().flatMap((app) => checkSiteDnsServers(`app ${app.label}`, k.v.name, vnetServers, app.siteDnsServers));
            },
        });
        units.push({
            urn,
            codes: REGIONAL_SUBNET,
            check: (profile) => {
                const k = known();
                if (!k) return [];
                const { p, v } = k;
                const prefix = need(subnet.addressPrefix) ?? "(no address prefix)";
                // Only what can concern this subnet: the rules scan every other subnet and claim given.
                const otherSubnets = (subnetsByVnet.get(subnet.vnetKey) ?? []).filter((s) => s !== subnet);
                const reserved = otherSubnets.map((s) => need(s.addressPrefix)).filter((p): p is string => p !== undefined && mayOverlap(p, prefix));
                const others = claims.slice(0, earlier).filter((c) => c.planKey === planKey || (c.vnetKey === need(v.key) && mayOverlap(c.addressPrefix, prefix)));
                const usedBy = usersBySubnet().get(need(subnet.key) as string) ?? [];
                const facts: RegionalFacts = {
                    plan: policyPlanFacts(p),
                    planKey: planKey!,
                    virtualNetwork: { name: v.name, location: vnetLocation(v), addressSpace: need(v.addressSpace), dnsServers: need(v.dnsServers) },
                    vnetKey: need(v.key) as string,
                    // Delegations are VNI-R13's (checkSubnetDelegation), not read twice.
                    subnet: { kind: "adopt", name: subnet.name, addressPrefix: prefix, routeTable: need(subnet.routeTable), usedBy },
                    reservedAddressPrefixes: reserved,
                    peeredNetworks: [],
                    onPremisesPrefixes: [],
                    routing: {},
                    // The app rules are REGIONAL_PLACE's: checkRegional gets none, so it reads no app fact.
                    apps: [],
                    others,
                };
                return checkRegional(facts, profile).findings.filter((f) => REGIONAL_SUBNET.includes(f.code));
            },
        });
    }
    return units;
}

const gatewaysByVnet = new WeakMap<StackModel, Maybe<Map<string, Gateway[]>>>();

/** The gateways whose ip configuration sits in a subnet of the VNet; Deferred while any gateway's subnet is unknown. */
function gatewayOfVnet(model: StackModel, vnetKey: string): Maybe<Gateway[]> {
    let byVnet = gatewaysByVnet.get(model);
    if (byVnet === undefined) {
        byVnet = (() => {
            const map = new Map<string, Gateway[]>();
            for (const gateway of model.gateways) {
                const subnetKeys = gateway.subnetKeys;
                if (isDeferred(subnetKeys)) return subnetKeys;
                const vnets = new Set<string>();
                for (const key of subnetKeys) {
                    const subnet = resolve(model.subnets, key);
                    if (isDeferred(subnet)) return subnet;
                    if (subnet && typeof subnet.vnetKey === "string") vnets.add(subnet.vnetKey);
                }
                for (const vnet of vnets) map.set(vnet, [...(map.get(vnet) ?? []), gateway]);
            }
            return map;
        })();
        gatewaysByVnet.set(model, byVnet);
    }
    return isDeferred(byVnet) ? byVnet : (byVnet.get(vnetKey) ?? []);
}

function gatewaySubnetOf(model: StackModel, gateway: Gateway): Subnet | undefined {
    const keys = need(gateway.subnetKeys);
    for (const key of keys) {
        const subnet = need(resolve(model.subnets, key));
        if (subnet) return subnet;
    }
    return undefined;
}

/** Peerings of `vnetKey` to other VNets of the stack, both directions. */
function peersOf(model: StackModel, vnetKey: string) {
    const peers = new Map<string, { vnet: Vnet; hubToPeer?: PeeringFlags; peerToHub?: PeeringFlags }>();
    for (const peering of model.peerings) {
        const local = need(peering.localKey);
        const remote = need(peering.remoteKey);
        if (local !== vnetKey && remote !== vnetKey) continue;
        const other = need(resolve(model.vnets, local === vnetKey ? remote : local));
        if (!other) continue;
        const entry = peers.get(other.key as string) ?? { vnet: other };
        if (local === vnetKey) entry.hubToPeer = need(peering.flags);
        else entry.peerToHub = need(peering.flags);
        peers.set(other.key as string, entry);
    }
    return [...peers.values()];
}

/** Gateway-required integration: app VNet connections, grouped by plan and VNet. */
function gatewayUnits(model: StackModel): Unit[] {
    const units: Unit[] = [];
    const groups = new Map<string, { planKey: string; vnetKey: string; connections: StackModel["gatewayConnections"] }>();
    for (const connection of model.gatewayConnections) {
        const app = resolve(model.apps, connection.appKey);
        const planKey = isDeferred(app) ? app : app?.planKey;
        if (isDeferred(planKey) || isDeferred(connection.vnetKey)) {
            units.push(deferredUnit(connection.resource.urn, GATEWAY, [planKey, connection.vnetKey].find(isDeferred)!));
            continue;
        }
        if (!planKey || !connection.vnetKey) continue;
        const id = `${planKey}|${connection.vnetKey}`;
        const group = groups.get(id) ?? { planKey, vnetKey: connection.vnetKey, connections: [] };
        group.connections.push(connection);
        groups.set(id, group);
    }
    for (const group of groups.values()) {
        const first = group.connections[0];
        const vnetNameOf = (vnet: Vnet | undefined) => vnet?.name ?? need(first.vnetName) ?? group.vnetKey;
        units.push({
            urn: first.resource.urn,
            codes: GATEWAY_PLAN,
            check: (profile) => {
                const plan = need(resolve(model.plans, group.planKey));
                if (!plan) return [];
                const vnet = need(resolve(model.vnets, group.vnetKey));
                // checkGatewayPlan reads the VNet's name (and subscription, unknown here) only.
                return checkGatewayPlan({ plan: policyPlanFacts(plan), virtualNetwork: { name: vnetNameOf(vnet), location: "", addressSpace: [], expressRouteGateway: false } }, profile);
            },
        });
        units.push({
            urn: first.resource.urn,
            codes: GATEWAY.filter((c) => !GATEWAY_PLAN.includes(c)),
            check: (profile) => {
                const plan = need(resolve(model.plans, group.planKey));
                const vnet = need(resolve(model.vnets, group.vnetKey));
                if (!plan || !vnet) return [];
                const all = need(gatewayOfVnet(model, group.vnetKey));
                const vpn = all.find((g) => (need(g.gatewayType) ?? "").toLowerCase() === "vpn") ?? all[0];
                if (!vpn) return [];
                const subnet = gatewaySubnetOf(model, vpn);
                const peers = peersOf(model, group.vnetKey);
                const facts: GatewayFacts = {
                    plan: policyPlanFacts(plan),
                    planKey: group.planKey,
                    virtualNetwork: {
                        name: vnet.name,
                        location: vnetLocation(vnet),
                        addressSpace: need(vnet.addressSpace),
                        expressRouteGateway: all.some((g) => (need(g.gatewayType) ?? "").toLowerCase() === "expressroute"),
                    },
                    vnetKey: group.vnetKey,
                    gateway: {
                        name: vpn.name,
                        gatewayType: need(vpn.gatewayType) ?? "(none)",
                        vpnType: need(vpn.vpnType),
                        skuName: need(vpn.skuName) ?? "(none)",
                        pointToSite: need(vpn.pointToSite),
                        subnet: { name: subnet?.name ?? "(unknown)", addressPrefix: (subnet && need(subnet.addressPrefix)) ?? "(unknown)" },
                        created: true,
                    },
                    peers: peers.map((p) => ({ name: p.vnet.name, addressPrefixes: need(p.vnet.addressSpace) })),
                    onPremises: { prefixes: [], bgpEnabled: false },
                    apps: group.connections.map((c) => ({ key: String(c.appKey), label: c.appLabel })),
                    otherGateways: [],
                    regionalAppKeys: [],
                };
                const findings = checkGatewayIntegration(facts, profile).filter((f) => !GATEWAY_PLAN.includes(f.code));
                // A gateway subnet outside the stack is not ours to judge (VNI-G11 needs its name and prefix).
                return subnet ? findings : findings.filter((f) => f.code !== "VNI-G11" && !(f.code === "VNI-X02" && /gateway subnet/.test(f.message)));
            },
        });
    }
    return units;
}

/** Peering with gateway-required integration: the hub of each app connection group and its peers. */
function peeringUnits(model: StackModel): Unit[] {
    const units: Unit[] = [];
    const seen = new Set<string>();
    for (const connection of model.gatewayConnections) {
        const app = resolve(model.apps, connection.appKey);
        if (isDeferred(app) || isDeferred(connection.vnetKey) || isDeferred(connection.vnetName)) {
            units.push(deferredUnit(connection.resource.urn, PEERING, [app, connection.vnetKey, connection.vnetName].find(isDeferred)!));
            continue;
        }
        const planKey = app?.planKey;
        if (isDeferred(planKey)) {
            units.push(deferredUnit(connection.resource.urn, PEERING, planKey));
            continue;
        }
        const hubKey = connection.vnetKey;
        if (!hubKey) continue;
        const id = `${planKey ?? ""}|${hubKey}`;
        if (seen.has(id)) continue;
        seen.add(id);
        units.push({
            urn: connection.resource.urn,
            codes: PEERING,
            check: (profile) => {
                const hub = need(resolve(model.vnets, hubKey));
                if (!hub) return [];
                const peers = peersOf(model, hubKey);
                if (peers.length === 0) return [];
                const gateways = need(gatewayOfVnet(model, hubKey));
                const vpn = gateways.find((g) => (need(g.gatewayType) ?? "").toLowerCase() === "vpn");
                const routes: RouteSpec[] = [];
                for (const route of model.planRoutes) {
                    if (planKey === undefined || need(route.planKey) !== planKey) continue;
                    if ((need(route.vnetName) ?? "").toLowerCase() !== (need(connection.vnetName) ?? "").toLowerCase()) continue;
                    const startAddress = need(route.startAddress) ?? "";
                    const endAddress = need(route.endAddress);
                    routes.push(endAddress === undefined ? { startAddress } : { startAddress, endAddress });
                }
                const peerFacts: PeerFacts[] = peers.map((p) => ({
                    name: p.vnet.name,
                    key: p.vnet.key as string,
                    location: vnetLocation(p.vnet),
                    addressSpace: need(p.vnet.addressSpace),
                    routedPrefixes: [],
                    hasGateway: need(gatewayOfVnet(model, p.vnet.key as string)).length > 0,
                    existing: { hubToPeer: p.hubToPeer, peerToHub: p.peerToHub },
                }));
                return checkPeering(
                    {
                        mode: "gateway",
                        hub: {
                            name: hub.name,
                            location: vnetLocation(hub),
                            addressSpace: need(hub.addressSpace),
                            pointToSitePool: vpn ? (need(vpn.pointToSite)?.addressPool ?? []) : [],
                            gatewaySku: vpn ? need(vpn.skuName) : undefined,
                        },
                        peers: peerFacts,
                        extraRoutes: routes,
                        otherRemoteGatewayPeers: [],
                    },
                    profile,
                );
            },
        });
    }
    return units;
}

/** VNI-G16 per VNet and VNI-G17 per gateway: what the stack's gateways and subnets show on their own. */
function gatewayDeviceUnits(model: StackModel): Unit[] {
    const units: Unit[] = [];
    for (const vnet of model.vnets) {
        units.push({
            urn: vnet.resource.urn,
            codes: ["VNI-G16"],
            check: () => {
                const key = need(vnet.key);
                if (!key) return [];
                const vpn = need(gatewayOfVnet(model, key)).filter((g) => (need(g.gatewayType) ?? "vpn").toLowerCase() === "vpn");
                const gatewaySubnets = model.subnets.filter((s) => need(s.vnetKey) === key && s.name.toLowerCase() === "gatewaysubnet");
                return checkOneGatewayPerVnet(vnet.name, vpn.map((g) => g.name), gatewaySubnets.map((s) => `${s.name} ${need(s.addressPrefix) ?? ""}`.trim()));
            },
        });
    }
    for (const gateway of model.gateways) {
        units.push({
            urn: gateway.resource.urn,
            codes: ["VNI-G17"],
            check: (profile) => checkNewSstpGateway({ name: gateway.name, created: true, protocols: need(gateway.pointToSite)?.protocols ?? [] }, profile),
        });
    }
    return units;
}

/** What one peering that uses remote gateways needs of the VNet it peers with (its gateway, its peering back). */
export interface RemoteGatewayUse {
    /** The VNet whose peering sets useRemoteGateways. */
    readonly localName: string;
    readonly peeringName: string;
    /** Whether the local VNet has a gateway of its own (Azure refuses useRemoteGateways then). */
    readonly localHasGateway: boolean;
    readonly remoteName: string;
    readonly remoteHasGateway: boolean;
    /** The remote VNet's peering back: its allowGatewayTransit, or undefined when the stack declares none. */
    readonly remoteAllowsTransit: boolean | undefined;
}

/**
 * VNI-P05 and VNI-P01 for any peering of the stack that sets useRemoteGateways, with or without
 * App Service: Azure refuses the peering when the other VNet has no gateway, when its peering
 * back does not allow gateway transit, or when the local VNet has a gateway of its own.
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-network-peering-overview#gateways-and-on-premises-connectivity
 */
export function checkRemoteGatewayUse(use: RemoteGatewayUse): Finding[] {
    const findings: Finding[] = [];
    if (!use.remoteHasGateway) {
        findings.push({
            code: "VNI-P05",
            message: `peering ${use.peeringName} of ${use.localName} uses remote gateways, but ${use.remoteName} has no gateway, so Azure refuses the peering. Fix: create the gateway in ${use.remoteName} first, or set useRemoteGateways to false.`,
        });
    } else if (use.remoteAllowsTransit === false) {
        findings.push({
            code: "VNI-P01",
            message: `peering ${use.peeringName} of ${use.localName} uses remote gateways, but the peering from ${use.remoteName} back to ${use.localName} does not allow gateway transit, so Azure refuses it. Fix: set allowGatewayTransit to true on the peering from ${use.remoteName}.`,
        });
    }
    if (use.localHasGateway) {
        findings.push({
            code: "VNI-P05",
            message: `peering ${use.peeringName} of ${use.localName} uses remote gateways, but ${use.localName} has a gateway of its own, so Azure refuses it. Fix: remove ${use.localName}'s gateway, or set useRemoteGateways to false.`,
        });
    }
    return findings;
}

/** Every peering of the stack that uses remote gateways towards a VNet of the stack. */
function remoteGatewayUnits(model: StackModel): Unit[] {
    const units: Unit[] = [];
    for (const peering of model.peerings) {
        units.push({
            urn: peering.resource.urn,
            codes: ["VNI-P01", "VNI-P05"],
            check: () => {
                if (need(peering.flags).useRemoteGateways !== true) return [];
                const localKey = need(peering.localKey);
                const remoteKey = need(peering.remoteKey);
                const remote = remoteKey === undefined ? undefined : need(resolve(model.vnets, remoteKey));
                // A VNet outside the stack: its gateway and its peering back are not ours to judge.
                if (!localKey || !remoteKey || !remote) return [];
                const local = need(resolve(model.vnets, localKey));
                const back = model.peerings.find((p) => p !== peering && need(p.localKey) === remoteKey && need(p.remoteKey) === localKey);
                return checkRemoteGatewayUse({
                    localName: local?.name ?? localKey,
                    peeringName: peering.name,
                    localHasGateway: need(gatewayOfVnet(model, localKey)).length > 0,
                    remoteName: remote.name,
                    remoteHasGateway: need(gatewayOfVnet(model, remoteKey)).length > 0,
                    remoteAllowsTransit: back ? need(back.flags).allowGatewayTransit === true : undefined,
                });
            },
        });
    }
    return units;
}

/** Every unit of the stack, each checked on its own. */
export function stackUnits(model: StackModel): Unit[] {
    return [...regionalUnits(model), ...gatewayUnits(model), ...peeringUnits(model), ...remoteGatewayUnits(model), ...gatewayDeviceUnits(model)];
}
