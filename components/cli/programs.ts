/**
 * The program a command runs: a name the caller registered (the repository's examples), or a
 * program file. A file's default export is the program: a function that declares the stack's
 * resources (its return value: the stack outputs). A Pulumi program that declares them at its
 * top level runs as it is loaded. A file that does neither is an error naming what was expected.
 *
 * TypeScript files are loaded through the consumer's own ts-node (transpile only), found from
 * the working directory or the file; without it, the error says to install it or pass the
 * compiled .js. Run under ts-node already (`ts-node tools/cli.ts`), its loader is used as it is.
 */
import * as fs from "fs";
import * as path from "path";
import { UsageError } from "./args";
import { ProgramRun, runProgram } from "../testing/program";

/** A program file the command cannot use: the message goes to stderr, exit code 2. */
export class BadProgram extends Error {}

export type NamedPrograms = Readonly<Record<string, () => unknown>>;

const PROGRAM_FILE = /\.(ts|cts|mts|js|cjs)$/;

function ensureTypeScript(file: string): void {
    if (require.extensions[".ts"]) return; // already under ts-node (or another .ts loader)
    let tsNode: string;
    try {
        tsNode = require.resolve("ts-node", { paths: [process.cwd(), path.dirname(file)] });
    } catch {
        throw new BadProgram(`${file} is TypeScript and ts-node is not installed here: add it (npm install --save-dev ts-node typescript) or pass the compiled .js`);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require(tsNode) as { register(options: object): void }).register({ transpileOnly: true, compilerOptions: { module: "commonjs" } });
}

interface Loaded {
    readonly program: () => unknown;
    /** Whether the file has a default export to call (else it must declare resources as it loads). */
    readonly hasDefault: () => boolean;
}

function fromFile(target: string): Loaded {
    const file = path.resolve(target);
    if (!fs.existsSync(file)) throw new BadProgram(`no such program file: ${target}`);
    if (/\.(ts|cts|mts)$/.test(file)) ensureTypeScript(target);
    let hasDefault = false;
    return {
        hasDefault: () => hasDefault,
        program: () => {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const loaded = require(file) as { default?: unknown };
            if (typeof loaded.default === "function") {
                hasDefault = true;
                return (loaded.default as () => unknown)();
            }
            return loaded;
        },
    };
}

/** Resolves `target` to a program: a registered name, or a .ts/.js file; anything else is a UsageError. */
export function loadProgram(target: string, named: NamedPrograms = {}): Loaded {
    if (Object.prototype.hasOwnProperty.call(named, target)) return { program: named[target], hasDefault: () => true };
    if (!PROGRAM_FILE.test(target)) {
        const names = Object.keys(named);
        throw new UsageError(`${JSON.stringify(target)} is not a program file (.ts or .js)${names.length > 0 ? ` nor an example (${names.join(", ")})` : ""}`);
    }
    return fromFile(target);
}

/**
 * Runs `target` under the Azure mocks with the console kept off stdout (Pulumi logs there
 * without an engine): stdout stays the command's. Log lines go to stderr once each, except
 * those `keep` rejects (findings the command prints itself).
 */
export async function runTarget(target: string, named: NamedPrograms, mode: "preview" | "up", keep: (line: string) => boolean = () => true): Promise<ProgramRun> {
    const loaded = loadProgram(target, named);
    const saved = { log: console.log, info: console.info, warn: console.warn };
    const logged: string[] = [];
    console.log = console.info = console.warn = (...args: unknown[]) => void logged.push(args.map(String).join(" "));
    let run: ProgramRun;
    try {
        run = await runProgram(loaded.program, { mode });
    } finally {
        Object.assign(console, saved);
    }
    for (const line of new Set(logged)) if (keep(line)) console.error(line);
    if (!loaded.hasDefault() && run.resources.length === 0 && run.errors.length === 0) {
        throw new BadProgram(
            `${target} declares no resources and has no default export: expected \`export default function () { ... }\` declaring the stack's resources ` +
                `(its return value: the stack outputs), or a Pulumi program that declares them at its top level`,
        );
    }
    return run;
}
