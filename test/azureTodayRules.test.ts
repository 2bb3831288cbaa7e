/**
 * Issue 17 ("Today's Azure, second pass"): the rules as Azure and Microsoft Learn have them in 2026,
 * each checked under both limits profiles.
 */
import { checkGatewayIntegration, checkRegional, checkRegionalApps, GatewayFacts, LIMITS_PROFILES, LimitsProfile, RegionalFacts, skuTier, violation } from "../components/rules";
import { offlineResource, policies, validateStackOffline } from "../components/policy";
import { validFacts, validGatewayFacts } from "./support/facts";

const documented = LIMITS_PROFILES.documented;
const azure2026 = LIMITS_PROFILES["azure-2026"];
const PROFILES: [string, LimitsProfile][] = [
    ["documented", documented],
    ["azure-2026", azure2026],
];

function regionalCodes(facts: RegionalFacts, profile: LimitsProfile) {
    return checkRegional(facts, profile).findings.map((f) => `${f.code}:${violation(f).severity}`);
}
function regionalMessages(facts: RegionalFacts, code: string, profile: LimitsProfile) {
    return checkRegional(facts, profile).findings.filter((f) => f.code === code).map((f) => f.message);
}
function gatewayCodes(facts: GatewayFacts, profile: LimitsProfile) {
    return checkGatewayIntegration(facts, profile).map((f) => `${f.code}:${violation(f).severity}`);
}
function gatewayMessage(facts: GatewayFacts, code: string, profile: LimitsProfile) {
    return checkGatewayIntegration(facts, profile).find((f) => f.code === code)?.message ?? "";
}
const plan = (skuName: string | undefined, skuTier?: string) => ({ ...validFacts().plan, skuName, skuTier });
const gw = (change: Partial<GatewayFacts["gateway"]>, more: Partial<GatewayFacts> = {}) =>
    validGatewayFacts({ gateway: { ...validGatewayFacts().gateway, ...change }, ...more });
const RETIREMENT = "VNI-G14:warning";

describe("item 2: tiers as ARM reports them", () => {
    test.each([
        ["P0v3", "Premium0V3", "PremiumV3"],
        ["P1mv3", "PremiumMV3", "PremiumV3"],
        ["P0v4", "Premium0V4", "PremiumV4"],
        ["P1mv4", "PremiumMV4", "PremiumV4"],
        ["WS1", "WorkflowStandard", "WorkflowStandard"],
        ["P1v3", "premiumv3", "PremiumV3"],
    ])("%s (tier %s) is %s, from the tier and from the name", (name, tier, family) => {
        expect(skuTier(name, tier)).toBe(family);
        expect(skuTier(name, undefined)).toBe(family);
    });
    test("VNI-R01 admits Premium0V3 under both profiles, Premium0V4 and WorkflowStandard under azure-2026 only", () => {
        for (const [, profile] of PROFILES) expect(regionalCodes(validFacts({ plan: plan("P0v3", "Premium0V3") }), profile)).toEqual([]);
        expect(regionalCodes(validFacts({ plan: plan("P0v4", "Premium0V4") }), azure2026)).toEqual([]);
        expect(regionalCodes(validFacts({ plan: plan("WS1", "WorkflowStandard") }), azure2026)).toEqual([]);
        expect(regionalMessages(validFacts({ plan: plan("WS1", "WorkflowStandard") }), "VNI-R01", documented)[0]).toContain("The azure-2026 limits profile allows WorkflowStandard");
    });
    test.each(PROFILES)("VNI-G01 admits P0v3 reported as Premium0V3 (%s)", (_, profile) => {
        expect(gatewayCodes(validGatewayFacts({ plan: { ...validGatewayFacts().plan, skuName: "P0v3", skuTier: "Premium0V3" } }), profile)).toEqual([RETIREMENT]);
    });
});

describe("item 6: VNI-G01 under azure-2026 follows the January 2026 page", () => {
    const tier = (skuName: string, skuTier: string) => validGatewayFacts({ plan: { ...validGatewayFacts().plan, skuName, skuTier } });
    test("Basic and PremiumV4 pass under azure-2026, fail under documented", () => {
        for (const facts of [tier("B1", "Basic"), tier("P1v4", "PremiumV4")]) {
            expect(gatewayCodes(facts, azure2026)).toEqual([RETIREMENT]);
            expect(gatewayCodes(facts, documented)).toContain("VNI-G01:error");
        }
    });
    test.each(PROFILES)("ElasticPremium and FlexConsumption never use gateway-required integration (%s)", (_, profile) => {
        expect(gatewayCodes(tier("EP1", "ElasticPremium"), profile)).toContain("VNI-G01:error");
        expect(gatewayCodes(tier("FC1", "FlexConsumption"), profile)).toContain("VNI-G01:error");
    });
});

describe("item 4: a Basic gateway needs SSTP too", () => {
    const basic = (protocols: string[]) => gw({ skuName: "Basic", pointToSite: { addressPool: ["172.16.201.0/24"], protocols } });
    test.each(PROFILES)("Basic with IKEv2 only is VNI-G08; with SSTP (alone or beside IKEv2) it passes (%s)", (_, profile) => {
        expect(gatewayCodes(basic(["IkeV2"]), profile)).toEqual(["VNI-G08:error", RETIREMENT]);
        expect(gatewayMessage(basic(["IkeV2"]), "VNI-G08", profile)).toContain("App Service needs SSTP on it");
        expect(gatewayCodes(basic(["SSTP"]), profile)).toEqual([RETIREMENT]);
        expect(gatewayCodes(basic(["IkeV2", "SSTP"]), profile)).toEqual([RETIREMENT]);
    });
});

describe("item 5: no fix that asks Azure to enable SSTP under azure-2026", () => {
    const ikev2 = gw({ pointToSite: { addressPool: ["172.16.201.0/24"], protocols: ["IkeV2"] } });
    test("VNI-G08 without SSTP: documented says set SSTP, azure-2026 says keep an SSTP gateway or migrate", () => {
        expect(gatewayMessage(ikev2, "VNI-G08", documented)).toContain('Fix: set vpnClientProtocols to ["SSTP"]');
        const today = gatewayMessage(ikev2, "VNI-G08", azure2026);
        expect(today).toContain("adopt a gateway that still has SSTP");
        expect(today).toContain("npm run migrate");
        expect(today).not.toContain('set vpnClientProtocols to ["SSTP"]');
    });
    test.each(PROFILES)("VNI-G08 with SSTP beside IKEv2 asks to drop IKEv2, keeping SSTP (%s)", (_, profile) => {
        const both = gw({ pointToSite: { addressPool: ["172.16.201.0/24"], protocols: ["SSTP", "IkeV2"] } });
        expect(gatewayMessage(both, "VNI-G08", profile)).toContain("remove the other protocols, keeping SSTP");
    });
    test("VNI-G07 and VNI-G15 under azure-2026 do not advise a new or reconfigured SSTP gateway", () => {
        const noP2s = gw({ pointToSite: undefined });
        expect(gatewayMessage(noP2s, "VNI-G07", documented)).toContain("with a point-to-site address pool");
        expect(gatewayMessage(noP2s, "VNI-G07", azure2026)).toContain("adopt a RouteBased gateway that already has SSTP");
        const basicPeers = gw({ skuName: "Basic" }, { peers: [{ name: "spoke", addressPrefixes: ["10.70.0.0/16"] }] });
        expect(gatewayMessage(basicPeers, "VNI-G15", documented)).toContain("use a VpnGw1AZ or larger SKU");
        expect(gatewayMessage(basicPeers, "VNI-G15", azure2026)).not.toContain("Fix: use a VpnGw1AZ");
        expect(gatewayMessage(basicPeers, "VNI-G15", azure2026)).toContain("npm run migrate");
    });
});

describe("item 7: VNI-G12 BGP from on-premises", () => {
    const bgp = validGatewayFacts({ onPremises: { prefixes: ["192.168.0.0/16"], bgpEnabled: true } });
    test("an error under documented; a warning with the custom-routes fix under azure-2026", () => {
        expect(gatewayCodes(bgp, documented)).toContain("VNI-G12:error");
        expect(gatewayCodes(bgp, azure2026)).toContain("VNI-G12:warning");
        expect(gatewayCodes(bgp, azure2026)).not.toContain("VNI-G12:error");
        expect(gatewayMessage(bgp, "VNI-G12", azure2026)).toMatch(/advertise 192\.168\.0\.0\/16 by hand as custom routes/);
    });
    test.each(PROFILES)("static routes raise no VNI-G12 (%s)", (_, profile) => {
        expect(gatewayCodes(validGatewayFacts({ onPremises: { prefixes: ["192.168.0.0/16"], bgpEnabled: false } }), profile)).not.toContainEqual(expect.stringMatching(/VNI-G12/));
    });
});

describe("also: VNI-G14 does not repeat VNI-G17", () => {
    test.each(PROFILES)("a created gateway: the SSTP sentence is VNI-G17's alone (%s)", (_, profile) => {
        const created = gw({ created: true });
        expect(gatewayMessage(created, "VNI-G14", profile)).not.toMatch(/SSTP/);
        expect(gatewayMessage(created, "VNI-G14", profile)).toContain("npm run migrate");
    });
    test.each(PROFILES)("an adopted gateway is told to keep its SSTP (%s)", (_, profile) => {
        expect(gatewayMessage(validGatewayFacts(), "VNI-G14", profile)).toContain("keep this one's SSTP configuration");
    });
});

describe("item 1: Flex Consumption integrates with a subnet delegated to Microsoft.App/environments", () => {
    const flexPlan = { ...validFacts().plan, skuName: "FC1", skuTier: "FlexConsumption", linux: true };
    const adopt = (delegations: string[]) => ({ kind: "adopt" as const, name: "functions", addressPrefix: "10.0.1.0/26", routeTable: false, delegations });
    test("under azure-2026 a Flex plan passes with Microsoft.App/environments and is VNI-R13 with Microsoft.Web/serverFarms", () => {
        expect(regionalCodes(validFacts({ plan: flexPlan, subnet: adopt(["Microsoft.App/environments"]) }), azure2026)).toEqual([]);
        const wrong = regionalMessages(validFacts({ plan: flexPlan, subnet: adopt(["Microsoft.Web/serverFarms"]) }), "VNI-R13", azure2026)[0];
        expect(wrong).toContain("a Flex Consumption plan integrates with a subnet delegated to Microsoft.App/environments only");
        expect(wrong).toContain("Microsoft.App resource provider");
    });
    test.each(PROFILES)("a non-Flex plan keeps Microsoft.Web/serverFarms and refuses Microsoft.App/environments (%s)", (_, profile) => {
        expect(regionalCodes(validFacts({ subnet: adopt(["Microsoft.Web/serverFarms"]) }), profile)).toEqual([]);
        expect(regionalCodes(validFacts({ subnet: adopt(["Microsoft.App/environments"]) }), profile)).toEqual(["VNI-R13:error"]);
    });
    test("under documented Flex is still VNI-R01 (the 2019 page has no Flex)", () => {
        expect(regionalCodes(validFacts({ plan: flexPlan, subnet: adopt(["Microsoft.App/environments"]) }), documented)).toEqual(["VNI-R01:error"]);
    });
});

describe("item 1 in the policy pack: VNI-R13 reads the plan's delegation too", () => {
    const RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers";
    const stack = (serviceName: string) =>
        [
            ["plan", "azure-native:web:AppServicePlan", { name: "fn-plan", resourceGroupName: "rg", location: "westeurope", kind: "functionapp", reserved: true, sku: { name: "FC1", tier: "FlexConsumption" } }],
            ["hub", "azure-native:network:VirtualNetwork", { virtualNetworkName: "hub", resourceGroupName: "rg", location: "westeurope", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } }],
            ["fn", "azure-native:network:Subnet", { subnetName: "fn", virtualNetworkName: "hub", resourceGroupName: "rg", addressPrefix: "10.0.1.0/26", delegations: [{ name: "delegation", serviceName }] }],
            [
                "app",
                "azure-native:web:WebApp",
                { name: "fn-app", resourceGroupName: "rg", location: "westeurope", serverFarmId: `${RG}/Microsoft.Web/serverfarms/fn-plan`, virtualNetworkSubnetId: `${RG}/Microsoft.Network/virtualNetworks/hub/subnets/fn` },
            ],
        ].map(([name, type, props]) => offlineResource({ type: type as string, name: name as string, props: props as Record<string, unknown> }));
    const r13 = async (serviceName: string) => (await validateStackOffline(policies, stack(serviceName), {})).filter((r) => r.message.startsWith("VNI-R13"));
    test("Microsoft.App/environments passes for a Flex plan; Microsoft.Web/serverFarms is VNI-R13", async () => {
        expect(await r13("Microsoft.App/environments")).toEqual([]);
        expect((await r13("Microsoft.Web/serverFarms"))[0]?.message).toContain("Microsoft.App/environments only");
    });
});

describe("doubtful: VNI-R11 is the 2019 page's only", () => {
    const container = { label: "c", attachedByComponent: true, linuxContainer: true, listensOnPortSetting: false };
    test("a Linux container without PORT: a warning under documented, nothing under azure-2026", () => {
        expect(regionalCodes(validFacts({ apps: [container] }), documented)).toEqual(["VNI-R11:warning"]);
        expect(regionalCodes(validFacts({ apps: [container] }), azure2026)).toEqual([]);
    });
    test.each(PROFILES)("the policy pack's reading: checkRegionalApps with the profile (%s)", (name, profile) => {
        const found = checkRegionalApps([container], { name: "hub", location: "westeurope", addressSpace: [], dnsServers: [] }, profile).map((f) => f.code);
        expect(found).toEqual(name === "documented" ? ["VNI-R11"] : []);
    });
});

describe("doubtful: one app attached by two regional integrations is VNI-R15", () => {
    const claim = { component: "first", planKey: "plan-9", planName: "other-plan", planLinux: false, vnetKey: "vnet-1", addressPrefix: "10.0.2.0/26", appKeys: ["apps/orders"] };
    const orders = { label: "orders", key: "apps/orders", attachedByComponent: true, linuxContainer: false, listensOnPortSetting: true };
    test.each(PROFILES)("an app an earlier integration attaches fails; another app passes (%s)", (_, profile) => {
        expect(regionalMessages(validFacts({ apps: [orders], others: [claim] }), "VNI-R15", profile)[0]).toContain("app orders is already attached by regional integration first");
        expect(regionalCodes(validFacts({ apps: [{ ...orders, key: "apps/billing", label: "billing" }], others: [claim] }), profile)).toEqual([]);
    });
});

describe("also: the pure checkRegional flags a created subnet on otherLibrarySubnets", () => {
    test.each(PROFILES)("equal to or overlapping one of them is VNI-R07; elsewhere passes (%s)", (_, profile) => {
        const created = (addressPrefix: string) => validFacts({ subnet: { kind: "create", name: "integration", addressPrefix, routeTable: false }, otherLibrarySubnets: ["10.0.1.0/27"] });
        expect(regionalMessages(created("10.0.1.0/27"), "VNI-R07", profile)[0]).toContain("is a subnet another integration of this program makes");
        expect(regionalMessages(created("10.0.1.0/26"), "VNI-R07", profile)[0]).toContain("overlaps subnet 10.0.1.0/27");
        expect(regionalCodes(created("10.0.2.0/26"), profile)).toEqual([]);
    });
});

describe("what users trip over", () => {
    const vnetWith = (dnsServers: string[], extra: Partial<RegionalFacts["virtualNetwork"]> = {}) => ({ ...validFacts().virtualNetwork, dnsServers, ...extra });
    test.each(PROFILES)("VNI-R16: declared private endpoints behind custom DNS warn; Azure DNS among them, or no custom DNS, pass (%s)", (_, profile) => {
        const pe = ["orders.database.windows.net"];
        expect(regionalCodes(validFacts({ virtualNetwork: vnetWith(["10.0.0.4"]), privateEndpoints: pe }), profile)).toEqual(["VNI-R16:warning"]);
        expect(regionalMessages(validFacts({ virtualNetwork: vnetWith(["10.0.0.4"]), privateEndpoints: pe }), "VNI-R16", profile)[0]).toContain("168.63.129.16");
        expect(regionalCodes(validFacts({ virtualNetwork: vnetWith(["10.0.0.4", "168.63.129.16"]), privateEndpoints: pe }), profile)).toEqual([]);
        expect(regionalCodes(validFacts({ virtualNetwork: vnetWith([]), privateEndpoints: pe }), profile)).toEqual([]);
        expect(regionalCodes(validFacts({ virtualNetwork: vnetWith(["10.0.0.4"]) }), profile)).toEqual([]);
    });
    test.each(PROFILES)("VNI-R17: a NAT gateway without route-all warns; with route-all it passes (%s)", (_, profile) => {
        const nat = { kind: "create" as const, name: "integration", addressPrefix: "10.0.1.0/26", routeTable: false, natGateway: true };
        expect(regionalCodes(validFacts({ subnet: nat }), profile)).toEqual(["VNI-R17:warning"]);
        expect(regionalMessages(validFacts({ subnet: nat }), "VNI-R17", profile)[0]).toContain("no static outbound address");
        expect(regionalCodes(validFacts({ subnet: nat, routing: { applicationTraffic: true } }), profile)).toEqual([]);
    });
    test.each(PROFILES)("VNI-R03: each Windows container app takes one more address per instance (%s)", (_, profile) => {
        const win = (label: string) => ({ label, attachedByComponent: true, linuxContainer: false, windowsContainer: true, listensOnPortSetting: true });
        // 10 instances, 2 Windows container apps: 30 addresses, more than a /26's 59 usable can double.
        expect(regionalCodes(validFacts({ apps: [win("a"), win("b")] }), profile)).toEqual(["VNI-R03:warning"]);
        expect(regionalMessages(validFacts({ apps: [win("a"), win("b")], maxInstances: 20 }), "VNI-R03", profile)[0]).toContain("each instance takes 3: one, and one per Windows container app, 60 in all");
        // 10 instances x 3 addresses, doubled: 60, one more than a /26's 59 usable.
        const allocated = checkRegional(validFacts({ subnet: { kind: "allocate", name: "i", routeTable: false }, apps: [win("a"), win("b")] }), profile);
        expect(allocated.addressPrefix).toBe("10.0.1.0/25");
        expect(checkRegional(validFacts({ subnet: { kind: "allocate", name: "i", routeTable: false } }), profile).addressPrefix).toBe("10.0.1.0/27");
    });
    test.each(PROFILES)("VNI-R19 and VNI-R06: a VNet of another subscription warns; plans of two subscriptions cannot share a subnet (%s)", (_, profile) => {
        const other = validFacts({ planSubscriptionId: "sub-a", virtualNetwork: vnetWith([], { subscriptionId: "sub-b" }) });
        expect(regionalCodes(other, profile)).toEqual(["VNI-R19:warning"]);
        expect(regionalMessages(other, "VNI-R19", profile)[0]).toContain("Microsoft.Web resource provider registered in sub-b");
        const claim = { component: "first", planKey: "plan-9", planName: "other", planLinux: false, vnetKey: "vnet-1", addressPrefix: "10.0.1.0/26", planSubscriptionId: "sub-b" };
        const sharing = validFacts({ planSubscriptionId: "sub-a", subnet: { kind: "adopt", name: "shared", addressPrefix: "10.0.1.0/26", routeTable: false }, others: [claim] });
        expect(regionalMessages(sharing, "VNI-R06", profile)[0]).toContain("plans sharing a subnet must be in one subscription");
    });
    test.each(PROFILES)("VNI-R20: IPv6 address space on the VNet is Azure's refusal, not a bad address (%s)", (_, profile) => {
        const dual = validFacts({ virtualNetwork: vnetWith([], { addressSpace: ["10.0.0.0/16", "fd00:db8::/48"] }) });
        expect(regionalCodes(dual, profile)).toEqual(["VNI-R20:error"]);
        expect(regionalMessages(dual, "VNI-R20", profile)[0]).toContain("refuses regional VNet Integration with a VNet that has any IPv6 address space");
    });
    test.each(PROFILES)("VNI-R18: service endpoint policies on an adopted subnet (%s)", (_, profile) => {
        const adopted = { kind: "adopt" as const, name: "shared", addressPrefix: "10.0.1.0/26", routeTable: false, serviceEndpointPolicies: true };
        expect(regionalCodes(validFacts({ subnet: adopted }), profile)).toEqual(["VNI-R18:error"]);
        expect(regionalCodes(validFacts({ subnet: { ...adopted, serviceEndpointPolicies: false } }), profile)).toEqual([]);
    });
});

test("the policy pack reads VNI-R20 too: an IPv6 address space on the integration VNet", async () => {
    const RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers";
    const resources = [
        ["plan", "azure-native:web:AppServicePlan", { name: "apps-plan", resourceGroupName: "rg", location: "westeurope", sku: { name: "P1v3", tier: "PremiumV3", capacity: 3 } }],
        ["hub", "azure-native:network:VirtualNetwork", { virtualNetworkName: "hub", resourceGroupName: "rg", location: "westeurope", addressSpace: { addressPrefixes: ["10.0.0.0/16", "fd00:db8::/48"] } }],
        ["apps", "azure-native:network:Subnet", { subnetName: "apps", virtualNetworkName: "hub", resourceGroupName: "rg", addressPrefix: "10.0.1.0/26", delegations: [{ name: "d", serviceName: "Microsoft.Web/serverFarms" }] }],
        ["app", "azure-native:web:WebApp", { name: "orders", resourceGroupName: "rg", location: "westeurope", serverFarmId: `${RG}/Microsoft.Web/serverfarms/apps-plan`, virtualNetworkSubnetId: `${RG}/Microsoft.Network/virtualNetworks/hub/subnets/apps` }],
    ].map(([name, type, props]) => offlineResource({ type: type as string, name: name as string, props: props as Record<string, unknown> }));
    const reports = await validateStackOffline(policies, resources, {});
    expect(reports.map((r) => r.message.slice(0, 7))).toContain("VNI-R20");
});

test("doubtful, decided: documented is the 2019 page's tiers plus the dedicated tiers its 'Standard or better' covers (PremiumV3, regional ElasticPremium), nothing newer", () => {
    expect(documented.regionalTiers).toEqual(["Standard", "Premium", "PremiumV2", "PremiumV3", "ElasticPremium"]);
    expect(documented.gatewayTiers).toEqual(["Standard", "Premium", "PremiumV2", "PremiumV3"]);
    for (const [skuName, tier] of [["B1", "Basic"], ["P1v4", "PremiumV4"], ["FC1", "FlexConsumption"], ["WS1", "WorkflowStandard"]]) {
        expect(regionalCodes(validFacts({ plan: plan(skuName, tier) }), documented)).toEqual(["VNI-R01:error"]);
    }
});

test("the policy pack reads VNI-R15: two swift connections for one app", async () => {
    const RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers";
    const subnet = (name: string, addressPrefix: string) => [name, "azure-native:network:Subnet", { subnetName: name, virtualNetworkName: "hub", resourceGroupName: "rg", addressPrefix, delegations: [{ name: "d", serviceName: "Microsoft.Web/serverFarms" }] }];
    const swift = (name: string, subnetName: string) => [name, "azure-native:web:WebAppSwiftVirtualNetworkConnection", { name: "orders", resourceGroupName: "rg", subnetResourceId: `${RG}/Microsoft.Network/virtualNetworks/hub/subnets/${subnetName}` }];
    const resources = [
        ["plan", "azure-native:web:AppServicePlan", { name: "apps-plan", resourceGroupName: "rg", location: "westeurope", sku: { name: "P1v3", tier: "PremiumV3", capacity: 3 } }],
        ["hub", "azure-native:network:VirtualNetwork", { virtualNetworkName: "hub", resourceGroupName: "rg", location: "westeurope", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } }],
        subnet("a", "10.0.1.0/26"),
        subnet("b", "10.0.2.0/26"),
        ["app", "azure-native:web:WebApp", { name: "orders", resourceGroupName: "rg", location: "westeurope", serverFarmId: `${RG}/Microsoft.Web/serverfarms/apps-plan` }],
        swift("first", "a"),
        swift("second", "b"),
    ].map(([name, type, props]) => offlineResource({ type: type as string, name: name as string, props: props as Record<string, unknown> }));
    const reports = (await validateStackOffline(policies, resources, {})).filter((r) => r.message.startsWith("VNI-R15"));
    expect(reports.map((r) => r.urn)).toEqual([expect.stringContaining("second")]);
});
