export * from "./args";
export { GatewayVnetIntegration } from "./gatewayVnetIntegration";
export type { GatewayAppConnection, GatewayHub } from "./gatewayVnetIntegration";
export { GatewayRootCertificate, VpnPackageSync } from "./providers";
