/**
 * From a program to the offline policy harness: the program runs under the Azure mocks (as
 * `runProgram` runs it: a new stack's preview, or an update), and every resource it registers
 * is handed to the policies as the engine would hand it over: its inputs as props, its Azure
 * name (at up, the last segment of the id the mocks answered), and each value unknown at
 * preview as the policy SDK marks it (`UNKNOWN.string`, the engine's wire form). A raw program,
 * with none of the components, gets the rules' errors this way too.
 */
import * as pulumi from "@pulumi/pulumi";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { AzureMocks, NAME_INPUTS } from "../testing/mocks";
import { ProgramRun, runProgram, RunOptions } from "../testing/program";
import { OfflineReport, offlineResource, UNKNOWN, validateStackOffline } from "./offline";
import { policies as allPolicies } from "./policies";

// Pulumi's wire form of a secret, as the mocks receive secret inputs: policies see the value.
const SECRET_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";

/** A mock registration's inputs as policy props: unknowns marked, secrets unwrapped. */
function propsOf(value: unknown): unknown {
    if (pulumi.isUnknown(value)) return UNKNOWN.string;
    if (Array.isArray(value)) return value.map(propsOf);
    if (typeof value !== "object" || value === null) return value;
    const record = value as Record<string, unknown>;
    if (SECRET_SIGNATURE_KEY in record) return propsOf(record.value);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, propsOf(v)]));
}

/** The resources a program run registered, as the engine hands them to a stack policy. */
export function policyResources(run: Pick<ProgramRun, "mocks">): PolicyResource[] {
    return run.mocks.registrations.map((r) => {
        const nameInput = NAME_INPUTS[r.type] ?? "name";
        const azureName = r.id ? r.id.split("/").pop() : undefined;
        const props = propsOf(r.inputs) as Record<string, unknown>;
        return offlineResource({ type: r.type, name: r.name, props: { ...(azureName ? { [nameInput]: azureName } : {}), ...props } });
    });
}

export interface ProgramPolicyRun {
    /** The program's own run: its resources, the components' findings and errors. */
    readonly run: ProgramRun;
    /** What the policies reported, as the engine would (advisory "can't run ..." when a value is unknown at preview). */
    readonly reports: OfflineReport[];
}

/**
 * Runs `program` under the Azure mocks (`mode`: a new stack's preview, or up; default up)
 * and the stack policies over what it registered. `config` is the pack's config per policy.
 */
export async function validateProgramOffline(
    program: () => unknown,
    options: RunOptions & { readonly policies?: readonly StackValidationPolicy[]; readonly config?: Readonly<Record<string, Record<string, unknown>>> } = {},
): Promise<ProgramPolicyRun> {
    const run = await runProgram(program, { ...options, mocks: options.mocks ?? new AzureMocks() });
    const reports = await validateStackOffline(options.policies ?? allPolicies, policyResources(run), options.config);
    return { run, reports };
}
