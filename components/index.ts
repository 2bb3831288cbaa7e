/**
 * appservice-vnet-integration: Pulumi components that connect Azure App Service apps to
 * Azure virtual networks, with every documented limit checked before anything is created.
 */
export * from "./regional";
export * from "./gateway";
export * from "./peering";
export * from "./shared/args";
export { VnetIntegrationError } from "./errors";
export type { ArmCallOptions } from "./arm/client";
export type { OutboundRouting, RootCertificateShape, SiteNetworkArgs } from "./azure";
export type { PeeringFlags, RouteSpec } from "./rules/peering";
export * as rules from "./rules";
export * as address from "./address";
/** The reachability doctor: `doctor.diagnose(topologies, question)` (npm run doctor). */
export * as doctor from "./doctor";
export type { LimitsProfileName } from "./rules/profiles";
export type { Violation, Severity } from "./rules";
