/**
 * A house a newcomer can find their way in: no import cycles in the library (type imports
 * included), and address math imports no rule module (issue 19).
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../components");

function moduleGraph(): Map<string, string[]> {
    const graph = new Map<string, string[]>();
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const file = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(file);
            else if (entry.name.endsWith(".ts")) {
                const source = fs.readFileSync(file, "utf8");
                const deps = [...source.matchAll(/(?:import|export)[^;]*?from\s+"(\.[^"]+)"/g)].flatMap((m) => {
                    const target = path.resolve(dir, m[1]);
                    return [`${target}.ts`, path.join(target, "index.ts")].filter((f) => fs.existsSync(f)).slice(0, 1);
                });
                graph.set(file, deps);
            }
        }
    };
    walk(ROOT);
    return graph;
}

function cycles(graph: Map<string, string[]>): string[][] {
    const found: string[][] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (node: string) => {
        state.set(node, "open");
        stack.push(node);
        for (const next of graph.get(node) ?? []) {
            if (state.get(next) === "open") found.push(stack.slice(stack.indexOf(next)).map((f) => path.relative(ROOT, f)));
            else if (!state.has(next)) visit(next);
        }
        stack.pop();
        state.set(node, "done");
    };
    for (const node of graph.keys()) if (!state.has(node)) visit(node);
    return found;
}

test("no import cycles in components/", () => {
    expect(cycles(moduleGraph())).toEqual([]);
});

test("address.ts imports no rule module", () => {
    const deps = moduleGraph().get(path.join(ROOT, "address.ts")) ?? [];
    expect(deps.map((d) => path.relative(ROOT, d)).filter((d) => d.startsWith("rules"))).toEqual([]);
});
