export * from "./args";
export { GatewayVnetIntegration } from "./gatewayVnetIntegration";
export type { GatewayAppConnection } from "./gatewayVnetIntegration";
export { GatewayRootCertificate, VpnPackageSync } from "./providers";
