/**
 * `npm run docs`: writes docs/rules.md (from the rule catalog and profiles) and the API
 * reference docs/api (TypeDoc, Markdown). `npm run docs -- --check` writes nothing and exits 1
 * when a checked-in page differs from what would be generated (CI runs it).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync } from "child_process";
import { rulesPage } from "./rulesPage";
import { exampleDiagrams } from "../components/cli/diagram";
import { scenarios } from "../examples/scenarios";

const ROOT = path.join(__dirname, "..");
const RULES_PAGE = path.join(ROOT, "docs", "rules.md");
const API_DIR = path.join(ROOT, "docs", "api");
const DIAGRAM_DIR = path.join(ROOT, "docs", "diagrams");

function entryPoints(): string[] {
    const entries = ["components/index.ts", "components/testing/index.ts", "components/rules/index.ts", "components/migration/index.ts", "components/policy/index.ts"];
    return entries.filter((e) => fs.existsSync(path.join(ROOT, e)));
}

/** TypeDoc's CLI (its API is ESM-typed, which this CommonJS project does not resolve). */
async function writeApi(out: string): Promise<void> {
    const typedoc = path.join(path.dirname(require.resolve("typedoc/package.json")), "bin", "typedoc");
    const entries = entryPoints().flatMap((e) => ["--entryPoints", e]);
    execFileSync(process.execPath, [typedoc, "--options", "typedoc.json", ...entries, "--out", out, "--logLevel", "Warn"], { cwd: ROOT, stdio: "inherit" });
}

function filesOf(dir: string): Map<string, string> {
    const files = new Map<string, string>();
    const walk = (d: string) => {
        if (!fs.existsSync(d)) return;
        for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
            const full = path.join(d, entry.name);
            if (entry.isDirectory()) walk(full);
            else files.set(path.relative(dir, full), fs.readFileSync(full, "utf8"));
        }
    };
    walk(dir);
    return files;
}

async function main(): Promise<void> {
    const check = process.argv.includes("--check");
    if (!check) {
        fs.mkdirSync(path.dirname(RULES_PAGE), { recursive: true });
        fs.writeFileSync(RULES_PAGE, rulesPage());
        await writeApi(API_DIR);
        fs.mkdirSync(DIAGRAM_DIR, { recursive: true });
        for (const [file, svg] of await exampleDiagrams(scenarios)) fs.writeFileSync(path.join(DIAGRAM_DIR, file), svg);
        console.log(`wrote ${path.relative(ROOT, RULES_PAGE)}, ${path.relative(ROOT, API_DIR)}/ and ${path.relative(ROOT, DIAGRAM_DIR)}/`);
        return;
    }
    const stale: string[] = [];
    // The README's diagrams: each example drawn as npm run plan -- <example> --diagram draws it.
    for (const [file, svg] of await exampleDiagrams(scenarios)) {
        const checked = path.join(DIAGRAM_DIR, file);
        if (!fs.existsSync(checked) || fs.readFileSync(checked, "utf8") !== svg) stale.push(`docs/diagrams/${file}`);
    }
    if (!fs.existsSync(RULES_PAGE) || fs.readFileSync(RULES_PAGE, "utf8") !== rulesPage()) stale.push("docs/rules.md");
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "api-docs-"));
    try {
        await writeApi(scratch);
        const want = filesOf(scratch);
        const have = filesOf(API_DIR);
        for (const [file, text] of want) if (have.get(file) !== text) stale.push(`docs/api/${file}`);
        for (const file of have.keys()) if (!want.has(file)) stale.push(`docs/api/${file} (no longer generated)`);
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }
    if (stale.length > 0) {
        console.error(`stale docs (run npm run docs):\n  ${stale.join("\n  ")}`);
        process.exitCode = 1;
    } else {
        console.log("docs are up to date");
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});
