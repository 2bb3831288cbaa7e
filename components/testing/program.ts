/**
 * Runs a Pulumi program in-process under the mocks and reports what `pulumi preview`
 * would register: resources with their parents and inputs, warnings, and the errors.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
// The process module, not the global: test runners may give programs a stand-in global.
import nodeProcess = require("process");
import { programDeferrals, setRuleErrorSink } from "../program";
import { outputIsSecret, outputPromise, releasePendingPromises, settledOutput, urnTypeChain } from "../sdk";
import type { Violation } from "../rules/engine";
import { AzureMocks } from "./mocks";

export interface PlannedResource {
    readonly type: string;
    readonly name: string;
    /** The URN the engine gives it: the types of its ancestors and its own, and its name. Two resources of one URN fail a real `pulumi up`. */
    readonly urn: string;
    /** Logical name of the parent resource; undefined for children of the stack. */
    readonly parent?: string;
    /** Logical names of the resources it explicitly depends on (`dependsOn`). */
    readonly dependsOn: string[];
    /** Inputs as registered (custom resources only); secrets show as `[secret]`. */
    readonly inputs: Record<string, unknown>;
    /** Former logical names it keeps the state of (`aliases` given by name). @default [] */
    readonly aliases?: string[];
    /** Inputs whose change replaces it (`replaceOnChanges`). @default [] */
    readonly replaceOnChanges?: string[];
    /** A replacement deletes it first. @default false */
    readonly deleteBeforeReplace?: boolean;
}

export interface ProgramRun {
    readonly resources: PlannedResource[];
    /** Warnings and suppressed findings reported by the library's components. */
    readonly violations: (Violation & { component: string })[];
    /** Rule errors that stopped the program (each component's error once). */
    readonly errors: Error[];
    /** Rules each component could not run yet (at preview), with what they wait for. */
    readonly deferred: { readonly component: string; readonly codes: readonly string[]; readonly why: string }[];
    readonly mode: "preview" | "up";
    /** The component resources the program made, as objects (to read their outputs). */
    readonly components: pulumi.ComponentResource[];
    readonly mocks: AzureMocks;
    /**
     * The stack outputs: what the program returned (a file program: its exports), Outputs
     * resolved; `[unknown]` where Pulumi does not know a value yet (preview), `[secret]` for secrets.
     */
    readonly outputs: Record<string, unknown>;
}

export interface RunOptions {
    /**
     * `preview`: the first `pulumi preview` of a new stack (created resources have no id,
     * outputs the program did not set are unknown), where users expect rule errors.
     * `up`: an update, every value known. @default "up"
     */
    readonly mode?: "preview" | "up";
    readonly mocks?: AzureMocks;
    readonly project?: string;
    readonly stack?: string;
}

interface Seen {
    readonly resource: pulumi.Resource;
    readonly type: string;
    readonly name: string;
    readonly parent?: pulumi.Resource;
    readonly dependsOn: pulumi.Resource[];
    readonly opts: pulumi.CustomResourceOptions;
}

const QUIET_AFTER_ERROR_MS = 200;
const QUIET_LIMIT_MS = 10_000;

/** True when `resource` or one of its ancestors is a component the rules refused: it never registers, by design. */
function gatedOff(resource: pulumi.Resource, refused: ReadonlySet<pulumi.Resource>): boolean {
    for (let r: pulumi.Resource | undefined = resource; r; r = (r as unknown as { __parentResource?: pulumi.Resource }).__parentResource) {
        if (refused.has(r) && r !== resource) return true;
    }
    return false;
}

/**
 * Waits until every resource seen has registered (or is a child of a refused component, which
 * never will), or, once an error stopped some of them, until nothing has moved for a moment.
 * A program that never settles is an error too.
 */
async function untilSettled(seen: Seen[], errors: Error[], reports: Map<pulumi.Resource, Violation[]>, refused: ReadonlySet<pulumi.Resource>): Promise<void> {
    // errors: appended as they appear; duplicates are folded by the caller.
    const settled = new Set<pulumi.Resource>();
    const watched = new Set<pulumi.Resource>();
    let lastProgress = Date.now();
    const done = () => seen.every((s) => settled.has(s.resource) || gatedOff(s.resource, refused));
    for (;;) {
        for (const s of seen) {
            if (watched.has(s.resource)) continue;
            watched.add(s.resource);
            const custom = (s.resource as Partial<pulumi.CustomResource>).id;
            const outputs = [s.resource.urn, ...(custom ? [custom] : [])].map((o) => outputPromise(o as pulumi.Output<unknown>));
            // The library's components fail their `violations` output with the rule error.
            const reported = (s.resource as unknown as { violations?: unknown }).violations;
            if (pulumi.Output.isInstance(reported)) {
                // A failed component's report never settles under the test kit: its error came through the sink.
                outputPromise(reported as pulumi.Output<Violation[] | undefined>).then(
                    (list) => reports.set(s.resource, list ?? []),
                    (error) => errors.push(error as Error),
                );
            }
            Promise.all(outputs).then(
                () => settled.add(s.resource),
                () => settled.add(s.resource),
            );
        }
        // Outputs resolve just after their registration answers: let them land.
        await new Promise((resolve) => setTimeout(resolve, 5));
        const before = settled.size;
        if (done()) {
            await new Promise((resolve) => setTimeout(resolve, 0));
            if (done()) return;
        }
        if (settled.size !== before) lastProgress = Date.now();
        const quiet = Date.now() - lastProgress;
        if (errors.length > 0 && quiet > QUIET_AFTER_ERROR_MS) return;
        if (quiet > QUIET_LIMIT_MS) {
            const stuck = seen.filter((s) => !settled.has(s.resource)).map((s) => `${s.type} ${s.name}`);
            errors.push(new Error(`these resources never registered (a dependency cycle?): ${stuck.join(", ")}`));
            return;
        }
    }
}

/** A program of `scenarios` by name, or a program file: its default export is called when it is a function. */
export function programFrom(target: string, scenarios: Readonly<Record<string, () => unknown>>): () => unknown {
    return (
        scenarios[target] ??
        (async () => {
            const loaded = await import(path.resolve(target));
            return typeof loaded.default === "function" ? loaded.default() : loaded;
        })
    );
}

/** Runs `program` as a stack under `AzureMocks`; never throws for rule errors, it reports them. */
export async function runProgram(program: () => unknown, options: RunOptions = {}): Promise<ProgramRun> {
    const mocks = options.mocks ?? new AzureMocks();
    const mode = options.mode ?? "up";
    // Each setMocks starts a new run: the library's program-wide state (claims, names, order) starts empty.
    await pulumi.runtime.setMocks(mocks, options.project ?? "appservice-vnet-integration", options.stack ?? "plan", mode === "preview");
    const seen: Seen[] = [];
    const errors: Error[] = [];
    const reports = new Map<pulumi.Resource, Violation[]>();
    const refused = new Set<pulumi.Resource>();
    const noteError = (error: unknown) => {
        const e = error instanceof Error ? error : new Error(String(error));
        if (!errors.some((known) => known.message === e.message)) errors.push(e);
    };
    // A child whose inputs fail never registers: Pulumi rejects its registration on purpose so
    // that the program fails. Like Pulumi's language host, take those rejections as the
    // program's errors. (The library's own components never cause one under the test kit:
    // their rule errors come through the sink below.)
    const onRejection = (reason: unknown, promise: Promise<unknown>) => {
        noteError(reason);
        promise.catch(() => undefined); // handled: Node reports it no further
    };
    nodeProcess.on("unhandledRejection", onRejection);
    let returned: unknown;
    try {
        await pulumi.runtime.runInPulumiStack(async () => {
            // Inside the stack: the sink belongs to this run. Rule errors found after a
            // constructor come here rather than through Pulumi's rejections, which a test
            // runner would take for the test's own failure.
            setRuleErrorSink((error, component) => {
                refused.add(component);
                noteError(error);
            });
            pulumi.runtime.registerStackTransformation((t) => {
                const dependsOn = t.opts.dependsOn;
                const explicit = Array.isArray(dependsOn) ? dependsOn : pulumi.Resource.isInstance(dependsOn) ? [dependsOn] : [];
                seen.push({ resource: t.resource, type: t.type, name: t.name, parent: t.opts.parent, dependsOn: explicit as pulumi.Resource[], opts: t.opts as pulumi.CustomResourceOptions });
                return undefined;
            });
            // What the program throws is its error; caught here so the stack resource never
            // fails (a failed stack leaves rejections no one handles, which a test runner reports).
            try {
                // Kept here, not handed to the stack: Pulumi would wait on each output, and an output of
                // a refused component never settles under the test kit.
                returned = await program();
            } catch (error) {
                noteError(error);
            }
        });
    } catch (error) {
        noteError(error);
    }
    try {
        await untilSettled(seen, errors, reports, refused);
    } finally {
        nodeProcess.off("unhandledRejection", onRejection);
    }
    // After settling: an output of a refused component never settles, and says so.
    const outputs = typeof returned === "object" && returned !== null ? await plainOutputs(returned) : {};
    setRuleErrorSink(undefined);
    // The children of a refused component wait on a check that never settles (so that no
    // rejection reaches the test runner): nothing references them once this run is over, but
    // Pulumi's leak detector still counts them and would fail the process at exit. They are
    // this run's by design; hand them back so a test process exits 0 and its memory stays flat.
    if (refused.size > 0) releasePendingPromises();
    const deferred = [...programDeferrals()].flatMap(([component, list]) => list.map((d) => ({ component, codes: d.codes, why: d.why })));
    const names = new Map(seen.map((s) => [s.resource, s.name] as const));
    // Custom resources appear once the mocks answered them: a child gated off by a rule error does not.
    const registered = new Map(mocks.registrations.map((r) => [`${r.type}::${r.name}`, r.inputs] as const));
    const resources = seen
        .filter((s) => pulumi.ComponentResource.isInstance(s.resource) || registered.has(`${s.type}::${s.name}`))
        .map((s) => ({
            type: s.type,
            name: s.name,
            urn: `urn:pulumi:${options.stack ?? "plan"}::${options.project ?? "appservice-vnet-integration"}::${urnTypeChain(s.resource)}::${s.name}`,
            parent: s.parent ? names.get(s.parent) : undefined,
            dependsOn: s.dependsOn.map((d) => names.get(d) ?? "?"),
            inputs: redacted(registered.get(`${s.type}::${s.name}`) ?? {}) as Record<string, unknown>,
            ...resourceOptions(s.opts),
        }));

    const violations: ProgramRun["violations"] = seen.flatMap((s) => (reports.get(s.resource) ?? []).map((v) => ({ ...v, component: s.name })));
    const components = seen.map((s) => s.resource).filter((r): r is pulumi.ComponentResource => pulumi.ComponentResource.isInstance(r));
    return { resources, violations, errors: dedupeRuleErrors(errors), deferred, mode, components, mocks, outputs };
}

/** Stack outputs as plain data: Outputs resolved, unknowns and secrets as markers. */
async function plainOutputs(value: unknown): Promise<Record<string, unknown>> {
    return (await plainValue(value)) as Record<string, unknown>;
}

const NEVER_SETTLED = "[never settled: a component it depends on was refused]";

async function plainValue(value: unknown): Promise<unknown> {
    if (pulumi.Output.isInstance(value)) {
        const output = value as pulumi.Output<unknown>;
        // Every resource has settled by now: what is still pending waits on a refused check.
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<typeof NEVER_SETTLED>((resolve) => (timer = setTimeout(() => resolve(NEVER_SETTLED), 50)));
        const settled = await Promise.race([Promise.all([outputIsSecret(output), settledOutput(output)]), late]);
        clearTimeout(timer);
        if (settled === NEVER_SETTLED) return NEVER_SETTLED;
        const [secret, [isKnown, resolved]] = settled;
        if (secret) return "[secret]";
        if (!isKnown && (resolved === undefined || pulumi.isUnknown(resolved))) return "[unknown]";
        return plainValue(resolved);
    }
    if (pulumi.isUnknown(value)) return "[unknown]";
    if (value instanceof Promise) return plainValue(await value);
    if (pulumi.Resource.isInstance(value)) return value;
    if (Array.isArray(value)) return Promise.all(value.map(plainValue));
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await plainValue(v)] as const)));
    }
    return value;
}

// Pulumi's wire form of a secret: the mocks see secret inputs so.
const SECRET_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

/**
 * Inputs as a report may show them: secrets as `[secret]` (a program's own secrets must not
 * land in a test log or a plan file), a dynamic provider's serialized source as a marker.
 */
export function redacted(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(redacted);
    if (typeof value !== "object" || value === null) return value;
    const record = value as Record<string, unknown>;
    if (record[SECRET_SIGNATURE_KEY] === SECRET_SIGNATURE) return "[secret]";
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, k === "__provider" ? "[dynamic provider source]" : redacted(v)]));
}

/** The options a test asserts on, when set: aliases by name, replaceOnChanges, deleteBeforeReplace. */
function resourceOptions(opts: pulumi.CustomResourceOptions): Pick<PlannedResource, "aliases" | "replaceOnChanges" | "deleteBeforeReplace"> {
    const aliases = (opts.aliases ?? []).flatMap((a) => (typeof a === "string" ? [a] : typeof (a as pulumi.Alias).name === "string" ? [(a as pulumi.Alias).name as string] : []));
    return {
        ...(aliases.length > 0 ? { aliases } : {}),
        ...(opts.replaceOnChanges?.length ? { replaceOnChanges: [...opts.replaceOnChanges] } : {}),
        ...(opts.deleteBeforeReplace ? { deleteBeforeReplace: true } : {}),
    };
}

// A component's error reaches every child it gates: keep the fullest report of each component.
function dedupeRuleErrors(errors: Error[]): Error[] {
    const kept: Error[] = [];
    for (const error of errors) {
        const covered = kept.findIndex((k) => k.message.includes(error.message) || error.message.includes(k.message));
        if (covered === -1) kept.push(error);
        else if (error.message.length > kept[covered].message.length) kept[covered] = error;
    }
    return kept;
}
