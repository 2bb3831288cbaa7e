/** `npm run test:slow`: the suites `npm test` leaves out (test/support/slowSuites.js). */
const base = require("./jest.config");
const SLOW = require("./test/support/slowSuites");

/** @type {import('jest').Config} */
module.exports = {
    ...base,
    testPathIgnorePatterns: ["/node_modules/"],
    testMatch: SLOW.map((file) => `**/test/${file}`),
};
