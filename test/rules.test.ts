import { checkRegional, LIMITS_PROFILES, RegionalFacts, skuTier, violation } from "../components/rules";
import { validFacts } from "./support/facts";

const documented = LIMITS_PROFILES.documented;
const azure2026 = LIMITS_PROFILES["azure-2026"];

function codes(facts: RegionalFacts, profile = documented) {
    return checkRegional(facts, profile).findings.map((f) => `${f.code}:${violation(f).severity}`);
}
function messages(facts: RegionalFacts, code: string, profile = documented) {
    return checkRegional(facts, profile).findings.filter((f) => f.code === code).map((f) => f.message);
}
const app = (label: string, extra: Partial<RegionalFacts["apps"][number]> = {}) => ({
    label,
    attachedByComponent: true,
    linuxContainer: false,
    listensOnPortSetting: true,
    ...extra,
});

test("valid facts pass every rule under both profiles", () => {
    expect(codes(validFacts())).toEqual([]);
    expect(codes(validFacts(), azure2026)).toEqual([]);
});

describe("VNI-R01 plan-tier", () => {
    test.each(["Free", "Shared", "Basic", "Dynamic"])("%s fails under documented", (tier) => {
        const facts = validFacts({ plan: { ...validFacts().plan, skuName: undefined, skuTier: tier } });
        expect(codes(facts)).toEqual(["VNI-R01:error"]);
        expect(messages(facts, "VNI-R01")[0]).toContain(`SKU tier ${tier}`);
    });
    test("Basic passes under azure-2026 and the documented message names that profile", () => {
        const facts = validFacts({ plan: { ...validFacts().plan, skuName: "B1", skuTier: undefined } });
        expect(messages(facts, "VNI-R01")[0]).toContain("The azure-2026 limits profile allows Basic");
        expect(codes(facts, azure2026)).toEqual([]);
    });
    test("Isolated fails with the App Service Environment hint", () => {
        const facts = validFacts({ plan: { ...validFacts().plan, skuName: "I1v2", skuTier: undefined } });
        expect(messages(facts, "VNI-R01")[0]).toMatch(/IsolatedV2.*App Service Environment/);
    });
    test("tiers are derived from SKU names", () => {
        expect(skuTier("P1v3", undefined)).toBe("PremiumV3");
        expect(skuTier("P2V2", undefined)).toBe("PremiumV2");
        expect(skuTier("P1", undefined)).toBe("Premium");
        expect(skuTier("EP1", undefined)).toBe("ElasticPremium");
        expect(skuTier("Y1", undefined)).toBe("Dynamic");
        expect(skuTier("S2", undefined)).toBe("Standard");
    });
});

describe("VNI-R02 subnet-size", () => {
    const small = (prefix: string) => validFacts({ maxInstances: 1, subnet: { kind: "create", name: "i", addressPrefix: prefix, routeTable: false } });
    test("a /28 fails under documented with the catalog's wording and the other profile named", () => {
        const [message] = messages(small("10.0.1.0/28"), "VNI-R02");
        expect(message).toContain("subnet 10.0.1.0/28 has 16 addresses; regional VNet Integration needs a /27 (32 addresses) or larger");
        expect(message).toContain("azure-2026 limits profile allows /28");
    });
    test("a /28 passes under azure-2026, a /29 fails there", () => {
        expect(codes(small("10.0.1.0/28"), azure2026)).toEqual([]);
        expect(codes(small("10.0.1.0/29"), azure2026)).toContain("VNI-R02:error");
    });
    test("a /27 passes under documented", () => {
        expect(codes(small("10.0.1.0/27"))).toEqual([]);
    });
});

describe("VNI-R03 subnet-capacity", () => {
    const sized = (maxInstances: number) => validFacts({ maxInstances, subnet: { kind: "create", name: "i", addressPrefix: "10.0.1.0/27", routeTable: false } });
    test("more instances than usable addresses is an error naming both numbers", () => {
        const findings = checkRegional(sized(28), documented).findings;
        expect(findings).toEqual([expect.objectContaining({ code: "VNI-R03" })]);
        expect(findings[0].severity).toBeUndefined();
        expect(findings[0].message).toContain("28 instances but subnet 10.0.1.0/27 has 27 usable addresses");
    });
    test("fewer than twice the instances is a warning", () => {
        expect(codes(sized(14))).toEqual(["VNI-R03:warning"]);
    });
    test("twice the instances fits: no finding", () => {
        expect(codes(sized(13))).toEqual([]);
    });
    test("the plan capacity is the default scale", () => {
        const facts = { ...sized(1), maxInstances: undefined, plan: { ...validFacts().plan, capacity: 20 } };
        expect(checkRegional(facts, documented).maxInstances).toBe(20);
        expect(codes(facts)).toEqual(["VNI-R03:warning"]);
    });
});

describe("VNI-R04 same-region", () => {
    test("plan and VNet regions are compared normalized", () => {
        expect(codes(validFacts({ plan: { ...validFacts().plan, location: "WestEurope" } }))).toEqual([]);
    });
    test("another region fails and names both", () => {
        const facts = validFacts({ plan: { ...validFacts().plan, location: "northeurope" } });
        expect(messages(facts, "VNI-R04")[0]).toContain("plan apps-plan is in northeurope but virtual network hub is in West Europe");
    });
    test("an app in another region fails", () => {
        expect(messages(validFacts({ apps: [app("orders", { location: "eastus" })] }), "VNI-R04")[0]).toContain("app orders is in eastus");
    });
});

describe("VNI-R05 one-per-plan and VNI-R06 subnet-exclusive across components", () => {
    const claim = (planKey: string, addressPrefix: string) => ({ component: "first", planKey, planName: "p", planLinux: false, vnetKey: "vnet-1", addressPrefix });
    test("a second subnet for the same plan fails under documented", () => {
        const facts = validFacts({ others: [claim("plan-1", "10.0.2.0/26")] });
        expect(codes(facts)).toEqual(["VNI-R05:error"]);
        expect(messages(facts, "VNI-R05")[0]).toContain("10.0.2.0/26 (component first)");
    });
    test("azure-2026 allows two per Windows plan but one per Linux plan", () => {
        const facts = validFacts({ others: [claim("plan-1", "10.0.2.0/26")] });
        expect(codes(facts, azure2026)).toEqual([]);
        expect(codes({ ...facts, plan: { ...facts.plan, linux: true } }, azure2026)).toEqual(["VNI-R05:error"]);
    });
    test("the same subnet for another plan fails; azure-2026 allows it at /26", () => {
        const facts = validFacts({ others: [claim("plan-2", "10.0.1.0/26")] });
        expect(codes(facts)).toEqual(["VNI-R06:error"]);
        expect(codes(facts, azure2026)).toEqual([]);
        const small = validFacts({
            maxInstances: 2,
            subnet: { kind: "create", name: "i", addressPrefix: "10.0.1.0/27", routeTable: false },
            others: [claim("plan-2", "10.0.1.0/27")],
        });
        expect(messages(small, "VNI-R06", azure2026)[0]).toContain("/26 or larger only");
    });
});

describe("VNI-R06 subnet-exclusive on one subnet", () => {
    const adopt = (extra: object) =>
        validFacts({ subnet: { kind: "adopt", name: "existing", addressPrefix: "10.0.1.0/26", routeTable: false, ...extra } as RegionalFacts["subnet"] });
    test("a reserved name fails", () => {
        expect(messages(validFacts({ subnet: { kind: "create", name: "GatewaySubnet", addressPrefix: "10.0.1.0/26", routeTable: false } }), "VNI-R06")[0]).toContain(
            "GatewaySubnet is reserved",
        );
    });
    test("another delegation, no delegation and other resources fail", () => {
        // Delegations are VNI-R13's (subnet-delegation) since the catalog has it; VNI-R06 keeps what sits in the subnet.
        expect(messages(adopt({ delegations: ["Microsoft.Sql/managedInstances"] }), "VNI-R13")[0]).toContain("delegated to Microsoft.Sql/managedInstances");
        expect(messages(adopt({ delegations: ["Microsoft.Web/serverFarms", "Microsoft.Sql/managedInstances"] }), "VNI-R13")[0]).toContain("delegated to Microsoft.Sql/managedInstances");
        expect(messages(adopt({ delegations: [] }), "VNI-R13")[0]).toContain("has no delegation");
        expect(messages(adopt({ usedBy: ["vm-nic-1"] }), "VNI-R06")[0]).toContain("already holds vm-nic-1");
    });
    test("an empty subnet delegated to serverfarms (any case) passes", () => {
        expect(codes(adopt({ delegations: ["Microsoft.Web/serverfarms"], usedBy: [] }))).toEqual([]);
    });
});

describe("VNI-R07 subnet-placement", () => {
    test("outside the VNet fails", () => {
        const facts = validFacts({ subnet: { kind: "create", name: "i", addressPrefix: "10.1.0.0/26", routeTable: false } });
        expect(messages(facts, "VNI-R07")[0]).toContain("subnet 10.1.0.0/26 is not inside address space 10.0.0.0/16");
    });
    test("overlapping a reserved prefix fails", () => {
        const facts = validFacts({ subnet: { kind: "create", name: "i", addressPrefix: "10.0.0.0/26", routeTable: false } });
        expect(messages(facts, "VNI-R07")[0]).toContain("overlaps 10.0.0.0/24");
    });
    test("adopting a subnet listed among the reserved prefixes is not an overlap", () => {
        const facts = validFacts({ subnet: { kind: "adopt", name: "s", addressPrefix: "10.0.0.0/24", routeTable: false } });
        expect(codes(facts)).toEqual([]);
    });
    test("allocation picks the lowest free block and sizes it for twice the scale", () => {
        const outcome = checkRegional(validFacts({ subnet: { kind: "allocate", name: "i", routeTable: false }, maxInstances: 30 }), documented);
        expect(outcome.findings).toEqual([]);
        expect(outcome.addressPrefix).toBe("10.0.1.0/25");
    });
    test("a full VNet says no block is left", () => {
        const facts = validFacts({ virtualNetwork: { ...validFacts().virtualNetwork, addressSpace: ["10.0.0.0/24"] }, subnet: { kind: "allocate", name: "i", prefixLength: 26, routeTable: false } });
        expect(messages(facts, "VNI-R07")[0]).toContain("no free /26 block is left in address space 10.0.0.0/24");
    });
});

describe("VNI-R08 rfc1918-only, VNI-R09 no-global-peering, VNI-R10 no-custom-routes", () => {
    test("a public on-premises range fails under documented; azure-2026 asks for route-all, then passes", () => {
        const facts = validFacts({ onPremisesPrefixes: ["203.0.113.0/24"] });
        expect(messages(facts, "VNI-R08")[0]).toContain("on-premises range 203.0.113.0/24 is outside RFC 1918");
        expect(messages(facts, "VNI-R08", azure2026)[0]).toContain("set routing.applicationTraffic to true");
        expect(codes({ ...facts, routing: { applicationTraffic: true } }, azure2026)).toEqual([]);
    });
    test("a peer in another region fails under documented only", () => {
        const facts = validFacts({ peeredNetworks: [{ name: "spoke", location: "eastus", addressPrefixes: ["10.5.0.0/16"] }] });
        expect(codes(facts)).toEqual(["VNI-R09:error"]);
        expect(codes(facts, azure2026)).toEqual([]);
        expect(codes({ ...facts, peeredNetworks: [{ ...facts.peeredNetworks[0], location: "westeurope" }] })).toEqual([]);
    });
    test("a route table on the subnet fails under documented only", () => {
        const facts = validFacts({ subnet: { kind: "create", name: "i", addressPrefix: "10.0.1.0/26", routeTable: true } });
        expect(codes(facts)).toEqual(["VNI-R10:error"]);
        expect(codes(facts, azure2026)).toEqual([]);
    });
});

describe("VNI-R11 linux-container-port and VNI-R12 one-attachment-form", () => {
    test("a container app without PORT settings warns; with WEBSITES_PORT it passes", () => {
        expect(codes(validFacts({ apps: [app("c", { linuxContainer: true, listensOnPortSetting: false })] }))).toEqual(["VNI-R11:warning"]);
        expect(codes(validFacts({ apps: [app("c", { linuxContainer: true, listensOnPortSetting: true })] }))).toEqual([]);
    });
    test("an attached app that sets its own subnet id fails", () => {
        const facts = validFacts({ apps: [app("orders", { ownSubnetId: "/subscriptions/s/x" })] });
        expect(messages(facts, "VNI-R12")[0]).toContain("app orders sets virtualNetworkSubnetId");
    });
});

describe("VNI-X02 bad-address", () => {
    test.each([
        ["10.0.1.1/26", "has host bits set; the block it names is 10.0.1.0/26"],
        ["10.0.1.0/33", "is not an IPv4 CIDR block"],
        ["fd00::/64", "is IPv6"],
        ["10.0.01.0/26", "is not an IPv4 CIDR block"],
    ])("%s is rejected quoting it", (prefix, text) => {
        const facts = validFacts({ subnet: { kind: "create", name: "i", addressPrefix: prefix, routeTable: false } });
        expect(codes(facts)).toEqual(["VNI-X02:error"]);
        expect(messages(facts, "VNI-X02")[0]).toContain(`"${prefix}" ${text}`);
    });
    test("a bad DNS server is rejected", () => {
        const facts = validFacts({ virtualNetwork: { ...validFacts().virtualNetwork, dnsServers: ["10.0.0.300"] } });
        expect(messages(facts, "VNI-X02")[0]).toContain('DNS server of virtual network hub: "10.0.0.300"');
    });
});

describe("VNI-R07: one prefix used twice by the program", () => {
    const claim = (component: string, createsSubnet: boolean) => ({ component, planKey: "plan-2", planName: "p2", planLinux: false, vnetKey: "vnet-1", addressPrefix: "10.0.1.0/26", createsSubnet });
    const create = { kind: "create", name: "i", addressPrefix: "10.0.1.0/26", routeTable: false } as const;
    test("two components creating one prefix fail even where plans may share it (azure-2026, /26)", () => {
        expect(messages(validFacts({ subnet: create, others: [claim("first", true)] }), "VNI-R07", azure2026)[0]).toContain("is also created by component first");
    });
    test("one creates, the other adopts: passes under azure-2026", () => {
        const adopt = { kind: "adopt", name: "i", addressPrefix: "10.0.1.0/26", routeTable: false } as const;
        expect(codes(validFacts({ subnet: adopt, others: [claim("first", true)] }), azure2026)).toEqual([]);
        expect(codes(validFacts({ subnet: create, others: [claim("first", false)] }), azure2026)).toEqual([]);
    });
    test("a regional subnet on the GatewaySubnet the program creates fails", () => {
        expect(messages(validFacts({ subnet: create, programGatewaySubnets: ["10.0.1.0/26"] }), "VNI-R07", azure2026)[0]).toContain("is the GatewaySubnet a gateway integration of this program creates");
    });
});

describe("VNI-R14 dns-servers over what siteArgs carries", () => {
    const six = ["10.0.0.4", "10.0.0.5", "10.0.0.6", "10.0.0.7", "10.0.0.8", "10.0.0.9"];
    const withDns = (vnetDns: string[], picked?: string[]) => validFacts({ virtualNetwork: { ...validFacts().virtualNetwork, dnsServers: vnetDns }, siteDns: { picked, label: "siteArgs of int" } });
    test("more than 5 VNet servers and no pick pass: apps use the VNet's DNS and siteArgs pins none (issue 17); a pick of 6 names the argument", () => {
        for (const profile of [documented, azure2026]) expect(codes(withDns(six), profile)).toEqual([]);
        expect(messages(withDns(six, six), "VNI-R14", azure2026)[0]).toContain("the component's dnsServers argument");
    });
    test("a pick of at most 5 passes; a pick of 6 fails; 5 VNet servers pass", () => {
        expect(codes(withDns(six, six.slice(0, 5)), azure2026)).toEqual([]);
        expect(messages(withDns([], six), "VNI-R14", azure2026)[0]).toContain("its dnsConfiguration lists 6 DNS servers");
        expect(codes(withDns(six.slice(0, 5)), azure2026)).toEqual([]);
    });
    test("a picked server that is not an address is VNI-X02", () => {
        expect(codes(withDns([], ["dns.example"]), azure2026)).toContain("VNI-X02:error");
    });
    test("without siteDns (the policy pack's facts) VNI-R14 is not judged here", () => {
        expect(codes(validFacts({ virtualNetwork: { ...validFacts().virtualNetwork, dnsServers: six } }), azure2026)).toEqual([]);
    });
});
