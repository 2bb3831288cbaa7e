/**
 * The engine suite's harness: a fresh offline Pulumi home per test file (file backend, PULUMI_HOME with the
 * Azure stand-in installed as azure-native 3.28.0, the stand-in's Azure in one state file, its loopback ARM
 * endpoint), and the pulumi CLI run as a user runs it, output captured as the user sees it.
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { offlineEnv, startArm } from "../engine/run";
import { REPO } from "../engine/settings";

export interface CliRun {
    readonly code: number | null;
    readonly signal: NodeJS.Signals | null;
    /** stdout and stderr interleaved as they came, what a user reads in the terminal. */
    readonly output: string;
    readonly stdout: string;
    readonly stderr: string;
}

export const PROGRAMS = path.join(__dirname, "programs");

export class EngineHome {
    readonly dir: string;
    readonly env: NodeJS.ProcessEnv;
    private arm?: ChildProcess;
    armUrl = "";

    private constructor(dir: string, env: NodeJS.ProcessEnv) {
        this.dir = dir;
        this.env = env;
    }

    static async create(label: string): Promise<EngineHome> {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), `vni-engine-${label}-`));
        const env = offlineEnv({
            ...process.env,
            APPSERVICE_VNI_ENGINE_HOME: dir,
            AZURE_STANDIN_STATE: path.join(dir, "azure.json"),
            PULUMI_HOME: path.join(dir, "pulumi-home"),
            PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
            PULUMI_CONFIG_PASSPHRASE: "engine-suite",
            // The suite checks behaviour, not types (npm run typecheck does): ts-node without type checking.
            PULUMI_NODEJS_TRANSPILE_ONLY: "true",
            PULUMI_ACCESS_TOKEN: undefined,
        });
        const home = new EngineHome(dir, env);
        const arm = await startArm(env);
        if (arm) {
            home.arm = arm.process;
            home.armUrl = arm.url;
            env.APPSERVICE_VNI_ARM_ENDPOINT = arm.url;
        }
        return home;
    }

    get stateFile(): string {
        return this.env.AZURE_STANDIN_STATE!;
    }

    /** Runs `pulumi <args>` in a program folder. `killAfter` kills it (SIGKILL) once that text is printed. */
    pulumi(cwd: string, args: readonly string[], opts: { killAfter?: RegExp; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
        return new Promise((resolve) => {
            // Its own process group: `killAfter` kills the CLI with its plugins and program, as a CI runner would.
            const child = spawn("pulumi", [...args, "--non-interactive", "--color", "never"], { cwd, env: { ...this.env, ...opts.env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
            let output = "";
            let stdout = "";
            let stderr = "";
            const seen = (chunk: Buffer, into: "stdout" | "stderr") => {
                const text = chunk.toString();
                output += text;
                if (into === "stdout") stdout += text;
                else stderr += text;
                if (opts.killAfter && opts.killAfter.test(output)) {
                    opts.killAfter = undefined;
                    process.kill(-child.pid!, "SIGKILL");
                }
            };
            child.stdout.on("data", (c: Buffer) => seen(c, "stdout"));
            child.stderr.on("data", (c: Buffer) => seen(c, "stderr"));
            child.on("close", (code, signal) => resolve({ code, signal, output, stdout, stderr }));
        });
    }

    private readonly cleanups: Array<() => void> = [];
    onClose(cleanup: () => void): void {
        this.cleanups.push(cleanup);
    }

    close(): void {
        this.arm?.kill();
        for (const cleanup of this.cleanups) cleanup();
        if (!process.env.KEEP_ENGINE_HOME) fs.rmSync(this.dir, { recursive: true, force: true });
    }
}

/** A stack of a program folder under test-engine/programs (or the repository's own project). */
export class Stack {
    constructor(
        readonly home: EngineHome,
        readonly cwd: string,
        readonly name: string,
    ) {}

    static async init(home: EngineHome, program: string, name: string, config: Record<string, string> = {}): Promise<Stack> {
        const cwd = program === "." ? REPO : path.join(PROGRAMS, program);
        const stack = new Stack(home, cwd, name);
        // A stack's config file beside its project (Pulumi.<stack>.yaml) belongs to that stack's backend: start clean.
        fs.rmSync(stack.configFile, { force: true });
        home.onClose(() => fs.rmSync(stack.configFile, { force: true }));
        await stack.must(["stack", "init"]);
        for (const [key, value] of Object.entries(config)) await stack.must(["config", "set", key, value]);
        return stack;
    }

    get configFile(): string {
        return path.join(this.cwd, `Pulumi.${this.name}.yaml`);
    }

    run(args: readonly string[], opts: { killAfter?: RegExp; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
        return this.home.pulumi(this.cwd, [...args, "--stack", this.name], opts);
    }

    /** Runs and fails the test with the CLI output when the command fails. */
    async must(args: readonly string[], opts: { env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
        const run = await this.run(args, opts);
        if (run.code !== 0) throw new Error(`pulumi ${args.join(" ")} (stack ${this.name}) exited ${run.code}:\n${run.output}`);
        return run;
    }

    preview(extra: readonly string[] = []) {
        return this.run(["preview", "--diff", ...extra]);
    }
    up(extra: readonly string[] = []) {
        return this.run(["up", "--yes", "--skip-preview", ...extra]);
    }
    async exportState(): Promise<{ text: string; deployment: { resources?: Array<Record<string, any>> } }> {
        const run = await this.must(["stack", "export", "--show-secrets=false"]);
        const parsed = JSON.parse(run.stdout);
        return { text: run.stdout, deployment: parsed.deployment ?? {} };
    }
}
