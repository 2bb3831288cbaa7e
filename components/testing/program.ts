/**
 * Runs a Pulumi program in-process under the mocks and reports what `pulumi preview`
 * would register: resources with their parents and inputs, warnings, and the errors.
 */
import * as pulumi from "@pulumi/pulumi";
import { resetProgramState } from "../program";
import type { Violation } from "../rules/engine";
import { AzureMocks } from "./mocks";

export interface PlannedResource {
    readonly type: string;
    readonly name: string;
    /** Logical name of the parent resource; undefined for children of the stack. */
    readonly parent?: string;
    /** Inputs as registered (custom resources only). */
    readonly inputs: Record<string, unknown>;
}

export interface ProgramRun {
    readonly resources: PlannedResource[];
    /** Warnings and suppressed findings reported by the library's components. */
    readonly violations: (Violation & { component: string })[];
    /** Rule errors that stopped the program (each component's error once). */
    readonly errors: Error[];
    readonly mocks: AzureMocks;
}

export interface RunOptions {
    readonly mocks?: AzureMocks;
    readonly project?: string;
    readonly stack?: string;
}

interface Seen {
    readonly resource: pulumi.Resource;
    readonly type: string;
    readonly name: string;
    readonly parent?: pulumi.Resource;
}

function internalPromise<T>(output: pulumi.Output<T>): Promise<T> {
    return (output as unknown as { promise(): Promise<T> }).promise();
}

/** Runs `program` as a stack under `AzureMocks`; never throws for rule errors, it reports them. */
export async function runProgram(program: () => unknown, options: RunOptions = {}): Promise<ProgramRun> {
    const mocks = options.mocks ?? new AzureMocks();
    resetProgramState();
    await pulumi.runtime.setMocks(mocks, options.project ?? "appservice-vnet-integration", options.stack ?? "plan", false);
    const seen: Seen[] = [];
    const errors: Error[] = [];
    const noteError = (error: unknown) => {
        const e = error instanceof Error ? error : new Error(String(error));
        if (!errors.some((known) => known.message === e.message)) errors.push(e);
    };
    try {
        await pulumi.runtime.runInPulumiStack(async () => {
            pulumi.runtime.registerStackTransformation((t) => {
                seen.push({ resource: t.resource, type: t.type, name: t.name, parent: t.opts.parent });
                return undefined;
            });
            await program();
        });
    } catch (error) {
        noteError(error);
    }
    // Registration continues after the program returns: wait until nothing new appears.
    let settledCount = -1;
    while (settledCount !== seen.length) {
        settledCount = seen.length;
        await Promise.all(seen.map((s) => internalPromise(s.resource.urn).catch(noteError)));
        const ids = seen.map((s) => (s.resource as Partial<pulumi.CustomResource>).id).filter((id): id is pulumi.Output<string> => id !== undefined);
        await Promise.all(ids.map((id) => internalPromise(id).catch(noteError)));
        // Outputs resolve just after their registration answers: let them land.
        await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const names = new Map(seen.map((s) => [s.resource, s.name] as const));
    const byName = new Map<string, Record<string, unknown>>();
    for (const r of mocks.registrations) byName.set(`${r.type}::${r.name}`, r.inputs);
    const registered = new Set(mocks.registrations.map((r) => `${r.type}::${r.name}`));
    const resources = seen
        .filter((s) => pulumi.ComponentResource.isInstance(s.resource) || registered.has(`${s.type}::${s.name}`))
        .map((s) => ({ type: s.type, name: s.name, parent: s.parent ? names.get(s.parent) : undefined, inputs: byName.get(`${s.type}::${s.name}`) ?? {} }));

    const violations: ProgramRun["violations"] = [];
    for (const s of seen) {
        const reported = (s.resource as unknown as { violations?: unknown }).violations;
        if (!pulumi.Output.isInstance(reported)) continue;
        try {
            const list = (await internalPromise(reported as pulumi.Output<Violation[]>)) ?? [];
            violations.push(...list.map((v) => ({ ...v, component: s.name })));
        } catch (error) {
            noteError(error);
        }
    }
    return { resources, violations, errors: dedupeRuleErrors(errors), mocks };
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
