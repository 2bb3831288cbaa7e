/**
 * The policies: one mandatory stack policy per rule code, and one advisory policy for every
 * warning. Each reads the stack's raw azure-native resources (./stack.ts), gathers the facts
 * of each integration (./checks.ts) and runs the library's own rule functions over them.
 */
import type { PolicyConfigSchema, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { RULES, RuleCode } from "../rules/catalog";
import { checkSuppressions, evaluate, Finding, formatViolation, Suppressions, Violation } from "../rules/engine";
import { DEFAULT_LIMITS_PROFILE, isLimitsProfileName, LIMITS_PROFILES, LimitsProfileName } from "../rules/profiles";
import { stackUnits, Unit } from "./checks";
import { readStack, StackResource } from "./stack";

/** What each policy of the pack reads from its configuration (`pulumi preview --policy-pack-config`). */
export interface VnetIntegrationPolicyConfig {
    /**
     * Which limits the rules enforce: the 2019 page (`documented`) or what Azure enforces today
     * (`azure-2026`). Constraint: one of the two names.
     * @default "azure-2026"
     * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration
     */
    readonly limits?: LimitsProfileName;
    /**
     * Rule codes to silence, each with the reason, e.g. `{ "VNI-R03": "autoscale is capped at 8" }`.
     * Constraint: known codes, non-empty reasons; anything else is reported as VNI-X01.
     * @default {}
     * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration
     */
    readonly suppress?: Suppressions;
}

/** The rules the pack checks over raw resources, each with what it guards. */
export const POLICY_RULES: Readonly<Partial<Record<RuleCode, string>>> = {
    "VNI-R01": "The plan of an app with regional VNet Integration is of a tier that supports it.",
    "VNI-R02": "A subnet apps integrate with is large enough for regional VNet Integration.",
    "VNI-R03": "The subnet has an address for every instance the plan may run.",
    "VNI-R04": "Plan, apps and VNet of a regional integration are in one region.",
    "VNI-R05": "A plan has no more regional integrations than Azure allows.",
    "VNI-R06": "The integration subnet is not a reserved subnet, is used by no other plan and holds nothing else.",
    "VNI-R07": "The integration subnet lies inside its VNet and overlaps no other subnet of it.",
    "VNI-R12": "An app is attached either by its own virtualNetworkSubnetId or by a swift connection, not both.",
    "VNI-R13": "A subnet apps integrate with is delegated to the plan's service only: Microsoft.Web/serverFarms, or Microsoft.App/environments for Flex Consumption.",
    "VNI-R14": "A site's own dnsConfiguration lists no more than 5 DNS servers.",
    "VNI-R15": "An app has one regional integration (one swift connection).",
    "VNI-R20": "The integration VNet has no IPv6 address space (Azure refuses regional integration with one).",
    "VNI-G01": "The plan of an app with gateway-required integration is of a tier that supports it.",
    "VNI-G02": "Gateway-required integration is used by Windows plans only.",
    "VNI-G05": "The point-to-site address pool is inside RFC 1918.",
    "VNI-G06": "The point-to-site address pool overlaps neither the VNet nor its peers.",
    "VNI-G07": "The gateway is a route-based VPN gateway with point-to-site configured.",
    "VNI-G08": "The gateway's point-to-site protocols are exactly SSTP (non-Basic SKUs) or include SSTP (Basic).",
    "VNI-G11": "The gateway subnet is named GatewaySubnet, is /29 or larger and lies inside the VNet.",
    "VNI-G15": "A Basic gateway, which has no transit, has no peers to route to.",
    "VNI-G16": "A VNet has at most one VPN gateway and one GatewaySubnet.",
    "VNI-G17": "No new gateway enables SSTP (refused by Azure since 31 March 2026).",
    "VNI-P01": "The peering from the hub to a peer allows VNet access, forwarded traffic and gateway transit.",
    "VNI-P02": "The peering from a peer to the hub allows VNet access and forwarded traffic and uses remote gateways.",
    "VNI-P03": "The plan's routes cover every address prefix of every peer.",
    "VNI-P04": "Peered address spaces overlap neither the hub, each other nor the point-to-site pool.",
    "VNI-P05": "A peer that uses the hub's gateway has no gateway of its own.",
    "VNI-X02": "Every address and CIDR block of the integration's resources parses as IPv4.",
};

/** The JSON schema of the pack's configuration, the same for every policy. */
export const CONFIG_SCHEMA: PolicyConfigSchema = {
    properties: {
        limits: { type: "string", enum: ["documented", "azure-2026"], default: DEFAULT_LIMITS_PROFILE },
        suppress: { type: "object", additionalProperties: { type: "string" } },
    },
};

const MICROSOFT_PAGE = "https://learn.microsoft.com/azure/app-service/overview-vnet-integration";

type UnitResult = { urn: string; codes: readonly RuleCode[]; findings?: Finding[]; deferred?: unknown };

/**
 * One evaluation of the stack per profile, shared by every policy of one run: the engine
 * hands each policy its own copy of the resources, so the cache is keyed by their content
 * (the raw properties behind the engine's proxy, unknown markers included).
 */
let lastEvaluation: { key: string; byProfile: Map<string, UnitResult[]> } | undefined;

function contentKey(resources: readonly StackResource[]): string {
    return JSON.stringify(
        resources.map((r) => {
            const props = r.props as Record<string, unknown>;
            const raw = props["__isSpecialProxy"] === true ? props["__getSpecialProxyTarget"] : props;
            const dependencies = Object.entries(r.propertyDependencies ?? {}).map(([k, v]) => [k, v.map((d) => d.urn)]);
            return [r.type, r.urn, raw, dependencies];
        }),
    );
}

function evaluateUnits(args: StackValidationArgs, limits: LimitsProfileName): UnitResult[] {
    const resources = args.resources as readonly StackResource[];
    const key = contentKey(resources);
    if (lastEvaluation?.key !== key) lastEvaluation = { key, byProfile: new Map() };
    let results = lastEvaluation.byProfile.get(limits);
    if (!results) {
        const units: Unit[] = stackUnits(readStack(resources));
        results = units.map((unit) => {
            try {
                return { urn: unit.urn, codes: unit.codes, findings: unit.check(LIMITS_PROFILES[limits]) };
            } catch (error) {
                // The engine's UnknownValueError (a fact unknown at preview), or a real bug: thrown by the policy that needs it.
                return { urn: unit.urn, codes: unit.codes, deferred: error };
            }
        });
        lastEvaluation.byProfile.set(limits, results);
    }
    return results;
}

function configOf(args: StackValidationArgs): { limits: LimitsProfileName; suppress?: Suppressions; problems: Finding[] } {
    const config = (args.getConfig<VnetIntegrationPolicyConfig>() ?? {}) as VnetIntegrationPolicyConfig;
    const problems = checkSuppressions(config.suppress);
    const limits = config.limits ?? DEFAULT_LIMITS_PROFILE;
    if (!isLimitsProfileName(limits)) {
        problems.push({ code: "VNI-X01", message: `unknown limits profile ${JSON.stringify(limits)} in the policy pack config. Fix: use "documented" or "azure-2026".` });
        return { limits: DEFAULT_LIMITS_PROFILE, suppress: config.suppress, problems };
    }
    return { limits, suppress: config.suppress, problems };
}

/**
 * Runs the rules over the stack and reports, against each unit's resource, the violations
 * `select` keeps. A unit whose facts are unknown at preview rethrows the engine's error after
 * the others are reported, so the engine marks the policy advisory for this run.
 */
function validate(
    args: StackValidationArgs,
    reportViolation: ReportViolation,
    concerns: (codes: readonly RuleCode[]) => boolean,
    select: (outcome: ReturnType<typeof evaluate>) => readonly Violation[],
) {
    const config = configOf(args);
    for (const problem of evaluate(config.problems).errors) reportViolation(formatViolation(problem));
    let deferred: unknown;
    const reported = new Set<string>();
    for (const result of evaluateUnits(args, config.limits)) {
        if (!concerns(result.codes)) continue;
        if (result.deferred !== undefined) {
            deferred ??= result.deferred;
            continue;
        }
        for (const v of select(evaluate(result.findings!, config.suppress))) {
            const line = formatViolation(v);
            if (reported.has(`${result.urn}|${line}`)) continue;
            reported.add(`${result.urn}|${line}`);
            reportViolation(line, result.urn);
        }
    }
    if (deferred !== undefined) throw deferred;
}

function policyName(code: RuleCode): string {
    return `${code.toLowerCase()}-${RULES[code].name}`;
}

/** The mandatory policy of one rule code: its errors, after suppressions. */
export function rulePolicy(code: RuleCode): StackValidationPolicy {
    return {
        name: policyName(code),
        description: `${code} ${RULES[code].name}: ${POLICY_RULES[code] ?? RULES[code].name}`,
        enforcementLevel: "mandatory",
        severity: "high",
        url: MICROSOFT_PAGE,
        configSchema: CONFIG_SCHEMA,
        remediationSteps: "Each violation ends with `Fix:` and what to change; a rule may be suppressed with a reason in the pack config.",
        validateStack: (args, reportViolation) =>
            validate(
                args,
                reportViolation,
                (codes) => codes.includes(code),
                (outcome) => outcome.errors.filter((v) => v.code === code),
            ),
    };
}

/** The advisory policy: every warning of every rule (VNI-R03 headroom, VNI-G11 below /27, VNI-G14 retirement, VNI-G17 under documented). */
export const warningsPolicy: StackValidationPolicy = {
    name: "vni-warnings",
    description: "Warnings of the VNet Integration rules: what works today but is fragile, retiring or below a recommendation.",
    enforcementLevel: "advisory",
    severity: "low",
    url: MICROSOFT_PAGE,
    configSchema: CONFIG_SCHEMA,
    validateStack: (args, reportViolation) =>
        validate(
            args,
            reportViolation,
            () => true,
            (outcome) => outcome.warnings,
        ),
};

/** Every policy of the pack: one per rule code of POLICY_RULES, then the warnings. */
export const policies: StackValidationPolicy[] = [...(Object.keys(POLICY_RULES) as RuleCode[]).map(rulePolicy), warningsPolicy];
