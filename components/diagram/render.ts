/**
 * DOT -> SVG by Graphviz compiled to WebAssembly (@viz-js/viz: no native install), SVG -> PNG
 * by resvg (@resvg/resvg-js; a prebuilt binary per platform). Both are loaded on first use, so
 * the components never load them. No browser.
 */
import * as fs from "fs";
import * as path from "path";

interface Viz {
    renderString(dot: string, options: { format: "svg"; engine?: string }): string;
}

let viz: Promise<Viz> | undefined;

/** The SVG of a DOT text; the same text gives the same bytes (Graphviz is pinned, nothing of the time or machine goes in). */
export async function svgOf(dot: string): Promise<string> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    viz ??= (require("@viz-js/viz") as { instance(): Promise<Viz> }).instance();
    return (await viz).renderString(dot, { format: "svg", engine: "dot" });
}

/** Font for the PNG: the SVG asks for Courier (Graphviz sizes labels by its metrics); DejaVu Sans Mono has the same advance. */
const MONOSPACE = ["DejaVu Sans Mono", "Liberation Mono", "Courier New", "Noto Sans Mono"];

/** An SVG rendered: its size in pixels, its RGBA pixels, and the PNG. */
export interface Raster {
    readonly width: number;
    readonly height: number;
    readonly pixels: Buffer;
    readonly png: Buffer;
}

/** The SVG rendered at `scale` times its size. Throws a clear error when resvg cannot load on this platform. */
export function rasterOf(svg: string, scale = 1.5): Raster {
    type Rendered = { width: number; height: number; pixels: Buffer; asPng(): Buffer };
    let Resvg: new (svg: string, options: object) => { render(): Rendered };
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        Resvg = (require("@resvg/resvg-js") as { Resvg: typeof Resvg }).Resvg;
    } catch (error) {
        throw new Error(`PNG needs @resvg/resvg-js, which did not load on this platform (${(error as Error).message}); draw an .svg instead`);
    }
    const rendered = new Resvg(svg, {
        background: "white",
        fitTo: { mode: "zoom", value: scale },
        font: { loadSystemFonts: true, defaultFontFamily: MONOSPACE[0], monospaceFamily: MONOSPACE[0] },
    }).render();
    return { width: rendered.width, height: rendered.height, pixels: rendered.pixels, png: rendered.asPng() };
}

/** The PNG of an SVG, at `scale` times its size. */
export function pngOf(svg: string, scale = 1.5): Buffer {
    return rasterOf(svg, scale).png;
}

const GAP = 36;

/**
 * SVG drawings side by side, left to right, top-aligned, in one SVG (migrate: before and after).
 * Graphviz sizes its SVG in points; the nested drawings keep their own viewBox.
 */
export function sideBySide(svgs: readonly string[]): string {
    const parts = svgs.map((svg) => {
        const body = svg.replace(/^[\s\S]*?(<svg\b)/, "$1");
        const width = Number(/<svg[^>]*\bwidth="([\d.]+)pt"/.exec(body)?.[1] ?? 0);
        const height = Number(/<svg[^>]*\bheight="([\d.]+)pt"/.exec(body)?.[1] ?? 0);
        return { body, width, height };
    });
    let x = 0;
    const placed = parts.map((p) => {
        const nested = p.body.replace(/<svg\b/, `<svg x="${x}" y="0"`).replace(/\bwidth="([\d.]+)pt"/, `width="${p.width}"`).replace(/\bheight="([\d.]+)pt"/, `height="${p.height}"`);
        x += p.width + GAP;
        return nested;
    });
    const width = Math.max(0, x - GAP);
    const height = Math.max(0, ...parts.map((p) => p.height));
    return [
        `<?xml version="1.0" encoding="UTF-8" standalone="no"?>`,
        `<svg width="${width}pt" height="${height}pt" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">`,
        `<rect width="100%" height="100%" fill="white"/>`,
        ...placed,
        "</svg>",
        "",
    ].join("\n");
}

/** Writes a drawing (or drawings side by side) to `file`: `.svg` as is, `.png` rendered. */
export async function writeDiagram(dot: string | readonly string[], file: string): Promise<string> {
    const extension = path.extname(file).toLowerCase();
    if (extension !== ".svg" && extension !== ".png") throw new Error(`--diagram needs a file ending in .svg or .png; got ${JSON.stringify(file)}`);
    const svg = typeof dot === "string" ? await svgOf(dot) : sideBySide(await Promise.all(dot.map((d) => svgOf(d))));
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, extension === ".svg" ? svg : pngOf(svg));
    return file;
}
