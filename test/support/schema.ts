/**
 * The provider's schema as the engine reads it: `pulumi package get-schema provider` binds the
 * schema the component provider infers and writes it back without the analyzer's `optional`
 * markers and empty `required` lists, with an empty `config`. test/fixtures/provider-schema.json
 * is that output; the offline test compares the inferred schema against it, the engine suite
 * compares it against what the engine returns.
 */
import * as fs from "fs";
import * as path from "path";

export const ENGINE_SCHEMA_FILE = path.join(__dirname, "..", "fixtures", "provider-schema.json");

export function engineSchema(): unknown {
    return JSON.parse(fs.readFileSync(ENGINE_SCHEMA_FILE, "utf8"));
}

/** The inferred schema with the engine's normalisation applied. */
export function asEngineReadsIt(schema: unknown): unknown {
    const walk = (value: unknown): unknown => {
        if (Array.isArray(value)) return value.map(walk);
        if (value === null || typeof value !== "object") return value;
        const entries = Object.entries(value as Record<string, unknown>)
            .filter(([key, v]) => key !== "optional" && !((key === "required" || key === "requiredInputs") && Array.isArray(v) && v.length === 0))
            .map(([key, v]) => [key, walk(v)]);
        return Object.fromEntries(entries);
    };
    const normalized = walk(schema) as Record<string, unknown>;
    return { config: {}, ...normalized };
}
