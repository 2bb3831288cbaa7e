/**
 * The topology model drawn as Graphviz DOT, the way Azure's own diagrams are read: each VNet a
 * box holding its subnets (prefix, delegation, addresses used and free) and its free space,
 * the gateway in its GatewaySubnet, apps grouped by plan, peerings as edges labelled with
 * both directions' flags, on-premises behind its VNet; rule errors red with their code,
 * warnings amber, deferred rules grey, each beside what it is about. Pure and deterministic:
 * the same topologies give the same text (render.ts lays it out). Every element carries an
 * `id` (see `ids`) that the SVG keeps, so a test or a reader finds it.
 */
import { freeBlocks, parseCidr, usableAddresses } from "../address";
import type { GatewayTopology, IntegrationTopology, PeeringPair, RegionalTopology, TopologyApp, TopologyFinding } from "../topology/model";
import { appLabel, isRegional } from "../topology/model";

/** The ids elements carry in the SVG. */
export const ids = {
    vnet: (name: string) => `vnet_${safe(name)}`,
    subnet: (vnet: string, prefix: string) => `subnet_${safe(vnet)}_${safe(prefix)}`,
    gatewaySubnet: (vnet: string) => `subnet_${safe(vnet)}_GatewaySubnet`,
    gateway: (vnet: string) => `gateway_${safe(vnet)}`,
    free: (vnet: string) => `free_${safe(vnet)}`,
    plan: (name: string) => `plan_${safe(name)}`,
    app: (app: { name: string; slot?: string; key?: string }) => `app_${safe(shownApp(app))}`,
    peering: (from: string, to: string) => `peering_${safe(from)}_${safe(to)}`,
    onPremises: (vnet: string) => `onprem_${safe(vnet)}`,
    finding: (component: string, code: string, index: number) => `finding_${safe(component)}_${safe(code)}_${index}`,
    deferred: (component: string, index: number) => `deferred_${safe(component)}_${index}`,
};

/** `orders` or `orders/staging`; the logical name while the Azure name is not known (preview). */
export function shownApp(app: { name: string; slot?: string; key?: string }): string {
    return typeof app.name === "string" && app.name !== "" ? appLabel(app) : (app.key ?? "(app)");
}

function safe(text: string): string {
    return String(text).replace(/[^A-Za-z0-9_.-]/g, "_");
}

/** Colours of the diagram: Azure's blue for networks, red, amber and grey for what the rules said. */
export const COLOURS = { vnet: "#0078d4", subnet: "#e8f3fc", gateway: "#fff4ce", plan: "#f3f2f1", error: "#d13438", warning: "#c87800", deferred: "#8a8886", ok: "#107c10", free: "#605e5c" };

const WRAP = 56;

/** Wraps a text into lines of at most `width` characters (words longer than that are cut). */
export function wrap(text: string, width = WRAP): string[] {
    const lines: string[] = [];
    let line = "";
    for (const word of String(text).split(/\s+/).filter(Boolean)) {
        let rest = word;
        while (rest.length > width) {
            if (line) lines.push(line);
            lines.push(rest.slice(0, width));
            line = "";
            rest = rest.slice(width);
        }
        if (!line) line = rest;
        else if (line.length + 1 + rest.length <= width) line += ` ${rest}`;
        else {
            lines.push(line);
            line = rest;
        }
    }
    if (line) lines.push(line);
    return lines;
}

function quote(text: string): string {
    return `"${String(text).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

/** A label of left-aligned lines (DOT's `\l`), each wrapped. */
function label(lines: readonly string[]): string {
    const escaped = lines.flatMap((l) => wrap(l)).map((l) => l.replace(/\\/g, "\\\\").replace(/"/g, '\\"'));
    return `"${escaped.join("\\l")}\\l"`;
}

function entries(values: Record<string, string | number | undefined>): string[] {
    return Object.entries(values)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${typeof v === "number" || (typeof v === "string" && v.startsWith('"')) ? v : quote(v as string)}`);
}

/** Attributes of a node or edge: `a=1, b=2`. */
function attrs(values: Record<string, string | number | undefined>): string {
    return entries(values).join(", ");
}

/** Attributes of a graph or cluster, as statements: `a=1; b=2`. */
function stmt(values: Record<string, string | number | undefined>): string {
    return entries(values).join("; ");
}

const list = <T>(value: readonly T[] | undefined): readonly T[] => (Array.isArray(value) ? value : []);
const text = (value: unknown, unknown = "(known after create)"): string => (typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : unknown);

interface VnetDraw {
    name: string;
    location?: string;
    addressSpace: string[];
    dnsServers: string[];
    subnets: Map<string, { prefix: string; lines: string[]; id: string; status?: "error" | "warning" }>;
    gateway?: { subnet?: string; lines: string[]; status?: "error" | "warning" };
    onPremises: string[];
    peer: boolean;
    anchor?: string;
}

interface PlanDraw {
    name: string;
    lines: string[];
    apps: Map<string, TopologyApp & { via: string[] }>;
}

/** What one drawing adds to the graph: nodes, clusters and edges under a prefix (before/after). */
export interface DrawOptions {
    /** Prefix of every id and cluster name, for two drawings side by side (migrate). @default "" */
    readonly prefix?: string;
    /** Title of the whole drawing. */
    readonly title?: string;
}

interface Built {
    readonly body: string[];
    /** Node ids by element, to draw a path over (doctor). */
    readonly anchors: Map<string, string>;
    /** A node of the drawing, to place drawings side by side. */
    readonly first?: string;
}

function subnetLines(t: RegionalTopology, instances: number | undefined): string[] {
    const parsed = parseCidr(t.subnet);
    const usable = t.subnetDetails?.usableAddresses ?? (parsed.ok ? usableAddresses(parsed.value.prefixLength) : undefined);
    const d = t.subnetDetails;
    const lines = [d ? `subnet ${text(d.name, "(integration)")} ${d.created ? "(created)" : "(adopted)"}` : "integration subnet", text(t.subnet), `delegated to ${d?.delegation ?? "Microsoft.Web/serverFarms"}`];
    if (usable !== undefined && instances === undefined) lines.push(`${usable} usable (peak instances not known)`);
    else if (usable !== undefined && instances !== undefined) {
        lines.push(instances > usable ? `needs ${instances} (peak instances), has ${usable} usable: ${instances - usable} short` : `used ${instances} of ${usable} (peak instances), ${usable - instances} free`);
    }
    return lines;
}

function flagsText(pair: PeeringPair | undefined, hub: string, peer: string): string[] {
    const one = (flags: Record<string, boolean | undefined> | undefined) =>
        flags
            ? [flags.allowVirtualNetworkAccess ? "access" : "NO access", flags.allowForwardedTraffic ? "forwarded" : "", flags.allowGatewayTransit ? "gateway transit" : "", flags.useRemoteGateways ? "remote gateways" : ""].filter(Boolean).join(", ")
            : "flags not known";
    return [`${hub} -> ${peer}: ${one(pair?.hubToPeer as Record<string, boolean | undefined> | undefined)}`, `${peer} -> ${hub}: ${one(pair?.peerToHub as Record<string, boolean | undefined> | undefined)}`];
}

/** Which element a rule code is about. */
function aboutOf(code: string): "plan" | "subnet" | "vnet" | "gateway" | "peering" {
    if (/^VNI-(R01|R05|R08|R11|R12|G01|G02|G03|G04)$/.test(code)) return "plan";
    if (/^VNI-(R04|R14)$/.test(code)) return "vnet";
    if (/^VNI-(R09|P0\d)$/.test(code)) return "peering";
    if (/^VNI-G/.test(code)) return "gateway";
    return "subnet";
}

function statusOf(findings: readonly TopologyFinding[]): "error" | "warning" | undefined {
    const live = findings.filter((f) => !f.suppressed);
    return live.some((f) => f.severity === "error") ? "error" : live.length > 0 ? "warning" : undefined;
}

/** The graph body of one set of topologies. */
function build(topologies: readonly IntegrationTopology[], prefix: string): Built {
    const id = (raw: string) => `${prefix}${raw}`;
    const vnets = new Map<string, VnetDraw>();
    const plans = new Map<string, PlanDraw>();
    const edges: string[] = [];
    const extra: string[] = [];
    const anchors = new Map<string, string>();
    const vnetOf = (name: string, location?: string, peer = false): VnetDraw => {
        const key = name.toLowerCase();
        let v = vnets.get(key);
        if (!v) {
            v = { name, location, addressSpace: [], dnsServers: [], subnets: new Map(), onPremises: [], peer };
            vnets.set(key, v);
        }
        if (!peer) v.peer = false;
        if (!v.location && location) v.location = location;
        return v;
    };
    const addSpace = (v: VnetDraw, prefixes: readonly string[]) => {
        for (const p of list(prefixes)) if (typeof p === "string" && !v.addressSpace.includes(p)) v.addressSpace.push(p);
    };
    const planOf = (name: string, lines: string[]): PlanDraw => {
        let p = plans.get(name.toLowerCase());
        if (!p) {
            p = { name, lines, apps: new Map() };
            plans.set(name.toLowerCase(), p);
        }
        return p;
    };
    const integrationEdges: { plan: string; apps: string[]; labels: string[]; to: () => string; label: string; findings: readonly TopologyFinding[] }[] = [];
    const findingsBy: { about: () => string; findings: readonly TopologyFinding[]; deferred: readonly { codes: readonly string[]; why: string }[]; component: string; apps: readonly TopologyApp[]; plan: string }[] = [];
    const peerings: { hub: string; peer: string; pair?: PeeringPair; findings: TopologyFinding[] }[] = [];

    topologies.forEach((t, index) => {
        const component = t.component ?? `integration${index}`;
        const findings = list(t.findings);
        const byAbout = (about: ReturnType<typeof aboutOf>) => findings.filter((f) => aboutOf(f.code) === about);
        const planName = text(t.plan?.name, "(plan)");
        const p = t.plan;
        const plan = planOf(planName, [
            `plan ${planName}`,
            [p?.skuName, p?.skuTier, p?.linux === undefined ? undefined : p.linux ? "Linux" : "Windows"].filter((x) => typeof x === "string").join(" ") || "(tier not known)",
            typeof p?.peakInstances === "number" ? `up to ${p.peakInstances} instance${p.peakInstances === 1 ? "" : "s"}` : "peak instances not known",
        ]);
        const appIds: string[] = [];
        const appLabels = list(t.apps).map(shownApp);
        for (const app of list(t.apps)) {
            const key = shownApp(app);
            const existing = plan.apps.get(key);
            const via = isRegional(t) ? `regional ${text(t.virtualNetwork.name)}` : `gateway ${text(t.hub.name)}`;
            if (existing) existing.via.push(via);
            else plan.apps.set(key, { ...app, via: [via] });
            appIds.push(id(ids.app(app)));
        }
        if (isRegional(t)) {
            const v = vnetOf(text(t.virtualNetwork.name), t.virtualNetwork.location);
            addSpace(v, t.virtualNetwork.addressSpace);
            v.dnsServers = [...list(t.virtualNetwork.dnsServers)];
            const subnetId = id(ids.subnet(v.name, text(t.subnet)));
            const sharing = topologies.filter((o) => isRegional(o) && o.subnet === t.subnet && text(o.virtualNetwork.name) === v.name);
            const instances = sharing.every((o) => typeof o.plan?.peakInstances === "number") ? sharing.reduce((n, o) => n + (o.plan!.peakInstances as number), 0) : undefined;
            v.subnets.set(text(t.subnet), { prefix: text(t.subnet), lines: subnetLines(t, instances), id: subnetId, status: statusOf([...byAbout("subnet"), ...byAbout("vnet")]) });
            for (const other of list(t.otherSubnets)) {
                if (!v.subnets.has(other)) v.subnets.set(other, { prefix: other, lines: ["subnet (not this program's)", other], id: id(ids.subnet(v.name, other)) });
            }
            v.anchor ??= subnetId;
            anchors.set(`entry:${component}`, subnetId);
            for (const peer of list(t.peers)) {
                const pv = vnetOf(text(peer.name), peer.location, true);
                addSpace(pv, peer.addressPrefixes);
                peerings.push({ hub: v.name, peer: pv.name, pair: peer.peerings, findings: byAbout("peering") });
            }
            for (const prefix of list(t.onPremisesPrefixes)) if (!v.onPremises.includes(prefix)) v.onPremises.push(prefix);
            integrationEdges.push({ plan: planName, apps: appIds, labels: appLabels, to: () => subnetId, label: "regional VNet Integration", findings: byAbout("plan").filter((f) => /^VNI-(R01|R05|G01|G02|G03)$/.test(f.code)) });
            findingsBy.push({ about: () => subnetId, findings, deferred: list(t.deferred), component, apps: list(t.apps), plan: planName });
        } else {
            const g = t as GatewayTopology;
            const v = vnetOf(text(g.hub.name), g.hub.location);
            addSpace(v, g.hub.addressSpace);
            v.dnsServers = [...list(g.hub.dnsServers)];
            const hubSubnets = list(g.hub.subnets);
            v.gateway = {
                subnet: hubSubnets[0],
                lines: [
                    `VPN gateway ${g.gateway?.name ?? ""}${g.gateway ? (g.gateway.created ? " (created)" : " (adopted)") : ""}`.trim(),
                    `SKU ${text(g.gatewaySku, "not known")}`,
                    `point-to-site pool ${list(g.pointToSitePool).join(", ") || "not known"}`,
                    `protocols ${list(g.gateway?.protocols).join(", ") || "not known"}`,
                ],
                status: statusOf(byAbout("gateway")),
            };
            for (const other of hubSubnets.slice(1)) {
                if (!v.subnets.has(other)) v.subnets.set(other, { prefix: other, lines: ["subnet (not this program's)", other], id: id(ids.subnet(v.name, other)) });
            }
            const gatewayId = id(ids.gateway(v.name));
            v.anchor = gatewayId;
            anchors.set(`entry:${component}`, gatewayId);
            for (const peer of list(g.peers)) {
                const pv = vnetOf(text(peer.name), peer.location, true);
                addSpace(pv, peer.addressPrefixes);
                peerings.push({ hub: v.name, peer: pv.name, pair: peer.peerings, findings: byAbout("peering") });
            }
            for (const prefix of list(g.onPremisesPrefixes)) if (!v.onPremises.includes(prefix)) v.onPremises.push(prefix);
            const routes = list(g.planRoutes).map((r) => ("cidr" in r ? r.cidr : r.endAddress ? `${r.startAddress}-${r.endAddress}` : r.startAddress));
            integrationEdges.push({ plan: planName, apps: appIds, labels: appLabels, to: () => gatewayId, label: `point-to-site VPN${routes.length > 0 ? `; plan routes ${routes.join(", ")}` : ""}`, findings: byAbout("plan").filter((f) => /^VNI-(R01|R05|G01|G02|G03)$/.test(f.code)) });
            findingsBy.push({ about: () => gatewayId, findings, deferred: list(g.deferred), component, apps: list(g.apps), plan: planName });
        }
    });

    const body: string[] = [];
    // Plans: apps in columns of at most 10, so a 30-app plan stays readable.
    const planColumns = new Map<string, string[][]>();
    for (const plan of [...plans.values()]) {
        const apps = [...plan.apps.values()];
        const rows = Math.max(1, Math.min(10, Math.ceil(apps.length / Math.ceil(apps.length / 10 || 1))));
        const columns: string[][] = [];
        body.push(`subgraph ${quote(`cluster_${id(ids.plan(plan.name))}`)} {`, `  ${stmt({ id: id(ids.plan(plan.name)), label: label(plan.lines), labeljust: "l", style: "rounded,filled", fillcolor: COLOURS.plan, color: "#8a8886" })};`);
        if (apps.length === 0) {
            const none = id(`${ids.plan(plan.name)}_none`);
            body.push(`  ${quote(none)} [${attrs({ label: "(no apps)", shape: "plaintext" })}];`);
            columns.push([none]);
        }
        apps.forEach((app, i) => {
            const appId = id(ids.app(app));
            const routing = app.routing === undefined ? "routing set outside" : app.routing.applicationTraffic || app.routing.allTraffic ? "route-all" : "RFC 1918 only";
            const how = app.attachment === "site-args" ? "siteArgs" : app.attachment === "connection" ? "connection" : "";
            body.push(`  ${quote(appId)} [${attrs({ id: appId, label: label([shownApp(app), [how, routing].filter(Boolean).join(", ")]), shape: "box", style: "rounded,filled", fillcolor: "white" })}];`);
            const column = Math.floor(i / rows);
            (columns[column] ??= []).push(appId);
            if (column > 0) body.push(`  ${quote(columns[column - 1][i % rows] ?? columns[column - 1][0])} -> ${quote(appId)} [style=invis];`);
        });
        body.push("}");
        planColumns.set(plan.name.toLowerCase(), columns);
    }

    // VNets: subnets, the GatewaySubnet with its gateway, free space.
    for (const v of [...vnets.values()]) {
        const vnetId = id(ids.vnet(v.name));
        const taken = [...v.subnets.keys(), ...(v.gateway?.subnet ? [v.gateway.subnet] : [])].map((s) => parseCidr(s)).flatMap((r) => (r.ok ? [r.value] : []));
        const spaces = v.addressSpace.map((s) => parseCidr(s)).flatMap((r) => (r.ok ? [r.value] : []));
        const header = [`VNet ${v.name}${v.location ? ` (${v.location})` : ""}`, `address space ${v.addressSpace.join(", ") || "not known"}`];
        if (!v.peer) header.push(`DNS ${v.dnsServers.length > 0 ? v.dnsServers.join(", ") : "Azure DNS"}`);
        if (v.peer && v.subnets.size === 0 && !v.gateway) {
            body.push(`${quote(vnetId)} [${attrs({ id: vnetId, label: label(["peer " + header[0], header[1]]), shape: "box", style: "rounded,bold", color: COLOURS.vnet })}];`);
            anchors.set(`vnet:${v.name.toLowerCase()}`, vnetId);
            continue;
        }
        body.push(`subgraph ${quote(`cluster_${vnetId}`)} {`, `  ${stmt({ id: vnetId, label: label(header), labeljust: "l", style: "rounded,bold", color: COLOURS.vnet })};`);
        if (v.gateway) {
            const gsId = id(ids.gatewaySubnet(v.name));
            const gwId = id(ids.gateway(v.name));
            body.push(`  subgraph ${quote(`cluster_${gsId}`)} {`, `    ${stmt({ id: gsId, label: label([`GatewaySubnet ${v.gateway.subnet ?? "(prefix not known)"}`]), labeljust: "l", style: "filled", fillcolor: COLOURS.subnet, color: COLOURS.vnet })};`);
            body.push(`    ${quote(gwId)} [${attrs({ id: gwId, label: label(v.gateway.lines), shape: "box", style: "filled", fillcolor: COLOURS.gateway, color: v.gateway.status ? COLOURS[v.gateway.status] : "black", penwidth: v.gateway.status ? 2 : 1 })}];`, "  }");
        }
        for (const s of [...v.subnets.values()].sort((a, b) => a.prefix.localeCompare(b.prefix))) {
            body.push(`  ${quote(s.id)} [${attrs({ id: s.id, label: label(s.lines), shape: "box", style: "filled", fillcolor: COLOURS.subnet, color: s.status ? COLOURS[s.status] : COLOURS.vnet, penwidth: s.status ? 2 : 1 })}];`);
        }
        const free = spaces.length > 0 ? freeBlocks(spaces, taken) : [];
        const freeId = id(ids.free(v.name));
        const shown = free.slice(0, 3).map((b) => b.text);
        const freeLines = spaces.length === 0 ? ["free space not known"] : free.length === 0 ? ["no free space"] : [`free: ${shown.join(", ")}`, ...(free.length > 3 ? [`  and ${free.length - 3} smaller blocks`] : [])];
        body.push(`  ${quote(freeId)} [${attrs({ id: freeId, label: label(freeLines), shape: "box", style: "dashed", color: COLOURS.free, fontcolor: COLOURS.free })}];`, "}");
        anchors.set(`vnet:${v.name.toLowerCase()}`, v.anchor ?? freeId);
        if (v.onPremises.length > 0) {
            const onId = id(ids.onPremises(v.name));
            body.push(`${quote(onId)} [${attrs({ id: onId, label: label(["on-premises", ...v.onPremises]), shape: "folder" })}];`);
            edges.push(`${quote(v.anchor ?? freeId)} -> ${quote(onId)} [${attrs({ ltail: `cluster_${vnetId}`, label: label(["site-to-site / ExpressRoute"]), dir: "both", style: "dashed" })}];`);
            anchors.set(`onprem:${v.name.toLowerCase()}`, onId);
        }
    }

    // Integrations: from the plan's last column of apps, so the edge leaves the plan's box.
    for (const e of integrationEdges) {
        const columns = planColumns.get(e.plan.toLowerCase()) ?? [];
        const last = columns[columns.length - 1] ?? [];
        const from = e.apps.find((a) => last.includes(a)) ?? last[0] ?? e.apps[0];
        if (!from) continue;
        const status = statusOf(e.findings);
        // A plan on several integrations: each edge says whose apps it carries.
        const shared = integrationEdges.filter((o) => o.plan.toLowerCase() === e.plan.toLowerCase()).length > 1;
        const whose = shared ? [`for ${e.labels.join(", ")}`] : [];
        edges.push(`${quote(from)} -> ${quote(e.to())} [${attrs({ ltail: `cluster_${id(ids.plan(e.plan))}`, label: label([e.label, ...whose]), color: status ? COLOURS[status] : "black", penwidth: status ? 2 : 1 })}];`);
        anchors.set(`plan:${e.plan.toLowerCase()}`, from);
    }

    // Peerings: one edge per pair, both directions' flags.
    const seen = new Set<string>();
    for (const p of peerings) {
        const key = `${p.hub}|${p.peer}`.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        const from = anchors.get(`vnet:${p.hub.toLowerCase()}`);
        const to = anchors.get(`vnet:${p.peer.toLowerCase()}`);
        if (!from || !to) continue;
        const peeringId = id(ids.peering(p.hub, p.peer));
        const status = statusOf(p.findings.filter((f) => f.message.includes(p.peer)));
        const peerIsCluster = vnets.get(p.peer.toLowerCase())?.peer === false;
        edges.push(
            `${quote(from)} -> ${quote(to)} [${attrs({ id: peeringId, ltail: `cluster_${id(ids.vnet(p.hub))}`, lhead: peerIsCluster ? `cluster_${id(ids.vnet(p.peer))}` : undefined, dir: "both", label: label(["peering", ...flagsText(p.pair, p.hub, p.peer)]), color: status ? COLOURS[status] : COLOURS.vnet, fontcolor: status ? COLOURS[status] : "black", penwidth: 2 })}];`,
        );
    }

    // Findings and deferred rules, beside what they are about.
    for (const f of findingsBy) {
        const counts = new Map<string, number>();
        for (const finding of f.findings) {
            const n = counts.get(finding.code) ?? 0;
            counts.set(finding.code, n + 1);
            const findingId = id(ids.finding(finding.component ?? f.component, finding.code, n));
            const colour = finding.suppressed ? COLOURS.deferred : COLOURS[finding.severity];
            const title = `${finding.code} ${finding.name ?? ""} (${finding.suppressed ? "suppressed" : finding.severity})`.replace(/\s+/g, " ");
            extra.push(`${quote(findingId)} [${attrs({ id: findingId, label: label([title, finding.message]), shape: "note", color: colour, fontcolor: colour, penwidth: finding.severity === "error" && !finding.suppressed ? 2 : 1 })}];`);
            const about = aboutOf(finding.code);
            // An app's finding beside the app it names; a plan's beside the plan.
            const app = about === "plan" ? f.apps.find((a) => new RegExp(`(^|[\\s\`'"])${shownApp(a).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[\\s\`'",.:;])`).test(finding.message)) : undefined;
            // A peering's finding beside the peer it names.
            const peer = about === "peering" ? peerings.find((p) => new RegExp(`\\b${p.peer.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(finding.message)) : undefined;
            const peerAnchor = peer ? anchors.get(`vnet:${peer.peer.toLowerCase()}`) : undefined;
            const target = app ? id(ids.app(app)) : peerAnchor ? peerAnchor : about === "plan" ? (anchors.get(`plan:${f.plan.toLowerCase()}`) ?? f.about()) : f.about();
            extra.push(`${quote(target)} -> ${quote(findingId)} [${attrs({ style: "dashed", color: colour, arrowhead: "none" })}];`);
        }
        f.deferred.forEach((d, i) => {
            const deferredId = id(ids.deferred(f.component, i));
            extra.push(`${quote(deferredId)} [${attrs({ id: deferredId, label: label([`${d.codes.join(", ")} deferred`, `wait for ${d.why}`]), shape: "note", color: COLOURS.deferred, fontcolor: COLOURS.deferred, style: "dashed" })}];`);
            extra.push(`${quote(f.about())} -> ${quote(deferredId)} [${attrs({ style: "dotted", color: COLOURS.deferred, arrowhead: "none" })}];`);
        });
    }
    const first = [...planColumns.values()][0]?.[0]?.[0];
    return { body: [...body, ...edges, ...extra], anchors, first };
}

const HEADER = [
    `  graph [${attrs({ rankdir: "LR", compound: "true", fontname: "Courier", fontsize: 11, nodesep: 0.25, ranksep: 0.5, pad: 0.3, bgcolor: "white" })}];`,
    `  node [${attrs({ fontname: "Courier", fontsize: 10, margin: "0.12,0.06" })}];`,
    `  edge [${attrs({ fontname: "Courier", fontsize: 9 })}];`,
];

/** The DOT text of a program's topologies. */
export function topologyDot(topologies: readonly IntegrationTopology[], options: DrawOptions = {}): string {
    const built = build(topologies, options.prefix ?? "");
    return ["digraph topology {", ...HEADER, ...(options.title ? [`  ${stmt({ label: label([options.title]), labelloc: "t", labeljust: "l" })};`] : []), ...built.body.map((l) => `  ${l}`), "}", ""].join("\n");
}

/** The doctor's path over the topology: which hop stopped, with the blocking rule codes. */
export interface DrawnPath {
    readonly app: { readonly name: string; readonly slot?: string };
    /** `10.60.1.4:5432`. */
    readonly to: string;
    readonly reachable: boolean;
    /** Where the destination lies: `VNet hub`, `peer data`, `on-premises`, ... */
    readonly destinationIn: string;
    /** The hops as the doctor walked them; the first not ok is where it is blocked. */
    readonly hops: readonly { readonly ok: boolean; readonly step: string }[];
    /** Codes (or short texts) of what blocks it. */
    readonly blockers: readonly string[];
}

/** The topology with the doctor's path drawn over it: green up to where it is blocked, red there, grey after. */
export function doctorDot(topologies: readonly IntegrationTopology[], path: DrawnPath): string {
    const built = build(topologies, "");
    const appId = ids.app(path.app);
    const owner = topologies.find((t) => list(t.apps).some((a) => shownApp(a) === appLabel(path.app)));
    const entry = owner ? built.anchors.get(`entry:${owner.component ?? `integration${topologies.indexOf(owner)}`}`) : undefined;
    const hubName = owner ? (isRegional(owner) ? text(owner.virtualNetwork.name) : text(owner.hub.name)) : "";
    const target = "doctor_target";
    const peerName = /^peer (.+)$/.exec(path.destinationIn)?.[1];
    const via = peerName ? built.anchors.get(`vnet:${peerName.toLowerCase()}`) : path.destinationIn === "on-premises" ? built.anchors.get(`onprem:${hubName.toLowerCase()}`) : undefined;
    const chain = [appId, ...(entry ? [entry] : []), ...(via ? [via] : []), target];
    const firstBlocked = path.hops.findIndex((h) => !h.ok);
    const lines: string[] = [
        `${quote(target)} [${attrs({ id: target, label: label([path.to, `in ${path.destinationIn}`, path.reachable ? "REACHABLE" : "NOT REACHABLE"]), shape: "box", style: "rounded,bold", color: path.reachable ? COLOURS.ok : COLOURS.error, fontcolor: path.reachable ? COLOURS.ok : COLOURS.error, penwidth: 3 })}];`,
    ];
    // Edge 0 carries the first two hops (the app sends; the traffic enters the integration), each later edge one hop.
    const blockedAt = firstBlocked < 0 ? -1 : Math.min(Math.max(0, firstBlocked - 1), chain.length - 2);
    for (let i = 0; i + 1 < chain.length; i++) {
        const state = blockedAt < 0 || i < blockedAt ? "ok" : i === blockedAt ? "blocked" : "after";
        const colour = state === "ok" ? COLOURS.ok : state === "blocked" ? COLOURS.error : COLOURS.deferred;
        const words = state === "blocked" ? [`BLOCKED${path.blockers.length > 0 ? `: ${path.blockers.join(", ")}` : ""}`] : state === "after" ? ["not reached"] : ["checked"];
        lines.push(`${quote(chain[i])} -> ${quote(chain[i + 1])} [${attrs({ id: `doctor_path_${i}`, color: colour, fontcolor: colour, penwidth: 3, style: state === "after" ? "dashed" : "solid", label: label(words) })}];`);
    }
    return ["digraph topology {", ...HEADER, ...[...built.body, ...lines].map((l) => `  ${l}`), "}", ""].join("\n");
}
