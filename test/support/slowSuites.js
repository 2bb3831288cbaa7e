/**
 * Suites `npm test` leaves to `npm run test:slow` (CI runs both): the commands end to end, each
 * run in a process of its own, and property runs that go through Pulumi's mock runtime.
 */
module.exports = ["plan.test.ts", "doctorCli.test.ts"];
