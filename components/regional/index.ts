export * from "./args";
export { RegionalVnetIntegration } from "./regionalVnetIntegration";
