/**
 * Plans the move from gateway-required to regional VNet Integration.
 *
 *   npm run migrate -- <example|program.ts|facts.json> [--strategy blue-green|slot-swap|direct]
 *                      [--limits azure-2026|documented] [--json] [--out file.ts]
 *
 * An example or program is run offline (as `npm run plan` does) and its GatewayVnetIntegration
 * and PeeredGatewayRoutes components give the facts; a JSON file holds GatewayTopology facts
 * (one object or an array). Writes the target program to --out (default out/migrated-<name>.ts).
 * Exits 1 when a plan is not valid.
 */
import * as fs from "fs";
import * as path from "path";
import { formatMigrationPlan, GatewayTopology, MigrationPlan, MigrationStrategy, planMigration, rangesTakenBy, slotsWithTheirApps, targetProgram } from "../components/migration";
import { isRegional } from "../components/topology";
import { topologiesOf } from "./doctorFacts";
import { diagramOption, drawTo, migrateDiagram } from "./diagram";
import { isLimitsProfileName, LIMITS_PROFILES } from "../components/rules";

function option(argv: string[], name: string): string | undefined {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
}

async function factsOf(target: string): Promise<GatewayTopology[]> {
    return (await topologiesOf(target)).filter((t): t is GatewayTopology => !isRegional(t));
}

async function main(): Promise<number> {
    const argv = process.argv.slice(2);
    const target = argv.find((a, i) => !a.startsWith("--") && !["--strategy", "--limits", "--out", "--diagram"].includes(argv[i - 1] ?? "")) ?? "gateway";
    const strategy = (option(argv, "--strategy") ?? "blue-green") as MigrationStrategy;
    if (!["blue-green", "slot-swap", "direct"].includes(strategy)) throw new Error(`unknown strategy ${strategy}`);
    // The profile travels with each topology; --limits overrides it.
    const limits = option(argv, "--limits");
    if (limits !== undefined && !isLimitsProfileName(limits)) throw new Error(`unknown limits profile ${limits}`);
    const today = await factsOf(target);
    // One plan moves once: slots go where their app goes.
    const topologies = slotsWithTheirApps(today);
    if (topologies.length === 0) {
        console.error(`${target} has no gateway-required integration to migrate`);
        return 1;
    }
    const migrations: { facts: GatewayTopology; plan: MigrationPlan }[] = [];
    for (const facts of topologies) {
        const taken = migrations.flatMap((m) => rangesTakenBy(m.plan));
        migrations.push({ facts, plan: planMigration(facts, strategy, LIMITS_PROFILES[limits ?? facts.limits ?? "azure-2026"], taken) });
    }
    const valid = migrations.every((m) => m.plan.valid);
    const out = option(argv, "--out") ?? path.join("out", `migrated-${path.basename(target).replace(/\.(ts|js|json)$/, "")}.ts`);
    if (valid) {
        fs.mkdirSync(path.dirname(out), { recursive: true });
        const importFrom = path.relative(path.dirname(path.resolve(out)), path.resolve(__dirname, "../components")).split(path.sep).join("/");
        fs.writeFileSync(out, targetProgram(migrations, importFrom.startsWith(".") ? importFrom : `./${importFrom}`));
    }
    if (argv.includes("--json")) {
        console.log(JSON.stringify({ valid, program: valid ? out : undefined, migrations: migrations.map((m) => m.plan) }, null, 2));
    } else {
        for (const m of migrations) console.log(`\n== plan ${m.facts.plan.name}, hub ${m.facts.hub.name} ==\n${formatMigrationPlan(m.plan)}`);
        console.log(valid ? `\nTarget program written to ${out}; check it with: npm run plan -- ${out}` : "\nNo program written: a plan is not valid.");
    }
    const diagram = diagramOption(argv);
    if (diagram) await drawTo(diagram, migrateDiagram(today, migrations));
    return valid ? 0 : 1;
}

// process.exitCode, not process.exit(): stdout drains into a pipe first.
main().then(
    (code) => {
        process.exitCode = code;
    },
    (error) => {
        console.error(error instanceof Error ? error.message : error);
        process.exitCode = 2;
    },
);
