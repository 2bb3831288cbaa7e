import { checkGatewayIntegration, GatewayFacts, LIMITS_PROFILES, violation } from "../components/rules";
import { checkGatewaySubnetFree, checkNewSstpGateway, checkProgramGateways } from "../components/rules/gateway";
import { validGatewayFacts } from "./support/facts";

const documented = LIMITS_PROFILES.documented;
const azure2026 = LIMITS_PROFILES["azure-2026"];
const RETIREMENT = "VNI-G14:warning";

function codes(facts: GatewayFacts, profile = documented) {
    return checkGatewayIntegration(facts, profile).map((f) => `${f.code}:${violation(f).severity}`);
}
function message(facts: GatewayFacts, code: string, profile = documented) {
    return checkGatewayIntegration(facts, profile).find((f) => f.code === code)?.message ?? "";
}
const gw = (change: Partial<GatewayFacts["gateway"]>) => validGatewayFacts({ gateway: { ...validGatewayFacts().gateway, ...change } });

test("valid facts raise only the retirement warning, under both profiles", () => {
    expect(codes(validGatewayFacts())).toEqual([RETIREMENT]);
    expect(codes(validGatewayFacts(), azure2026)).toEqual([RETIREMENT]);
});

test("VNI-G14 names the dates and the migration path; a new gateway under azure-2026 is told SSTP cannot be enabled (by VNI-G17, issue 17)", () => {
    expect(message(validGatewayFacts(), "VNI-G14")).toMatch(/retired by Azure on 31 March 2027.*regional VNet Integration .* plus global peering/);
    expect(checkNewSstpGateway({ name: "gw", created: true, protocols: ["SSTP"] }, azure2026)[0].message).toContain("refused to enable since 31 March 2026");
});

test("VNI-G01 plan-tier and VNI-G02 windows-only", () => {
    expect(codes(validGatewayFacts({ plan: { ...validGatewayFacts().plan, skuName: "B1", skuTier: undefined } }))).toEqual(["VNI-G01:error", RETIREMENT]);
    expect(codes(validGatewayFacts({ plan: { ...validGatewayFacts().plan, skuName: "EP1", skuTier: undefined } }))).toContain("VNI-G01:error");
    const linux = validGatewayFacts({ plan: { ...validGatewayFacts().plan, linux: true } });
    expect(message(linux, "VNI-G02")).toContain("plan win-plan is a Linux plan");
});

test("VNI-G03 counts distinct VNets per plan across the program", () => {
    const claim = (i: number) => ({ component: `c${i}`, planKey: "plan-1", vnetKey: `v${i}`, vnetName: `vnet${i}`, appKeys: [] });
    const five = [1, 2, 3, 4].map(claim);
    expect(codes(validGatewayFacts({ otherGateways: [...five, { ...claim(1), component: "again" }] }))).toEqual([RETIREMENT]);
    expect(message(validGatewayFacts({ otherGateways: [...five, claim(5)] }), "VNI-G03")).toContain("would use 6 VNets");
});

test("VNI-G04: an app on two VNets, or on a gateway and a regional integration", () => {
    const other = { component: "first", planKey: "plan-1", vnetKey: "v9", vnetName: "elsewhere", appKeys: ["apps/orders"] };
    expect(message(validGatewayFacts({ otherGateways: [other] }), "VNI-G04")).toContain("app orders is already connected to virtual network elsewhere");
    expect(codes(validGatewayFacts({ otherGateways: [{ ...other, vnetKey: "vnet-1" }] }))).toEqual([RETIREMENT]);
    expect(message(validGatewayFacts({ regionalAppKeys: ["apps/orders"] }), "VNI-G04")).toContain("already has regional VNet Integration");
});

test("VNI-G05 and VNI-G06: the point-to-site pool", () => {
    expect(message(gw({ pointToSite: { addressPool: ["100.64.0.0/24"], protocols: ["SSTP"] } }), "VNI-G05")).toContain("100.64.0.0/24 is outside RFC 1918");
    expect(message(gw({ pointToSite: { addressPool: ["10.50.1.0/24"], protocols: ["SSTP"] } }), "VNI-G06")).toContain("overlaps virtual network remote (10.50.0.0/16)");
    expect(message(validGatewayFacts({ peers: [{ name: "spoke", addressPrefixes: ["172.16.0.0/16"] }] }), "VNI-G06")).toContain("overlaps peer spoke");
});

test("VNI-G07 route-based point-to-site, VNI-G08 SSTP only (not on Basic)", () => {
    expect(message(gw({ vpnType: "PolicyBased" }), "VNI-G07")).toContain("a PolicyBased VPN gateway");
    expect(message(gw({ pointToSite: undefined }), "VNI-G07")).toContain("no point-to-site configuration");
    expect(message(gw({ gatewayType: "ExpressRoute" }), "VNI-G07")).toContain("a gateway of type ExpressRoute");
    expect(message(gw({ pointToSite: { addressPool: ["172.16.201.0/24"], protocols: ["SSTP", "IkeV2"] } }), "VNI-G08")).toContain("needs exactly SSTP");
    // Basic may keep IKEv2 beside SSTP, but needs SSTP (issue 17: Basic supports IKEv2 since November 2025).
    expect(codes(gw({ skuName: "Basic", pointToSite: { addressPool: ["172.16.201.0/24"], protocols: ["IkeV2", "SSTP"] } }))).toEqual([RETIREMENT]);
});

test("VNI-G09 ExpressRoute, VNI-G10 subscription, VNI-G12 BGP, VNI-G13 on-premises routes", () => {
    const vnet = validGatewayFacts().virtualNetwork;
    expect(codes(validGatewayFacts({ virtualNetwork: { ...vnet, expressRouteGateway: true } }))).toContain("VNI-G09:error");
    expect(message(validGatewayFacts({ virtualNetwork: { ...vnet, subscriptionId: "11111111-0000-0000-0000-000000000000" } }), "VNI-G10")).toContain("must be in the plan's subscription");
    expect(codes(validGatewayFacts({ onPremises: { prefixes: ["192.168.0.0/16"], bgpEnabled: true } }))).toContain("VNI-G12:error");
    const onPrem = validGatewayFacts({ onPremises: { prefixes: ["192.168.0.0/16"], bgpEnabled: false } });
    expect(codes(onPrem)).toEqual(["VNI-G13:warning", RETIREMENT]);
    expect(message(onPrem, "VNI-G13")).toContain("route the point-to-site pool 172.16.201.0/24 back to Azure");
});

test("VNI-G11 gateway subnet name, size and placement", () => {
    expect(message(gw({ subnet: { name: "gw", addressPrefix: "10.50.255.0/27" } }), "VNI-G11")).toContain("named gw; Azure requires exactly GatewaySubnet");
    expect(codes(gw({ subnet: { name: "GatewaySubnet", addressPrefix: "10.50.255.0/28" } }))).toEqual(["VNI-G11:warning", RETIREMENT]);
    expect(codes(gw({ subnet: { name: "GatewaySubnet", addressPrefix: "10.50.255.0/30" } }))).toEqual(["VNI-G11:error", RETIREMENT]);
    expect(message(gw({ subnet: { name: "GatewaySubnet", addressPrefix: "10.60.0.0/27" } }), "VNI-G11")).toContain("outside address space 10.50.0.0/16");
});

test("VNI-G15 no transit on Basic, and VNI-X02 for any bad address", () => {
    expect(codes(validGatewayFacts({ gateway: { ...validGatewayFacts().gateway, skuName: "Basic" }, peers: [{ name: "spoke", addressPrefixes: ["10.60.0.0/16"] }] }))).toContain(
        "VNI-G15:error",
    );
    expect(message(gw({ pointToSite: { addressPool: ["172.16.201.1/24"], protocols: ["SSTP"] } }), "VNI-X02")).toContain('"172.16.201.1/24" has host bits set');
});

describe("VNI-G16 one-gateway-per-vnet over a program's gateway integrations", () => {
    const created = (component: string) => ({ component, planKey: "p", vnetKey: "v1", vnetName: "hub", appKeys: [], gateway: { key: `created:${component}`, name: `${component}-gateway`, created: true, subnetPrefix: "10.0.255.0/27" } });
    const adopted = (component: string, id = "/gw/shared", subnetPrefix = "10.0.254.0/27") => ({ component, planKey: "p", vnetKey: "v1", vnetName: "hub", appKeys: [], gateway: { key: id, name: "shared", created: false, subnetPrefix } });
    const own = (claim: ReturnType<typeof created>) => claim.gateway;

    test("a second created gateway in one VNet: two gateways and two GatewaySubnets", () => {
        const findings = checkProgramGateways("hub", "v1", "two", own(created("two")), [created("one")]);
        expect(findings.map((f) => f.code)).toEqual(["VNI-G16", "VNI-G16"]);
        expect(findings[0].message).toContain("virtual network hub would have 2 VPN gateways (one-gateway (created by component one), two-gateway (created by component two))");
        expect(findings[1].message).toContain("2 GatewaySubnet subnets");
    });

    test("a gateway created in a VNet whose gateway another integration adopts", () => {
        expect(checkProgramGateways("hub", "v1", "two", own(created("two")), [adopted("one")]).map((f) => f.code)).toEqual(["VNI-G16", "VNI-G16"]);
    });

    test("passes: several integrations adopting one gateway, a gateway per VNet, and adopting only", () => {
        expect(checkProgramGateways("hub", "v1", "three", adopted("three").gateway, [adopted("one"), adopted("two")])).toEqual([]);
        expect(checkProgramGateways("hub", "v1", "two", own(created("two")), [{ ...created("one"), vnetKey: "v2" }])).toEqual([]);
        expect(checkProgramGateways("hub", "v1", "one", own(created("one")), [])).toEqual([]);
    });
});

describe("VNI-G17 no-new-sstp-gateway", () => {
    test("error under azure-2026, warning under documented, nothing for an adopted gateway", () => {
        const gateway = { name: "gw", created: true, protocols: ["SSTP"] };
        expect(checkNewSstpGateway(gateway, azure2026).map((f) => `${f.code}:${violation(f).severity}`)).toEqual(["VNI-G17:error"]);
        expect(checkNewSstpGateway(gateway, documented).map((f) => `${f.code}:${violation(f).severity}`)).toEqual(["VNI-G17:warning"]);
        expect(checkNewSstpGateway(gateway, documented)[0].message).toContain("limits profile documented lets it through, azure-2026 refuses it");
        expect(checkNewSstpGateway({ ...gateway, created: false }, azure2026)).toEqual([]);
    });
});

describe("VNI-G11 for a given GatewaySubnet on a subnet of the program", () => {
    test("overlap fails, a free prefix passes", () => {
        expect(checkGatewaySubnetFree("10.0.255.0/27", ["10.0.255.0/26"], "hub").map((f) => f.message)).toEqual([
            "gateway subnet 10.0.255.0/27 overlaps subnet 10.0.255.0/26 made by another integration of this program in virtual network hub. Fix: choose a free prefix, or leave gatewaySubnetPrefix out to allocate one.",
        ]);
        expect(checkGatewaySubnetFree("10.0.255.0/27", ["10.0.1.0/26"], "hub")).toEqual([]);
    });
});
