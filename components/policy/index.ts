/**
 * `appservice-vnet-integration/policy`: the library's rules as a Pulumi policy pack over raw
 * azure-native resources, for stacks in any language. Needs the optional peer `@pulumi/policy`.
 *
 *   new PolicyPack("appservice-vnet-integration", { policies });
 */
export { policies, rulePolicy, warningsPolicy, POLICY_RULES, CONFIG_SCHEMA } from "./policies";
export type { VnetIntegrationPolicyConfig } from "./policies";
export { readStack, TYPES } from "./stack";
export type { StackModel, StackResource } from "./stack";
export { stackUnits } from "./checks";
export type { Unit } from "./checks";
export { dependsOn, offlineResource, UNKNOWN, validateStackOffline } from "./offline";
export type { OfflineReport, OfflineResourceArgs } from "./offline";
export { policyResources, validateProgramOffline } from "./program";
export type { ProgramPolicyRun } from "./program";
