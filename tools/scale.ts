/**
 * Scale benchmark of the rules (issue 10): how their time grows with the size of a program.
 * Runs the rules exactly as the components do (program state, claims, checkRegional,
 * checkPeering, checkGatewayIntegration) without Pulumi, so only the library's own checks are timed.
 *
 *   npm run bench:scale [-- 500 1000 2000]
 *
 *   regional allocate N  N integrations in one VNet, each allocating a /26 around every earlier one
 *   regional create N    N integrations in one VNet, each with its own given /26 (overlap checks)
 *   regional mixed N     N/2 given /26 spread apart, then N/2 allocated around them
 *   peering 10000        one peer of 10,000 routed prefixes (VNI-P03 coverage, VNI-P04)
 *   gateway 10000        one gateway integration of 10,000 apps beside 10,000 regional ones (VNI-G04)
 *
 * Targets: 2,000 integrations under 2 s, 10,000 prefixes under 0.5 s. Own process, not in npm test.
 */
import { performance } from "perf_hooks";
import { claimRegional, regionalProgramFacts, resetProgramState } from "../components/program";
import { checkGatewayIntegration, checkPeering, checkRegional, LIMITS_PROFILES, RegionalFacts } from "../components/rules";
import { validGatewayFacts } from "../test/support/facts";

const profile = LIMITS_PROFILES["azure-2026"];

function regionalFacts(i: number, subnet: RegionalFacts["subnet"]): RegionalFacts {
    return {
        plan: { name: `plan${i}`, location: "westeurope", skuName: "P1v3", linux: false, capacity: 3 },
        planKey: `plan${i}`,
        maxInstances: 10,
        virtualNetwork: { name: "hub", location: "westeurope", addressSpace: ["10.0.0.0/8"], dnsServers: [] },
        vnetKey: "hub",
        subnet,
        reservedAddressPrefixes: ["10.0.0.0/24"],
        peeredNetworks: [],
        onPremisesPrefixes: [],
        routing: {},
        apps: [{ label: `app${i}`, attachedByComponent: true, linuxContainer: false, listensOnPortSetting: true }],
        ...regionalProgramFacts(),
    };
}

function dotted(value: number): string {
    return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
}

/**
 * N regional integrations in one VNet, as the component checks and claims them; returns ms.
 * `mixed`: the first half given (spread, so the library's subnets never merge), the rest allocated.
 */
function regional(n: number, kind: "allocate" | "create" | "mixed"): number {
    resetProgramState();
    const start = performance.now();
    for (let i = 0; i < n; i++) {
        // Given prefixes are spread (every other /26), so no two are adjacent.
        const subnet: RegionalFacts["subnet"] =
            kind === "allocate" || (kind === "mixed" && i >= n / 2)
                ? { kind: "allocate", name: `int${i}`, prefixLength: 26, routeTable: false }
                : { kind: "create", name: `int${i}`, addressPrefix: `${dotted(0x0a010000 + i * 128)}/26`, routeTable: false };
        const facts = regionalFacts(i, subnet);
        const outcome = checkRegional(facts, profile);
        const errors = outcome.findings.filter((f) => f.severity !== "warning");
        if (errors.length > 0 || !outcome.addressPrefix) throw new Error(`integration ${i}: ${errors.map((f) => f.message).join("; ")}`);
        claimRegional({ component: `int${i}`, planKey: facts.planKey, planName: facts.plan.name, planLinux: false, vnetKey: "hub", addressPrefix: outcome.addressPrefix, appKeys: [`apps/app${i}`] });
    }
    return performance.now() - start;
}

/** One hub, one peer whose space and routes are `n` /24 blocks; returns ms. */
function peering(n: number): number {
    const prefixes = Array.from({ length: n }, (_, i) => `${dotted(0x0a000000 + (i + 1) * 256 * 2)}/24`);
    const start = performance.now();
    const findings = checkPeering(
        {
            mode: "gateway",
            hub: { name: "hub", location: "eastus", addressSpace: ["192.168.0.0/16"], pointToSitePool: ["172.16.201.0/24"], gatewaySku: "VpnGw1AZ" },
            peers: [{ name: "peer", key: "peer", location: "eastus", addressSpace: prefixes, routedPrefixes: prefixes, hasGateway: false }],
            extraRoutes: [],
            otherRemoteGatewayPeers: [],
        },
        profile,
    );
    const ms = performance.now() - start;
    if (findings.length > 0) throw new Error(`peering: ${findings[0].message.slice(0, 200)}`);
    return ms;
}

/** One gateway integration of `n` apps, `n` apps already integrated regionally; returns ms. */
function gateway(n: number): number {
    const apps = Array.from({ length: n }, (_, i) => ({ key: `apps/gw${i}`, label: `gw${i}` }));
    const regionalAppKeys = Array.from({ length: n }, (_, i) => `apps/regional${i}`);
    const start = performance.now();
    const findings = checkGatewayIntegration(
        validGatewayFacts({
            planKey: "plan",
            vnetKey: "remote",
            apps,
            otherGateways: [{ component: "other", planKey: "plan", vnetKey: "remote", vnetName: "remote", appKeys: Array.from({ length: n }, (_, i) => `apps/other${i}`) }],
            regionalAppKeys,
        }),
        profile,
    );
    const ms = performance.now() - start;
    if (findings.some((f) => f.code === "VNI-G04")) throw new Error("gateway: unexpected VNI-G04");
    return ms;
}

function main(): void {
    const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
    const ns = sizes.length > 0 ? sizes : [500, 1000, 2000];
    const rows: string[][] = [["benchmark", "size", "rules ms", "target"]];
    for (const kind of ["allocate", "create", "mixed"] as const) {
        for (const n of ns) rows.push([`regional ${kind}`, String(n), regional(n, kind).toFixed(0), n === 2000 ? "< 2000" : ""]);
    }
    rows.push(["peering routed prefixes", "10000", peering(10_000).toFixed(0), "< 500"]);
    rows.push(["gateway apps", "10000", gateway(10_000).toFixed(0), ""]);
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join("  "));
}

try {
    main();
} catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
}
