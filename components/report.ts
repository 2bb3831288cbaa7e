/** How every component turns rule findings into a thrown error or logged warnings. */
import * as pulumi from "@pulumi/pulumi";
import { VnetIntegrationError } from "./errors";
import { evaluate, Finding, formatViolation, Suppressions, Violation } from "./rules/engine";
import { DEFAULT_LIMITS_PROFILE, isLimitsProfileName, LIMITS_PROFILES, LimitsProfile } from "./rules/profiles";

/** The limits profile a component asked for; an unknown name stops it at once. */
export function limitsProfile(component: pulumi.Resource, name: string, limits: unknown): LimitsProfile {
    const chosen = limits ?? DEFAULT_LIMITS_PROFILE;
    if (!isLimitsProfileName(chosen)) {
        throw new pulumi.ResourceError(`${name}: unknown limits profile ${JSON.stringify(chosen)}; use "documented" or "azure-2026"`, component);
    }
    return LIMITS_PROFILES[chosen];
}

/**
 * Throws a VnetIntegrationError listing every error; logs each warning against the
 * component; returns the warnings and suppressed findings for its `violations` output.
 */
export function reportFindings(component: pulumi.Resource, name: string, findings: readonly Finding[], suppress: Suppressions | undefined): Violation[] {
    const outcome = evaluate(findings, suppress);
    if (outcome.errors.length > 0) throw new VnetIntegrationError(name, outcome.errors, component);
    for (const warning of outcome.warnings) void pulumi.log.warn(formatViolation(warning), component);
    return [...outcome.warnings, ...outcome.suppressed];
}
