export { AzureMocks, AzureMocksOptions, MockRegistration } from "./mocks";
export { runProgram, ProgramRun, PlannedResource, RunOptions } from "./program";
export { resetProgramState } from "../program";
