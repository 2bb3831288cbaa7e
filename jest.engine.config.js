/**
 * The engine suite (npm run test:engine): the examples under the real Pulumi engine built from Go modules
 * (npm run engine:install) against the Azure stand-in. One worker: each test drives the pulumi CLI, which
 * runs the program, the stand-in provider and dynamic providers in processes of their own.
 * @type {import('jest').Config}
 */
module.exports = {
    testEnvironment: "node",
    roots: ["<rootDir>/test-engine"],
    testMatch: ["**/*.test.ts"],
    transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
    maxWorkers: 1,
    testTimeout: 15 * 60 * 1000,
    slowTestThreshold: 120,
};
