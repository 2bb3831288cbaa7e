/**
 * The shape of what the pure functions are given, checked before any rule reads it (issue 10):
 * junk of any type (null, a number, an object, a string where a list goes) becomes a finding
 * when it is an address (VNI-X02) or a route (VNI-P06), and otherwise one named error,
 * `InvalidInputError`, that lists every misplaced value by its path. Never a TypeError from
 * deep inside a rule. `Unknown` facts (at preview) pass: the rules defer what reads them.
 */
import { InvalidInputError, shown } from "../invalidInput";

export { InvalidInputError, shown };
import type { RuleCode } from "./catalog";
import type { Finding } from "./finding";
import { isOpaqueFact, isUnknown } from "./known";


/** What a value must be. */
export type Shape =
    | { readonly kind: "string" | "boolean" | "number" | "integer" | "any" | "bigint"; readonly code?: RuleCode }
    | { readonly kind: "optional"; readonly shape: Shape }
    | { readonly kind: "list"; readonly of: Shape; readonly code?: RuleCode }
    | { readonly kind: "record"; readonly fields: Readonly<Record<string, Shape>>; readonly code?: RuleCode }
    | { readonly kind: "enum"; readonly values: readonly string[] }
    | { readonly kind: "union"; readonly shapes: readonly Shape[]; readonly expected: string; readonly code?: RuleCode }
    | { readonly kind: "opaque-or"; readonly shape: Shape };

export const shape = {
    string: { kind: "string" } as Shape,
    boolean: { kind: "boolean" } as Shape,
    /** A finite number. */
    number: { kind: "number" } as Shape,
    integer: { kind: "integer" } as Shape,
    bigint: { kind: "bigint" } as Shape,
    any: { kind: "any" } as Shape,
    optional: (s: Shape): Shape => ({ kind: "optional", shape: s }),
    /** A list; `code` makes a non-list a finding of that code instead of an error. */
    list: (of: Shape, code?: RuleCode): Shape => ({ kind: "list", of, code }),
    /** A list of address texts: each element is read (and reported) by the rules; a non-list is VNI-X02. */
    addresses: { kind: "list", of: { kind: "any" }, code: "VNI-X02" } as Shape,
    /** A list of address texts that must be plain strings where they are given (names of children derive from them). */
    addressTexts: { kind: "list", of: { kind: "string", code: "VNI-X02" }, code: "VNI-X02" } as Shape,
    record: (fields: Record<string, Shape>, code?: RuleCode): Shape => ({ kind: "record", fields, code }),
    oneOf: (...values: string[]): Shape => ({ kind: "enum", values }),
    union: (expected: string, shapes: Shape[], code?: RuleCode): Shape => ({ kind: "union", shapes, expected, code }),
    /** An index the library built (ProgramClaims), or a value of `s`. */
    opaqueOr: (s: Shape): Shape => ({ kind: "opaque-or", shape: s }),
};


function describe(s: Shape): string {
    switch (s.kind) {
        case "string":
            return "a string";
        case "boolean":
            return "true or false";
        case "number":
            return "a finite number";
        case "integer":
            return "a whole number";
        case "bigint":
            return "a bigint";
        case "any":
            return "a value";
        case "optional":
            return `${describe(s.shape)}, or nothing`;
        case "list":
            return "a list";
        case "record":
            return "an object";
        case "enum":
            return `one of ${s.values.map((v) => JSON.stringify(v)).join(", ")}`;
        case "union":
            return s.expected;
        case "opaque-or":
            return describe(s.shape);
    }
}

interface Outcome {
    readonly problems: string[];
    readonly findings: Finding[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function walk(value: unknown, s: Shape, path: string, out: Outcome): void {
    if (isUnknown(value)) return;
    const wrong = (code?: RuleCode) => {
        const hint =
            typeof value === "string" && s.kind === "list"
                ? ` (a string where a list goes: write [${value.split(/[\s,]+/).filter(Boolean).map((v) => JSON.stringify(v)).join(", ")}])`
                : typeof value === "string" && s.kind === "union" && s.code === "VNI-P06"
                  ? ` (a bare string: write { cidr: ${JSON.stringify(value)} })`
                  : "";
        const message = `${path} is ${shown(value)}, expected ${describe(s)}${hint}`;
        if (code) out.findings.push({ code, message: `${message}. Fix: give ${describe(s)}` });
        else out.problems.push(message);
    };
    switch (s.kind) {
        case "any":
            return;
        case "string":
        case "boolean":
        case "bigint":
            if (typeof value !== s.kind) wrong(s.code);
            return;
        case "number":
            if (typeof value !== "number" || !Number.isFinite(value)) wrong();
            return;
        case "integer":
            if (!Number.isSafeInteger(value)) wrong();
            return;
        case "optional":
            if (value !== undefined && value !== null) walk(value, s.shape, path, out);
            return;
        case "enum":
            if (typeof value !== "string" || !s.values.includes(value)) wrong();
            return;
        case "opaque-or":
            if (!isOpaqueFact(value)) walk(value, s.shape, path, out);
            return;
        case "list":
            if (!Array.isArray(value)) return wrong(s.code);
            value.forEach((item, i) => walk(item, s.of, `${path}[${i}]`, out));
            return;
        case "record":
            if (!isRecord(value)) return wrong(s.code);
            for (const [key, field] of Object.entries(s.fields)) walk(value[key], field, `${path}.${key}`, out);
            return;
        case "union": {
            // The first alternative that fits; else the one with fewest problems speaks.
            let best: Outcome | undefined;
            for (const alternative of s.shapes) {
                const tried: Outcome = { problems: [], findings: [] };
                walk(value, alternative, path, tried);
                const count = tried.problems.length + tried.findings.length;
                if (count === 0) return;
                if (!best || count < best.problems.length + best.findings.length) best = tried;
            }
            if (s.code && !isRecord(value)) return wrong(s.code);
            if (best) {
                out.problems.push(...best.problems);
                out.findings.push(...best.findings);
            }
            return;
        }
    }
}

/**
 * Checks `args` (named values) against their shapes. Returns the findings of misplaced
 * addresses and routes (a caller reports them and stops); throws InvalidInputError for the rest.
 */
export function checkInput(where: string, args: Readonly<Record<string, readonly [unknown, Shape]>>): Finding[] {
    const out: Outcome = { problems: [], findings: [] };
    for (const [name, [value, s]] of Object.entries(args)) walk(value, s, name, out);
    // With other junk beside them, misplaced addresses and routes are part of the one error.
    if (out.problems.length > 0) throw new InvalidInputError(where, [...out.problems, ...out.findings.map((f) => `${f.code} ${f.message}`)]);
    return out.findings;
}

// ---- shapes the rule families share ------------------------------------------------------

const profileShape = shape.record({
    name: shape.oneOf("documented", "azure-2026"),
    regionalTiers: shape.list(shape.string),
    maxSubnetPrefixLength: shape.integer,
    regionalIntegrationsPerWindowsPlan: shape.integer,
    regionalIntegrationsPerLinuxPlan: shape.integer,
    multiPlanSubnetMaxPrefixLength: shape.optional(shape.integer),
    routeAllReachesAnyDestination: shape.boolean,
    globalPeeringReachable: shape.boolean,
    customRoutesAllowed: shape.boolean,
    gatewayTiers: shape.list(shape.string),
    gatewayVnetsPerPlan: shape.integer,
    newSstpGatewaysAllowed: shape.boolean,
});

/** The limits profile argument: one of LIMITS_PROFILES. */
export const PROFILE = profileShape;

export const PLAN = shape.record({
    name: shape.string,
    location: shape.string,
    skuName: shape.optional(shape.string),
    skuTier: shape.optional(shape.string),
    linux: shape.boolean,
    capacity: shape.optional(shape.any), // checked by VNI-R03 with its own message
});

/** A plain (not opaque) integration claim. */
export const INTEGRATION_CLAIM = shape.record({
    component: shape.string,
    planKey: shape.string,
    planName: shape.string,
    planLinux: shape.boolean,
    vnetKey: shape.string,
    addressPrefix: shape.any, // a prefix, or Unknown at preview
    appKeys: shape.optional(shape.list(shape.string)),
    createsSubnet: shape.optional(shape.boolean),
});

/** A route: `{ cidr }` or `{ startAddress, endAddress? }`; anything else is VNI-P06. */
export const ROUTE = shape.union('a route { cidr: "10.60.0.0/16" } or { startAddress, endAddress }', [shape.record({ cidr: shape.any }), shape.record({ startAddress: shape.any, endAddress: shape.optional(shape.any) })], "VNI-P06");

export const ROUTES = shape.list(ROUTE, "VNI-P06");

const FLAGS = shape.optional(shape.record({}));

export const PEERINGS = shape.optional(shape.record({ hubToPeer: FLAGS, peerToHub: FLAGS }));

/** The limits profile of a call: a profile of LIMITS_PROFILES. */
export function profileInput(profile: unknown): readonly [unknown, Shape] {
    return [profile, PROFILE];
}
