/**
 * Benchmark: N regional integrations written with the component against the same Azure
 * resources written by hand with azure-native, each variant in a fresh process under the
 * same mocks. Prints time and peak RSS per variant and their ratios (component / hand).
 *
 * A third variant, "bare", puts the hand-written resources inside an empty ComponentResource:
 * the cost of being a component at all (one more registration per integration), so the
 * ratio component / bare is what the library's own logic costs.
 *
 *   npm run bench [-- 10 100 300]
 */
import { execFileSync } from "child_process";

type Variant = "component" | "hand" | "bare";

class Bare extends (require("@pulumi/pulumi") as typeof import("@pulumi/pulumi")).ComponentResource {
    constructor(name: string) {
        super("bench:index:Bare", name, {}, {});
    }
    done(): void {
        this.registerOutputs({});
    }
}

async function runVariant(variant: Variant, n: number): Promise<void> {
    const { runProgram } = await import("../components/testing");
    const network = await import("@pulumi/azure-native/network");
    const web = await import("@pulumi/azure-native/web");
    const { RegionalVnetIntegration } = await import("../components");
    const started = process.hrtime.bigint();
    const run = await runProgram(() => {
        for (let i = 0; i < n; i++) {
            // One /16 per integration, so that 300 fit: 10.i.0.0/16 inside 10.0.0.0/8.
            const vnet = { id: `/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet${i}`, name: `vnet${i}`, resourceGroupName: "net", location: "westeurope" };
            const app = { name: `app${i}`, resourceGroupName: "apps" };
            const prefix = `10.${i % 256}.${Math.floor(i / 256)}.0/26`;
            if (variant === "component") {
                new RegionalVnetIntegration(`int${i}`, {
                    plan: { id: `/subscriptions/s/resourceGroups/apps/providers/Microsoft.Web/serverfarms/plan${i}`, location: "westeurope", sku: { name: "P1v3" } },
                    virtualNetwork: { ...vnet, addressSpace: ["10.0.0.0/8"] },
                    subnet: { addressPrefix: prefix },
                    apps: [app],
                });
            } else {
                const parent = variant === "bare" ? new Bare(`int${i}`) : undefined;
                const subnet = new network.Subnet(`int${i}-subnet`, {
                    resourceGroupName: vnet.resourceGroupName,
                    virtualNetworkName: vnet.name,
                    subnetName: `int${i}`,
                    addressPrefix: prefix,
                    delegations: [{ name: "delegation", serviceName: "Microsoft.Web/serverFarms" }],
                }, { parent });
                new web.WebAppSwiftVirtualNetworkConnection(`int${i}-${app.name}`, { ...app, subnetResourceId: subnet.id }, { dependsOn: [subnet], parent });
                parent?.done();
            }
        }
    });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    // Peak resident set size of the whole process: monotone, unlike sampled heap use.
    const peak = process.resourceUsage().maxRSS * 1024;
    if (run.errors.length > 0) throw run.errors[0];
    console.log(JSON.stringify({ variant, n, ms: elapsed, peakMiB: peak / 2 ** 20, resources: run.mocks.registrations.length }));
}

function measure(variant: Variant, n: number): { ms: number; peakMiB: number; resources: number } {
    const out = execFileSync(process.execPath, [require.resolve("ts-node/dist/bin"), "--transpile-only", __filename, "--variant", variant, String(n)], {
        cwd: `${__dirname}/..`,
        encoding: "utf8",
        maxBuffer: 64 * 2 ** 20,
    });
    return JSON.parse(out.trim().split("\n").pop()!);
}

async function main(): Promise<void> {
    const argv = process.argv.slice(2);
    const at = argv.indexOf("--variant");
    if (at >= 0) return runVariant(argv[at + 1] as Variant, Number(argv[at + 2]));
    const sizes = argv.length > 0 ? argv.map(Number) : [10, 100, 300];
    const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
    console.log(`best of ${rounds} interleaved runs per variant; ratios: component/hand (bare/hand = the floor of any component, component/bare = our logic)`);
    console.log("N     time ms: component  bare   hand | ratio c/h  b/h   c/b  || peak RSS MiB: component  bare   hand | ratio c/h  b/h   c/b");
    for (const n of sizes) {
        const runs: Record<Variant, ReturnType<typeof measure>[]> = { component: [], bare: [], hand: [] };
        for (let round = 0; round < rounds; round++) {
            for (const variant of ["component", "bare", "hand"] as const) runs[variant].push(measure(variant, n));
        }
        const best = (variant: Variant, key: "ms" | "peakMiB") => Math.min(...runs[variant].map((r) => r[key]));
        const row = (key: "ms" | "peakMiB") => {
            const [c, b, h] = [best("component", key), best("bare", key), best("hand", key)];
            return `${c.toFixed(0).padStart(9)} ${b.toFixed(0).padStart(6)} ${h.toFixed(0).padStart(6)} | ${(c / h).toFixed(2).padStart(9)} ${(b / h).toFixed(2).padStart(5)} ${(c / b).toFixed(2).padStart(5)}`;
        };
        console.log(`${String(n).padEnd(5)} ${row("ms")}  || ${row("peakMiB")}`);
    }
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
