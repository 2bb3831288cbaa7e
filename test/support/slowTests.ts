/**
 * Jest setup (setupFilesAfterEnv) for the split between `npm test` and `npm run test:slow`
 * (CI runs both). Whole suites are listed in slowSuites.js; a single slow test in another
 * suite is `slowTest(...)`: skipped by `npm test` (shown as skipped), and under
 * `npm run test:slow` (VNI_SLOW_TESTS=1, set by jest.slow.config.js) the only test of its
 * suite that runs, so nothing runs twice.
 */
import * as path from "path";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { suites: SLOW_SUITES } = require("./slowSuites") as { suites: string[] };

const slowRun = process.env.VNI_SLOW_TESTS === "1";
const original = globalThis.test;

/** A test too slow for `npm test` (property runs through the mock runtime): runs under `npm run test:slow`. */
export const slowTest: jest.It = slowRun ? original : original.skip;

if (slowRun && !SLOW_SUITES.includes(path.basename(expect.getState().testPath ?? ""))) {
    globalThis.test = globalThis.it = original.skip;
}
