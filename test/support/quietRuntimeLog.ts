/**
 * Jest setup (jest.config.js, setupFilesAfterEnv). Without an engine, Pulumi's runtime writes
 * its log to the console ("warning: [runtime] VNI-R08 ..."): a copy of the findings the tests
 * assert on `run.violations` and `run.deferred`, printed by Jest as a block with a stack trace
 * each. Those lines are kept here for a test to read (`runtimeLog()`), not printed; any other
 * console output is printed as usual.
 */
const RUNTIME_LINE = /^(debug|info|warning|error): \[runtime\] /;
const kept: string[] = [];

/** The runtime log lines of the current test file so far (also `globalThis.runtimeLog()`, without an import). */
export function runtimeLog(): readonly string[] {
    return kept;
}
(globalThis as { runtimeLog?: () => readonly string[] }).runtimeLog = runtimeLog;

for (const level of ["log", "info", "warn", "error"] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
        if (typeof args[0] === "string" && RUNTIME_LINE.test(args[0])) {
            kept.push(args[0]);
            return;
        }
        original(...args);
    };
}
