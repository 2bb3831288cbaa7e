/**
 * `npm run engine -- <pulumi arguments>`: the pinned engine with the offline settings, a local state folder,
 * the stack created if missing, and the Azure stand-in as the azure-native provider of any Pulumi program:
 *
 *     npm run engine -- preview --cwd path/to/project --stack dev
 *
 * The stand-in's Azure lives in one file (AZURE_STANDIN_STATE, default .engine/azure.json); its loopback ARM
 * endpoint, which the gateway component's ARM steps call, is started for the run and handed to the program
 * as APPSERVICE_VNI_ARM_ENDPOINT.
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { installEngine } from "./install";
import { AZURE_NATIVE_VERSION, REPO, engineEnv, workDir } from "./settings";

const STANDIN_PLUGIN = path.join(REPO, "azure-standin", "pulumi-resource-azure-native");
const STANDIN_ARM = path.join(REPO, "azure-standin", "arm.ts");

/** Commands that run a stack's program or change its state: they need the stack to exist. */
const STACK_COMMANDS = new Set(["preview", "pre", "up", "update", "destroy", "down", "refresh", "import", "config", "stack"]);

function option(args: readonly string[], ...names: string[]): string | undefined {
    for (let i = 0; i < args.length; i++) {
        for (const name of names) {
            if (args[i] === name) return args[i + 1];
            if (args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
        }
    }
    return undefined;
}

/** Makes the stand-in the azure-native 3.28.0 plugin of this PULUMI_HOME (a wrapper that calls the repository's). */
export function installStandIn(env: NodeJS.ProcessEnv, home: string): void {
    if (!fs.existsSync(STANDIN_PLUGIN)) return;
    const wrapperDir = path.join(home, "standin-plugin");
    const wrapper = path.join(wrapperDir, "pulumi-resource-azure-native");
    const body = `#!/bin/sh\nexec "${STANDIN_PLUGIN}" "$@"\n`;
    const installed = path.join(env.PULUMI_HOME!, "plugins", `resource-azure-native-v${AZURE_NATIVE_VERSION}`, "pulumi-resource-azure-native");
    if (fs.existsSync(installed) && fs.readFileSync(installed, "utf8") === body) return;
    fs.mkdirSync(wrapperDir, { recursive: true });
    fs.writeFileSync(wrapper, body, { mode: 0o755 });
    const result = spawnSync("pulumi", ["plugin", "install", "resource", "azure-native", AZURE_NATIVE_VERSION, "--file", wrapper, "--reinstall"], { env, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`installing the Azure stand-in as azure-native ${AZURE_NATIVE_VERSION} failed: ${result.stderr || result.stdout}`);
}

/**
 * Starts the stand-in's loopback ARM endpoint; resolves with its URL and the process to stop. The port is kept
 * beside the state (arm.port) and reused: the endpoint is an input of the gateway's dynamic resources, so a new
 * port on every run would be a change on every preview.
 */
export async function startArm(env: NodeJS.ProcessEnv): Promise<{ url: string; process: ChildProcess } | undefined> {
    if (!fs.existsSync(STANDIN_ARM)) return undefined;
    const portFile = `${env.AZURE_STANDIN_STATE!}.arm-port`;
    const kept = fs.existsSync(portFile) ? fs.readFileSync(portFile, "utf8").trim() : "";
    const started = await serveArm(env, kept || "0").catch((error) => (kept ? serveArm(env, "0") : Promise.reject(error)));
    fs.writeFileSync(portFile, new URL(started.url).port);
    return started;
}

function serveArm(env: NodeJS.ProcessEnv, port: string): Promise<{ url: string; process: ChildProcess }> {
    const child = spawn(process.execPath, [require.resolve("ts-node/dist/bin.js"), "--transpile-only", STANDIN_ARM, "--port", port, "--state", env.AZURE_STANDIN_STATE!], {
        env,
        stdio: ["ignore", "pipe", "inherit"],
    });
    return new Promise((resolve, reject) => {
        let buffer = "";
        child.stdout!.on("data", (chunk: Buffer) => {
            buffer += chunk.toString();
            const line = buffer.split("\n")[0];
            if (buffer.includes("\n")) {
                child.stdout!.removeAllListeners("data");
                child.stdout!.resume();
                resolve({ url: line.trim(), process: child });
            }
        });
        child.on("exit", (code) => reject(new Error(`the stand-in's ARM endpoint exited (${code}) before it served`)));
    });
}

/** The environment `npm run engine` runs pulumi with (engine installed, stand-in plugin installed). */
export function offlineEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
    installEngine();
    const home = base.APPSERVICE_VNI_ENGINE_HOME ?? workDir();
    const env = engineEnv(base, home);
    fs.mkdirSync(env.PULUMI_BACKEND_URL!.startsWith("file://") ? env.PULUMI_BACKEND_URL!.slice("file://".length) : home, { recursive: true });
    fs.mkdirSync(env.PULUMI_HOME!, { recursive: true });
    env.AZURE_STANDIN_STATE = base.AZURE_STANDIN_STATE ?? path.join(home, "azure.json");
    installStandIn(env, home);
    return env;
}

async function main(args: string[]): Promise<number> {
    const env = offlineEnv();
    const command = args.find((a) => !a.startsWith("-"));
    const stack = option(args, "--stack", "-s");
    const cwd = option(args, "--cwd", "-C") ?? process.cwd();
    if (command && STACK_COMMANDS.has(command) && stack && !(command === "stack" && args.includes("init"))) {
        const select = spawnSync("pulumi", ["stack", "select", "--create", stack, "--non-interactive"], { cwd, env, encoding: "utf8" });
        if (select.status !== 0) process.stderr.write(select.stderr);
    }
    const arm = await startArm(env);
    if (arm) env.APPSERVICE_VNI_ARM_ENDPOINT = env.APPSERVICE_VNI_ARM_ENDPOINT ?? arm.url;
    try {
        const child = spawn("pulumi", args, { env, stdio: "inherit" });
        const forward = (signal: NodeJS.Signals) => child.kill(signal);
        process.on("SIGINT", forward);
        process.on("SIGTERM", forward);
        return await new Promise<number>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1))));
    } finally {
        arm?.process.kill();
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => (process.exitCode = code),
        (error) => {
            process.stderr.write(`engine: ${(error as Error).message}\n`);
            process.exitCode = 1;
        },
    );
}
