import { checkPeering, LIMITS_PROFILES, PeeringFacts, violation } from "../components/rules";

const documented = LIMITS_PROFILES.documented;
const azure2026 = LIMITS_PROFILES["azure-2026"];

const peer = (name: string, space: string[], extra: Partial<PeeringFacts["peers"][number]> = {}) => ({
    name,
    key: name,
    location: "eastus",
    addressSpace: space,
    routedPrefixes: space,
    hasGateway: false,
    ...extra,
});
const facts = (overrides: Partial<PeeringFacts> = {}): PeeringFacts => ({
    mode: "gateway",
    hub: { name: "hub", location: "eastus", addressSpace: ["10.50.0.0/16"], pointToSitePool: ["172.16.201.0/24"], gatewaySku: "VpnGw1AZ" },
    peers: [peer("data", ["10.60.0.0/16"]), peer("legacy", ["10.70.0.0/20", "10.70.16.0/20"])],
    extraRoutes: [],
    otherRemoteGatewayPeers: [],
    ...overrides,
});
const codes = (f: PeeringFacts, profile = documented) => checkPeering(f, profile).map((x) => `${x.code}:${violation(x).severity}`);
const message = (f: PeeringFacts, code: string, profile = documented) => checkPeering(f, profile).find((x) => x.code === code)?.message ?? "";

test("a valid hub with two peers passes under both profiles", () => {
    expect(codes(facts())).toEqual([]);
    expect(codes(facts(), azure2026)).toEqual([]);
});

test("VNI-P01 and VNI-P02: existing peerings missing flags", () => {
    const withExisting = facts({
        peers: [peer("data", ["10.60.0.0/16"], { existing: { hubToPeer: { allowVirtualNetworkAccess: true, allowForwardedTraffic: true }, peerToHub: { allowVirtualNetworkAccess: true, allowForwardedTraffic: false, useRemoteGateways: true } } })],
    });
    expect(message(withExisting, "VNI-P01")).toContain("from hub hub to data lacks allowGatewayTransit");
    expect(message(withExisting, "VNI-P02")).toContain("from data back to hub hub lacks allowForwardedTraffic");
    const complete = facts({
        peers: [
            peer("data", ["10.60.0.0/16"], {
                existing: { hubToPeer: { allowVirtualNetworkAccess: true, allowForwardedTraffic: true, allowGatewayTransit: true }, peerToHub: { allowVirtualNetworkAccess: true, allowForwardedTraffic: true, useRemoteGateways: true } },
            }),
        ],
    });
    expect(codes(complete)).toEqual([]);
});

test("VNI-P03: a peer prefix that no route covers; routes may cover it together", () => {
    const uncovered = facts({ peers: [peer("legacy", ["10.70.0.0/20", "10.70.16.0/20"], { routedPrefixes: ["10.70.0.0/20"] })] });
    expect(message(uncovered, "VNI-P03")).toContain("address prefix 10.70.16.0/20 of peer legacy is not covered");
    const byTwoRoutes = facts({ peers: [peer("legacy", ["10.70.0.0/19"], { routedPrefixes: ["10.70.0.0/20"] })], extraRoutes: [{ startAddress: "10.70.16.0", endAddress: "10.70.31.255" }] });
    expect(codes(byTwoRoutes)).toEqual([]);
});

test("VNI-P04: overlap with the hub, another peer, or the pool", () => {
    expect(message(facts({ peers: [peer("a", ["10.50.128.0/17"])] }), "VNI-P04")).toContain("overlaps hub hub (10.50.0.0/16)");
    expect(message(facts({ peers: [peer("a", ["10.60.0.0/16"]), peer("b", ["10.60.1.0/24"])] }), "VNI-P04")).toContain("peer b overlaps peer a");
    expect(message(facts({ peers: [peer("a", ["172.16.0.0/16"])] }), "VNI-P04")).toContain("overlaps the point-to-site pool of hub hub");
});

test("VNI-P05: a peer with its own gateway, or already on another hub's gateway", () => {
    expect(message(facts({ peers: [peer("a", ["10.60.0.0/16"], { hasGateway: true })] }), "VNI-P05")).toContain("peer a has a gateway of its own");
    expect(message(facts({ otherRemoteGatewayPeers: [{ peerKey: "data", hubName: "other-hub", component: "first" }] }), "VNI-P05")).toContain(
        "peer data already uses the remote gateway of hub other-hub",
    );
});

test("VNI-P06: malformed routes", () => {
    const bad = (route: PeeringFacts["extraRoutes"][number]) => message(facts({ extraRoutes: [route] }), "VNI-P06");
    expect(bad({ cidr: "10.80.0.1/16" })).toContain('"10.80.0.1/16" is not an IPv4 CIDR block');
    expect(bad({ startAddress: "10.80.0.0/16", endAddress: "10.80.255.255" })).toContain("an end address is given with a CIDR start");
    expect(bad({ startAddress: "10.80.1.0", endAddress: "10.80.0.0" })).toContain("start 10.80.1.0 is after end 10.80.0.0");
    expect(bad({ startAddress: "10.80.1.0", endAddress: "10.80.300.0" })).toContain("10.80.300.0");
    expect(codes(facts({ extraRoutes: [{ cidr: "10.80.0.0/16" }, { startAddress: "10.81.0.0/16" }] }))).toEqual([]);
});

test("VNI-G15: peers through a Basic gateway", () => {
    expect(codes(facts({ hub: { ...facts().hub, gatewaySku: "Basic" } }))).toEqual(["VNI-G15:error"]);
});

test("a regional hub: no route rules, but VNI-R09 for a peer in another region under documented", () => {
    const regional = facts({ mode: "regional", hub: { ...facts().hub, location: "westeurope", pointToSitePool: [] }, peers: [peer("data", ["10.60.0.0/16"], { location: "West Europe", routedPrefixes: [] })] });
    expect(codes(regional)).toEqual([]);
    const global = facts({ mode: "regional", hub: { ...facts().hub, location: "westeurope", pointToSitePool: [] }, peers: [peer("far", ["10.60.0.0/16"], { location: "eastus" })] });
    expect(codes(global)).toEqual(["VNI-R09:error"]);
    expect(codes(global, azure2026)).toEqual([]);
});
