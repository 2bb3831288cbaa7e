/**
 * `migrate`: plans the move from gateway-required to regional VNet Integration. A program is
 * run offline (as `plan` does, at up) and its GatewayVnetIntegration and PeeredGatewayRoutes
 * components give the facts; a JSON file holds GatewayTopology facts (one object or an array).
 * Writes the target program, importing this package, to --out (default
 * out/migrated-<name>.ts). Exit code 1 when a plan is not valid.
 */
import * as fs from "fs";
import * as path from "path";
import { formatMigrationPlan, GatewayTopology, MigrationPlan, MigrationStrategy, planMigration, rangesTakenBy, slotsWithTheirApps, targetProgram } from "../migration";
import { isLimitsProfileName, LIMITS_PROFILES } from "../rules";
import { isRegional } from "../topology";
import { BIN, Parsed, UsageError } from "./args";
import { drawTo, migrateDiagram } from "./diagram";
import { NamedPrograms } from "./programs";
import { topologiesOf } from "./topologies";

/** What the written program imports the components from: the package, as a consumer installs it. */
export const PACKAGE_NAME = "appservice-vnet-integration";

const STRATEGIES: readonly MigrationStrategy[] = ["blue-green", "slot-swap", "direct"];

async function factsOf(target: string, programs: NamedPrograms): Promise<GatewayTopology[]> {
    return (await topologiesOf(target, programs)).filter((t): t is GatewayTopology => !isRegional(t));
}

export async function migrate(args: Parsed<"migrate">, programs: NamedPrograms, defaultTarget?: string): Promise<number> {
    const target = args.target ?? defaultTarget;
    if (target === undefined) throw new UsageError("migrate: which program or facts file?");
    const strategy = (args.values.strategy ?? "blue-green") as MigrationStrategy;
    if (!STRATEGIES.includes(strategy)) throw new UsageError(`migrate: unknown strategy ${JSON.stringify(strategy)}; use ${STRATEGIES.join(", ")}`);
    // The profile travels with each topology; --limits overrides it.
    const limits = args.values.limits;
    if (limits !== undefined && !isLimitsProfileName(limits)) throw new UsageError(`migrate: unknown limits profile ${JSON.stringify(limits)}; use azure-2026 or documented`);
    const today = await factsOf(target, programs);
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
    const out = args.values.out ?? path.join("out", `migrated-${path.basename(target).replace(/\.(ts|js|json)$/, "")}.ts`);
    if (valid) {
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, targetProgram(migrations, PACKAGE_NAME));
    }
    if (args.values.json === true) {
        console.log(JSON.stringify({ valid, program: valid ? out : undefined, migrations: migrations.map((m) => m.plan) }, null, 2));
    } else {
        for (const m of migrations) console.log(`\n== plan ${m.facts.plan.name}, hub ${m.facts.hub.name} ==\n${formatMigrationPlan(m.plan)}`);
        console.log(valid ? `\nTarget program written to ${out}; check it with: npx ${BIN} plan ${out}` : "\nNo program written: a plan is not valid.");
    }
    if (args.values.diagram) await drawTo(args.values.diagram, migrateDiagram(today, migrations));
    return valid ? 0 : 1;
}
