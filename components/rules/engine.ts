/**
 * Collects findings, applies suppressions (VNI-X01) and splits errors from warnings.
 * Rules never throw one at a time: every problem of one component is reported together.
 */
import { isRuleCode, RULES, RuleCode, Severity } from "./catalog";
import type { Finding } from "./finding";
import { checkInput, shape, shown } from "./input";

export type { Finding };

const FINDING = shape.record({ code: shape.oneOf(...Object.keys(RULES)), message: shape.string, severity: shape.optional(shape.oneOf("error", "warning")) });

/** One broken rule, as reported to users. */
export interface Violation {
    readonly code: RuleCode;
    readonly name: string;
    readonly severity: Severity;
    /** What is wrong, with the offending value, and how to fix it. */
    readonly message: string;
}


/** Rule codes a user chose to silence for one component, each with the reason. */
export type Suppressions = Readonly<Record<string, string>>;

export interface Evaluation {
    readonly errors: readonly Violation[];
    readonly warnings: readonly Violation[];
    /** Findings silenced by a valid suppression, kept for the record. */
    readonly suppressed: readonly Violation[];
}

export function violation(finding: Finding): Violation {
    checkInput("violation", { finding: [finding, FINDING] });
    const rule = RULES[finding.code];
    return { code: rule.code, name: rule.name, severity: finding.severity ?? rule.severity, message: finding.message };
}

/** `VNI-R02 subnet-size: <message>`: the one-line form used in errors and logs. */
export function formatViolation(v: Violation): string {
    checkInput("formatViolation", { violation: [v, shape.record({ code: shape.string, name: shape.string, message: shape.string })] });
    return `${v.code} ${v.name}: ${v.message}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** VNI-X01: a suppression must name a known code and give a reason. */
export function checkSuppressions(suppress: unknown): Finding[] {
    if (suppress === undefined) return [];
    if (!isPlainObject(suppress)) {
        return [{ code: "VNI-X01", message: `suppress must be an object of { "<rule code>": "<reason>" }, got ${shown(suppress)}` }];
    }
    const findings: Finding[] = [];
    for (const [code, reason] of Object.entries(suppress)) {
        if (!isRuleCode(code)) {
            findings.push({
                code: "VNI-X01",
                message: `suppression of unknown rule code "${code}". Fix: use one of ${Object.keys(RULES).join(", ")}`,
            });
        } else if (code === "VNI-X01") {
            findings.push({ code: "VNI-X01", message: `VNI-X01 cannot be suppressed. Fix: correct the suppressions instead` });
        } else if (typeof reason !== "string" || reason.trim() === "") {
            findings.push({
                code: "VNI-X01",
                message: `suppression of ${code} gives no reason. Fix: write why it is safe, e.g. suppress: { "${code}": "Azure allows /28 since 2021" }`,
            });
        }
    }
    return findings;
}

/**
 * Applies the valid suppressions of `suppress` to the findings and sorts the outcome by
 * severity. Problems of `suppress` itself are `checkSuppressions`'s: add them once.
 */
export function evaluate(findings: readonly Finding[], suppress?: Suppressions): Evaluation {
    checkInput("evaluate", { findings: [findings, shape.list(FINDING)] });
    const validSuppressions = new Set(
        Object.entries(isPlainObject(suppress) ? suppress : {})
            .filter(([code, reason]) => isRuleCode(code) && code !== "VNI-X01" && typeof reason === "string" && reason.trim() !== "")
            .map(([code]) => code),
    );
    const errors: Violation[] = [];
    const warnings: Violation[] = [];
    const suppressed: Violation[] = [];
    for (const finding of findings) {
        const v = violation(finding);
        if (validSuppressions.has(v.code)) suppressed.push(v);
        else if (v.severity === "error") errors.push(v);
        else warnings.push(v);
    }
    return { errors, warnings, suppressed };
}
