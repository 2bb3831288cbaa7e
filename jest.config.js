/**
 * `npm test`: every suite but the slow ones (test/support/slowSuites.js), in a few minutes.
 * `npm run test:slow` (jest.slow.config.js; CI runs both): the commands end to end, each run in
 * a process of its own, and the property runs that go through Pulumi's mock runtime.
 */
const { suites: SLOW } = require("./test/support/slowSuites");

// The engine suite (test-engine/) runs under the real Pulumi engine: npm run test:engine, not here.
try {
    const cache = process.env.APPSERVICE_VNI_ENGINE_CACHE ?? require("path").join(process.env.XDG_CACHE_HOME ?? require("path").join(require("os").homedir(), ".cache"), "appservice-vnet-integration", "engine");
    if (!require("fs").readdirSync(cache).some((d) => require("fs").existsSync(require("path").join(cache, d, "engine.json")))) throw new Error();
} catch {
    console.log("engine suite skipped: no engine installed; `npm run engine:install && npm run test:engine` runs the examples under the real Pulumi engine");
}

/** @type {import('jest').Config} */
module.exports = {
    testEnvironment: "node",
    roots: ["<rootDir>/test"],
    testMatch: ["**/*.test.ts"],
    testPathIgnorePatterns: ["/node_modules/", ...SLOW.map((file) => `/test/${file.replace(/\./g, "\\.")}$`)],
    transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
    // Pulumi's runtime log (the findings tests assert on run.violations) is kept, not printed.
    // slowTests.ts: `slowTest(...)` runs under `npm run test:slow` only.
    setupFilesAfterEnv: ["<rootDir>/test/support/quietRuntimeLog.ts", "<rootDir>/test/support/slowTests.ts"],
    testTimeout: 30000,
};
