import fc from "fast-check";
import { Cidr, mustParseCidr, overlaps } from "../components/address";
import { GatewayTopology, planMigration, rangesTakenBy, targetProgram } from "../components/migration";
import { LIMITS_PROFILES } from "../components/rules";

const azure2026 = LIMITS_PROFILES["azure-2026"];
const documented = LIMITS_PROFILES.documented;
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups";

function topology(overrides: Partial<GatewayTopology> = {}): GatewayTopology {
    return {
        plan: { name: "win", resourceGroupName: "apps", location: "westeurope", skuName: "P1v3", linux: false, peakInstances: 10 },
        apps: [{ name: "orders", resourceGroupName: "apps" }, { name: "orders", resourceGroupName: "apps", slot: "staging" }],
        hub: { name: "hub", id: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/hub`, resourceGroupName: "net", location: "eastus", addressSpace: ["10.0.0.0/16"], dnsServers: ["10.0.0.4"], subnets: ["10.0.255.0/27"] },
        pointToSitePool: ["172.16.201.0/24"],
        peers: [
            { name: "data", id: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/data`, resourceGroupName: "net", location: "eastus", addressPrefixes: ["10.1.0.0/16"] },
            { name: "unrouted", id: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/unrouted`, resourceGroupName: "net", location: "eastus", addressPrefixes: ["10.2.0.0/16"] },
        ],
        planRoutes: [{ cidr: "10.1.0.0/16" }],
        onPremisesPrefixes: ["192.168.0.0/16"],
        ...overrides,
    };
}

test("a hub in the app's region takes the subnet itself, beside its own subnets", () => {
    const plan = planMigration(topology({ hub: { ...topology().hub, location: "West Europe" } }), "direct", azure2026);
    expect(plan.valid).toBe(true);
    expect(plan.target.virtualNetwork).toMatchObject({ name: "hub", isHub: true });
    expect(plan.target.subnet).toEqual({ addressPrefix: "10.0.0.0/27", usableAddresses: 27, sizedFor: 20 });
    expect(plan.target.peerings).toEqual([]);
    expect(plan.reach).toEqual([{ range: "10.1.0.0/16", via: "peering hub hub - data (exists)" }]);
});

test("a hub in another region: a new VNet from RFC 1918, peered to the hub and to the peers the routes reached", () => {
    const plan = planMigration(topology(), "blue-green", azure2026);
    expect(plan.valid).toBe(true);
    expect(plan.target.virtualNetwork).toEqual({ name: "win-to-hub", location: "westeurope", addressSpace: ["10.3.0.0/24"], isHub: false });
    expect(plan.target.subnet?.addressPrefix).toBe("10.3.0.0/27");
    expect(plan.target.peerings.map((p) => [p.to, p.global])).toEqual([
        ["hub", true],
        ["data", true],
    ]);
    expect(plan.sourceAddresses).toMatchObject({ before: ["172.16.201.0/24"], after: "10.3.0.0/27" });
    expect(plan.target.dnsServers).toEqual(["10.0.0.4"]);
});

test("under the documented profile a cross-region move needs global peering: not valid, and no program", () => {
    const plan = planMigration(topology(), "direct", documented);
    expect(plan.valid).toBe(false);
    expect(plan.violations.map((v) => v.code)).toContain("VNI-R09");
    expect(() => targetProgram([{ facts: topology(), plan }])).toThrow(/not valid/);
});

test("crowded address spaces: a block is still found, or the plan says none exists", () => {
    const crowded = topology({ onPremisesPrefixes: ["10.0.0.0/8", "172.16.0.0/13"] });
    const plan = planMigration({ ...crowded, hub: { ...crowded.hub, addressSpace: ["10.0.0.0/16"] }, peers: [], planRoutes: [] }, "direct", azure2026);
    expect(plan.target.virtualNetwork.addressSpace).toEqual(["172.24.0.0/24"]);
    const full = planMigration(topology({ peers: [], planRoutes: [], pointToSitePool: [], onPremisesPrefixes: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] }), "direct", azure2026);
    expect(full.valid).toBe(false);
    expect(full.problems.join()).toMatch(/no free \/24 block is left in RFC 1918/);
});

test("Linux and Windows plans are sized by the profile; a Basic plan is valid only under azure-2026", () => {
    const linux = planMigration(topology({ plan: { ...topology().plan, linux: true, peakInstances: 1 } }), "direct", azure2026);
    expect(linux.valid).toBe(true);
    expect(linux.target.subnet?.addressPrefix.endsWith("/28")).toBe(true);
    const local = topology().peers.map((p) => ({ ...p, location: "westeurope" }));
    const basic = topology({ plan: { ...topology().plan, skuName: "B1" }, hub: { ...topology().hub, location: "westeurope" }, peers: local });
    expect(planMigration(basic, "direct", documented).violations.map((v) => v.code)).toEqual(["VNI-R01"]);
    expect(planMigration(basic, "direct", azure2026).valid).toBe(true);
});

test.each([
    ["blue-green", /Create a new P1v3 plan/, /switch traffic back: the old plan is untouched/],
    ["slot-swap", /connect the staging slot regionally/, /reconnect the staging slot's gateway connection/],
    ["direct", /In a maintenance window, for each app and slot/, /re-create the gateway connection.*until 31 March 2027/],
] as const)("strategy %s: ordered steps, each with its effect and rollback", (strategy, step, rollback) => {
    const plan = planMigration(topology(), strategy, azure2026);
    expect(plan.steps[0].title).toMatch(/^Create VNet win-to-hub/);
    expect(plan.steps[1].title).toBe("Allow 10.3.0.0/27 wherever 172.16.201.0/24 is allowed");
    expect(plan.steps.some((s) => step.test(s.title))).toBe(true);
    expect(plan.steps.some((s) => rollback.test(s.rollback))).toBe(true);
    expect(plan.steps.every((s) => s.effect.length > 0 && s.rollback.length > 0)).toBe(true);
});

test("a route that reaches nothing declared is a problem, not silently dropped", () => {
    const plan = planMigration(topology({ planRoutes: [{ cidr: "10.9.0.0/16" }] }), "direct", azure2026);
    expect(plan.valid).toBe(false);
    expect(plan.problems[0]).toContain("plan route 10.9.0.0/16 reaches nothing declared");
});

describe("issue 10: planner defects", () => {
    const peers = [
        { name: "east", id: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/east`, resourceGroupName: "net", location: "eastus", addressPrefixes: ["10.60.0.0/16"] },
        { name: "west", id: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/west`, resourceGroupName: "net", location: "eastus", addressPrefixes: ["10.61.0.0/16"] },
    ];

    test("a summary route over two peers reaches both: valid, both peered", () => {
        const plan = planMigration(topology({ peers, planRoutes: [{ cidr: "10.60.0.0/15" }] }), "direct", azure2026);
        expect(plan.problems).toEqual([]);
        expect(plan.valid).toBe(true);
        expect(plan.target.peerings.map((p) => p.to)).toEqual(["hub", "east", "west"]);
        expect(plan.reach).toEqual([{ range: "10.60.0.0/15", via: "new peering to east and new peering to west" }]);
    });

    test("a summary route of which a part reaches nothing declared is still a problem, naming what it does reach", () => {
        const plan = planMigration(topology({ peers: [peers[0]], planRoutes: [{ cidr: "10.60.0.0/15" }] }), "direct", azure2026);
        expect(plan.valid).toBe(false);
        expect(plan.problems).toEqual([expect.stringContaining("plan route 10.60.0.0/15 reaches new peering to east, but part of it reaches nothing declared")]);
    });

    test("two plans moving into one hub in their region get disjoint subnets (alsoTaken is honoured)", () => {
        const local = topology({ hub: { ...topology().hub, location: "westeurope" } });
        const first = planMigration(local, "direct", azure2026);
        expect(first.target.subnet?.addressPrefix).toBe("10.0.0.0/27");
        const second = planMigration({ ...local, plan: { ...local.plan, name: "win2" } }, "direct", azure2026, ["10.0.0.0/27"]);
        expect(second.valid).toBe(true);
        expect(second.target.subnet?.addressPrefix).toBe("10.0.0.32/27");
        // What npm run migrate passes on: the subnet taken in the hub, not the hub's whole space.
        expect(rangesTakenBy(first)).toEqual(["10.0.0.0/27"]);
        expect(rangesTakenBy(planMigration(topology(), "direct", azure2026))).toEqual(["10.3.0.0/24"]);
    });

    test("a hub with no room left beside another migration's subnet says so", () => {
        const tight = topology({ hub: { ...topology().hub, location: "westeurope", addressSpace: ["10.0.0.0/26"], subnets: ["10.0.0.32/27"] } });
        const plan = planMigration(tight, "direct", azure2026, ["10.0.0.0/27"]);
        expect(plan.valid).toBe(false);
        expect(plan.problems.join()).toMatch(/no free \/27 block is left in hub hub .*10\.0\.0\.0\/27 \(another migration\)/);
    });
});

describe("property: for random topologies", () => {
    // Hubs, peers and ranges are random aligned blocks of 10/8 or 192.168/16; routes cover peers.
    const block = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 16, max: 24 }), fc.integer({ min: 0, max: 255 })).map(([second, length, third]) => {
        const size = 2 ** (32 - length);
        const offset = Math.floor((third * 256) / size) * size;
        return mustParseCidr(`${dotted(0x0a000000 + second * 65536 + offset)}/${length}`);
    });
    const world = fc
        .record({
            hub: block,
            peers: fc.array(block, { maxLength: 4 }),
            onPrem: fc.array(block, { maxLength: 2 }),
            sameRegion: fc.boolean(),
            peak: fc.integer({ min: 1, max: 60 }),
            linux: fc.boolean(),
        })
        .filter(({ hub, peers, onPrem }) => {
            const all = [hub, ...peers, ...onPrem];
            return all.every((a, i) => all.every((b, j) => i === j || !overlaps(a, b)));
        });

    test("the target overlaps nothing declared, passes the regional rules, and reaches every routed range", () => {
        fc.assert(
            fc.property(world, ({ hub, peers, onPrem, sameRegion, peak, linux }) => {
                const facts: GatewayTopology = {
                    plan: { name: "p", resourceGroupName: "apps", location: "westeurope", skuName: "P1v3", linux, peakInstances: peak },
                    apps: [{ name: "a", resourceGroupName: "apps" }],
                    hub: { name: "hub", id: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/hub`, resourceGroupName: "net", location: sameRegion ? "westeurope" : "eastus", addressSpace: [hub.text], dnsServers: [], subnets: [] },
                    pointToSitePool: ["172.16.201.0/24"],
                    peers: peers.map((p, i) => ({ name: `peer${i}`, id: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/peer${i}`, resourceGroupName: "net", location: "eastus", addressPrefixes: [p.text] })),
                    planRoutes: [...peers, ...onPrem].map((p) => ({ cidr: p.text })),
                    onPremisesPrefixes: onPrem.map((p) => p.text),
                };
                const plan = planMigration(facts, "direct", LIMITS_PROFILES["azure-2026"]);
                if (!plan.valid) {
                    // Only for want of space, said clearly.
                    return plan.problems.length > 0 && plan.problems.every((p) => /no free/.test(p)) && plan.violations.length === 0;
                }
                const declared: Cidr[] = [hub, ...peers, ...onPrem, mustParseCidr("172.16.201.0/24")];
                const subnet = mustParseCidr(plan.target.subnet!.addressPrefix);
                if (!plan.target.virtualNetwork.isHub) {
                    const space = mustParseCidr(plan.target.virtualNetwork.addressSpace[0]);
                    if (declared.some((d) => overlaps(d, space))) return false;
                    if (!(space.first <= subnet.first && subnet.last <= space.last)) return false;
                } else if (!(hub.first <= subnet.first && subnet.last <= hub.last)) return false;
                if (plan.reach.length !== facts.planRoutes.length) return false;
                const peered = new Set(plan.target.peerings.map((p) => p.to));
                return plan.reach.every((r) => r.via.includes("exists") || r.via.includes("site-to-site") || r.via.includes("itself") || [...peered].some((name) => r.via.includes(name)));
            }),
            { numRuns: 150 },
        );
    });
});

function dotted(value: number): string {
    return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
}
