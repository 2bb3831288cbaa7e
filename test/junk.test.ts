/**
 * Issue 10, item 2: every exported pure function (rules, address math, planner, doctor) turns
 * junk of any type into its own finding (catalog codes) or a named InvalidInputError, never a
 * TypeError or RangeError. Junk replaces one value, at any depth, of a valid call.
 */
import fc from "fast-check";
import * as address from "../components/address";
import { diagnose, formatDiagnosis, parseQuestion } from "../components/doctor";
import { formatMigrationPlan, GatewayTopology, planMigration, rangesTakenBy, targetProgram } from "../components/migration";
import * as rules from "../components/rules";
import { InvalidInputError } from "../components/rules/input";
import { validFacts, validGatewayFacts } from "./support/facts";
import { pathsOf, replaced } from "./support/junk";

const profile = rules.LIMITS_PROFILES["azure-2026"];
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups";
const cidr = (text: string) => address.mustParseCidr(text);

const topology = (): GatewayTopology => ({
    plan: { name: "win", resourceGroupName: "apps", location: "westeurope", skuName: "P1v3", linux: false, peakInstances: 10 },
    apps: [{ name: "orders", resourceGroupName: "apps" }],
    hub: { name: "hub", id: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/hub`, resourceGroupName: "net", location: "eastus", addressSpace: ["10.0.0.0/16"], dnsServers: ["10.0.0.4"], subnets: ["10.0.255.0/27"] },
    pointToSitePool: ["172.16.201.0/24"],
    peers: [{ name: "data", id: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/data`, resourceGroupName: "net", location: "eastus", addressPrefixes: ["10.1.0.0/16"] }],
    planRoutes: [{ cidr: "10.1.0.0/16" }],
    onPremisesPrefixes: ["192.168.0.0/16"],
});
const peeringFacts = (): rules.PeeringFacts => ({
    mode: "gateway",
    hub: { name: "hub", location: "eastus", addressSpace: ["10.0.0.0/16"], pointToSitePool: ["172.16.201.0/24"], gatewaySku: "VpnGw1AZ" },
    peers: [{ name: "p", key: "p", location: "eastus", addressSpace: ["10.1.0.0/16"], routedPrefixes: ["10.1.0.0/16"], hasGateway: false, existing: { hubToPeer: { allowVirtualNetworkAccess: true } } }],
    extraRoutes: [{ cidr: "192.168.10.0/24" }, { startAddress: "10.2.0.1", endAddress: "10.2.0.9" }],
    otherRemoteGatewayPeers: [],
});
const regionalTopology = () => ({
    kind: "regional" as const,
    plan: { name: "p", linux: false },
    apps: [{ name: "orders", routing: { applicationTraffic: true } }],
    virtualNetwork: { name: "spoke", location: "westeurope", addressSpace: ["10.10.0.0/16"], dnsServers: ["10.10.0.4"] },
    subnet: "10.10.1.0/26",
    peers: [{ name: "data", location: "westeurope", addressPrefixes: ["10.20.0.0/16"] }],
    onPremisesPrefixes: ["192.168.0.0/16"],
});
const plan = () => planMigration(topology(), "direct", profile);
const question = { app: "orders", address: "10.1.0.4", port: 5432 };
const diagnosis = () => {
    const d = diagnose([topology()], question);
    if (!d.ok) throw new Error(d.message);
    return d.value;
};
const finding = (): rules.Finding => ({ code: "VNI-R02", message: "m" });

/** Every exported function under test, with a valid call. */
const entries: Record<string, { args: () => unknown[]; call: (...args: never[]) => unknown }> = {
    checkRegional: { args: () => [validFacts({ subnet: { kind: "allocate", name: "int", prefixLength: 26, routeTable: false }, others: [{ component: "c", planKey: "p", planName: "p", planLinux: false, vnetKey: "vnet-1", addressPrefix: "10.0.1.0/26" }] }), profile], call: rules.checkRegional },
    checkRegionalApps: { args: () => [[{ label: "a", location: "westeurope", attachedByComponent: true, linuxContainer: true, listensOnPortSetting: false }], { name: "v", location: "westeurope", addressSpace: [], dnsServers: [] }], call: rules.checkRegionalApps },
    checkSubnetDelegation: { args: () => ["s", ["Microsoft.Web/serverFarms"]], call: rules.checkSubnetDelegation },
    checkSiteDnsServers: { args: () => ["site", "vnet", ["10.0.0.4"], ["10.0.0.5"]], call: rules.checkSiteDnsServers },
    routesAllTraffic: { args: () => [{ applicationTraffic: true }], call: rules.routesAllTraffic },
    normalizeRegion: { args: () => ["West Europe"], call: rules.normalizeRegion },
    skuTier: { args: () => ["P1v3", undefined], call: rules.skuTier },
    checkGatewayIntegration: { args: () => [validGatewayFacts({ peers: [{ name: "p", addressPrefixes: ["10.1.0.0/16"] }], onPremises: { prefixes: ["192.168.0.0/16"], bgpEnabled: false } }), profile], call: rules.checkGatewayIntegration },
    checkGatewayPlan: { args: () => [validGatewayFacts(), profile], call: rules.checkGatewayPlan },
    checkOneGatewayPerVnet: { args: () => ["v", ["a", "b"], ["s"]], call: rules.checkOneGatewayPerVnet },
    checkNewSstpGateway: { args: () => [{ name: "g", created: true, protocols: ["SSTP"] }, profile], call: rules.checkNewSstpGateway },
    allocateGatewaySubnet: { args: () => [["10.0.0.0/16"], ["10.0.0.0/24"], 27, "v"], call: rules.allocateGatewaySubnet },
    routeInterval: { args: () => [{ startAddress: "10.0.0.1", endAddress: "10.0.0.9" }], call: rules.routeInterval },
    checkPeering: { args: () => [peeringFacts(), profile], call: rules.checkPeering },
    checkPeeringRegional: { args: () => [{ ...peeringFacts(), mode: "regional" }, rules.LIMITS_PROFILES.documented], call: rules.checkPeering },
    violation: { args: () => [finding()], call: rules.violation },
    formatViolation: { args: () => [rules.violation(finding())], call: rules.formatViolation },
    evaluate: { args: () => [[finding()], { "VNI-R02": "why" }], call: rules.evaluate },
    checkSuppressions: { args: () => [{ "VNI-R02": "why" }], call: rules.checkSuppressions },
    otherProfile: { args: () => [profile], call: rules.otherProfile },
    parseCidr: { args: () => ["10.0.0.0/16"], call: address.parseCidr },
    parseAddress: { args: () => ["10.0.0.4"], call: address.parseAddress },
    mustParseCidr: { args: () => ["10.0.0.0/16"], call: address.mustParseCidr },
    formatAddress: { args: () => [167772160n], call: address.formatAddress },
    describeProblem: { args: () => ["x", { kind: "host-bits", canonical: "10.0.0.0/8" }, "CIDR block"], call: address.describeProblem },
    rangeInside: { args: () => [cidr("10.0.1.0/24"), cidr("10.0.0.0/16")], call: address.rangeInside },
    coveredByUnion: { args: () => [cidr("10.0.1.0/24"), [cidr("10.0.0.0/16")]], call: address.coveredByUnion },
    contains: { args: () => [cidr("10.0.0.0/16"), cidr("10.0.1.0/24")], call: address.contains },
    overlaps: { args: () => [cidr("10.0.0.0/16"), cidr("10.0.1.0/24")], call: address.overlaps },
    insideAny: { args: () => [cidr("10.0.1.0/24"), [cidr("10.0.0.0/16")]], call: address.insideAny },
    isRfc1918: { args: () => [cidr("10.0.1.0/24")], call: address.isRfc1918 },
    usableAddresses: { args: () => [26], call: address.usableAddresses },
    smallestPrefixLengthFor: { args: () => [20], call: address.smallestPrefixLengthFor },
    allocate: { args: () => [[cidr("10.0.0.0/16")], [cidr("10.0.0.0/24")], 26], call: address.allocate },
    rangeUnion: { args: () => [[cidr("10.0.0.0/24")], cidr("10.0.0.0/26")], call: (ranges: never, probe: never) => new address.RangeUnion(ranges).covers(probe) },
    blockIndex: { args: () => [cidr("10.0.0.0/24"), cidr("10.0.0.0/26")], call: (a: never, b: never) => { const index = new address.BlockIndex(); index.add(a, undefined); return index.overlapping(b); } },
    planMigration: { args: () => [topology(), "direct", profile, ["10.3.0.0/24"]], call: planMigration },
    formatMigrationPlan: { args: () => [plan()], call: formatMigrationPlan },
    rangesTakenBy: { args: () => [plan()], call: rangesTakenBy },
    targetProgram: { args: () => [[{ facts: topology(), plan: plan() }]], call: targetProgram },
    parseQuestion: { args: () => ["orders/staging", "10.0.0.4:80", "db"], call: parseQuestion },
    diagnose: { args: () => [[topology(), regionalTopology()], question, { limits: "azure-2026" }], call: diagnose },
    formatDiagnosis: { args: () => [diagnosis()], call: formatDiagnosis },
};

const junk: fc.Arbitrary<unknown> = fc.oneof(
    fc.constantFrom(null, undefined, 0, -1, 1.5, NaN, Infinity, -Infinity, 1e12, 2 ** 53, true, false, "", "junk", "10.0.0.0/16, 10.1.0.0/16", "192.168.10.0/24", "::1/128", {}, [], [null], [42], [{}], 33, 10n),
    fc.string({ maxLength: 8 }),
    fc.integer(),
    fc.object({ maxDepth: 1, maxKeys: 2 }),
    fc.array(fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 4 })), { maxLength: 2 }),
);


/** True when `result` holds only catalog findings (wherever findings are). */
function findingsAreCatalog(result: unknown): boolean {
    const lists: unknown[] = [];
    if (Array.isArray(result) && result.every((r) => typeof r === "object" && r !== null && "code" in r && "message" in r && !("name" in r))) lists.push(...result);
    if (typeof result === "object" && result !== null && Array.isArray((result as { findings?: unknown }).findings) && !("blocking" in (((result as { findings: unknown[] }).findings[0] as object | undefined) ?? {}))) lists.push(...(result as { findings: unknown[] }).findings);
    return lists.every((f) => {
        const { code, message } = f as rules.Finding;
        // Messages say what is wrong: never "use a /undefined or larger", "maxInstances null" or "[object Object]".
        return rules.isRuleCode(code) && typeof message === "string" && message.length > 0 && !/\/undefined|maxInstances null|\[object Object\]/.test(message);
    });
}

describe.each(Object.keys(entries))("%s", (name) => {
    const entry = entries[name];

    test("a valid call works", () => {
        expect(() => entry.call(...(entry.args() as never[]))).not.toThrow();
    });

    test("junk at any depth: a finding or an InvalidInputError, never a TypeError", () => {
        const paths = pathsOf(entry.args());
        fc.assert(
            fc.property(fc.integer({ min: 0, max: paths.length - 1 }), junk, (at, value) => {
                const args = replaced(entry.args(), paths[at], value) as never[];
                try {
                    return findingsAreCatalog(entry.call(...args));
                } catch (error) {
                    if (InvalidInputError.isInvalidInputError(error)) return error.message.length > 0 && !/\[object Object\]/.test(error.message);
                    throw error;
                }
            }),
            { numRuns: Number(process.env.JUNK_RUNS ?? 150) },
        );
    });
});

describe("the cases the issue measured", () => {
    const X02 = (findings: readonly rules.Finding[]) => findings.filter((f) => f.code === "VNI-X02").map((f) => f.message);

    test("NaN and huge maxInstances are said as they are, never 'maxInstances null' or 'a /undefined'", () => {
        const nan = rules.checkRegional(validFacts({ maxInstances: NaN }), profile).findings;
        expect(nan).toEqual([expect.objectContaining({ code: "VNI-R03", message: expect.stringMatching(/^maxInstances NaN is not a whole number of at least 1/) })]);
        const huge = rules.checkRegional(validFacts({ maxInstances: 5e9 }), profile).findings;
        expect(huge.map((f) => f.message).join()).not.toMatch(/undefined/);
        expect(huge).toEqual([expect.objectContaining({ code: "VNI-R03", message: expect.stringContaining("more instances than any IPv4 subnet has addresses for") })]);
        // 3e9 fits a /0 but twice it fits nothing: the capacity message says so instead of "/undefined".
        const big = rules.checkRegional(validFacts({ maxInstances: 3e9 }), profile).findings;
        expect(big.find((f) => f.code === "VNI-R03")?.message).toMatch(/Fix: use a larger subnet than any IPv4 subnet can be \(6000000000 addresses\), or lower maxInstances\.$/);
    });

    test("a string where a list of prefixes goes is VNI-X02 that shows the list to write", () => {
        const vnet = { name: "hub", location: "westeurope", addressSpace: "10.0.0.0/16, 10.1.0.0/16" as unknown as string[], dnsServers: [] };
        const outcome = rules.checkRegional(validFacts({ virtualNetwork: vnet }), profile);
        expect(X02(outcome.findings)).toEqual([
            'facts.virtualNetwork.addressSpace is "10.0.0.0/16, 10.1.0.0/16", expected a list (a string where a list goes: write ["10.0.0.0/16", "10.1.0.0/16"]). Fix: give a list',
        ]);
        expect(outcome.addressPrefix).toBeUndefined();
    });

    test("null, numbers and objects where a name, location or SKU goes are one InvalidInputError naming each", () => {
        expect(() => rules.normalizeRegion(null as never)).toThrow(new InvalidInputError("normalizeRegion", ["location is null, expected a string"]));
        const facts = validFacts({ plan: { name: 42 as never, location: null as never, skuName: {} as never, linux: false } });
        expect(() => rules.checkRegional(facts, profile)).toThrow(/^checkRegional: invalid input: facts\.plan\.name is 42, expected a string; facts\.plan\.location is null, expected a string; facts\.plan\.skuName is \{\}, expected a string$/);
        expect(() => rules.checkRegional(validFacts(), null as never)).toThrow(/profile is null, expected an object/);
    });

    test("a route given as a bare string is VNI-P06 that shows the route to write", () => {
        const findings = rules.checkPeering({ ...peeringFacts(), extraRoutes: ["192.168.10.0/24" as never] }, profile);
        expect(findings).toEqual([{ code: "VNI-P06", message: 'facts.extraRoutes[0] is "192.168.10.0/24", expected a route { cidr: "10.60.0.0/16" } or { startAddress, endAddress } (a bare string: write { cidr: "192.168.10.0/24" }). Fix: give a route { cidr: "10.60.0.0/16" } or { startAddress, endAddress }' }]);
        expect(rules.routeInterval("192.168.10.0/24" as never)).toMatchObject({ code: "VNI-P06" });
    });

    test("missing lists in migration facts are an InvalidInputError that names them", () => {
        const { peers: _peers, planRoutes: _routes, ...partial } = topology();
        expect(() => planMigration(partial as GatewayTopology, "direct", profile)).toThrow("planMigration: invalid input: facts.peers is undefined, expected a list; VNI-P06 facts.planRoutes is undefined, expected a list. Fix: give a list");
    });

    test("bad prefix lengths in address.allocate are an InvalidInputError, not a RangeError", () => {
        for (const length of [33, -1, 1.5, NaN, "26"]) {
            expect(() => address.allocate([cidr("10.0.0.0/16")], [], length as never)).toThrow(new InvalidInputError("allocate", [`prefixLength is ${typeof length === "string" ? '"26"' : length}, expected a whole number from 0 to 32`]));
        }
    });

    test("an empty VNet address space still checks the gateway subnet and the pool", () => {
        const base = validGatewayFacts();
        const findings = rules.checkGatewayIntegration(
            {
                ...base,
                virtualNetwork: { ...base.virtualNetwork, addressSpace: [] },
                gateway: { ...base.gateway, pointToSite: { addressPool: ["8.8.8.0/24"], protocols: ["SSTP"] }, subnet: { name: "GatewaySubnet", addressPrefix: "10.50.255.0/30" } },
            },
            profile,
        );
        expect(findings.map((f) => f.code).sort()).toEqual(["VNI-G05", "VNI-G11", "VNI-G14", "VNI-X02"]);
        expect(X02(findings)).toEqual(["virtual network remote has an empty address space. Fix: give its addressSpace.addressPrefixes"]);
    });
});
