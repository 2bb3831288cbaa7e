/**
 * The Azure model of the stand-in. It lives in components/testing/azureModel.ts so that the
 * published `appservice-vnet-integration/testing` (AzureMocks) ships the same model: one
 * description of Azure for the mocks, the provider plugin and the loopback ARM endpoint.
 */
export * from "../components/testing/azureModel";
