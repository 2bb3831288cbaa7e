/** The topology diagram: DOT from the model (dot.ts), SVG and PNG from DOT (render.ts). */
export * from "./dot";
export * from "./render";
