/**
 * The one topology model: every component's `topology` output, the limits profile that travels
 * with it, facts.json checked against its schema, imports that run one way, free space, and
 * the migration planner keeping slots with their apps.
 */
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { freeBlocks, mustParseCidr, parseCidr } from "../components/address";
import { diagnose } from "../components/doctor";
import { GatewayTopology, planMigration, slotsWithTheirApps } from "../components/migration";
import { LIMITS_PROFILES } from "../components/rules";
import { InvalidInputError } from "../components/rules/input";
import { readTopologies, RegionalTopology } from "../components/topology";
import { topologiesOf as topologiesOfTarget } from "../components/cli/topologies";
import { scenarios } from "../examples/scenarios";

const topologiesOf = (target: string) => topologiesOfTarget(target, scenarios);

const root = path.resolve(__dirname, "..");

describe("imports run one way", () => {
    const sources = (dir: string): string[] =>
        fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
    const importsOf = (file: string) => [...fs.readFileSync(path.join(root, file), "utf8").matchAll(/from "(\.[^"]+)"/g)].map((m) => path.join(path.dirname(file), m[1]));

    test("no component, rule or the topology model takes anything from migration/ or doctor/", () => {
        // The command line (cli/) sits on top of everything, like the package index.
        const below = sources("components").filter((f) => !/^components\/(migration|doctor|diagram|cli|index\.ts)/.test(f));
        const offending = below.flatMap((f) => importsOf(f).filter((i) => /^components\/(migration|doctor)\b/.test(i)).map((i) => `${f} -> ${i}`));
        expect(offending).toEqual([]);
    });

    test("the topology model sits below the components: it imports only rules/", () => {
        const offending = sources("components/topology").flatMap((f) => importsOf(f).filter((i) => !/^components\/(rules|topology)\b/.test(i)).map((i) => `${f} -> ${i}`));
        expect(offending).toEqual([]);
    });
});

describe("facts.json: the model's JSON form, one schema", () => {
    test("the fixtures and the documented example fit", () => {
        expect(readTopologies(JSON.parse(fs.readFileSync(path.join(root, "test/fixtures/doctor-topology.json"), "utf8")))).toHaveLength(2);
        expect(readTopologies(JSON.parse(fs.readFileSync(path.join(root, "test/fixtures/topology.json"), "utf8"))).length).toBeGreaterThan(0);
        const documented = /```json\n([\s\S]*?)```/.exec(fs.readFileSync(path.join(root, "docs/topology.md"), "utf8"))?.[1];
        expect(readTopologies(JSON.parse(documented ?? "null"))).toHaveLength(2);
    });

    test("what does not fit is named by entry and path, every problem at once", () => {
        const bad = [
            { kind: "regional", apps: [{ name: 7 }], virtualNetwork: { name: "v", location: "westeurope", addressSpace: "10.0.0.0/16", dnsServers: [] }, subnet: "10.0.1.0/27", peers: [], onPremisesPrefixes: [] },
            { kind: "hub" },
            "not an object",
        ];
        let error: unknown;
        try {
            readTopologies(bad, "facts.json");
        } catch (e) {
            error = e;
        }
        expect(InvalidInputError.isInvalidInputError(error)).toBe(true);
        expect((error as InvalidInputError).problems).toEqual([
            "regional topology [0].apps[0].name is 7, expected a string",
            'regional topology [0].virtualNetwork.addressSpace is "10.0.0.0/16", expected a list (a string where a list goes: write ["10.0.0.0/16"])',
            '[1].kind is "hub", expected "regional" or "gateway" (or no kind: gateway)',
            '[2] is "not an object", expected a topology object (see docs/topology.md)',
        ]);
    });
});

describe("every component's topology output, with the profile it was checked with", () => {
    let peered: Awaited<ReturnType<typeof topologiesOf>>;
    let regional: Awaited<ReturnType<typeof topologiesOf>>;
    beforeAll(async () => {
        [peered, regional] = [await topologiesOf("peered"), await topologiesOf("regional")];
    }, 120_000);

    test("peered: the gateway's documented profile travels to the doctor (it said azure-2026 before)", () => {
        expect(peered[0].limits).toBe("documented");
        const d = diagnose(peered, { app: "orders", address: "10.60.1.4", port: 5432 });
        expect(d.ok && d.value.limits).toBe("documented");
        // PeeredGatewayRoutes' findings join its hub's integration, with their component.
        expect(peered[0].findings?.map((f) => `${f.component} ${f.code}`)).toEqual(expect.arrayContaining(["hub-vnet VNI-G14", "hub-vnet VNI-G17"]));
    });

    test("regional: RegionalVnetIntegration has a topology output (subnet details, reserved subnets, findings)", () => {
        const t = regional[0] as RegionalTopology;
        expect(t).toMatchObject({
            kind: "regional",
            component: "apps-vnet",
            limits: "azure-2026",
            subnet: "10.20.1.0/27",
            subnetDetails: { name: "apps-vnet", created: true, delegation: "Microsoft.Web/serverFarms", usableAddresses: 27 },
            otherSubnets: ["10.20.0.0/24"],
            plan: { name: "apps", skuName: "P1v3", linux: true, peakInstances: 10 },
        });
        expect(t.findings?.map((f) => [f.code, f.severity])).toEqual([["VNI-R08", "warning"]]);
        expect(t.apps.map((a) => [a.name, a.attachment])).toEqual([
            ["billing-api", "connection"],
            ["orders", "site-args"],
        ]);
    });
});

describe("npm run migrate: slots go where their app goes", () => {
    const hub = (name: string, space: string) => ({ name, id: `/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/${name}`, resourceGroupName: "net", location: "eastus", addressSpace: [space], dnsServers: [], subnets: [] });
    const plan = { name: "win", resourceGroupName: "apps", location: "westeurope", skuName: "S1", linux: false, peakInstances: 2 };
    const apps: GatewayTopology = { plan, apps: [{ name: "orders", resourceGroupName: "apps" }], hub: hub("remote", "10.50.0.0/16"), pointToSitePool: ["172.16.201.0/24"], peers: [], planRoutes: [], onPremisesPrefixes: [] };
    const slots: GatewayTopology = { ...apps, apps: [{ name: "orders", resourceGroupName: "apps", slot: "staging" }], hub: hub("shared", "10.60.0.0/16"), pointToSitePool: ["172.16.202.0/24"] };

    test("a gateway integration of only the slots of another integration's apps folds into it; what the slots reached stays reached", () => {
        const folded = slotsWithTheirApps([apps, slots]);
        expect(folded).toHaveLength(1);
        expect(folded[0].apps.map((a) => (a.slot ? `${a.name}/${a.slot}` : a.name))).toEqual(["orders", "orders/staging"]);
        const migration = planMigration(folded[0], "blue-green", LIMITS_PROFILES["azure-2026"]);
        expect(migration.valid).toBe(true);
        expect(migration.target.peerings.map((p) => p.to)).toEqual(["remote", "shared"]);
        expect(migration.sourceAddresses.before).toEqual(["172.16.201.0/24", "172.16.202.0/24"]);
        expect(migration.steps.filter((s) => /Create a new .* plan/.test(s.title))).toHaveLength(1);
    });

    test("integrations with production apps, of other plans, or slots without their app stay apart", () => {
        expect(slotsWithTheirApps([apps, { ...slots, apps: [...slots.apps, { name: "billing", resourceGroupName: "apps" }] }])).toHaveLength(2);
        expect(slotsWithTheirApps([apps, { ...slots, plan: { ...plan, name: "other" } }])).toHaveLength(2);
        expect(slotsWithTheirApps([apps, { ...slots, apps: [{ name: "billing", resourceGroupName: "apps", slot: "staging" }] }])).toHaveLength(2);
    });

    test("the gateway example: one plan, one migration, its staging slots with their apps", async () => {
        const today = (await topologiesOf("gateway")) as GatewayTopology[];
        expect(today).toHaveLength(2);
        const folded = slotsWithTheirApps(today);
        expect(folded).toHaveLength(1);
        expect(folded[0].apps.map((a) => (a.slot ? `${a.name}/${a.slot}` : a.name)).sort()).toEqual(["billing", "billing/staging", "orders", "orders/staging"]);
    }, 60_000);
});

describe("freeBlocks: what is left of a VNet, where the next subnet goes", () => {
    test("property: the free blocks and the taken ranges cover the space exactly once, each block aligned", () => {
        const block = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 20, max: 30 })).map(([a, b, len]) => {
            const parsed = parseCidr(`10.20.${a}.${b}/${len}`);
            return parsed.ok ? parsed.value : mustParseCidr(`10.20.${a}.0/24`);
        });
        fc.assert(
            fc.property(fc.array(block, { maxLength: 8 }), (taken) => {
                const space = mustParseCidr("10.20.0.0/16");
                const free = freeBlocks([space], taken);
                const size = (c: { first: bigint; last: bigint }) => c.last - c.first + 1n;
                const freeTotal = free.reduce((n, b) => n + size(b), 0n);
                // Taken addresses inside the space, counted once.
                let takenTotal = 0n;
                for (let a = space.first; a <= space.last; a += 256n) {
                    for (let i = 0n; i < 256n; i++) if (taken.some((t) => t.first <= a + i && a + i <= t.last)) takenTotal++;
                }
                const aligned = free.every((b) => b.first % size(b) === 0n);
                const disjoint = free.every((b) => !taken.some((t) => t.first <= b.last && b.first <= t.last));
                return aligned && disjoint && freeTotal + takenTotal === size(space);
            }),
            { numRuns: 40 },
        );
    });

    test("largest first", () => {
        expect(freeBlocks([mustParseCidr("10.20.0.0/16")], [mustParseCidr("10.20.0.0/24"), mustParseCidr("10.20.1.0/27")]).map((b) => b.text).slice(0, 3)).toEqual(["10.20.128.0/17", "10.20.64.0/18", "10.20.32.0/19"]);
        expect(freeBlocks([mustParseCidr("10.0.0.0/26")], [mustParseCidr("10.0.0.0/26")])).toEqual([]);
    });
});
