/**
 * The reachability doctor: "can app X reach 10.60.1.4:5432, and if not, why?", answered from
 * a program's topology before anyone deploys. It walks Microsoft's troubleshooting checklist
 * (https://learn.microsoft.com/azure/app-service/overview-vnet-integration) over the facts: the path the app's traffic takes into
 * the VNet and beyond, each blocker with its rule code where the catalog has one, what only
 * Azure can tell (NSGs, firewalls, the on-premises gateway's routes), the DNS servers the app
 * uses and the Kudu console commands that confirm it all. Pure: no Pulumi, no Azure.
 */
import { Cidr, contains, describeProblem, parseAddress, parseCidr, rangeInside, formatAddress, isRfc1918 } from "../address";
import { RULES, RuleCode } from "../rules/catalog";
import { HUB_FLAGS, PEER_FLAGS, PeeringFlags, routeInterval, RouteSpec } from "../rules/peering";
import { DEFAULT_LIMITS_PROFILE, LIMITS_PROFILES, LimitsProfile, LimitsProfileName, otherProfile } from "../rules/profiles";
import { routesAllTraffic } from "../rules/regional";
import { normalizeRegion } from "../rules/shared";
import { checkInput, InvalidInputError, shape, shown } from "../rules/input";
import { TOPOLOGIES } from "../topology/schema";
import { appLabel, DoctorApp, GatewayDoctorTopology, IntegrationTopology, isRegional, RegionalTopology } from "./topology";

/** Azure's own resolver, used when a VNet names no DNS servers. */
export const AZURE_DNS = "168.63.129.16";

/** What the user asks: can `app` (or its slot) reach `address:port`? */
export interface Question {
    readonly app: string;
    readonly slot?: string;
    readonly address: string;
    readonly port: number;
    /** The host name the app uses for the address, for the `nameresolver` command. */
    readonly name?: string;
}

/** A question, or why it cannot be asked (exit code 2 in the CLI). */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Parses `--app NAME[/SLOT]` and `--to HOST:PORT` (HOST an IPv4 address). */
export function parseQuestion(app: string | undefined, to: string | undefined, name?: string): Parsed<Question> {
    if (app !== undefined && typeof app !== "string") return { ok: false, message: `--app needs an app name, or app/slot; got ${shown(app)}` };
    if (to !== undefined && typeof to !== "string") return { ok: false, message: `--to needs HOST:PORT with an IPv4 address; got ${shown(to)}` };
    if (name !== undefined && typeof name !== "string") return { ok: false, message: `--name needs a host name; got ${shown(name)}` };
    if (!app || app.trim() === "" || app.split("/").length > 2 || app.split("/").some((part) => part.trim() === "")) {
        return { ok: false, message: `--app needs an app name, or app/slot (e.g. --app orders or --app orders/staging); got ${JSON.stringify(app ?? "")}` };
    }
    const [appName, slot] = app.split("/");
    const match = /^(.*):([^:]*)$/.exec(to ?? "");
    if (!to || !match) {
        return { ok: false, message: `--to needs HOST:PORT with an IPv4 address, e.g. --to 10.60.1.4:5432; got ${JSON.stringify(to ?? "")}` };
    }
    const [, host, portText] = match;
    const port = Number(portText);
    if (!/^\d+$/.test(portText) || !(port >= 1 && port <= 65535)) {
        return { ok: false, message: `--to ${to}: port ${JSON.stringify(portText)} is not a TCP port from 1 to 65535` };
    }
    const parsed = parseAddress(host);
    if (!parsed.ok) {
        if (parsed.problem.kind === "malformed" && /^[a-z0-9.-]+$/i.test(host) && /[a-z]/i.test(host)) {
            return {
                ok: false,
                message:
                    `--to ${to}: ${JSON.stringify(host)} is a host name; the doctor follows addresses. Resolve it as the app does ` +
                    `(Kudu console: nameresolver.exe ${host}) and ask again with the address: --to <address>:${port} --name ${host}`,
            };
        }
        return { ok: false, message: `--to ${to}: ${describeProblem(host, parsed.problem, "IPv4 address")}` };
    }
    return { ok: true, value: { app: appName, ...(slot ? { slot } : {}), address: formatAddress(parsed.value), port, ...(name ? { name } : {}) } };
}

/** One step of the path the app's traffic takes; `ok` false where it stops. */
export interface Hop {
    readonly ok: boolean;
    readonly step: string;
}

/** Something in the way (blocking) or worth knowing, with the rule code where the catalog has one. */
export interface DoctorFinding {
    readonly code?: RuleCode;
    /** The rule's name in the catalog. */
    readonly name?: string;
    /** True when it stops the traffic: the question's answer is no. */
    readonly blocking: boolean;
    readonly message: string;
    readonly fix: string;
}

/** Where the traffic ends up. `internet` means outside the integration (the app's public outbound addresses). */
export type Arrival = "integrated-vnet" | "peer" | "on-premises" | "internet-through-vnet" | "internet" | "nowhere";

export interface Diagnosis {
    /** The traffic reaches the address through the VNet integration. */
    readonly reachable: boolean;
    /** `orders` or `orders/staging`. */
    readonly app: string;
    /** `10.60.1.4:5432`. */
    readonly to: string;
    readonly arrives: Arrival;
    readonly integration: { readonly kind: "regional" | "gateway"; readonly virtualNetwork: string; readonly location: string };
    readonly limits: LimitsProfileName;
    /** The range the app's traffic comes from: the integration subnet, or the point-to-site pool. Targets must allow all of it. */
    readonly sourceAddresses: readonly string[];
    /** The declared range that holds the address, if any. */
    readonly destination: { readonly in: string; readonly range?: string };
    readonly path: readonly Hop[];
    readonly findings: readonly DoctorFinding[];
    /** What to check on Azure: what a program cannot know. */
    readonly checks: readonly string[];
    readonly dns: { readonly servers: readonly string[]; readonly provider: "virtual network" | "Azure DNS"; readonly notes: readonly string[] };
    /** Commands for the app's console (Kudu) that confirm the answer. */
    readonly commands: readonly string[];
}

export interface DiagnoseOptions {
    /** The limits profile to judge by. @default the topology's own `limits`, else "azure-2026" */
    readonly limits?: LimitsProfileName;
}

interface Route {
    readonly arrives: Arrival;
    readonly destination: Diagnosis["destination"];
    readonly path: Hop[];
    readonly findings: DoctorFinding[];
    readonly checks: string[];
}

function finding(code: RuleCode | undefined, blocking: boolean, message: string, fix: string): DoctorFinding {
    return code ? { code, name: RULES[code].name, blocking, message, fix } : { blocking, message, fix };
}

function blocks(texts: readonly string[]): Cidr[] {
    return texts.map((t) => parseCidr(t)).flatMap((p) => (p.ok ? [p.value] : []));
}

function holding(dest: Cidr, texts: readonly string[]): string | undefined {
    return blocks(texts).find((b) => contains(b, dest))?.text;
}

function rangeText(route: RouteSpec): string {
    return "cidr" in route ? route.cidr : route.endAddress ? `${route.startAddress}-${route.endAddress}` : route.startAddress;
}

function listOr(texts: readonly string[], none = "none"): string {
    return texts.length > 0 ? texts.join(", ") : none;
}

// ---- regional --------------------------------------------------------------------------

function regionalRoute(t: RegionalTopology, app: DoctorApp, dest: Cidr, port: number, profile: LimitsProfile): Route {
    const path: Hop[] = [];
    const findings: DoctorFinding[] = [];
    const checks: string[] = [];
    const vnet = t.virtualNetwork;
    const address = `${formatAddress(dest.first)}:${port}`;
    const label = appLabel(app);
    path.push({ ok: true, step: `${label} sends from integration subnet ${t.subnet} of VNet ${vnet.name} (${vnet.location}): regional VNet Integration` });

    const peer = t.peers.find((p) => holding(dest, p.addressPrefixes));
    const where: Route["destination"] = holding(dest, [t.subnet])
        ? { in: `the integration subnet of ${vnet.name}`, range: t.subnet }
        : holding(dest, vnet.addressSpace)
          ? { in: `VNet ${vnet.name}`, range: holding(dest, vnet.addressSpace) }
          : peer
            ? { in: `peer ${peer.name}`, range: holding(dest, peer.addressPrefixes) }
            : holding(dest, t.onPremisesPrefixes)
              ? { in: "on-premises", range: holding(dest, t.onPremisesPrefixes) }
              : { in: "no declared range" };

    const rfc1918 = isRfc1918(dest);
    const routeAll = app.routing ? routesAllTraffic(app.routing) : false;
    if (!rfc1918 && !app.routing) {
        findings.push(
            finding(
                undefined,
                false,
                `the outbound routing of ${label} is set outside this program; the doctor assumed Azure's default, where only RFC 1918 traffic enters the VNet`,
                `check outboundVnetRouting.applicationTraffic (formerly vnetRouteAllEnabled, WEBSITE_VNET_ROUTE_ALL) on the app`,
            ),
        );
    }
    if (!rfc1918 && !(routeAll && profile.routeAllReachesAnyDestination)) {
        const inDeclared = where.range ? `, though it lies in ${where.in} (${where.range})` : "";
        const message = routeAll
            ? `${address} is outside RFC 1918: ${label} has route-all, but under limits profile ${profile.name} regional integration sends only RFC 1918 destinations into the VNet${inDeclared}`
            : profile.routeAllReachesAnyDestination
              ? `${address} is outside RFC 1918 and ${label} has no route-all, so it goes to the internet from the app's shared outbound addresses, not through VNet ${vnet.name}${inDeclared}`
              : `${address} is outside RFC 1918 (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16); under limits profile ${profile.name} regional integration reaches RFC 1918 addresses only${inDeclared}`;
        const fix = profile.routeAllReachesAnyDestination
            ? `set routing.applicationTraffic: true on the integration and spread siteArgs into the app (outboundVnetRouting), or reach it over the internet and allow the app's outbound addresses at the target`
            : `use an RFC 1918 address, or choose limits: "${otherProfile(profile).name}" with routing.applicationTraffic (route-all reaches any destination)`;
        findings.push(finding("VNI-R08", true, message, fix));
        path.push({ ok: false, step: `${address} is outside RFC 1918 and not routed into the VNet: it leaves through the app's public outbound addresses, not the integration` });
        return { arrives: "internet", destination: where, path, findings, checks };
    }
    path.push({ ok: true, step: rfc1918 ? `${formatAddress(dest.first)} is RFC 1918: it enters VNet ${vnet.name}` : `route-all (outboundVnetRouting.applicationTraffic) sends it into VNet ${vnet.name}` });

    const source = t.subnet;
    const allowSource = (what: string) => `${what} allows ${source} (the whole subnet: any instance may use any of its addresses) to ${address}`;
    let arrives: Arrival;
    if (where.range === t.subnet && where.in.startsWith("the integration subnet")) {
        findings.push(
            finding(
                undefined,
                true,
                `${formatAddress(dest.first)} lies in the integration subnet ${t.subnet}, which holds only the apps' own outbound interfaces (one address per instance); nothing can listen there`,
                `check the address: the target lives in another subnet`,
            ),
        );
        path.push({ ok: false, step: `${formatAddress(dest.first)} is inside the integration subnet itself: no target can be there` });
        return { arrives: "nowhere", destination: where, path, findings, checks };
    } else if (where.in.startsWith("VNet")) {
        path.push({ ok: true, step: `delivered inside VNet ${vnet.name} (${where.range})` });
        arrives = "integrated-vnet";
    } else if (peer) {
        const global = normalizeRegion(peer.location) !== normalizeRegion(vnet.location);
        const hop = `across the peering ${vnet.name} - ${peer.name} (${peer.location}${global ? ", a global peering" : ""}) to ${where.range}`;
        let blocked = false;
        if (global && !profile.globalPeeringReachable) {
            blocked = true;
            findings.push(
                finding(
                    "VNI-R09",
                    true,
                    `peer ${peer.name} is in ${peer.location}, VNet ${vnet.name} in ${vnet.location}: a global peering, which regional integration cannot reach under limits profile ${profile.name}`,
                    `peer a VNet in ${vnet.location}, or choose limits: "${otherProfile(profile).name}" (it reaches globally peered VNets)`,
                ),
            );
        }
        const directions: [string, PeeringFlags | undefined][] = [
            [`from ${vnet.name} to ${peer.name}`, peer.peerings?.hubToPeer],
            [`from ${peer.name} back to ${vnet.name}`, peer.peerings?.peerToHub],
        ];
        for (const [direction, flags] of directions) {
            if (!flags) {
                checks.push(`the peering ${direction} exists, is Connected and allows virtual network access (the program does not know its flags)`);
            } else if (flags.allowVirtualNetworkAccess !== true) {
                blocked = true;
                findings.push(finding(undefined, true, `the peering ${direction} does not allow virtual network access`, `set allowVirtualNetworkAccess: true on that peering`));
            }
        }
        path.push({ ok: !blocked, step: hop });
        if (blocked) return { arrives: "nowhere", destination: where, path, findings, checks };
        arrives = "peer";
    } else if (where.in === "on-premises") {
        path.push({ ok: true, step: `through VNet ${vnet.name}'s ExpressRoute or site-to-site VPN gateway to on-premises range ${where.range}` });
        checks.push(`the on-premises gateway routes ${source} back to Azure (Microsoft's troubleshooting guide: "is your on-premise gateway configured to route traffic back up to Azure?"): if the app reaches the VNet but not on-premises, start here`);
        checks.push(allowSource("the on-premises firewall"));
        arrives = "on-premises";
    } else if (!rfc1918) {
        path.push({ ok: true, step: `no declared range holds it: it leaves VNet ${vnet.name} for the internet through the integration subnet's outbound path` });
        checks.push(`the integration subnet ${source} has a way out to the internet (a NAT gateway, or a route table to a firewall), and the target allows that public address, not ${source}`);
        arrives = "internet-through-vnet";
    } else {
        const declared = [
            `VNet ${vnet.name} (${listOr(vnet.addressSpace)})`,
            ...t.peers.map((p) => `peer ${p.name} (${listOr(p.addressPrefixes)})`),
            `on-premises (${listOr(t.onPremisesPrefixes)})`,
        ];
        findings.push(
            finding(
                undefined,
                true,
                `${formatAddress(dest.first)} lies in no range this program declares: ${declared.join(", ")}; VNet ${vnet.name} has no route to it unless something the program does not declare carries it (a peering, ExpressRoute, a route table)`,
                `check the address, or declare where it lives: a peer (PeeredGatewayRoutes, or destinations.peeredNetworks) or an on-premises range (destinations.onPremisesPrefixes)`,
            ),
        );
        path.push({ ok: false, step: `${formatAddress(dest.first)} is in no declared range: VNet ${vnet.name} has no route to it` });
        return { arrives: "nowhere", destination: where, path, findings, checks };
    }
    checks.push(`no NSG on the integration subnet ${source} blocks egress to ${address} (Microsoft's troubleshooting guide: "is there an NSG blocking egress from your integration subnet")`);
    if (profile.customRoutesAllowed) checks.push(`no route table on the integration subnet ${source} sends ${formatAddress(dest.first)} elsewhere (limits profile ${profile.name} applies route tables to app traffic)`);
    if (arrives !== "internet-through-vnet") checks.push(allowSource("the NSG of the target's subnet, and the target's own firewall,"));
    return { arrives, destination: where, path, findings, checks };
}

// ---- gateway-required ------------------------------------------------------------------

function gatewayRoute(t: GatewayDoctorTopology, app: DoctorApp, dest: Cidr, port: number): Route {
    const path: Hop[] = [];
    const findings: DoctorFinding[] = [];
    const checks: string[] = [];
    const hub = t.hub;
    const address = `${formatAddress(dest.first)}:${port}`;
    const ip = formatAddress(dest.first);
    const pool = listOr(t.pointToSitePool, "the point-to-site pool");
    const label = appLabel(app);
    path.push({ ok: true, step: `${label} (plan ${t.plan.name}, ${t.plan.location}) sends through the point-to-site VPN to the gateway of hub ${hub.name} (${hub.location}), from pool ${pool}` });
    findings.push(
        finding(
            "VNI-G14",
            false,
            `gateway-required integration retires on 31 March 2027, and no gateway may enable SSTP since 31 March 2026`,
            `plan the move to regional integration plus peering: npm run migrate`,
        ),
    );

    const routes = t.planRoutes.flatMap((route) => {
        const interval = routeInterval(route);
        return "code" in interval ? [] : [{ route, interval }];
    });
    const routed = routes.find((r) => rangeInside(dest, r.interval));
    const peer = t.peers.find((p) => holding(dest, p.addressPrefixes));
    const where: Route["destination"] = holding(dest, t.pointToSitePool)
        ? { in: "the point-to-site pool", range: holding(dest, t.pointToSitePool) }
        : holding(dest, hub.addressSpace)
          ? { in: `hub ${hub.name}`, range: holding(dest, hub.addressSpace) }
          : peer
            ? { in: `peer ${peer.name}`, range: holding(dest, peer.addressPrefixes) }
            : holding(dest, t.onPremisesPrefixes)
              ? { in: "on-premises", range: holding(dest, t.onPremisesPrefixes) }
              : { in: "no declared range" };
    const gatewayChecks = [
        `the gateway of hub ${hub.name} shows as up in the portal (Microsoft's troubleshooting guide: "Does the Gateway show as being up")`,
        `the certificates show as in sync (App Service plan > Networking > VNet Integration); if not, or if the VNet changed, Sync network (a \`pulumi up\` resyncs what it manages)`,
        `the NSG of the target's subnet, and the target's own firewall, allow ${pool} (the whole pool: the app may use any of its addresses) to ${address}`,
    ];

    let arrives: Arrival;
    if (where.in === "the point-to-site pool") {
        findings.push(
            finding(undefined, true, `${ip} lies in the point-to-site pool ${where.range}: the apps' own source addresses; VNet Integration is outbound only and nothing listens there`, `check the address: the target lives in the VNet or beyond it`),
        );
        path.push({ ok: false, step: `${ip} is inside the point-to-site pool itself: no target can be there` });
        return { arrives: "nowhere", destination: where, path, findings, checks };
    } else if (where.in.startsWith("hub")) {
        path.push({ ok: true, step: `${ip} is in hub ${hub.name}'s address space (${where.range}): the VPN routes it into the hub, where it is delivered` });
        arrives = "integrated-vnet";
    } else if (peer) {
        let blocked = false;
        if (routed) {
            path.push({ ok: true, step: `the plan route ${rangeText(routed.route)} sends it into hub ${hub.name}` });
        } else {
            blocked = true;
            findings.push(
                finding(
                    "VNI-P03",
                    true,
                    `no route of plan ${t.plan.name}'s VNet integration covers ${ip} of peer ${peer.name} (${where.range}); routes: ${listOr(t.planRoutes.map(rangeText))}. The app sends it to the internet instead of the hub`,
                    `route ${where.range} on the plan (PeeredGatewayRoutes adds one route per peer prefix; in the portal: App Service plan > Networking > VNet Integration > routing)`,
                ),
            );
            path.push({ ok: false, step: `no plan route covers ${ip}: it does not enter hub ${hub.name}` });
        }
        // The hop across the peering fails only for what is wrong with the peering itself.
        let peeringBlocked = false;
        if ((t.gatewaySku ?? "").toLowerCase() === "basic") {
            peeringBlocked = true;
            findings.push(finding("VNI-G15", true, `the gateway of hub ${hub.name} is Basic, which has no gateway transit: peer ${peer.name} is out of reach`, `use a VpnGw1AZ or larger SKU`));
        }
        const hubToPeer = peer.peerings?.hubToPeer;
        const peerToHub = peer.peerings?.peerToHub;
        const missingHub = hubToPeer ? HUB_FLAGS.filter((f) => hubToPeer[f] !== true) : [];
        const missingPeer = peerToHub ? PEER_FLAGS.filter((f) => peerToHub[f] !== true) : [];
        if (missingHub.length > 0) {
            peeringBlocked = true;
            findings.push(finding("VNI-P01", true, `the peering from hub ${hub.name} to ${peer.name} lacks ${missingHub.join(", ")}`, `set ${missingHub.join(", ")} to true on that peering`));
        }
        if (missingPeer.length > 0) {
            peeringBlocked = true;
            findings.push(finding("VNI-P02", true, `the peering from ${peer.name} back to hub ${hub.name} lacks ${missingPeer.join(", ")}`, `set ${missingPeer.join(", ")} to true on that peering`));
        }
        if (!hubToPeer) checks.push(`the peering from hub ${hub.name} to ${peer.name} is Connected with ${HUB_FLAGS.join(", ")} (the program does not know its flags)`);
        if (!peerToHub) checks.push(`the peering from ${peer.name} back to hub ${hub.name} is Connected with ${PEER_FLAGS.join(", ")} (the program does not know its flags)`);
        const global = normalizeRegion(peer.location) !== normalizeRegion(hub.location);
        // Unrouted traffic never reaches the peering: show the hop only when it does.
        if (routed) {
            const transit = global ? ", a global peering: gateway transit works across it" : "";
            path.push({ ok: !peeringBlocked, step: `across the peering ${hub.name} - ${peer.name} (${peer.location}${transit}), through the hub's gateway transit, to ${where.range}` });
        }
        if (blocked || peeringBlocked) return { arrives: "nowhere", destination: where, path, findings, checks };
        arrives = "peer";
    } else if (where.in === "on-premises") {
        let blocked = false;
        if (t.onPremisesBgp === true) {
            blocked = true;
            findings.push(finding("VNI-G12", true, `hub ${hub.name}'s site-to-site connection runs BGP, which gateway-required integration cannot use to reach on-premises`, `use a static site-to-site connection, or move to regional integration`));
        }
        path.push({ ok: !blocked, step: `through hub ${hub.name}'s site-to-site connection to on-premises range ${where.range}${routed ? ` (plan route ${rangeText(routed.route)})` : ""}` });
        if (blocked) return { arrives: "nowhere", destination: where, path, findings, checks };
        checks.push(`the on-premises gateway routes ${pool} back to Azure (VNI-G13; Microsoft's troubleshooting guide: "update your on-premises VPN gateway routes with your point-to-site address blocks")`);
        arrives = "on-premises";
    } else if (routed) {
        findings.push(
            finding(
                undefined,
                true,
                `the plan route ${rangeText(routed.route)} sends ${ip} into hub ${hub.name}, but nothing declared there holds it: hub (${listOr(hub.addressSpace)}), peers (${listOr(t.peers.flatMap((p) => p.addressPrefixes))}), on-premises (${listOr(t.onPremisesPrefixes)})`,
                `check the address, or declare the peer or on-premises range it lives in`,
            ),
        );
        path.push({ ok: false, step: `${ip} enters hub ${hub.name} by a plan route but is in no declared range: the hub has no route to it` });
        return { arrives: "nowhere", destination: where, path, findings, checks };
    } else {
        const rfc1918 = isRfc1918(dest);
        findings.push(
            finding(
                undefined,
                true,
                rfc1918
                    ? `${ip} lies in no range the integration sends into hub ${hub.name} (its address space ${listOr(hub.addressSpace)}, plan routes ${listOr(t.planRoutes.map(rangeText))}, on-premises ${listOr(t.onPremisesPrefixes)}); it goes to the internet, where RFC 1918 addresses lead nowhere`
                    : `${ip} lies in no range the integration sends into hub ${hub.name}: it goes to the internet from the app's public outbound addresses, not through the gateway (a target that allows only ${pool} refuses it)`,
                rfc1918
                    ? `declare where it lives (a peer with PeeredGatewayRoutes, which adds its plan route, or an on-premises range), or check the address`
                    : `reach it over the internet and allow the app's outbound addresses at the target, or add a plan route for it (the hub then needs a way to the internet)`,
            ),
        );
        path.push({ ok: false, step: `${ip} is not routed into the VPN: it leaves through the app's public outbound addresses, not the integration` });
        return { arrives: rfc1918 ? "nowhere" : "internet", destination: where, path, findings, checks };
    }
    checks.push(...gatewayChecks);
    return { arrives, destination: where, path, findings, checks };
}

// ---- the question ----------------------------------------------------------------------

function appsOf(topology: IntegrationTopology): readonly DoctorApp[] {
    return topology.apps;
}

function same(a: string | undefined, b: string | undefined): boolean {
    return (a ?? "").toLowerCase() === (b ?? "").toLowerCase();
}

function route(topology: IntegrationTopology, app: DoctorApp, dest: Cidr, port: number, profile: LimitsProfile): Route {
    return isRegional(topology) ? regionalRoute(topology, app, dest, port, profile) : gatewayRoute(topology, app, dest, port);
}

/**
 * Answers the question over the topologies of a program. A bad question (an app no
 * integration holds, an address that does not parse) is `ok: false` with a clear message.
 */
export function diagnose(topologies: readonly IntegrationTopology[], question: Question, options: DiagnoseOptions = {}): Parsed<Diagnosis> {
    // Facts of the wrong shape are a bad question too: said, never a TypeError.
    try {
        const misplaced = checkInput("diagnose", { topologies: [topologies, TOPOLOGIES], question: [question, QUESTION], options: [options, OPTIONS] });
        if (misplaced.length > 0) return { ok: false, message: `the facts do not fit: ${misplaced.map((f) => `${f.code} ${f.message}`).join("; ")}` };
    } catch (error) {
        if (InvalidInputError.isInvalidInputError(error)) return { ok: false, message: `the facts do not fit: ${error.problems.join("; ")}` };
        throw error;
    }
    const dest = parseCidr(`${question.address}/32`);
    if (!dest.ok) return { ok: false, message: describeProblem(question.address, dest.problem, "IPv4 address") };
    const matches = topologies.flatMap((topology) => appsOf(topology).filter((a) => same(a.name, question.app) && same(a.slot, question.slot)).map((app) => ({ topology, app })));
    const label = appLabel({ name: question.app, slot: question.slot });
    if (matches.length === 0) {
        const known = topologies.flatMap((t) => appsOf(t).map(appLabel));
        const otherSlots = known.filter((k) => same(k.split("/")[0], question.app));
        const hint = otherSlots.length > 0 ? ` (integration is per slot and does not swap: ${otherSlots.join(", ")} ${otherSlots.length === 1 ? "is" : "are"} integrated)` : "";
        return { ok: false, message: `no integration in these facts attaches app ${label}${hint}; integrated apps: ${listOr([...new Set(known)])}` };
    }
    const { topology, app } = matches[0];
    const profile = LIMITS_PROFILES[options.limits ?? topology.limits ?? DEFAULT_LIMITS_PROFILE];
    const answer = route(topology, app, dest.value, question.port, profile);
    if (matches.length > 1) {
        answer.findings.push(
            finding(
                "VNI-G04",
                false,
                `${label} appears in ${matches.length} integrations; an app uses one VNet Integration at a time. The doctor followed the first (${isRegional(topology) ? `regional, ${topology.virtualNetwork.name}` : `gateway, hub ${topology.hub.name}`})`,
                `keep one integration per app`,
            ),
        );
    }

    // DNS: the VNet's servers, or Azure's; each custom server must be reached too (port 53).
    const custom = isRegional(topology) ? topology.virtualNetwork.dnsServers : topology.hub.dnsServers;
    const dnsNotes: string[] = [];
    for (const server of custom) {
        const block = parseCidr(`${server}/32`);
        if (!block.ok) continue;
        const toServer = route(topology, app, block.value, 53, profile);
        if (toServer.arrives === "nowhere" || toServer.arrives === "internet") {
            const why = toServer.findings.filter((f) => f.blocking).map((f) => (f.code ? `${f.code} ` : "") + f.message);
            answer.findings.push(
                finding(
                    undefined,
                    false,
                    `DNS server ${server} is not reached through the integration (${why.join("; ")}): names only it resolves fail, after a 3 second timeout per server`,
                    toServer.findings.find((f) => f.blocking)?.fix ?? "make the DNS server reachable",
                ),
            );
        } else {
            dnsNotes.push(`${server} is reached: ${toServer.destination.in}${toServer.destination.range ? ` (${toServer.destination.range})` : ""}`);
        }
    }
    if (custom.length === 0) {
        dnsNotes.push(
            isRegional(topology)
                ? `VNet ${topology.virtualNetwork.name} names no DNS servers: the app uses Azure DNS (${AZURE_DNS}), which resolves the private DNS zones linked to that VNet`
                : `hub ${topology.hub.name} names no DNS servers: the app keeps Azure's default resolution`,
        );
    }
    if (!isRegional(topology)) dnsNotes.push(`after a change of the hub's DNS servers the apps need Sync network (a \`pulumi up\` of the integration syncs it)`);

    const linux = isRegional(topology) ? topology.plan?.linux === true : topology.plan.linux;
    const to = `${question.address}:${question.port}`;
    const servers = custom.length > 0 ? custom : [AZURE_DNS];
    const name = question.name ?? "<the host name your app uses>";
    const commands = linux
        ? [
              `tcpping ${to}`,
              ...(question.name ? servers.map((s) => `nslookup ${name} ${s}`) : [`nslookup ${name}`]),
              ...(isRegional(topology) ? ["set | egrep 'WEBSITE_PRIVATE_IP|WEBSITE_DNS'"] : []),
          ]
        : [
              `tcpping.exe ${to}`,
              `nameresolver.exe ${name}`,
              ...(question.name ? servers.map((s) => `nameresolver.exe ${name} ${s}`) : []),
              ...(isRegional(topology) ? ["SET WEBSITE_PRIVATE_IP"] : []),
              "SET WEBSITE_DNS",
          ];

    const blocking = answer.findings.some((f) => f.blocking);
    const reachable = !blocking && answer.arrives !== "nowhere" && answer.arrives !== "internet";
    return {
        ok: true,
        value: {
            reachable,
            app: label,
            to,
            arrives: answer.arrives,
            integration: isRegional(topology)
                ? { kind: "regional", virtualNetwork: topology.virtualNetwork.name, location: topology.virtualNetwork.location }
                : { kind: "gateway", virtualNetwork: topology.hub.name, location: topology.hub.location },
            limits: profile.name,
            sourceAddresses: isRegional(topology) ? [topology.subnet] : topology.pointToSitePool,
            destination: answer.destination,
            path: answer.path,
            findings: answer.findings,
            checks: reachable ? [...answer.checks, `something listens on ${to} (Microsoft's troubleshooting guide: "your application is listening on a different port than what you expected")`] : answer.checks,
            dns: { servers, provider: custom.length > 0 ? "virtual network" : "Azure DNS", notes: dnsNotes },
            commands,
        },
    };
}

const LIMITS = shape.optional(shape.oneOf("documented", "azure-2026"));
const QUESTION = shape.record({ app: shape.string, slot: shape.optional(shape.string), address: shape.string, port: shape.integer, name: shape.optional(shape.string) });
const OPTIONS = shape.record({ limits: LIMITS });

/** The diagnosis as the CLI prints it. */
export function formatDiagnosis(d: Diagnosis): string {
    checkInput("formatDiagnosis", {
        diagnosis: [
            d,
            shape.record({
                reachable: shape.boolean,
                app: shape.string,
                to: shape.string,
                arrives: shape.string,
                integration: shape.record({ kind: shape.string, virtualNetwork: shape.string, location: shape.string }),
                limits: shape.string,
                sourceAddresses: shape.list(shape.string),
                destination: shape.record({ in: shape.string, range: shape.optional(shape.string) }),
                path: shape.list(shape.record({ ok: shape.boolean, step: shape.string })),
                findings: shape.list(shape.record({ blocking: shape.boolean, message: shape.string, fix: shape.string })),
                checks: shape.list(shape.string),
                dns: shape.record({ servers: shape.list(shape.string), provider: shape.string, notes: shape.list(shape.string) }),
                commands: shape.list(shape.string),
            }),
        ],
    });
    const lines: string[] = [];
    const how =
        d.arrives === "internet" && !d.reachable
            ? "not through the integration"
            : d.reachable
              ? `through the integration (${d.arrives})`
              : "it does not arrive";
    lines.push(`Can ${d.app} reach ${d.to}? ${d.reachable ? "YES" : "NO"}: ${how}`);
    lines.push(
        `  ${d.integration.kind} integration with ${d.integration.kind === "gateway" ? "hub " : "VNet "}${d.integration.virtualNetwork} (${d.integration.location}), limits ${d.limits}; ` +
            `source addresses ${listOr(d.sourceAddresses)}; destination in ${d.destination.in}${d.destination.range ? ` (${d.destination.range})` : ""}`,
    );
    lines.push("", "Path:");
    for (const hop of d.path) lines.push(`  [${hop.ok ? "ok" : "XX"}] ${hop.step}`);
    const blockers = d.findings.filter((f) => f.blocking);
    const notes = d.findings.filter((f) => !f.blocking);
    const show = (f: DoctorFinding) => `  ${f.code ? `${f.code} ${f.name}: ` : ""}${f.message}. Fix: ${f.fix}.`;
    if (blockers.length > 0) lines.push("", "Blockers:", ...blockers.map(show));
    if (notes.length > 0) lines.push("", "Notes:", ...notes.map(show));
    if (d.checks.length > 0) lines.push("", "Check on Azure (a program cannot know):", ...d.checks.map((c) => `  - ${c}`));
    lines.push("", d.dns.provider === "virtual network" ? `DNS: the VNet's servers ${d.dns.servers.join(", ")}` : `DNS: Azure DNS (${d.dns.servers.join(", ")})`, ...d.dns.notes.map((n) => `  - ${n}`));
    lines.push("", "Confirm in the app's console (Kudu: https://<app>.scm.azurewebsites.net/DebugConsole):", ...d.commands.map((c) => `  ${c}`));
    return lines.join("\n");
}
