/**
 * `npm run bench:engine`: `pulumi preview` (a new stack's first) and `pulumi up` under the real engine, for
 * 1, 10 and 50 regional integrations: the component against the same resources by hand, interleaved in one
 * run. Wall time and peak memory of the whole process tree (engine, language host, program, providers).
 * Ratios component/hand are printed; the figures are this machine's, the ratios are what to compare.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AzureModel } from "../azure-standin/model";
import { offlineEnv } from "./run";
import { REPO } from "./settings";

const PROGRAM = path.join(REPO, "test-engine", "programs", "bench");
const PAGE = 4096;

/** RSS (bytes) of pid and all its descendants, read from /proc. */
function treeRss(root: number): number {
    const children = new Map<number, number[]>();
    const rss = new Map<number, number>();
    for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        try {
            const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
            const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
            const ppid = Number(fields[1]);
            children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
            rss.set(Number(entry), Number(fs.readFileSync(`/proc/${entry}/statm`, "utf8").split(" ")[1]) * PAGE);
        } catch {
            /* gone */
        }
    }
    let total = 0;
    const stack = [root];
    while (stack.length) {
        const pid = stack.pop()!;
        total += rss.get(pid) ?? 0;
        stack.push(...(children.get(pid) ?? []));
    }
    return total;
}

interface Measure {
    seconds: number;
    peakMb: number;
}

function pulumi(args: string[], env: NodeJS.ProcessEnv): Promise<Measure> {
    return new Promise((resolve, reject) => {
        const started = process.hrtime.bigint();
        const child = spawn("pulumi", [...args, "--non-interactive", "--color", "never"], { cwd: PROGRAM, env, stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        child.stdout.on("data", (c: Buffer) => (output += c));
        child.stderr.on("data", (c: Buffer) => (output += c));
        let peak = 0;
        const timer = setInterval(() => (peak = Math.max(peak, treeRss(child.pid!))), 100);
        child.on("close", (code) => {
            clearInterval(timer);
            if (code !== 0) return reject(new Error(`pulumi ${args.join(" ")} exited ${code}\n${output}`));
            resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, peakMb: peak / 1024 / 1024 });
        });
    });
}

async function main(): Promise<void> {
    const sizes = (process.argv[2] ?? "1,10,50").split(",").map(Number);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vni-bench-engine-"));
    const env = offlineEnv({
        ...process.env,
        APPSERVICE_VNI_ENGINE_HOME: dir,
        PULUMI_HOME: path.join(dir, "pulumi-home"),
        PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
        PULUMI_CONFIG_PASSPHRASE: "bench",
        PULUMI_NODEJS_TRANSPILE_ONLY: "true",
        AZURE_STANDIN_STATE: path.join(dir, "azure.json"),
    });
    const azure = new AzureModel(env.AZURE_STANDIN_STATE!);
    const rg = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/bench-attached";
    azure.seed({ id: rg, location: "westeurope", properties: {} });
    azure.seed({ id: `${rg}/providers/Microsoft.Web/serverfarms/attached`, location: "westeurope", kind: "linux", sku: { name: "P1v3", tier: "PremiumV3" }, properties: { reserved: true } });
    for (let i = 0; i < Math.max(...sizes); i++) {
        azure.seed({ id: `${rg}/providers/Microsoft.Web/sites/attached${i}`, location: "westeurope", properties: { serverFarmId: `${rg}/providers/Microsoft.Web/serverfarms/attached` } });
    }
    const rows: string[] = ["integrations  step     component s / MB     by hand s / MB     time ratio  memory ratio"];
    try {
        for (const count of sizes) {
            const results: Record<string, { preview: Measure; up: Measure }> = {};
            // Interleaved: component, hand, one after the other at each size, on the same machine state.
            for (const mode of ["component", "hand"]) {
                const stack = `${mode}-${count}`;
                const stackEnv = { ...env };
                await pulumi(["stack", "init", stack], stackEnv);
                await pulumi(["config", "set", "mode", mode, "--stack", stack], stackEnv);
                await pulumi(["config", "set", "count", String(count), "--stack", stack], stackEnv);
                const preview = await pulumi(["preview", "--stack", stack], stackEnv);
                const up = await pulumi(["up", "--yes", "--skip-preview", "--stack", stack], stackEnv);
                await pulumi(["destroy", "--yes", "--skip-preview", "--stack", stack], stackEnv);
                results[mode] = { preview, up };
                fs.rmSync(path.join(PROGRAM, `Pulumi.${stack}.yaml`), { force: true });
            }
            for (const step of ["preview", "up"] as const) {
                const c = results.component[step];
                const h = results.hand[step];
                rows.push(
                    `${String(count).padStart(12)}  ${step.padEnd(7)}  ${c.seconds.toFixed(1).padStart(8)} / ${c.peakMb.toFixed(0).padStart(5)}    ${h.seconds.toFixed(1).padStart(8)} / ${h.peakMb.toFixed(0).padStart(5)}    ${(c.seconds / h.seconds).toFixed(2).padStart(10)}  ${(c.peakMb / h.peakMb).toFixed(2).padStart(12)}`,
                );
            }
            process.stderr.write(`bench:engine: ${count} done\n`);
        }
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
    process.stdout.write(`${rows.join("\n")}\n`);
}

main().catch((error) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
});
