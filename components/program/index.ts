/**
 * Program-wide state, kept per Pulumi run (run.ts): claims of every component (claims.ts),
 * declaration order and deferrals (order.ts), the test kit's error sink (sink.ts). Child
 * names live in names.ts, identities in identity.ts, SDK internals in sdk.ts.
 */
export { currentRun, inRun, resetProgramState, runState } from "./run";
export {
    claimGateway,
    claimRegional,
    claimRemoteGatewayPeers,
    gatewayClaims,
    librarySubnets,
    programClaims,
    regionalClaims,
    regionalProgramFacts,
    remoteGatewayPeers,
} from "./claims";
export { afterEarlierChecks, earlierChecksPending, programDeferrals, recordDeferrals } from "./order";
export { ruleErrorSink, setRuleErrorSink } from "./sink";
export type { RuleErrorSink } from "./sink";
export { appKey, identityOf } from "../identity";
export { outputPromise } from "../sdk";
