/** Junk placed anywhere in a valid value: the paths into a value, and a copy with one of them replaced. */
export type Path = (string | number)[];

/** Every path to a value inside `value` (not into bigints or functions). */
export function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
    if (Array.isArray(value)) value.forEach((v, i) => (out.push([...prefix, i]), pathsOf(v, [...prefix, i], out)));
    else if (typeof value === "object" && value !== null) Object.entries(value).forEach(([k, v]) => (out.push([...prefix, k]), pathsOf(v, [...prefix, k], out)));
    return out;
}

/** `value` with what sits at `path` replaced by `by`; the original is untouched. */
export function replaced(value: unknown, path: Path, by: unknown): unknown {
    if (path.length === 0) return by;
    const [head, ...rest] = path;
    if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaced(v, rest, by) : v));
    return { ...(value as object), [head]: replaced((value as Record<string, unknown>)[head], rest, by) };
}
