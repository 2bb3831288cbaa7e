/**
 * Runs stack policies offline, without the Pulumi engine: builds the resources the engine
 * would hand over (type, props behind the engine's unknown-checking proxy, urn, name,
 * isType/asType, dependencies) and reports as the engine does, including the advisory
 * "can't run ... during preview" when a policy reads a value unknown at preview.
 */
import type { EnforcementLevel, PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { unknownCheckingProxy, UnknownValueError } from "@pulumi/policy";

// The engine's markers of values unknown at preview (@pulumi/policy/proxy, internal).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const markers = require("@pulumi/policy/proxy") as Record<string, string>;

/** Values the engine does not know yet, as it hands them to policies at preview. */
export const UNKNOWN = {
    string: markers.unknownStringValue,
    number: markers.unknownNumberValue,
    boolean: markers.unknownBooleanValue,
    array: markers.unknownArrayValue,
    object: markers.unknownObjectValue,
} as const;

export interface OfflineResourceArgs {
    readonly type: string;
    /** Logical name. */
    readonly name: string;
    /** The properties (outputs at stack validation); use UNKNOWN.* for what preview does not know. */
    readonly props: Record<string, unknown>;
    /** @default urn:pulumi:stack::project::<type>::<name> */
    readonly urn?: string;
}

/** One resource as the engine hands it to `validateStack`. Dependencies are filled in by `dependsOn`. */
export function offlineResource(args: OfflineResourceArgs): PolicyResource {
    const props = unknownCheckingProxy(args.props) as Record<string, any>;
    const type = args.type;
    const matches = (resourceClass: { new (...rest: any[]): unknown }) => (resourceClass as unknown as { __pulumiType?: string }).__pulumiType === type;
    return {
        type,
        name: args.name,
        urn: args.urn ?? `urn:pulumi:stack::project::${type}::${args.name}`,
        props,
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
        dependencies: [],
        propertyDependencies: {},
        isType: matches as PolicyResource["isType"],
        asType: ((resourceClass: { new (...rest: any[]): unknown }) => (matches(resourceClass) ? props : undefined)) as PolicyResource["asType"],
    };
}

/** Records that `property` of `resource` comes from `on` (what the engine gives as propertyDependencies). */
export function dependsOn(resource: PolicyResource, property: string, ...on: PolicyResource[]): PolicyResource {
    resource.propertyDependencies[property] = [...(resource.propertyDependencies[property] ?? []), ...on];
    resource.dependencies.push(...on.filter((d) => !resource.dependencies.includes(d)));
    return resource;
}

export interface OfflineReport {
    readonly policy: string;
    readonly message: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly urn?: string;
}

/**
 * Every policy over the stack, as the engine would run them: `config` per policy name (the
 * pack config file), enforcement `disabled` skips a policy, an unknown value read makes the
 * policy's one report the advisory "can't run policy ... during preview".
 */
export async function validateStackOffline(
    policies: readonly StackValidationPolicy[],
    resources: readonly PolicyResource[],
    config: Readonly<Record<string, Record<string, unknown>>> = {},
): Promise<OfflineReport[]> {
    const reports: OfflineReport[] = [];
    for (const policy of policies) {
        const own = config[policy.name] ?? {};
        const enforcementLevel = (own.enforcementLevel as EnforcementLevel | undefined) ?? policy.enforcementLevel ?? "advisory";
        if (enforcementLevel === "disabled") continue;
        const defaults = Object.fromEntries(Object.entries(policy.configSchema?.properties ?? {}).filter(([, s]) => s.default !== undefined).map(([k, s]) => [k, s.default]));
        try {
            await policy.validateStack(
                {
                    resources: [...resources],
                    stackTags: new Map(),
                    getConfig: <T extends object>() => ({ ...defaults, ...own }) as T,
                    notApplicable: (reason?: string): never => {
                        throw new Error(`not applicable: ${reason}`);
                    },
                },
                (message, urn) => reports.push({ policy: policy.name, message, enforcementLevel, ...(urn ? { urn } : {}) }),
            );
        } catch (error) {
            if (!(error instanceof UnknownValueError)) throw error;
            reports.push({ policy: policy.name, message: `can't run policy '${policy.name}' during preview: ${(error as Error).message}`, enforcementLevel: "advisory" });
        }
    }
    return reports;
}
