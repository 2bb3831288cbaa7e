/**
 * Benchmark: N regional integrations written with the component against the same Azure
 * resources written by hand with azure-native, each variant in a fresh process under the
 * same mocks. Prints time and peak RSS per variant and their ratios (component / hand).
 *
 *   npm run bench [-- 10 100 300]
 */
import { execFileSync } from "child_process";

type Variant = "component" | "hand";

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
                const subnet = new network.Subnet(`int${i}-subnet`, {
                    resourceGroupName: vnet.resourceGroupName,
                    virtualNetworkName: vnet.name,
                    subnetName: `int${i}`,
                    addressPrefix: prefix,
                    delegations: [{ name: "delegation", serviceName: "Microsoft.Web/serverFarms" }],
                });
                new web.WebAppSwiftVirtualNetworkConnection(`int${i}-${app.name}`, { ...app, subnetResourceId: subnet.id }, { dependsOn: [subnet] });
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
    console.log("N     resources(component/hand)  time ms (component / hand = ratio)   peak RSS MiB (component / hand = ratio)");
    for (const n of sizes) {
        // Interleave and keep the best of three runs each, to damp one-off noise.
        const c: ReturnType<typeof measure>[] = [];
        const h: ReturnType<typeof measure>[] = [];
        for (let round = 0; round < 3; round++) {
            c.push(measure("component", n));
            h.push(measure("hand", n));
        }
        const best = (xs: typeof c, key: "ms" | "peakMiB") => Math.min(...xs.map((x) => x[key]));
        const [cm, hm, cp, hp] = [best(c, "ms"), best(h, "ms"), best(c, "peakMiB"), best(h, "peakMiB")];
        console.log(
            `${String(n).padEnd(5)} ${`${c[0].resources}/${h[0].resources}`.padEnd(26)} ` +
                `${cm.toFixed(0)} / ${hm.toFixed(0)} = ${(cm / hm).toFixed(2)}`.padEnd(38) +
                ` ${cp.toFixed(1)} / ${hp.toFixed(1)} = ${(cp / hp).toFixed(2)}`,
        );
    }
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
