/**
 * Declaration order for checks that run when values resolve, and what each component could
 * not check yet. Per run (run.ts).
 */
import type { Deferral } from "../rules/known";
import { runState } from "./run";

interface Order {
    /** Settles when the last queued check has run: keeps checks in constructor order. */
    tail: Promise<unknown>;
    /** Checks queued and not settled yet. */
    pending: number;
    /** Rules each component could not run yet, by component name. */
    readonly deferrals: Map<string, readonly Deferral[]>;
}

function order(): Order {
    return runState<Order>("order", () => ({ tail: Promise.resolve(), pending: 0, deferrals: new Map() }));
}

/**
 * Applies `check` to the value of `input` once every check queued before it has settled
 * (passed, failed or deferred), so that checks made when values resolve still see the
 * components in the order the program declared them: allocation stays deterministic.
 */
export function afterEarlierChecks<T, U>(input: Promise<T>, check: (value: T) => U): Promise<U> {
    const s = order();
    const previous = s.tail;
    s.pending++;
    const result = input.then(async (value) => {
        await previous;
        return check(value);
    });
    s.tail = result.then(
        () => void s.pending--,
        () => void s.pending--,
    );
    return result;
}

/**
 * True while a check queued earlier in the run has not run: a component whose facts are all
 * plain must then queue behind it rather than check (and claim) in its constructor, or it
 * would claim before a component declared earlier.
 */
export function earlierChecksPending(): boolean {
    return order().pending > 0;
}

export function recordDeferrals(component: string, deferrals: readonly Deferral[]): void {
    order().deferrals.set(component, deferrals);
}

/** Rules each component of the run could not run yet (at preview), and what they wait for. */
export function programDeferrals(): ReadonlyMap<string, readonly Deferral[]> {
    return order().deferrals;
}
