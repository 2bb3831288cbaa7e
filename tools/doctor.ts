/**
 * The reachability doctor: can an integrated app reach HOST:PORT, and if not, why?
 *
 *   npm run doctor -- <example|program.ts|facts.json> --app NAME[/SLOT] --to HOST:PORT
 *                     [--name HOSTNAME] [--limits documented|azure-2026] [--json]
 *
 * HOST is the IPv4 address the app connects to (--name, the host name it uses, only shapes
 * the nameresolver commands). Exit codes: 0 the app reaches it through the integration,
 * 3 it does not (the reasons are printed), 2 a bad question (unknown app, bad address,
 * unreadable facts).
 */
import { diagnose, formatDiagnosis, parseQuestion } from "../components/doctor";
import { isLimitsProfileName } from "../components/rules";
import { BadInput, topologiesOf } from "./doctorFacts";
import { diagramOption, doctorDiagram, drawTo } from "./diagram";

const VALUED = ["--app", "--to", "--name", "--limits", "--diagram"];

function option(argv: string[], name: string): string | undefined {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
}

async function main(): Promise<number> {
    const argv = process.argv.slice(2);
    const target = argv.find((a, i) => !a.startsWith("--") && !VALUED.includes(argv[i - 1] ?? ""));
    const usage = "usage: npm run doctor -- <example|program.ts|facts.json> --app NAME[/SLOT] --to HOST:PORT [--name HOSTNAME] [--limits documented|azure-2026] [--json] [--diagram out.svg|out.png]";
    if (!target) {
        console.error(`the doctor needs a topology to read.\n${usage}`);
        return 2;
    }
    const question = parseQuestion(option(argv, "--app"), option(argv, "--to"), option(argv, "--name"));
    if (!question.ok) {
        console.error(`${question.message}\n${usage}`);
        return 2;
    }
    const limits = option(argv, "--limits");
    if (limits !== undefined && !isLimitsProfileName(limits)) {
        console.error(`unknown limits profile ${JSON.stringify(limits)}; use documented or azure-2026`);
        return 2;
    }
    const topologies = await topologiesOf(target);
    const answer = diagnose(topologies, question.value, { limits });
    if (!answer.ok) {
        console.error(answer.message);
        return 2;
    }
    console.log(argv.includes("--json") ? JSON.stringify(answer.value, null, 2) : formatDiagnosis(answer.value));
    const diagram = diagramOption(argv);
    if (diagram) await drawTo(diagram, doctorDiagram(topologies, answer.value));
    return answer.value.reachable ? 0 : 3;
}

main().then(
    (code) => {
        process.exitCode = code;
    },
    (error) => {
        console.error(error instanceof BadInput ? error.message : error);
        process.exitCode = 2;
    },
);
