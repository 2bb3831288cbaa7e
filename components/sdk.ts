/**
 * The few @pulumi/pulumi internals the library relies on, in one place. Each is long-standing
 * but untyped or internal; test/sdkContract.test.ts pins every one of them against the SDK CI
 * installs, and package.json's peer range claims no SDK that test does not run on.
 */
import * as pulumi from "@pulumi/pulumi";

interface OutputInternals<T> {
    /** Settles true when the value is known (false at preview for a value not computed yet). */
    readonly isKnown: Promise<boolean>;
    readonly isSecret: Promise<boolean>;
    /** The value; with `withUnknowns`, Pulumi's unknown marker (or values containing it) instead of undefined. */
    promise(withUnknowns?: boolean): Promise<T>;
}

function internals<T>(output: pulumi.Output<T>): OutputInternals<T> {
    return output as unknown as OutputInternals<T>;
}

/**
 * The value of an Output as a promise: resolves (undefined when unknown at preview) or rejects
 * with the Output's error.
 */
export function outputPromise<T>(output: pulumi.Output<T>): Promise<T> {
    return internals(output).promise();
}

/** Whether an Output is known, and its value with unknowns marked (`pulumi.isUnknown`). */
export function settledOutput<T>(output: pulumi.Output<T>): Promise<[isKnown: boolean, value: T]> {
    const o = internals(output);
    return Promise.all([o.isKnown, o.promise(true)]);
}

/** Whether an Output is secret. */
export function outputIsSecret(output: pulumi.Output<unknown>): Promise<boolean> {
    return internals(output).isSecret;
}

/** `output.apply(fn)` that runs even while `output` is unknown (at preview): apply's untyped second argument. */
export function applyEvenIfUnknown<T, U>(output: pulumi.Output<T>, fn: (value: T) => pulumi.Input<U>): pulumi.Output<U> {
    return (output.apply as unknown as (f: (value: T) => pulumi.Input<U>, runWithUnknowns: boolean) => pulumi.Output<U>).call(output, fn, true);
}

/** A resource's logical name (the name given to its constructor), or undefined for an object that is none. */
export function resourceName(resource: object): string | undefined {
    const name = (resource as { __name?: unknown }).__name;
    return typeof name === "string" ? name : undefined;
}

/**
 * What identifies the Pulumi run this code executes in: the run's stack resource (each
 * `pulumi preview`/`up`, and each Automation API inline run, makes its own); under the mocks
 * before a stack exists, the mock monitor (each `setMocks` makes one); else undefined.
 */
export function currentRunToken(): object | undefined {
    const stack = pulumi.runtime.getStackResource();
    if (stack) return stack;
    // Outside a stack only the mocks register resources: their monitor is a fresh object per setMocks.
    return pulumi.runtime.getMonitor() as object | undefined;
}

/**
 * The type part of a resource's URN: the types of its ancestors and its own, joined by `$`
 * (the root stack left out, as in a URN). Two resources of one run share a URN exactly when
 * this chain, their type and their name agree.
 */
export function urnTypeChain(resource: object): string {
    const types: string[] = [];
    for (let r: object | undefined = resource; r; r = (r as { __parentResource?: object }).__parentResource) {
        const type = (r as { __pulumiType?: unknown }).__pulumiType;
        if (typeof type === "string" && type !== "pulumi:pulumi:Stack") types.unshift(type);
    }
    return types.join("$");
}

/**
 * Hands back the promises Pulumi's leak detector tracks for the current run, and returns how
 * many there were. The detector (runtime/debuggable.ts) sets exit code 1 at process exit when
 * any is still pending; the test kit calls this for a run whose refused components left their
 * children waiting on purpose.
 */
export function releasePendingPromises(): number {
    // Internal module; pinned by test/sdkContract.test.ts.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const state = require("@pulumi/pulumi/runtime/state") as { getStore(): { leakCandidates?: Set<Promise<unknown>> } };
    const store = state.getStore();
    const count = store.leakCandidates?.size ?? 0;
    store.leakCandidates = new Set();
    return count;
}
