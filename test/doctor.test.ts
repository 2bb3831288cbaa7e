/**
 * The reachability doctor: the pure diagnosis over hand-written topologies and over the
 * examples' facts (run offline), both limits profiles, and the CLI's exit codes.
 */
import fc from "fast-check";
import { contains, formatAddress, isRfc1918, mustParseCidr } from "../components/address";
import { diagnose, Diagnosis, formatDiagnosis, GatewayDoctorTopology, IntegrationTopology, parseQuestion, Question, RegionalTopology } from "../components/doctor";
import { LimitsProfileName } from "../components/rules";
import { topologiesOf } from "../components/cli/topologies";
import { scenarios } from "../examples/scenarios";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks";

function regional(overrides: Partial<RegionalTopology> = {}): RegionalTopology {
    return {
        kind: "regional",
        plan: { name: "apps", linux: false },
        apps: [
            { name: "api", resourceGroupName: "apps", routing: { applicationTraffic: true } },
            { name: "api", resourceGroupName: "apps", slot: "staging", routing: {} },
            { name: "worker", resourceGroupName: "apps" },
        ],
        virtualNetwork: { name: "spoke", location: "westeurope", addressSpace: ["10.20.0.0/16"], dnsServers: ["10.20.0.4"] },
        subnet: "10.20.1.0/27",
        peers: [
            { name: "local", location: "West Europe", addressPrefixes: ["10.30.0.0/16"] },
            { name: "far", location: "eastus", addressPrefixes: ["10.40.0.0/16"], peerings: { hubToPeer: { allowVirtualNetworkAccess: true }, peerToHub: { allowVirtualNetworkAccess: true } } },
        ],
        onPremisesPrefixes: ["192.168.0.0/16"],
        ...overrides,
    };
}

function gateway(overrides: Partial<GatewayDoctorTopology> = {}): GatewayDoctorTopology {
    const flags = {
        hubToPeer: { allowVirtualNetworkAccess: true, allowForwardedTraffic: true, allowGatewayTransit: true },
        peerToHub: { allowVirtualNetworkAccess: true, allowForwardedTraffic: true, useRemoteGateways: true },
    };
    return {
        plan: { name: "win", resourceGroupName: "apps", location: "westeurope", skuName: "S1", linux: false, peakInstances: 2 },
        apps: [{ name: "orders", resourceGroupName: "apps" }],
        hub: { name: "hub", id: `${SUB}/hub`, resourceGroupName: "net", location: "eastus", addressSpace: ["10.50.0.0/16"], dnsServers: ["10.50.0.4"], subnets: ["10.50.255.0/27"] },
        pointToSitePool: ["172.16.201.0/24"],
        peers: [
            { name: "data", id: `${SUB}/data`, resourceGroupName: "net", location: "northeurope", addressPrefixes: ["10.60.0.0/16"], peerings: flags },
            { name: "unrouted", id: `${SUB}/unrouted`, resourceGroupName: "net", location: "eastus", addressPrefixes: ["10.70.0.0/16"], peerings: flags },
        ],
        planRoutes: [{ cidr: "10.60.0.0/16" }],
        onPremisesPrefixes: ["192.168.10.0/24"],
        gatewaySku: "VpnGw1AZ",
        ...overrides,
    };
}

function ask(topologies: IntegrationTopology[], app: string, to: string, limits?: LimitsProfileName): Diagnosis {
    const question = parseQuestion(app, to);
    if (!question.ok) throw new Error(question.message);
    const answer = diagnose(topologies, question.value, { limits });
    if (!answer.ok) throw new Error(answer.message);
    return answer.value;
}

const codes = (d: Diagnosis) => d.findings.filter((f) => f.blocking).map((f) => f.code ?? "(no code)");

describe.each(["documented", "azure-2026"] as const)("regional integration under %s", (limits) => {
    test("an address in the integrated VNet arrives; the target must allow the whole subnet", () => {
        const d = ask([regional()], "worker", "10.20.5.9:5432", limits);
        expect(d).toMatchObject({ reachable: true, arrives: "integrated-vnet", sourceAddresses: ["10.20.1.0/27"], destination: { in: "VNet spoke", range: "10.20.0.0/16" } });
        expect(codes(d)).toEqual([]);
        expect(d.checks.join("\n")).toMatch(/NSG on the integration subnet 10\.20\.1\.0\/27/);
        expect(d.checks.join("\n")).toMatch(/allows 10\.20\.1\.0\/27 \(the whole subnet/);
    });

    test("an address in the integration subnet itself is no target", () => {
        const d = ask([regional()], "worker", "10.20.1.10:80", limits);
        expect(d.reachable).toBe(false);
        expect(d.findings.find((f) => f.blocking)?.message).toMatch(/lies in the integration subnet 10\.20\.1\.0\/27/);
    });

    test("a peer in the same region arrives; unknown peering flags become checks", () => {
        const d = ask([regional()], "worker", "10.30.0.9:443", limits);
        expect(d).toMatchObject({ reachable: true, arrives: "peer", destination: { in: "peer local" } });
        expect(d.checks.filter((c) => /allows virtual network access \(the program does not know its flags\)/.test(c))).toHaveLength(2);
    });

    test("a global peer: VNI-R09 under documented only", () => {
        const d = ask([regional()], "worker", "10.40.0.9:443", limits);
        expect(d.reachable).toBe(limits === "azure-2026");
        expect(codes(d)).toEqual(limits === "documented" ? ["VNI-R09"] : []);
        expect(d.path.find((h) => /global peering/.test(h.step))?.ok).toBe(limits === "azure-2026");
    });

    test("an on-premises range behind the VNet's gateway: the on-premises gateway must route the subnet back", () => {
        const d = ask([regional()], "worker", "192.168.4.4:1521", limits);
        expect(d).toMatchObject({ reachable: true, arrives: "on-premises", destination: { range: "192.168.0.0/16" } });
        expect(d.checks.join("\n")).toMatch(/on-premises gateway routes 10\.20\.1\.0\/27 back to Azure/);
    });

    test("an RFC 1918 address outside every declared range does not arrive, and the finding names the declared ranges", () => {
        const d = ask([regional()], "api", "172.20.0.5:80", limits);
        expect(d).toMatchObject({ reachable: false, arrives: "nowhere", destination: { in: "no declared range" } });
        expect(codes(d)).toEqual(["(no code)"]);
        expect(d.findings.find((f) => f.blocking)?.message).toMatch(/VNet spoke \(10\.20\.0\.0\/16\), peer local \(10\.30\.0\.0\/16\), peer far \(10\.40\.0\.0\/16\), on-premises \(192\.168\.0\.0\/16\)/);
    });

    test("the internet without route-all: VNI-R08, out through the app's public addresses", () => {
        const d = ask([regional()], "api/staging", "52.1.2.3:443", limits);
        expect(d).toMatchObject({ reachable: false, arrives: "internet", app: "api/staging" });
        expect(codes(d)).toEqual(["VNI-R08"]);
        expect(d.findings[0].fix).toMatch(limits === "documented" ? /limits: "azure-2026"/ : /routing\.applicationTraffic: true/);
    });

    test("the internet with route-all: through the VNet under azure-2026, VNI-R08 under documented", () => {
        const d = ask([regional()], "api", "52.1.2.3:443", limits);
        if (limits === "azure-2026") {
            expect(d).toMatchObject({ reachable: true, arrives: "internet-through-vnet" });
            expect(d.checks.join("\n")).toMatch(/a way out to the internet \(a NAT gateway/);
        } else {
            expect(d).toMatchObject({ reachable: false, arrives: "internet" });
            expect(codes(d)).toEqual(["VNI-R08"]);
            expect(d.findings[0].message).toMatch(/has route-all, but under limits profile documented/);
        }
    });

    test("an app whose routing the program does not set is assumed RFC 1918 only, and says so", () => {
        const d = ask([regional()], "worker", "52.1.2.3:443", limits);
        expect(d.reachable).toBe(false);
        expect(d.findings.some((f) => !f.blocking && /set outside this program/.test(f.message))).toBe(true);
    });
});

describe("regional peerings and DNS", () => {
    test("a peering that does not allow virtual network access blocks, under either profile", () => {
        const topology = regional({ peers: [{ name: "local", location: "westeurope", addressPrefixes: ["10.30.0.0/16"], peerings: { hubToPeer: { allowVirtualNetworkAccess: true }, peerToHub: { allowVirtualNetworkAccess: false } } }] });
        for (const limits of ["documented", "azure-2026"] as const) {
            const d = ask([topology], "worker", "10.30.1.1:443", limits);
            expect(d.reachable).toBe(false);
            expect(d.findings.find((f) => f.blocking)?.message).toBe("the peering from local back to spoke does not allow virtual network access");
        }
    });

    test("DNS: the VNet's servers, each followed like the question; none means Azure DNS", () => {
        const reached = ask([regional()], "worker", "10.20.5.9:53");
        expect(reached.dns).toEqual({ servers: ["10.20.0.4"], provider: "virtual network", notes: ["10.20.0.4 is reached: VNet spoke (10.20.0.0/16)"] });
        const unreached = ask([regional({ virtualNetwork: { ...regional().virtualNetwork, dnsServers: ["10.99.0.53"] } })], "worker", "10.20.5.9:53");
        expect(unreached.reachable).toBe(true); // the question is an address: DNS is a note
        expect(unreached.findings.find((f) => /DNS server 10\.99\.0\.53 is not reached/.test(f.message))?.blocking).toBe(false);
        const azure = ask([regional({ virtualNetwork: { ...regional().virtualNetwork, dnsServers: [] } })], "worker", "10.20.5.9:53");
        expect(azure.dns).toMatchObject({ servers: ["168.63.129.16"], provider: "Azure DNS" });
    });

    test("Kudu commands: Windows tools on a Windows plan, with the host name when given", () => {
        const question = parseQuestion("worker", "10.20.5.9:5432", "db.contoso.internal");
        if (!question.ok) throw new Error(question.message);
        const windows = diagnose([regional()], question.value);
        expect(windows.ok && windows.value.commands).toEqual(["tcpping.exe 10.20.5.9:5432", "nameresolver.exe db.contoso.internal", "nameresolver.exe db.contoso.internal 10.20.0.4", "SET WEBSITE_PRIVATE_IP", "SET WEBSITE_DNS"]);
        const linux = diagnose([regional({ plan: { name: "apps", linux: true } })], question.value);
        expect(linux.ok && linux.value.commands[0]).toBe("tcpping 10.20.5.9:5432");
    });
});

describe.each(["documented", "azure-2026"] as const)("gateway-required integration under %s", (limits) => {
    test("an address in the hub arrives through the VPN; the target must allow the pool", () => {
        const d = ask([gateway()], "orders", "10.50.3.3:1433", limits);
        expect(d).toMatchObject({ reachable: true, arrives: "integrated-vnet", sourceAddresses: ["172.16.201.0/24"] });
        expect(d.findings.map((f) => f.code)).toEqual(["VNI-G14"]);
        expect(d.checks.join("\n")).toMatch(/allow 172\.16\.201\.0\/24 \(the whole pool/);
        expect(d.checks.join("\n")).toMatch(/shows as up in the portal/);
    });

    test("a peer with a plan route arrives across the (global) peering through gateway transit", () => {
        const d = ask([gateway()], "orders", "10.60.1.4:5432", limits);
        expect(d).toMatchObject({ reachable: true, arrives: "peer", destination: { in: "peer data", range: "10.60.0.0/16" } });
        expect(d.path.map((h) => h.step)).toContainEqual(expect.stringMatching(/plan route 10\.60\.0\.0\/16 sends it into hub hub/));
    });

    test("a peer without a plan route: VNI-P03", () => {
        const d = ask([gateway()], "orders", "10.70.1.4:5432", limits);
        expect(d).toMatchObject({ reachable: false, arrives: "nowhere" });
        expect(codes(d)).toEqual(["VNI-P03"]);
        expect(d.findings.find((f) => f.code === "VNI-P03")?.fix).toMatch(/route 10\.70\.0\.0\/16 on the plan/);
    });

    test("behind the hub's site-to-site connection: the on-premises gateway must route the pool back; BGP blocks", () => {
        const d = ask([gateway()], "orders", "192.168.10.20:22", limits);
        expect(d).toMatchObject({ reachable: true, arrives: "on-premises" });
        expect(d.checks.join("\n")).toMatch(/on-premises gateway routes 172\.16\.201\.0\/24 back to Azure \(VNI-G13/);
        expect(codes(ask([gateway({ onPremisesBgp: true })], "orders", "192.168.10.20:22", limits))).toEqual(["VNI-G12"]);
    });

    test("an address outside every declared range does not arrive; a public one goes to the internet, not the gateway", () => {
        const private1918 = ask([gateway()], "orders", "10.99.0.1:22", limits);
        expect(private1918).toMatchObject({ reachable: false, arrives: "nowhere" });
        expect(private1918.findings.find((f) => f.blocking)?.message).toMatch(/its address space 10\.50\.0\.0\/16, plan routes 10\.60\.0\.0\/16, on-premises 192\.168\.10\.0\/24/);
        const internet = ask([gateway()], "orders", "52.1.2.3:443", limits);
        expect(internet).toMatchObject({ reachable: false, arrives: "internet" });
        expect(internet.findings.find((f) => f.blocking)?.message).toMatch(/not through the gateway \(a target that allows only 172\.16\.201\.0\/24 refuses it\)/);
    });
});

describe("gateway peerings", () => {
    test("a hub peering without gateway transit: VNI-P01; a peer side without remote gateways: VNI-P02; a Basic gateway: VNI-G15", () => {
        const base = gateway();
        const data = base.peers[0];
        const noTransit = gateway({ peers: [{ ...data, peerings: { ...data.peerings, hubToPeer: { allowVirtualNetworkAccess: true, allowForwardedTraffic: true } } }] });
        expect(codes(ask([noTransit], "orders", "10.60.1.4:5432"))).toEqual(["VNI-P01"]);
        expect(ask([noTransit], "orders", "10.60.1.4:5432").findings.find((f) => f.code === "VNI-P01")?.message).toMatch(/lacks allowGatewayTransit$/);
        const noRemote = gateway({ peers: [{ ...data, peerings: { ...data.peerings, peerToHub: { allowVirtualNetworkAccess: true, allowForwardedTraffic: true, useRemoteGateways: false } } }] });
        expect(codes(ask([noRemote], "orders", "10.60.1.4:5432"))).toEqual(["VNI-P02"]);
        expect(codes(ask([gateway({ gatewaySku: "Basic" })], "orders", "10.60.1.4:5432"))).toEqual(["VNI-G15"]);
        const unknown = ask([gateway({ peers: [{ ...data, peerings: undefined }] })], "orders", "10.60.1.4:5432");
        expect(unknown.reachable).toBe(true);
        expect(unknown.checks.join("\n")).toMatch(/from hub hub to data is Connected with allowVirtualNetworkAccess, allowForwardedTraffic, allowGatewayTransit/);
    });

    test("an address in the point-to-site pool is no target", () => {
        const d = ask([gateway()], "orders", "172.16.201.7:80");
        expect(d.reachable).toBe(false);
        expect(d.findings.find((f) => f.blocking)?.message).toMatch(/lies in the point-to-site pool 172\.16\.201\.0\/24/);
    });
});

describe("bad questions", () => {
    test.each([
        [undefined, "10.0.0.1:80", /--app needs an app name/],
        ["a/b/c", "10.0.0.1:80", /--app needs an app name/],
        ["orders", "10.0.0.1", /--to needs HOST:PORT/],
        ["orders", "10.0.0.1:0", /port "0" is not a TCP port/],
        ["orders", "10.0.0.1:http", /port "http" is not a TCP port/],
        ["orders", "10.0.0.256:80", /"10\.0\.0\.256" is not an IPv4 address/],
        ["orders", "db.contoso.internal:5432", /is a host name.*nameresolver\.exe db\.contoso\.internal.*--name db\.contoso\.internal/],
        ["orders", "[::1]:80", /IPv6/],
    ])("--app %s --to %s", (app, to, message) => {
        const parsed = parseQuestion(app, to);
        expect(parsed.ok).toBe(false);
        expect(!parsed.ok && parsed.message).toMatch(message);
    });

    test("an unknown app or slot is a bad question that lists the integrated apps", () => {
        const question: Question = { app: "api", slot: "qa", address: "10.20.0.1", port: 80 };
        const answer = diagnose([regional(), gateway()], question);
        expect(answer.ok).toBe(false);
        expect(!answer.ok && answer.message).toBe("no integration in these facts attaches app api/qa (integration is per slot and does not swap: api, api/staging are integrated); integrated apps: api, api/staging, worker, orders");
    });
});

describe("property: what the doctor promises for any address", () => {
    const address = fc.integer({ min: 0, max: 2 ** 32 - 1 }).map((n) => formatAddress(BigInt(n)));
    const declared = [...regional().virtualNetwork.addressSpace, ...regional().peers.flatMap((p) => p.addressPrefixes), ...regional().onPremisesPrefixes].map(mustParseCidr);

    test("under documented, a reachable address is RFC 1918, in a declared range and out of the subnet; every verdict has its reason", () => {
        fc.assert(
            fc.property(address, fc.constantFrom("api", "worker"), (ip, app) => {
                const d = ask([regional()], app, `${ip}:443`, "documented");
                const block = mustParseCidr(`${ip}/32`);
                if (d.reachable) {
                    return isRfc1918(block) && declared.some((b) => contains(b, block)) && !contains(mustParseCidr("10.20.1.0/27"), block) && d.path.every((h) => h.ok);
                }
                return d.findings.some((f) => f.blocking) && d.path.some((h) => !h.ok);
            }),
            { numRuns: 300 },
        );
    });

    test("under azure-2026 with route-all, every address outside RFC 1918 reaches through the VNet", () => {
        fc.assert(
            fc.property(address, (ip) => {
                const block = mustParseCidr(`${ip}/32`);
                fc.pre(!isRfc1918(block));
                const d = ask([regional()], "api", `${ip}:443`, "azure-2026");
                return d.reachable && d.arrives === "internet-through-vnet";
            }),
            { numRuns: 200 },
        );
    });

    test("gateway: reachable exactly when the address is in the hub, a routed peer or on-premises", () => {
        const topology = gateway();
        const reachableRanges = ["10.50.0.0/16", "10.60.0.0/16", "192.168.10.0/24"].map(mustParseCidr);
        fc.assert(
            fc.property(fc.oneof(address, fc.integer({ min: 0, max: 2 ** 16 - 1 }).map((n) => `10.${50 + (n % 30)}.${n >> 8}.${n & 255}`)), (ip) => {
                const d = ask([topology], "orders", `${ip}:443`);
                return d.reachable === reachableRanges.some((b) => contains(b, mustParseCidr(`${ip}/32`)));
            }),
            { numRuns: 300 },
        );
    });
});

describe("the examples' facts, run offline", () => {
    let regionalFacts: IntegrationTopology[];
    let peeredFacts: IntegrationTopology[];
    let notes: string[];
    beforeAll(async () => {
        // The command's notes to stderr: asserted below, not printed.
        const stderr = jest.spyOn(console, "error").mockImplementation(() => undefined);
        try {
            regionalFacts = await topologiesOf("regional", scenarios);
            peeredFacts = await topologiesOf("peered", scenarios);
        } finally {
            notes = stderr.mock.calls.map((call) => String(call[0]));
            stderr.mockRestore();
        }
    }, 60_000);

    test("a program's topologies need no note: RegionalVnetIntegration's own topology output carries its destinations", () => {
        expect(notes.filter((n) => n.startsWith("note:"))).toEqual([]);
        expect(regionalFacts[0]).toHaveProperty("limits");
    });

    test("regional: the subnet, the VNet's DNS servers, both attachment forms and their routing", () => {
        expect(regionalFacts).toHaveLength(1);
        expect(regionalFacts[0]).toMatchObject({
            kind: "regional",
            plan: { name: "apps", linux: true },
            subnet: "10.20.1.0/27",
            virtualNetwork: { name: "hub", location: "westeurope", addressSpace: ["10.20.0.0/16"], dnsServers: ["10.20.0.4", "10.20.0.5"] },
            apps: [{ name: "billing-api", resourceGroupName: "billing-rg" }, { name: "orders", routing: { applicationTraffic: true } }],
        });
        expect((regionalFacts[0] as RegionalTopology).apps[0].routing).toBeUndefined();
        expect(ask(regionalFacts, "orders", "10.20.0.4:443")).toMatchObject({ reachable: true, arrives: "integrated-vnet" });
        expect(ask(regionalFacts, "orders", "52.1.2.3:443", "azure-2026")).toMatchObject({ reachable: true, arrives: "internet-through-vnet" });
        expect(codes(ask(regionalFacts, "orders", "52.1.2.3:443", "documented"))).toEqual(["VNI-R08"]);
        // The default profile is azure-2026: route-all reaches the internet through the VNet.
        expect(ask(regionalFacts, "orders", "52.1.2.3:443")).toMatchObject({ reachable: true, arrives: "internet-through-vnet" });
        expect(codes(ask(regionalFacts, "billing-api", "52.1.2.3:443", "azure-2026"))).toEqual(["VNI-R08"]);
    });

    test("peered: routes and the peerings' flags as the program registers them", () => {
        expect(peeredFacts).toHaveLength(1);
        const hub = peeredFacts[0] as GatewayDoctorTopology;
        expect(hub.gatewaySku).toBe("VpnGw1AZ");
        expect(hub.peers.map((p) => [p.name, p.peerings?.hubToPeer?.allowGatewayTransit, p.peerings?.peerToHub?.useRemoteGateways])).toEqual([
            ["data", true, true],
            ["legacy", true, true],
        ]);
        expect(ask(peeredFacts, "orders", "10.60.1.4:5432")).toMatchObject({ reachable: true, arrives: "peer" });
        expect(ask(peeredFacts, "orders", "10.70.17.4:5432")).toMatchObject({ reachable: true, arrives: "peer", destination: { in: "peer legacy", range: "10.70.16.0/20" } });
        expect(ask(peeredFacts, "orders", "192.168.10.7:22")).toMatchObject({ reachable: true, arrives: "on-premises" });
        expect(ask(peeredFacts, "orders", "10.80.0.1:22")).toMatchObject({ reachable: false, arrives: "nowhere" });
        expect(formatDiagnosis(ask(peeredFacts, "orders", "10.60.1.4:5432"))).toMatch(/^Can orders reach 10\.60\.1\.4:5432\? YES: through the integration \(peer\)/);
    });
});
