/**
 * A program's topologies, in the one model (components/topology): from a facts.json (its JSON
 * form: one topology or a list, checked against the schema), or from a program run offline
 * under the Azure mocks. `npm run doctor`, `npm run migrate` and every `--diagram` read them here.
 *
 * From a program: each integration's `topology` output (RegionalVnetIntegration and
 * GatewayVnetIntegration), completed by PeeredGatewayRoutes' `topology` (peers with both
 * directions' flags, plan routes, its findings) on the same hub, and, for a regional
 * integration, by the apps that spread its `siteArgs` (form A: the component does not see
 * them; their `outboundVnetRouting` is their route-all setting).
 */
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import { GatewayVnetIntegration } from "../gateway";
import { PeeredGatewayRoutes } from "../peering";
import { RegionalVnetIntegration } from "../regional";
import type { GatewayTopology, IntegrationTopology, PeeringTopology, RegionalTopology, TopologyApp } from "../topology";
import { readTopologies } from "../topology";
import { recordedTopology } from "../topology/judged";
import { InvalidInputError } from "../invalidInput";
import { isUnknown } from "../rules/known";
import { outputPromise } from "../sdk";
import type { ProgramRun } from "../testing/program";
import { BadProgram, NamedPrograms, runTarget } from "./programs";

/** Input the tools cannot use: a bad question or unreadable facts (exit code 2). */
export class BadInput extends BadProgram {}

function sameId(a: unknown, b: unknown): boolean {
    return typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();
}

/** A recorded topology with its Unknown facts (at preview) left out: readers show them as not known yet. */
function plainOf<T>(value: unknown): T {
    if (isUnknown(value) || pulumi.Output.isInstance(value)) return undefined as T;
    if (Array.isArray(value)) return value.filter((v) => !isUnknown(v)).map((v) => plainOf(v)) as T;
    if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainOf(v)])) as T;
    }
    return value as T;
}

/** Apps of the program that spread `siteArgs` of `integration` (form A). */
function siteArgsApps(run: ProgramRun, subnetId: unknown, sole: boolean): TopologyApp[] {
    const apps: TopologyApp[] = [];
    for (const r of run.mocks.registrations.filter((r) => /^azure-native:web:WebApp(Slot)?$/.test(r.type))) {
        const own = r.inputs.virtualNetworkSubnetId;
        // At preview a created subnet's id is not known yet: the app belongs to the one integration that creates a subnet.
        const mine = sameId(own, subnetId) || (sole && typeof own === "object" && own !== null && (own as { __pulumiUnknown?: boolean }).__pulumiUnknown === true);
        if (!mine) continue;
        const slot = r.type.endsWith("Slot") ? (r.inputs.slot as string | undefined) : undefined;
        apps.push({
            name: String(r.inputs.name ?? r.name),
            ...(typeof r.inputs.resourceGroupName === "string" ? { resourceGroupName: r.inputs.resourceGroupName } : {}),
            ...(slot ? { slot } : {}),
            routing: (r.inputs.outboundVnetRouting as TopologyApp["routing"]) ?? {},
            attachment: "site-args",
        });
    }
    return apps;
}

/**
 * The topologies of a program run: from the components' `topology` outputs, or (`recorded`)
 * from what each component recorded as its rules judged it, which a refused component has too.
 */
export async function topologiesOfRun(run: ProgramRun, from: "outputs" | "recorded" = "outputs"): Promise<IntegrationTopology[]> {
    const read = async <T>(c: { topology: pulumi.Output<T> }): Promise<T | undefined> => (from === "outputs" ? outputPromise(c.topology) : plainOf<T>(recordedTopology(c)));
    const routes = run.components.filter((c): c is PeeredGatewayRoutes => c instanceof PeeredGatewayRoutes);
    const routed = (await Promise.all(routes.map((p) => read<PeeringTopology>(p)))).filter((r): r is PeeringTopology => r !== undefined && typeof r.hubName === "string");
    const regionalCount = run.components.filter((c) => c instanceof RegionalVnetIntegration && c.subnet).length;
    const topologies: IntegrationTopology[] = [];
    for (const c of run.components) {
        if (c instanceof GatewayVnetIntegration) {
            const topology = await read<GatewayTopology>(c);
            if (!topology?.hub) continue;
            const extra = routed.filter((r) => r.hubName === topology.hub.name);
            topologies.push({
                ...topology,
                kind: "gateway",
                peers: [...(topology.peers ?? []), ...extra.flatMap((r) => r.peers)],
                planRoutes: [...(topology.planRoutes ?? []), ...extra.flatMap((r) => r.planRoutes)],
                findings: [...(topology.findings ?? []), ...extra.flatMap((r) => r.findings ?? [])],
                deferred: [...(topology.deferred ?? []), ...extra.flatMap((r) => r.deferred ?? [])],
            });
        } else if (c instanceof RegionalVnetIntegration) {
            const topology = await read<RegionalTopology>(c);
            if (!topology?.virtualNetwork) continue;
            const subnetId = from === "outputs" ? await outputPromise(c.subnetId) : undefined;
            const formA = siteArgsApps(run, subnetId, regionalCount === 1 && c.subnet !== undefined);
            const extra = routed.filter((r) => r.hubName === topology.virtualNetwork.name);
            topologies.push({
                ...topology,
                apps: [...(topology.apps ?? []), ...formA],
                peers: [...(topology.peers ?? []), ...extra.flatMap((r) => r.peers)],
                findings: [...(topology.findings ?? []), ...extra.flatMap((r) => r.findings ?? [])],
                deferred: [...(topology.deferred ?? []), ...extra.flatMap((r) => r.deferred ?? [])],
            });
        }
    }
    return topologies;
}

/** The topologies of a facts.json, checked against the model's schema. */
export function fromJson(file: string): IntegrationTopology[] {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new BadInput(`cannot read facts from ${file}: ${(error as Error).message}`);
    }
    try {
        return readTopologies(parsed, file);
    } catch (error) {
        if (!InvalidInputError.isInvalidInputError(error)) throw error;
        throw new BadInput(`${file} does not fit the topology schema (docs/topology.md):\n  ${error.problems.join("\n  ")}`);
    }
}

/** The topologies of an example (by name), a program file, or a facts.json. */
export async function topologiesOf(target: string, programs: NamedPrograms = {}): Promise<IntegrationTopology[]> {
    if (target.endsWith(".json")) return fromJson(target);
    const run = await runTarget(target, programs, "up");
    if (run.errors.length > 0) throw new BadInput(`${target} fails its own checks, so there is no topology to read:\n${run.errors.map((e) => e.message).join("\n")}`);
    return topologiesOfRun(run);
}
