/** `npm run test:slow`: what `npm test` leaves out (test/support/slowSuites.js); CI runs both. */
const base = require("./jest.config");
const { suites, withSlowTests } = require("./test/support/slowSuites");

// Read by test/support/slowTests.ts in the workers, which inherit the environment.
process.env.VNI_SLOW_TESTS = "1";

/** @type {import('jest').Config} */
module.exports = {
    ...base,
    testPathIgnorePatterns: ["/node_modules/"],
    testMatch: [...suites, ...withSlowTests].map((file) => `**/test/${file}`),
};
