/**
 * The test kit in any runner (issue 18): the same refused and throwing programs pass under
 * node:test and under a Jest of their own, and the process exits 0 with no leak message from
 * Pulumi's promise leak detector. Each runner runs in a child process, as a consumer runs it.
 */
import { spawnSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const LEAK = "promises were still active";

function run(command: string, args: string[]): { status: number | null; output: string } {
    const result = spawnSync(command, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } });
    return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

test("under node --test: every case passes, exit code 0, no leak message", () => {
    const { status, output } = run(process.execPath, ["--test", "--require", "ts-node/register/transpile-only", "test/runners/programs.node.ts"]);
    expect(output).not.toContain(LEAK);
    expect(output).toMatch(/# pass 5/);
    expect(output).toMatch(/# fail 0/);
    expect(status).toBe(0);
}, 180_000);

test("under Jest: every case passes once, exit code 0, no leak message", () => {
    const config = JSON.stringify({
        rootDir: ROOT,
        testEnvironment: "node",
        testMatch: ["<rootDir>/test/runners/*.jest.ts"],
        transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", isolatedModules: true }] },
        testTimeout: 60_000,
    });
    const { status, output } = run(process.execPath, [require.resolve("jest/bin/jest"), "--ci", "--config", config]);
    expect(output).not.toContain(LEAK);
    expect(output).toMatch(/Tests:\s+5 passed, 5 total/);
    expect(status).toBe(0);
}, 180_000);

test.each(["preview", "up"])("the path users get under Pulumi (%s, no test kit): one distinct error for every failed registration, no child registered", (mode) => {
    const { output } = run(process.execPath, ["-r", "ts-node/register/transpile-only", "test/runners/userPath.ts", mode]);
    const line = output.split("\n").find((l) => l.startsWith("{"));
    const outcome = JSON.parse(line!) as { rejections: number; distinct: string[]; registered: string[] };
    // Pulumi's language host reports each distinct error once: the component's rule error, once.
    expect(outcome.distinct).toHaveLength(1);
    expect(outcome.distinct[0]).toMatch(/^apps: 1 VNet Integration rule violation\(s\):\nVNI-R01 plan-tier/);
    expect(outcome.registered.filter((name) => name.startsWith("apps-"))).toEqual([]);
}, 120_000);
