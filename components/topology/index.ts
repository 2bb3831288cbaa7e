/** The one topology model (model.ts), its schema (schema.ts) and what is derived from it (derive.ts). */
export * from "./model";
export * from "./schema";
