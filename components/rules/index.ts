export * from "./catalog";
export * from "./engine";
export * from "./profiles";
export * from "./regional";
export * from "./gateway";
export * from "./peering";
export * from "./known";
export * from "./claims";
export { InvalidInputError } from "./input";
