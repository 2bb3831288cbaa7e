/**
 * `doctor`: can an integrated app reach HOST:PORT, and if not, why? HOST is the IPv4 address
 * the app connects to (--name, the host name it uses, only shapes the nameresolver commands).
 * Exit codes: 0 the app reaches it through the integration, 3 it does not (the reasons are
 * printed), 2 a bad question (unknown app, bad address, unreadable facts).
 */
import { diagnose, formatDiagnosis, parseQuestion } from "../doctor";
import { isLimitsProfileName } from "../rules";
import { Parsed, UsageError } from "./args";
import { NamedPrograms } from "./programs";
import { topologiesOf } from "./topologies";
import { doctorDiagram, drawTo } from "./diagram";

export async function doctor(args: Parsed<"doctor">, programs: NamedPrograms): Promise<number> {
    const { target, values } = args;
    if (!target) throw new UsageError("doctor: the doctor needs a topology to read: a program file or a facts.json");
    const question = parseQuestion(values.app, values.to, values.name);
    if (!question.ok) throw new UsageError(`doctor: ${question.message}`);
    const limits = values.limits;
    if (limits !== undefined && !isLimitsProfileName(limits)) throw new UsageError(`doctor: unknown limits profile ${JSON.stringify(limits)}; use documented or azure-2026`);
    const topologies = await topologiesOf(target, programs);
    const answer = diagnose(topologies, question.value, { limits });
    if (!answer.ok) {
        console.error(answer.message);
        return 2;
    }
    console.log(values.json === true ? JSON.stringify(answer.value, null, 2) : formatDiagnosis(answer.value));
    if (values.diagram) await drawTo(values.diagram, doctorDiagram(topologies, answer.value));
    return answer.value.reachable ? 0 : 3;
}
