/**
 * The package's command line (`npx appservice-vnet-integration <plan|migrate|doctor> ...`,
 * bin.ts): results on stdout and nothing else (JSON with --json), everything else on stderr.
 * Exit codes: 0 done, 1 a rule error (plan) or an invalid migration, 3 the doctor's "no",
 * 2 a wrong command line or a program the command cannot use (the message says what was
 * expected). `process.exitCode`, never `process.exit()`: stdout drains into a pipe first.
 */
import { BIN, parse, Parsed, usage, UsageError } from "./args";
import { doctor } from "./doctor";
import { migrate } from "./migrate";
import { plan } from "./plan";
import { BadProgram, NamedPrograms } from "./programs";

export interface CliOptions {
    /** Programs callable by name besides files (the repository registers its examples). */
    readonly programs?: NamedPrograms;
    /** The program `plan` and `migrate` run when none is given (the repository: its examples). */
    readonly defaults?: { readonly plan?: string; readonly migrate?: string };
}

async function dispatch(parsed: Parsed, options: CliOptions): Promise<number> {
    const programs = options.programs ?? {};
    switch (parsed.command) {
        case "plan":
            return plan(parsed as Parsed<"plan">, programs, options.defaults?.plan);
        case "migrate":
            return migrate(parsed as Parsed<"migrate">, programs, options.defaults?.migrate);
        case "doctor":
            return doctor(parsed as Parsed<"doctor">, programs);
    }
}

/** Runs one command line (without node and the script); resolves to the exit code. */
export async function runCli(argv: readonly string[], options: CliOptions = {}): Promise<number> {
    try {
        if (argv.includes("--help") || argv.includes("-h")) {
            const command = argv[0] as Parsed["command"];
            console.log(usage(["plan", "migrate", "doctor"].includes(command) ? command : undefined));
            return 0;
        }
        return await dispatch(parse(argv), options);
    } catch (error) {
        if (error instanceof UsageError) {
            const command = ["plan", "migrate", "doctor"].includes(argv[0] ?? "") ? (argv[0] as Parsed["command"]) : undefined;
            console.error(`${error.message}\n\n${usage(command)}`);
            return 2;
        }
        if (error instanceof BadProgram) {
            console.error(`${BIN}: ${error.message}`);
            return 2;
        }
        console.error(error);
        return 2;
    }
}

/** Runs `process.argv` and sets `process.exitCode`. */
export function main(options: CliOptions = {}): void {
    void runCli(process.argv.slice(2), options).then((code) => {
        process.exitCode = code;
    });
}
