export * from "./args";
export { RegionalVnetIntegration } from "./regionalVnetIntegration";
export type { HubNetwork } from "./regionalVnetIntegration";
