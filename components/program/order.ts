/**
 * Declaration order for checks that run when values resolve, and what each component could
 * not check yet. Per run (run.ts).
 */
import type { Deferral } from "../rules/known";
import { runState } from "./run";

interface Order {
    /** Settles when the last queued check has run: keeps checks in constructor order. */
    tail: Promise<unknown>;
    /** Rules each component could not run yet, by component name. */
    readonly deferrals: Map<string, readonly Deferral[]>;
}

function order(): Order {
    return runState<Order>("order", () => ({ tail: Promise.resolve(), deferrals: new Map() }));
}

/**
 * Applies `check` to the value of `input` once every check queued before it has settled
 * (passed, failed or deferred), so that checks made when values resolve still see the
 * components in the order the program declared them: allocation stays deterministic.
 */
export function afterEarlierChecks<T, U>(input: Promise<T>, check: (value: T) => U): Promise<U> {
    const s = order();
    const previous = s.tail;
    const result = input.then(async (value) => {
        await previous;
        return check(value);
    });
    s.tail = result.then(
        () => undefined,
        () => undefined,
    );
    return result;
}

/** The point in the run's order after every check queued so far: a plain component's check waits for it. */
export function earlierChecks(): Promise<unknown> {
    return order().tail;
}

export function recordDeferrals(component: string, deferrals: readonly Deferral[]): void {
    order().deferrals.set(component, deferrals);
}

/** Rules each component of the run could not run yet (at preview), and what they wait for. */
export function programDeferrals(): ReadonlyMap<string, readonly Deferral[]> {
    return order().deferrals;
}
