/**
  * `--diagram out.svg|out.png` of the plan, doctor and migrate commands: what each draws, from the
 * topology model (components/topology) by components/diagram. One call per tool.
 */
import { doctorDot, svgOf, topologyDot, writeDiagram } from "../diagram";
import type { Diagnosis } from "../doctor";
import { GatewayTopology, MigrationPlan, targetTopology } from "../migration";
import type { IntegrationTopology } from "../topology";
import type { ProgramRun } from "../testing/program";
import { NamedPrograms, runTarget } from "./programs";
import { topologiesOfRun } from "./topologies";

/** The planned topology of a program run, findings and deferred rules included (also of refused components). */
export async function planDiagram(run: ProgramRun, title: string): Promise<string> {
    return topologyDot(await topologiesOfRun(run, "recorded"), { title });
}

/** The topology with the doctor's path drawn over it. */
export function doctorDiagram(topologies: readonly IntegrationTopology[], d: Diagnosis): string {
    const [name, slot] = d.app.split("/");
    return doctorDot(topologies, {
        app: { name, ...(slot ? { slot } : {}) },
        to: d.to,
        reachable: d.reachable,
        destinationIn: d.destination.in,
        hops: d.path,
        blockers: d.findings.filter((f) => f.blocking).map((f) => f.code ?? f.message.split(/[:;,.]/)[0]),
    });
}

/** Today's gateway integrations (left) beside the regional targets the plans lead to (right). */
export function migrateDiagram(today: readonly GatewayTopology[], migrations: readonly { facts: GatewayTopology; plan: MigrationPlan }[]): string[] {
    const valid = migrations.every((m) => m.plan.valid);
    return [
        topologyDot(today, { title: "before: gateway-required integration", prefix: "before_" }),
        topologyDot(migrations.map((m) => targetTopology(m.facts, m.plan)), { title: `after: regional integration (${valid ? "valid" : "NOT VALID: see the plan's problems"})`, prefix: "after_" }),
    ];
}

/** Writes `dot` to `file` and says so on stderr (stdout stays the tool's). */
export async function drawTo(file: string, dot: string | string[] | Promise<string>): Promise<void> {
    await writeDiagram(await dot, file);
    console.error(`diagram written to ${file}`);
}

/** The examples the README shows, each as `npm run plan -- <example> --diagram` draws it (preview). */
export const DIAGRAM_EXAMPLES = ["regional", "gateway", "peered"] as const;

/** `[file, svg]` of each example's diagram (docs/diagrams/), one example at a time. */
export async function exampleDiagrams(examples: NamedPrograms): Promise<[string, string][]> {
    const drawn: [string, string][] = [];
    for (const example of DIAGRAM_EXAMPLES) {
        // The examples' rule warnings are the plan's to print, not the docs'.
        const error = console.error;
        console.error = () => undefined;
        const run = await runTarget(example, examples, "preview").finally(() => (console.error = error));
        drawn.push([`${example}.svg`, await svgOf(await planDiagram(run, `npm run plan -- ${example} (preview)`))]);
    }
    return drawn;
}
