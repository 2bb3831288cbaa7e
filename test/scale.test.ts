/**
 * Issue 10, item 3: program-wide checks grow linearly. Growth is asserted by counting
 * operations (CIDR parses), never by timing; `npm run bench:scale` prints the times.
 */
import fc from "fast-check";
import * as address from "../components/address";
import { checkPeering, checkRegional, IntegrationClaim, LIMITS_PROFILES, RegionalFacts, Unknown } from "../components/rules";
import { ProgramClaims } from "../components/rules/claims";
import { validFacts } from "./support/facts";

const profile = LIMITS_PROFILES["azure-2026"];

function integration(i: number, subnet: RegionalFacts["subnet"], others: RegionalFacts["others"], planKey = `plan${i}`): RegionalFacts {
    return validFacts({
        plan: { name: planKey, location: "westeurope", skuName: "P1v3", linux: false, capacity: 3 },
        planKey,
        virtualNetwork: { name: "hub", location: "westeurope", addressSpace: ["10.0.0.0/12"], dnsServers: [] },
        vnetKey: "hub",
        subnet,
        others,
    });
}

/** N integrations in one VNet as the component runs them (indexed claims); returns the CIDR parses made. */
function parsesFor(n: number): number {
    const spy = jest.spyOn(address, "parseCidr");
    try {
        const claims = new ProgramClaims();
        for (let i = 0; i < n; i++) {
            const facts = integration(i, { kind: "allocate", name: `int${i}`, prefixLength: 27, routeTable: false }, claims);
            const outcome = checkRegional(facts, profile);
            expect(outcome.findings.filter((f) => f.severity !== "warning")).toEqual([]);
            claims.add({ component: `int${i}`, planKey: facts.planKey, planName: facts.plan.name, planLinux: false, vnetKey: "hub", addressPrefix: outcome.addressPrefix! });
        }
        return spy.mock.calls.length;
    } finally {
        spy.mockRestore();
    }
}

test("checking N integrations in one VNet parses O(N) prefixes: each claim once, not once per later check", () => {
    const small = parsesFor(100);
    const large = parsesFor(400);
    // Quadratic would be 16 times as many; linear is 4 times.
    expect(large / small).toBeLessThan(5);
    expect(large).toBeLessThan(400 * 10);
});

test("a claim whose prefix is not known yet defers the subnet rules of its VNet, through the index as through a list", () => {
    const waiting: IntegrationClaim = { component: "first", planKey: "p0", planName: "p0", planLinux: false, vnetKey: "hub", addressPrefix: new Unknown("the subnet prefix of first") as unknown as string };
    const subnet = { kind: "allocate", name: "second", prefixLength: 27, routeTable: false } as const;
    for (const others of [[waiting], ProgramClaims.of([waiting])]) {
        const outcome = checkRegional(integration(1, subnet, others), profile);
        expect(outcome.addressPrefix).toBeUndefined();
        expect(outcome.deferred).toEqual([expect.objectContaining({ why: "the subnet prefix of first", codes: expect.arrayContaining(["VNI-R07", "VNI-R06", "VNI-R05"]) })]);
    }
    // Another VNet's unknown prefix does not hold this one back.
    const elsewhere = ProgramClaims.of([{ ...waiting, vnetKey: "other" }]);
    expect(checkRegional(integration(1, subnet, elsewhere), profile).addressPrefix).toBe("10.0.1.0/27"); // after the reserved 10.0.0.0/24
});

describe("property: the index answers as the plain list does", () => {
    // A program of integrations in two VNets: given prefixes (some clashing), allocations, shared plans.
    const step = fc.record({
        vnet: fc.constantFrom("hub", "spoke"),
        plan: fc.integer({ min: 0, max: 5 }),
        subnet: fc.oneof(
            fc.tuple(fc.integer({ min: 0, max: 63 }), fc.constantFrom(22, 24, 26)).map(([i, length]) => ({ kind: "create" as const, prefix: `10.0.${i * 4}.0/${length}` })),
            fc.constantFrom(24, 26, 27).map((length) => ({ kind: "allocate" as const, length })),
        ),
    });

    test("same findings, prefixes and deferrals at every step, and the index is what the program claims", () => {
        fc.assert(
            fc.property(fc.array(step, { maxLength: 12 }), fc.constantFrom("documented", "azure-2026" as const), (steps, limits) => {
                const list: IntegrationClaim[] = [];
                const index = new ProgramClaims();
                return steps.every((s, i) => {
                    const subnet: RegionalFacts["subnet"] =
                        s.subnet.kind === "create"
                            ? { kind: "create", name: `int${i}`, addressPrefix: s.subnet.prefix, routeTable: false }
                            : { kind: "allocate", name: `int${i}`, prefixLength: s.subnet.length, routeTable: false };
                    const base = (others: RegionalFacts["others"]) => ({ ...integration(i, subnet, others, `plan${s.plan}`), vnetKey: s.vnet, virtualNetwork: { name: s.vnet, location: "westeurope", addressSpace: ["10.0.0.0/16"], dnsServers: [] } });
                    const viaList = checkRegional(base([...list]), LIMITS_PROFILES[limits]);
                    const viaIndex = checkRegional(base(index), LIMITS_PROFILES[limits]);
                    const same = JSON.stringify(viaList) === JSON.stringify(viaIndex);
                    if (viaList.addressPrefix && !viaList.findings.some((f) => f.severity !== "warning")) {
                        const claim = { component: `int${i}`, planKey: `plan${s.plan}`, planName: `plan${s.plan}`, planLinux: false, vnetKey: s.vnet, addressPrefix: viaList.addressPrefix };
                        list.push(claim);
                        index.add(claim);
                    }
                    return same;
                });
            }),
            { numRuns: 200 },
        );
    });
});

test("peering coverage of thousands of routed prefixes: only the uncovered block is reported, its message lists the merged runs the routes cover", () => {
    const prefixes = Array.from({ length: 3000 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`);
    const findings = checkPeering(
        {
            mode: "gateway",
            hub: { name: "hub", location: "eastus", addressSpace: ["192.168.0.0/16"], pointToSitePool: ["172.16.201.0/24"], gatewaySku: "VpnGw1AZ" },
            peers: [{ name: "peer", key: "peer", location: "eastus", addressSpace: prefixes, routedPrefixes: prefixes.filter((_, i) => i !== 1234), hasGateway: false }],
            extraRoutes: [],
            otherRemoteGatewayPeers: [],
        },
        profile,
    );
    expect(findings.map((f) => f.code)).toEqual(["VNI-P03"]);
    expect(findings[0].message).toMatch(/^address prefix 10\.4\.210\.0\/24 of peer peer is not covered by the plan's routes \(10\.0\.0\.0-10\.4\.209\.255, 10\.4\.211\.0-10\.11\.183\.255\), so/);
});
