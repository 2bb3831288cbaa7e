/**
 * What `npm test` leaves to `npm run test:slow` (CI runs both): whole suites (the commands end
 * to end, each run in a process of its own; property runs through Pulumi's mock runtime), and
 * the suites holding a `slowTest` (slowTests.ts).
 */
module.exports = {
    suites: ["plan.test.ts", "doctorCli.test.ts", "junkComponents.test.ts"],
    withSlowTests: ["preview.test.ts", "names.test.ts"],
};
