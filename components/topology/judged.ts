/** The judged part of a topology (profile, findings, deferred rules), built from a component's rule run. */
import { RULES } from "../rules/catalog";
import type { Finding, Suppressions } from "../rules/engine";
import type { Deferral } from "../rules/known";
import type { LimitsProfileName } from "../rules/profiles";
import type { Judged, TopologyFinding } from "./model";

/** What a component's rules said, as the topology carries it: suppressed findings marked, not dropped. */
export function judged(component: string, limits: LimitsProfileName, findings: readonly Finding[], deferred: readonly Deferral[], suppress?: Suppressions): Required<Judged> {
    const silenced = new Set(Object.keys(suppress && typeof suppress === "object" ? suppress : {}));
    return {
        component,
        limits,
        findings: findings.map((f): TopologyFinding => {
            const rule = RULES[f.code];
            return { code: f.code, name: rule?.name, severity: f.severity ?? rule?.severity ?? "error", message: f.message, component, ...(silenced.has(f.code) ? { suppressed: true } : {}) };
        }),
        deferred: deferred.map((d) => ({ codes: [...d.codes], why: d.why, component })),
    };
}

const recorded = new WeakMap<object, unknown>();

/**
 * Each component records its topology as its rules judge it, before an error stops it: the
 * `topology` output of a refused component never settles, but its diagram still draws what
 * was refused and why. Values may hold `Unknown` facts (at preview).
 */
export function recordTopology(component: object, topology: unknown): void {
    recorded.set(component, topology);
}

/** The topology a component recorded, if any (see recordTopology). */
export function recordedTopology(component: object): unknown {
    return recorded.get(component);
}
