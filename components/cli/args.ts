/**
 * The command line, parsed in one place: each command's options are declared here once
 * (Node's `util.parseArgs`, strict: an unknown option is an error), so adding an option to a
 * command is one line in COMMANDS.
 */
import { parseArgs } from "util";

/** A wrong command line: the message and the usage go to stderr, exit code 2. */
export class UsageError extends Error {}

type OptionSpec = { readonly type: "string" | "boolean"; readonly describe: string };

export const COMMANDS = {
    plan: {
        summary: "the offline plan: what the first `pulumi preview` of a new stack (or, with --up, `pulumi up`) would create, which rules wait, and the rule errors. Exit 1 when a rule error stops the program.",
        target: "<program.ts|program.js>",
        options: {
            json: { type: "boolean", describe: "the plan as JSON on stdout" },
            up: { type: "boolean", describe: "run as an update, every value known (default: a new stack's preview)" },
            diagram: { type: "string", describe: "also draw the planned topology to FILE (.svg, or .png with @resvg/resvg-js)" },
        },
    },
    migrate: {
        summary: "plans the move off gateway-required integration and writes the target program (importing this package). Exit 1 when a plan is not valid.",
        target: "<program.ts|program.js|facts.json>",
        options: {
            strategy: { type: "string", describe: "blue-green (default), slot-swap or direct" },
            limits: { type: "string", describe: "azure-2026 (default) or documented" },
            out: { type: "string", describe: "where to write the target program (default out/migrated-<name>.ts)" },
            json: { type: "boolean", describe: "the plans as JSON on stdout" },
            diagram: { type: "string", describe: "also draw before and after side by side to FILE (.svg or .png)" },
        },
    },
    doctor: {
        summary: "can an integrated app reach HOST:PORT, and if not, why? Exit 0 yes, 3 no (reasons printed), 2 a bad question.",
        target: "<program.ts|program.js|facts.json>",
        options: {
            app: { type: "string", describe: "NAME or NAME/SLOT of the app" },
            to: { type: "string", describe: "HOST:PORT, HOST an IPv4 address" },
            name: { type: "string", describe: "the host name the app uses (shapes the nameresolver commands)" },
            limits: { type: "string", describe: "documented or azure-2026" },
            json: { type: "boolean", describe: "the diagnosis as JSON on stdout" },
            diagram: { type: "string", describe: "also draw the topology with the path checked and where it is blocked to FILE (.svg or .png)" },
        },
    },
} as const satisfies Record<string, { summary: string; target: string; options: Record<string, OptionSpec> }>;

export type CommandName = keyof typeof COMMANDS;
type Values<C extends CommandName> = {
    -readonly [K in keyof (typeof COMMANDS)[C]["options"]]?: (typeof COMMANDS)[C]["options"][K] extends { type: "boolean" } ? boolean : string;
};

export interface Parsed<C extends CommandName = CommandName> {
    readonly command: C;
    /** The program, example name or facts file; undefined when none was given. */
    readonly target: string | undefined;
    readonly values: Values<C>;
}

export const BIN = "appservice-vnet-integration";

export function usage(command?: CommandName): string {
    const names = command ? [command] : (Object.keys(COMMANDS) as CommandName[]);
    return names
        .map((name) => {
            const spec = COMMANDS[name];
            const options = Object.entries(spec.options).map(([option, o]) => `    --${option}${o.type === "string" ? " VALUE" : ""}  ${o.describe}`);
            return [`usage: ${BIN} ${name} ${spec.target} [options]`, `  ${spec.summary}`, ...options].join("\n");
        })
        .join("\n\n");
}

export function parse(argv: readonly string[]): Parsed {
    const [command, ...rest] = argv;
    if (command === undefined || command === "--help" || command === "-h" || command === "help") throw new UsageError(`${BIN}: a command is needed`);
    if (!(command in COMMANDS)) throw new UsageError(`${BIN}: unknown command ${JSON.stringify(command)}; commands: ${Object.keys(COMMANDS).join(", ")}`);
    const name = command as CommandName;
    let parsed: { values: Record<string, unknown>; positionals: string[] };
    try {
        const options: Record<string, { type: "string" | "boolean" }> = COMMANDS[name].options;
        parsed = parseArgs({ args: [...rest], options, allowPositionals: true, strict: true });
    } catch (error) {
        throw new UsageError(`${BIN} ${name}: ${(error as Error).message}`);
    }
    if (parsed.positionals.length > 1) throw new UsageError(`${BIN} ${name}: one ${COMMANDS[name].target} at a time, got ${parsed.positionals.join(", ")}`);
    return { command: name, target: parsed.positionals[0], values: parsed.values as Values<typeof name> };
}
