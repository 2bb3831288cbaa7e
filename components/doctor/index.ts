export * from "./topology";
export * from "./diagnose";
