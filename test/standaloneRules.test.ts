/** The standalone rule functions the policy pack calls and the components will: VNI-R13, R14, G16, G17. */
import fc from "fast-check";
import { checkNewSstpGateway, checkOneGatewayPerVnet, checkSiteDnsServers, checkSubnetDelegation, LIMITS_PROFILES, RULES, SITE_DNS_SERVER_LIMIT } from "../components/rules";

const serverFarmsSpelling = fc.constantFrom("Microsoft.Web/serverFarms", "microsoft.web/serverfarms", "Microsoft.Web/ServerFarms");
const otherService = fc.constantFrom("Microsoft.Sql/managedInstances", "Microsoft.ContainerInstance/containerGroups", "Microsoft.Web/hostingEnvironments");

describe("VNI-R13 subnet-delegation", () => {
    test("passes exactly when every delegation is Microsoft.Web/serverFarms (any case) and there is one", () => {
        fc.assert(
            fc.property(fc.array(fc.oneof(serverFarmsSpelling, otherService), { maxLength: 4 }), (delegations) => {
                const findings = checkSubnetDelegation("apps", delegations);
                const ok = delegations.length > 0 && delegations.every((d) => d.toLowerCase() === "microsoft.web/serverfarms");
                return ok ? findings.length === 0 : findings.length === 1 && findings[0].code === "VNI-R13" && /Fix: /.test(findings[0].message);
            }),
        );
    });

    test("the message names the foreign delegation", () => {
        expect(checkSubnetDelegation("apps", ["Microsoft.Web/serverFarms", "Microsoft.Sql/managedInstances"])[0].message).toContain("delegated to Microsoft.Sql/managedInstances");
    });
});

describe("VNI-R14 dns-servers", () => {
    const servers = (n: number) => Array.from({ length: n }, (_, i) => `10.0.0.${i + 4}`);

    test("fires exactly when the site's own dnsConfiguration lists more than 5; the VNet's servers, which the site inherits without a pick, never fire it (issue 17)", () => {
        fc.assert(
            fc.property(fc.nat(20), fc.option(fc.nat(8), { nil: undefined }), (vnetCount, siteCount) => {
                const findings = checkSiteDnsServers("app orders", "hub", servers(vnetCount), siteCount === undefined ? undefined : servers(siteCount));
                const picked = siteCount ?? 0;
                return (findings.length === 1 && findings[0].code === "VNI-R14") === picked > SITE_DNS_SERVER_LIMIT && findings.length <= 1;
            }),
        );
    });

    test("the message counts the servers and says how to pick", () => {
        const [finding] = checkSiteDnsServers("app orders", "hub", servers(7), servers(6));
        expect(finding.message).toMatch(/^app orders: its dnsConfiguration lists 6 DNS servers .*at most 5\. Fix: pick at most 5 in the site's dnsConfiguration\.dnsServers, or pick none/);
    });
});

describe("VNI-G16 one-gateway-per-vnet", () => {
    test("one gateway and one GatewaySubnet pass; a second of either fails, naming them", () => {
        expect(checkOneGatewayPerVnet("hub", ["gw"], ["GatewaySubnet"])).toEqual([]);
        expect(checkOneGatewayPerVnet("hub", [], [])).toEqual([]);
        const findings = checkOneGatewayPerVnet("hub", ["gw", "gw-2"], ["GatewaySubnet 10.0.255.0/27", "GatewaySubnet 10.0.254.0/27"]);
        expect(findings.map((f) => f.code)).toEqual(["VNI-G16", "VNI-G16"]);
        expect(findings[0].message).toContain("gw, gw-2");
    });
});

describe("VNI-G17 no-new-sstp-gateway", () => {
    const created = { name: "gw", created: true, protocols: ["SSTP"] };

    test("error under azure-2026, warning under documented, for a gateway created with SSTP", () => {
        expect(checkNewSstpGateway(created, LIMITS_PROFILES["azure-2026"])).toEqual([expect.objectContaining({ code: "VNI-G17", severity: "error" })]);
        expect(checkNewSstpGateway(created, LIMITS_PROFILES.documented)).toEqual([expect.objectContaining({ code: "VNI-G17", severity: "warning" })]);
    });

    test("an adopted gateway, or one without SSTP, is not concerned", () => {
        expect(checkNewSstpGateway({ ...created, created: false }, LIMITS_PROFILES["azure-2026"])).toEqual([]);
        expect(checkNewSstpGateway({ ...created, protocols: ["IkeV2"] }, LIMITS_PROFILES["azure-2026"])).toEqual([]);
    });
});

test("the new codes are in the catalog with the spec's names", () => {
    expect([RULES["VNI-R13"].name, RULES["VNI-R14"].name, RULES["VNI-G16"].name, RULES["VNI-G17"].name]).toEqual(["subnet-delegation", "dns-servers", "one-gateway-per-vnet", "no-new-sstp-gateway"]);
});
