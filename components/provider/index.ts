/** Components and argument types for other languages, hosted by `provider/index.ts`. */
export * from "./args";
export { RegionalVnetIntegration, GatewayVnetIntegration, PeeredGatewayRoutes, PROVIDER_PACKAGE } from "./components";
export { toGatewayArgs, toPeeredArgs, toRegionalArgs } from "./mapping";
