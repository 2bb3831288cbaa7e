/**
 * Facts that may not be known yet, and rules that run as soon as what they read is known.
 *
 * At a new stack's first `pulumi preview`, every output a program did not set as an input is
 * unknown (a plan's `kind`, a VNet's `dhcpOptions`, any id). A fact that is not known is an
 * `Unknown` saying what it waits for. Rules stay pure functions over plain facts: they are run
 * over a view of the facts in which reading an `Unknown` throws `FactNotKnown`, so a rule runs
 * exactly when every fact it reads is known, and is deferred (with the reason) otherwise.
 * No Pulumi here.
 */
import type { RuleCode } from "./catalog";
import type { Finding } from "./finding";

/** A fact not known yet; `why` names it as messages show it, e.g. "the kind of plan plan". */
export class Unknown {
    constructor(public readonly why: string) {}
}

export function isUnknown(value: unknown): value is Unknown {
    return value instanceof Unknown;
}

/** Thrown when a rule reads an unknown fact: the rule is deferred, not failed. */
export class FactNotKnown extends Error {
    constructor(public readonly why: string) {
        super(`waits for ${why}`);
        this.name = "FactNotKnown";
    }
}

/** A value, or an Unknown that says what it waits for. */
export type Maybe<T> = T | Unknown;

/** `compute` over the values when all are known; else the first Unknown among them. */
export function whenKnown<A extends readonly unknown[], R>(values: { [K in keyof A]: Maybe<A[K]> }, compute: (...values: A) => R): Maybe<R> {
    const missing = values.find(isUnknown);
    return missing ?? compute(...(values as unknown as A));
}

/**
 * Marks an object the view passes through as it is (an index of the program's claims): it
 * answers for its own unknowns, throwing FactNotKnown when a question reads one.
 */
export const OPAQUE_FACT: unique symbol = Symbol.for("appservice-vnet-integration/opaque-fact");

export function isOpaqueFact(value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [OPAQUE_FACT]?: unknown })[OPAQUE_FACT] === true;
}

/** True when no Unknown sits anywhere in `value` (an opaque fact counts as known: it defers its own questions). */
export function isFullyKnown(value: unknown): boolean {
    if (value instanceof Unknown) return false;
    if (isOpaqueFact(value)) return true;
    if (Array.isArray(value)) return value.every(isFullyKnown);
    if (typeof value === "object" && value !== null) return Object.values(value).every(isFullyKnown);
    return true;
}

const views = new WeakMap<object, object>();

/**
 * A read-only view of `facts` in which reading an Unknown (at any depth) throws
 * FactNotKnown. Fully known facts are returned as they are.
 */
export function viewOf<T>(facts: T): T {
    if (typeof facts !== "object" || facts === null || facts instanceof Unknown || isOpaqueFact(facts) || isFullyKnown(facts)) return facts;
    const target = facts as unknown as object;
    const cached = views.get(target);
    if (cached) return cached as T;
    const view = new Proxy(target, {
        get(object, property, receiver) {
            const value = Reflect.get(object, property, receiver);
            if (value instanceof Unknown) throw new FactNotKnown(value.why);
            return typeof value === "object" && value !== null ? viewOf(value) : value;
        },
        set() {
            return false;
        },
    });
    views.set(target, view);
    return view as T;
}

/** Rules that could not run yet, and what they wait for. */
export interface Deferral {
    readonly codes: readonly RuleCode[];
    readonly why: string;
}

/** Collects findings of rule steps, deferring each step that reads an unknown fact. */
export class RuleRun {
    public readonly findings: Finding[] = [];
    public readonly deferred: Deferral[] = [];

    /** Runs a rule that reads facts and returns findings; defers it when it reads an unknown fact. */
    check(codes: readonly RuleCode[], rule: () => readonly Finding[]): void {
        this.compute(codes, (findings) => void findings.push(...rule()));
    }

    /**
     * Runs a step that computes a value (an allocated prefix) and may push findings; returns
     * the value, or undefined when it read an unknown fact. Findings of a deferred step are
     * dropped: it runs again, whole, once its facts are known.
     */
    compute<T>(codes: readonly RuleCode[], step: (findings: Finding[]) => T): T | undefined {
        const findings: Finding[] = [];
        try {
            const value = step(findings);
            this.findings.push(...findings);
            return value;
        } catch (error) {
            if (!(error instanceof FactNotKnown)) throw error;
            this.defer(codes, error.why);
            return undefined;
        }
    }

    /** Records that `codes` wait for `why` (a later step that needs an earlier one's result). */
    defer(codes: readonly RuleCode[], why: string): void {
        const same = this.deferred.find((d) => d.why === why);
        if (same) (same.codes as RuleCode[]).push(...codes.filter((c) => !same.codes.includes(c)));
        else this.deferred.push({ codes: [...codes], why });
    }
}

/** `VNI-R11 waits for the siteConfig of app orders`: one line per deferral. */
export function formatDeferral(deferral: Deferral): string {
    return `${deferral.codes.join(", ")} ${deferral.codes.length === 1 ? "waits" : "wait"} for ${deferral.why}`;
}
