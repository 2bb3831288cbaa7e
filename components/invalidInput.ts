/**
 * The error the pure modules (address math, rules) throw for input no check could turn into a
 * finding, and how they show a value in it. A leaf: it imports nothing, so address.ts and the
 * rules share it without importing each other.
 */
/** Thrown by a pure function given input of the wrong shape; `problems` name each value by its path. */
export class InvalidInputError extends Error {
    constructor(
        public readonly where: string,
        public readonly problems: readonly string[],
    ) {
        super(`${where}: invalid input: ${problems.join("; ")}`);
        this.name = "InvalidInputError";
        Object.setPrototypeOf(this, InvalidInputError.prototype);
    }

    /** True for this error even across duplicated copies of the library. */
    static isInvalidInputError(error: unknown): error is InvalidInputError {
        return error instanceof Error && error.name === "InvalidInputError" && Array.isArray((error as InvalidInputError).problems);
    }
}

/** Text of a value for a message: JSON when it has one, short. */
export function shown(value: unknown): string {
    let text: string;
    try {
        text =
            typeof value === "number"
                ? String(value)
                : typeof value === "bigint"
                  ? `${value}n`
                  : typeof value === "function"
                    ? "a function"
                    : (JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : typeof v === "number" && !Number.isFinite(v) ? String(v) : v)) ?? String(value));
    } catch {
        text = Array.isArray(value) ? "a list" : "an object that cannot be shown";
    }
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
