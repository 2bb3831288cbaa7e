/**
 * The topology diagram: every element of a program found by id in the SVG, byte-identical
 * SVG for the same program, labels inside their boxes and boxes apart (also for a 30-app
 * plan), a PNG of the expected size that is not blank, a refused program's errors drawn, the
 * doctor's blocked hop and migrate's before and after.
 */
import { doctorDot, ids, rasterOf, sideBySide, svgOf as render, topologyDot } from "../components/diagram";
import { diagnose } from "../components/doctor";
import type { GatewayTopology, IntegrationTopology } from "../components/topology";
import { isRegional } from "../components/topology";
import { readTopologies } from "../components/topology";
import { runTarget as runNamed } from "../components/cli/programs";
import { topologiesOfRun } from "../components/cli/topologies";
import { scenarios } from "../examples/scenarios";
import { doctorDiagram, migrateDiagram, planDiagram } from "../components/cli/diagram";

const runTarget = (target: string, options: { mode: "preview" | "up" }) => runNamed(target, scenarios, options.mode);
import { LIMITS_PROFILES } from "../components/rules";
import { planMigration } from "../components/migration";
import * as fs from "fs";
import * as path from "path";

const root = path.resolve(__dirname, "..");

/** The SVG with Graphviz's escapes of "-", "<" and ">" undone, so ids and texts read as written. */
async function svgOf(dot: string): Promise<string> {
    return plain(await render(dot));
}

function plain(svg: string): string {
    return svg.replace(/&#45;/g, "-").replace(/&gt;/g, ">").replace(/&lt;/g, "<");
}

interface Box {
    readonly id: string;
    readonly x0: number;
    readonly y0: number;
    readonly x1: number;
    readonly y1: number;
}

/** Each node's and cluster's box (from its outline's coordinates) and its texts' extents (Courier: 0.6 em a character). */
function layout(svg: string): { nodes: Box[]; clusters: Box[]; cut: string[]; edgeLabels: Box[] } {
    const nodes: Box[] = [];
    const clusters: Box[] = [];
    const edgeLabels: Box[] = [];
    const cut: string[] = [];
    const unescape = (t: string) => t.replace(/&#45;/g, "-").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'");
    for (const group of svg.matchAll(/<g id="([^"]+)" class="(node|cluster|edge)">([\s\S]*?)<\/g>/g)) {
        const [, id, kind, body] = group;
        const texts = [...body.matchAll(/<text[^>]*x="([-\d.]+)" y="([-\d.]+)"[^>]*font-size="([\d.]+)">([^<]*)<\/text>/g)].map((m) => ({
            x0: Number(m[1]),
            x1: Number(m[1]) + unescape(m[4]).length * 0.6 * Number(m[3]),
            y: Number(m[2]),
            size: Number(m[3]),
            text: unescape(m[4]),
        }));
        if (kind === "edge") {
            for (const t of texts) edgeLabels.push({ id: `${id}: ${t.text}`, x0: t.x0, x1: t.x1, y0: t.y - t.size * 0.8, y1: t.y + t.size * 0.2 });
            continue;
        }
        const outline = /<(?:path|polygon)[^>]*(?:d|points)="([^"]+)"/.exec(body)?.[1] ?? "";
        const numbers = [...outline.matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
        const xs = numbers.filter((_, i) => i % 2 === 0);
        const ys = numbers.filter((_, i) => i % 2 === 1);
        const box = { id, x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
        (kind === "node" ? nodes : clusters).push(box);
        for (const t of texts) if (t.x0 < box.x0 - 0.5 || t.x1 > box.x1 + 1) cut.push(`${id}: "${t.text}" runs from ${t.x0.toFixed(1)} to ${t.x1.toFixed(1)}, its box from ${box.x0} to ${box.x1}`);
    }
    return { nodes, clusters, cut, edgeLabels };
}

const overlap = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Pairs of node boxes that overlap, and edge labels over a node. */
function collisions(svg: string): string[] {
    const { nodes, edgeLabels } = layout(svg);
    const found: string[] = [];
    nodes.forEach((a, i) => nodes.slice(i + 1).forEach((b) => overlap(a, b) && found.push(`${a.id} overlaps ${b.id}`)));
    for (const l of edgeLabels) for (const n of nodes) if (overlap(l, n)) found.push(`label ${l.id} over ${n.id}`);
    return found;
}

/** Every element of the topologies the diagram must show, as ids. */
function expectedIds(topologies: readonly IntegrationTopology[]): string[] {
    return topologies.flatMap((t) => {
        const vnet = isRegional(t) ? t.virtualNetwork.name : t.hub.name;
        const peers = t.peers.flatMap((p) => [ids.vnet(p.name), ids.peering(vnet, p.name)]);
        const findings = (t.findings ?? []).map((f, i, all) => ids.finding(f.component ?? t.component ?? "", f.code, all.slice(0, i).filter((g) => g.code === f.code && (g.component ?? t.component) === (f.component ?? t.component)).length));
        const deferred = (t.deferred ?? []).map((_, i) => ids.deferred(t.component ?? "", i));
        const network = isRegional(t) ? [ids.subnet(vnet, t.subnet)] : [ids.gatewaySubnet(vnet), ids.gateway(vnet)];
        return [ids.vnet(vnet), ids.free(vnet), ids.plan(t.plan?.name ?? ""), ...t.apps.map((a) => ids.app(a)), ...network, ...peers, ...findings, ...deferred];
    });
}

describe.each(["regional", "gateway", "peered"])("the %s example's diagram", (example) => {
    let svg: string;
    let topologies: IntegrationTopology[];
    beforeAll(async () => {
        const run = await runTarget(example, { mode: "preview" });
        topologies = await topologiesOfRun(run, "recorded");
        svg = await svgOf(await planDiagram(run, `npm run plan -- ${example} (preview)`));
    }, 60_000);

    test("every VNet, subnet, app, gateway, peering, finding and deferred rule is in the SVG, by id", () => {
        const wanted = expectedIds(topologies);
        expect(wanted.length).toBeGreaterThan(5);
        expect(wanted.filter((id) => !svg.includes(`id="${id}"`))).toEqual([]);
    });

    test("labels stay inside their boxes; boxes and edge labels do not overlap", () => {
        expect(layout(svg).cut).toEqual([]);
        expect(collisions(svg)).toEqual([]);
    });

    test("is the README's diagram, byte for byte (npm run docs -- --check says so in CI)", () => {
        expect(svg).toBe(plain(fs.readFileSync(path.join(root, "docs", "diagrams", `${example}.svg`), "utf8")));
    });
});

describe("drawing", () => {
    test("the same topologies give byte-identical SVG", async () => {
        const topologies = readTopologies(JSON.parse(fs.readFileSync(path.join(root, "test/fixtures/doctor-topology.json"), "utf8")));
        const [a, b] = [await svgOf(topologyDot(topologies)), await svgOf(topologyDot(JSON.parse(JSON.stringify(topologies))))];
        expect(a).toBe(b);
        expect(a).toContain('id="vnet_spoke"');
    });

    test("the PNG has the SVG's size (points as pixels) times the scale and is not blank", async () => {
        const svg = await svgOf(topologyDot(readTopologies(JSON.parse(fs.readFileSync(path.join(root, "test/fixtures/doctor-topology.json"), "utf8")))));
        const width = Number(/width="([\d.]+)pt"/.exec(svg)?.[1]);
        const height = Number(/height="([\d.]+)pt"/.exec(svg)?.[1]);
        const raster = rasterOf(svg, 1.5);
        // Graphviz sizes in points; a point is 4/3 of a CSS pixel.
        expect(Math.abs(raster.width - (width * 4 / 3) * 1.5)).toBeLessThanOrEqual(1);
        expect(Math.abs(raster.height - (height * 4 / 3) * 1.5)).toBeLessThanOrEqual(1);
        expect(raster.png.subarray(1, 4).toString()).toBe("PNG");
        expect(raster.png.readUInt32BE(16)).toBe(raster.width);
        // Not blank: a fair share of pixels is ink, and some of it is the VNets' blue.
        let ink = 0;
        let blue = 0;
        for (let i = 0; i < raster.pixels.length; i += 4) {
            const [r, g, b] = [raster.pixels[i], raster.pixels[i + 1], raster.pixels[i + 2]];
            if (r < 200 || g < 200 || b < 200) ink++;
            if (r < 40 && g > 90 && g < 150 && b > 180) blue++;
        }
        expect(ink / (raster.width * raster.height)).toBeGreaterThan(0.01);
        expect(blue).toBeGreaterThan(100);
    });

    test("a refused program: nothing is created, and its errors are drawn red with their code beside what they are about", async () => {
        const run = await runTarget("test/fixtures/refused-global-peer.ts", { mode: "preview" });
        expect(run.errors).toHaveLength(1);
        expect(run.resources.map((r) => r.type).filter((t) => /Subnet|Swift/.test(t))).toEqual([]);
        const svg = await svgOf(await planDiagram(run, "refused"));
        for (const [code, about] of [
            ["VNI-R03", ids.subnet("hub", "10.0.1.0/28")],
            ["VNI-R09", ids.vnet("far")],
        ]) {
            const group = new RegExp(`<g id="${ids.finding("int", code, 0)}" class="node">([\\s\\S]*?)</g>`).exec(svg)?.[1] ?? "";
            expect(group).toContain(`${code} `);
            expect(group).toContain('stroke="#d13438"');
            // The dashed line from what it is about.
            expect(svg).toContain(`<title>${about}->${ids.finding("int", code, 0)}</title>`);
        }
        expect(svg).toMatch(/needs 20 \(peak instances\), has 11 usable: 9 short/);
        expect(layout(svg).cut).toEqual([]);
        expect(collisions(svg)).toEqual([]);
    }, 60_000);

    test("a 30-app plan: every app, in columns of at most 10, nothing cut or overlapping", async () => {
        const run = await runTarget("test/fixtures/thirty-apps.ts", { mode: "preview" });
        const topologies = await topologiesOfRun(run, "recorded");
        expect(topologies[0].apps).toHaveLength(31);
        const svg = await svgOf(topologyDot(topologies));
        expect(expectedIds(topologies).filter((id) => !svg.includes(`id="${id}"`))).toEqual([]);
        const apps = layout(svg).nodes.filter((n) => n.id.startsWith("app_"));
        const columns = new Set(apps.map((a) => Math.round(a.x0)));
        expect(columns.size).toBe(4);
        expect(layout(svg).cut).toEqual([]);
        expect(collisions(svg)).toEqual([]);
    }, 60_000);

    test("the doctor marks the path it checked and where it is blocked", async () => {
        const topologies = readTopologies(JSON.parse(fs.readFileSync(path.join(root, "test/fixtures/doctor-topology.json"), "utf8")));
        const answer = diagnose(topologies, { app: "orders", address: "10.60.1.4", port: 5432 });
        if (!answer.ok) throw new Error(answer.message);
        const svg = await svgOf(doctorDiagram(topologies, answer.value));
        // app -> gateway checked (green), gateway -> peer data blocked by VNI-P01 (red), then not reached.
        const edge = (i: number) => new RegExp(`<g id="doctor_path_${i}" class="edge">([\\s\\S]*?)</g>`).exec(svg)?.[1] ?? "";
        expect(edge(0)).toContain('stroke="#107c10"');
        expect(edge(0)).toContain(`<title>${ids.app({ name: "orders" })}->${ids.gateway("hub")}</title>`);
        expect(edge(1)).toContain(`<title>${ids.gateway("hub")}->${ids.vnet("data")}</title>`);
        expect(edge(1)).toContain('stroke="#d13438"');
        expect(edge(1)).toContain("BLOCKED: VNI-P01");
        expect(edge(2)).toContain("not reached");
        expect(svg).toContain("NOT REACHABLE");
        expect(collisions(svg)).toEqual([]);
    });

    test("a reachable answer is green to the end", async () => {
        const topologies = readTopologies(JSON.parse(fs.readFileSync(path.join(root, "test/fixtures/doctor-topology.json"), "utf8")));
        const answer = diagnose(topologies, { app: "api", address: "192.168.1.4", port: 1433 });
        if (!answer.ok) throw new Error(answer.message);
        const svg = await svgOf(doctorDot(topologies, { app: { name: "api" }, to: answer.value.to, reachable: true, destinationIn: answer.value.destination.in, hops: answer.value.path, blockers: [] }));
        expect(svg).not.toContain('stroke="#d13438"');
        expect(svg).toContain(`<title>${ids.onPremises("spoke")}->doctor_target</title>`);
    });

    test("migrate: today's integrations and the regional target side by side", async () => {
        const today = readTopologies(JSON.parse(fs.readFileSync(path.join(root, "test/fixtures/doctor-topology.json"), "utf8"))).filter((t): t is GatewayTopology => !isRegional(t));
        const migrations = today.map((facts) => ({ facts, plan: planMigration(facts, "direct", LIMITS_PROFILES["azure-2026"]) }));
        const [before, after] = await Promise.all(migrateDiagram(today, migrations).map((d) => svgOf(d)));
        const svg = sideBySide([before, after]);
        const target = migrations[0].plan.target;
        expect(svg).toContain(`id="before_${ids.gateway("hub")}"`);
        expect(svg).toContain(`id="after_${ids.subnet(target.virtualNetwork.name, target.subnet!.addressPrefix)}"`);
        const width = (s: string) => Number(/width="([\d.]+)pt"/.exec(s)?.[1]);
        expect(width(svg)).toBeCloseTo(width(before) + width(after) + 36, 0);
        expect(/<svg x="([\d.]+)" y="0"/g.exec(svg.slice(svg.indexOf("</svg>")))?.[1]).toBe(String(width(before) + 36));
        expect(Math.abs(rasterOf(svg, 1).width - (width(svg) * 4) / 3)).toBeLessThanOrEqual(1);
    });
});
