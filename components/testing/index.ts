export { AzureMocks } from "./mocks";
export type { AzureMocksOptions, MockRegistration } from "./mocks";
export { programFrom, runProgram } from "./program";
export type { ProgramRun, PlannedResource, RunOptions } from "./program";
export { AzureError, AzureModel, REFUSALS, parseArmId } from "./azureModel";
export type { ArmBody, ArmResource, AzureModelOptions, RefusalCode } from "./azureModel";
export { resetProgramState } from "../program/run";
export { outputPromise } from "../sdk";
