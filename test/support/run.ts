import { runProgram, RunOptions } from "../../components/testing";

/**
 * runProgram for tests that assert inside the program: runProgram reports what a program
 * throws as a program error, which would swallow a failed `expect`. This throws it again.
 */
export async function runChecked(program: () => unknown, options?: RunOptions) {
    const run = await runProgram(program, options);
    const failedExpectation = run.errors.find((e) => (e as { matcherResult?: unknown }).matcherResult !== undefined);
    if (failedExpectation) throw failedExpectation;
    return run;
}
