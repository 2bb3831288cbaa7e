export * from "./args";
export { PeeredGatewayRoutes } from "./peeredGatewayRoutes";
