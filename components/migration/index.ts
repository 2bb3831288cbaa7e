export * from "./planner";
export { targetProgram } from "./program";
export { targetTopology } from "./target";
