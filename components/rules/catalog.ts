/**
 * The rule catalog: every stable code the library reports. Codes are public API
 * (users grep, suppress and read them): never renumber or reuse one.
 * Source of truth for wording: shared/spec/rules.md.
 */

export type Severity = "error" | "warning";

export interface RuleDefinition {
    readonly code: string;
    readonly name: string;
    /** The severity the rule reports by default; a rule may report a lesser one (VNI-R03). */
    readonly severity: Severity;
}

function define<const C extends string>(code: C, name: string, severity: Severity) {
    return { code, name, severity } as const;
}

export const RULES = {
    "VNI-R01": define("VNI-R01", "plan-tier", "error"),
    "VNI-R02": define("VNI-R02", "subnet-size", "error"),
    "VNI-R03": define("VNI-R03", "subnet-capacity", "error"),
    "VNI-R04": define("VNI-R04", "same-region", "error"),
    "VNI-R05": define("VNI-R05", "one-per-plan", "error"),
    "VNI-R06": define("VNI-R06", "subnet-exclusive", "error"),
    "VNI-R07": define("VNI-R07", "subnet-placement", "error"),
    "VNI-R08": define("VNI-R08", "rfc1918-only", "error"),
    "VNI-R09": define("VNI-R09", "no-global-peering", "error"),
    "VNI-R10": define("VNI-R10", "no-custom-routes", "error"),
    "VNI-R11": define("VNI-R11", "linux-container-port", "warning"),
    "VNI-R12": define("VNI-R12", "one-attachment-form", "error"),
    "VNI-R13": define("VNI-R13", "subnet-delegation", "error"),
    "VNI-R14": define("VNI-R14", "dns-servers", "error"),
    "VNI-R15": define("VNI-R15", "one-integration-per-app", "error"),
    "VNI-R16": define("VNI-R16", "private-endpoint-dns", "warning"),
    "VNI-R17": define("VNI-R17", "outbound-without-route-all", "warning"),
    "VNI-R18": define("VNI-R18", "no-service-endpoint-policies", "error"),
    "VNI-R19": define("VNI-R19", "cross-subscription", "warning"),
    "VNI-R20": define("VNI-R20", "ipv4-only-vnet", "error"),
    "VNI-G01": define("VNI-G01", "plan-tier", "error"),
    "VNI-G02": define("VNI-G02", "windows-only", "error"),
    "VNI-G03": define("VNI-G03", "vnets-per-plan", "error"),
    "VNI-G04": define("VNI-G04", "one-vnet-per-app", "error"),
    "VNI-G05": define("VNI-G05", "p2s-rfc1918", "error"),
    "VNI-G06": define("VNI-G06", "p2s-overlap", "error"),
    "VNI-G07": define("VNI-G07", "route-based-p2s", "error"),
    "VNI-G08": define("VNI-G08", "sstp-only", "error"),
    "VNI-G09": define("VNI-G09", "no-expressroute", "error"),
    "VNI-G10": define("VNI-G10", "same-subscription", "error"),
    "VNI-G11": define("VNI-G11", "gateway-subnet", "error"),
    "VNI-G12": define("VNI-G12", "no-bgp-site-to-site", "error"),
    "VNI-G13": define("VNI-G13", "on-prem-routes", "warning"),
    "VNI-G14": define("VNI-G14", "retirement", "warning"),
    "VNI-G15": define("VNI-G15", "no-transit-on-basic", "error"),
    "VNI-G16": define("VNI-G16", "one-gateway-per-vnet", "error"),
    /** Error under azure-2026, warning under documented (the rule reports the lesser one). */
    "VNI-G17": define("VNI-G17", "no-new-sstp-gateway", "error"),
    "VNI-P01": define("VNI-P01", "hub-peering-flags", "error"),
    "VNI-P02": define("VNI-P02", "peer-peering-flags", "error"),
    "VNI-P03": define("VNI-P03", "route-coverage", "error"),
    "VNI-P04": define("VNI-P04", "address-overlap", "error"),
    "VNI-P05": define("VNI-P05", "peer-has-gateway", "error"),
    "VNI-P06": define("VNI-P06", "route-form", "error"),
    "VNI-X01": define("VNI-X01", "bad-suppression", "error"),
    "VNI-X02": define("VNI-X02", "bad-address", "error"),
} as const;

export type RuleCode = keyof typeof RULES;

export function isRuleCode(code: string): code is RuleCode {
    return Object.prototype.hasOwnProperty.call(RULES, code);
}
