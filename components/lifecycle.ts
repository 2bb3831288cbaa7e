/**
 * When a component's rules run: the one lifecycle all three components share.
 *
 *   args -> fact sources -> settle (each fact known or Unknown) -> rules -> report -> children
 *
 * Plain facts are checked in the constructor. Otherwise each fact is read on its own as soon
 * as Pulumi gives it (at preview: inputs the program set are known, everything else is
 * Unknown), the rules run over what is known, rules that read an Unknown are deferred and
 * said so, and the checked result becomes the Output every child takes its inputs from: an
 * error registers no child. Checks keep the program's declaration order (program.ts), so
 * allocation and program-wide rules are deterministic.
 */
import * as pulumi from "@pulumi/pulumi";
import { afterEarlierChecks, earlierChecksPending, recordDeferrals, ruleErrorSink } from "./program";
import { currentRun, inRun } from "./program/run";
import { reportFindings } from "./report";
import { applyEvenIfUnknown } from "./sdk";
import { checkSuppressions, Finding, Suppressions, Violation } from "./rules/engine";
import { Deferral, formatDeferral, isFullyKnown, isUnknown, Maybe } from "./rules/known";
import { asComponentError } from "./shared/argsCheck";
import { settleFacts, SettledFacts } from "./shared/facts";

/** What a component's rules decided over its facts. */
export interface RuleVerdict<T> {
    readonly findings: readonly Finding[];
    readonly deferred: readonly Deferral[];
    /** What the children are built from (an allocated prefix, ...). */
    readonly result: T;
    /** Records this component's claims in the program, once its errors are known to be none. */
    readonly claim?: () => void;
}

export type Checked<T> = T & { readonly reported: readonly Violation[] };

export interface CheckedFacts<T> {
    /** The result, when every fact was plain and the rules ran in the constructor. */
    readonly now?: Checked<T>;
    /**
     * The result as an Output: known as soon as the rules ran (at preview too), carrying the
     * dependencies of every fact source, failing with the rule error.
     */
    readonly output: pulumi.Output<Checked<T>>;
}

/** Checks a component's facts as soon as they are known; see the module comment. */
export function checkWhenKnown<S, T>(
    component: pulumi.Resource,
    name: string,
    suppress: Suppressions | undefined,
    sources: S,
    rules: (facts: SettledFacts<S>) => RuleVerdict<T>,
): CheckedFacts<T> {
    // Checks that run when facts resolve still belong to the run that declared the component.
    const run = currentRun();
    const decide = (facts: SettledFacts<S>): Checked<T> => inRun(run, () => {
        // Facts of the wrong type that only a settled Output showed: the component's error.
        const verdict = asComponentError(component, name, () => rules(facts));
        const reported = reportFindings(component, name, [...checkSuppressions(suppress), ...verdict.findings], suppress);
        reportDeferrals(component, name, verdict.deferred);
        verdict.claim?.();
        return { ...verdict.result, reported };
    });
    const settled = settleFacts(sources);
    // Plain facts are checked at once, unless a component declared earlier still waits for its
    // facts: this one's claims must come after that one's (declaration order, for every mix).
    if (!(settled.facts instanceof Promise) && !earlierChecksPending()) {
        const now = decide(settled.facts);
        return { now, output: pulumi.output(now) as pulumi.Output<Checked<T>> };
    }
    const checked = afterEarlierChecks(Promise.resolve(settled.facts), decide);
    return { output: gate(component, checked, settled.outputs) };
}

/**
 * An Output of `checked` that carries the dependencies (and secrecy) of `sources` without
 * their unknown-ness: at preview a checked prefix stays known though the VNet's id is not.
 */
function gate<T>(component: pulumi.Resource, checked: Promise<T>, sources: readonly pulumi.Output<unknown>[]): pulumi.Output<T> {
    const sink = ruleErrorSink();
    // Under the test kit a failed check never settles: no child registers and no rejection
    // escapes to the test runner; runProgram reports the error. Under Pulumi it rejects, and
    // every child's registration fails with the same error, which Pulumi reports once.
    const outcome = sink ? checked.catch((error: unknown) => (sink(error as Error, component), new Promise<T>(() => undefined))) : checked;
    const all = pulumi.all(sources as pulumi.Output<unknown>[]);
    return applyEvenIfUnknown(all, () => outcome);
}

/** At preview: which rules wait for what, as info on the component. At up: a warning, since they could not run. */
function reportDeferrals(component: pulumi.Resource, name: string, deferred: readonly Deferral[]): void {
    if (deferred.length === 0) return;
    recordDeferrals(name, deferred);
    const lines = deferred.map(formatDeferral).join("; ");
    if (pulumi.runtime.isDryRun()) void pulumi.log.info(`${name}: checked at pulumi up, once known: ${lines}`, component);
    else void pulumi.log.warn(`${name}: these rules could not run, their facts are not known: ${lines}`, component);
}

/** `value` as an Output value: Unknowns become Pulumi's unknown, which readers see as not known yet. */
export function exported<T>(value: Maybe<T>): T {
    if (isUnknown(value)) return pulumi.unknown as unknown as T;
    if (Array.isArray(value)) return value.map((v) => exported(v)) as unknown as T;
    if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, exported(v)])) as T;
    }
    return value as T;
}

/**
 * A child's input picked from the checked facts: a plain value when the rules ran in the
 * constructor (an Output per property costs the engine a serialization round), else an
 * Output that waits for the rules and is unknown while the fact is.
 */
export function childInput<T, U>(checked: CheckedFacts<T>, pick: (facts: Checked<T>) => Maybe<U>): pulumi.Input<U> {
    if (checked.now) {
        const value = pick(checked.now);
        if (isFullyKnown(value)) return value as U;
    }
    return checked.output.apply((facts) => exported(pick(facts))) as pulumi.Output<U>;
}
