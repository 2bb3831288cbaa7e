export * from "./planner";
export { targetProgram } from "./program";
