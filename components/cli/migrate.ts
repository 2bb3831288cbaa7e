/**
 * `migrate`: plans the move from gateway-required to regional VNet Integration. A program is
 * run offline (as `plan` does, at up) and its GatewayVnetIntegration and PeeredGatewayRoutes
 * components give the facts; a JSON file holds GatewayTopology facts (one object or an array).
 * Writes the target program, importing this package, to --out (default
 * out/migrated-<name>.ts). Exit code 1 when a plan is not valid.
 */
import * as fs from "fs";
import * as path from "path";
import { GatewayVnetIntegration } from "../gateway";
import { PeeredGatewayRoutes } from "../peering";
import { formatMigrationPlan, GatewayTopology, MigrationPlan, MigrationStrategy, planMigration, rangesTakenBy, targetProgram } from "../migration";
import { isLimitsProfileName, LIMITS_PROFILES } from "../rules";
import { outputPromise } from "../program";
import { BIN, Parsed, UsageError } from "./args";
import { BadProgram, NamedPrograms, runTarget } from "./programs";

/** What the written program imports the components from: the package, as a consumer installs it. */
export const PACKAGE_NAME = "appservice-vnet-integration";

const STRATEGIES: readonly MigrationStrategy[] = ["blue-green", "slot-swap", "direct"];

async function factsOf(target: string, programs: NamedPrograms): Promise<GatewayTopology[]> {
    if (target.endsWith(".json")) {
        let parsed: GatewayTopology | GatewayTopology[];
        try {
            parsed = JSON.parse(fs.readFileSync(target, "utf8")) as GatewayTopology | GatewayTopology[];
        } catch (error) {
            throw new BadProgram(`cannot read facts from ${target}: ${(error as Error).message}`);
        }
        return Array.isArray(parsed) ? parsed : [parsed];
    }
    const run = await runTarget(target, programs, "up");
    if (run.errors.length > 0) throw new BadProgram(`the program fails its own checks:\n${run.errors.map((e) => e.message).join("\n")}`);
    const gateways = run.components.filter((c): c is GatewayVnetIntegration => c instanceof GatewayVnetIntegration);
    const peerings = run.components.filter((c): c is PeeredGatewayRoutes => c instanceof PeeredGatewayRoutes);
    const routed = await Promise.all(peerings.map((p) => outputPromise(p.topology)));
    return Promise.all(
        gateways.map(async (g) => {
            const topology = await outputPromise(g.topology);
            const extra = routed.filter((r) => r.hubName === topology.hub.name);
            return { ...topology, peers: extra.flatMap((r) => r.peers), planRoutes: extra.flatMap((r) => r.planRoutes) };
        }),
    );
}

export async function migrate(args: Parsed<"migrate">, programs: NamedPrograms, defaultTarget?: string): Promise<number> {
    const target = args.target ?? defaultTarget;
    if (target === undefined) throw new UsageError("migrate: which program or facts file?");
    const strategy = (args.values.strategy ?? "blue-green") as MigrationStrategy;
    if (!STRATEGIES.includes(strategy)) throw new UsageError(`migrate: unknown strategy ${JSON.stringify(strategy)}; use ${STRATEGIES.join(", ")}`);
    const limits = args.values.limits ?? "azure-2026";
    if (!isLimitsProfileName(limits)) throw new UsageError(`migrate: unknown limits profile ${JSON.stringify(limits)}; use azure-2026 or documented`);
    const topologies = await factsOf(target, programs);
    if (topologies.length === 0) {
        console.error(`${target} has no gateway-required integration to migrate`);
        return 1;
    }
    const migrations: { facts: GatewayTopology; plan: MigrationPlan }[] = [];
    for (const facts of topologies) {
        const taken = migrations.flatMap((m) => rangesTakenBy(m.plan));
        migrations.push({ facts, plan: planMigration(facts, strategy, LIMITS_PROFILES[limits], taken) });
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
    return valid ? 0 : 1;
}
