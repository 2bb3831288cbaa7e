/** Pulumi's runtime log of a component's warning is kept for the test (test/support/quietRuntimeLog.ts), not printed by Jest. */
import { runProgram } from "../components/testing";
import { scenarios } from "../examples/scenarios";

test("a warning the test asserts on run.violations is kept from the console, and readable", async () => {
    const run = await runProgram(scenarios.regional);
    expect(run.violations.map((v) => v.code)).toContain("VNI-R08");
    const log = (globalThis as { runtimeLog?: () => readonly string[] }).runtimeLog;
    expect(log).toBeDefined(); // jest.config.js installs the setup
    expect(log!().some((line) => line.startsWith("warning: [runtime] VNI-R08"))).toBe(true);
});
