/**
 * The docs a user reads: the generated rules page is current, and every public argument and
 * output carries TSDoc with a default (when optional) and a link to Microsoft's page.
 * (The TypeDoc API pages are checked by `npm run docs -- --check` in CI: TypeDoc takes ~10 s.)
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { RULES } from "../components/rules/catalog";
import { DEFAULT_LIMITS_PROFILE, LIMITS_PROFILES } from "../components/rules/profiles";
import { RULE_REFERENCE } from "../components/rules/reference";
import { rulesPage } from "../tools/rulesPage";

const ROOT = path.join(__dirname, "..");

/** Every file a user reads: README, architecture, docs/ (generated too), the policy pack's, the TSDoc in the sources. */
function userDocs(): string[] {
    const walk = (dir: string, keep: (file: string) => boolean): string[] =>
        fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
            const rel = path.join(dir, entry.name);
            return entry.isDirectory() ? walk(rel, keep) : keep(rel) ? [rel] : [];
        });
    return ["README.md", "ARCHITECTURE.md", ...walk("docs", (f) => f.endsWith(".md")), ...walk("policy-pack", (f) => /\.(md|ts)$/.test(f)), ...walk("components", (f) => f.endsWith(".ts"))];
}

describe("defaults the docs name", () => {
    // "default `documented`", '@default "azure-2026"', "default limits: azure-2026",
    // "default limits profile (`azure-2026`)", "`azure-2026` (the default)", "azure-2026 (default)".
    const PROFILE = Object.keys(LIMITS_PROFILES).join("|");
    const NAMED = [
        new RegExp(`default(?: limits(?: profile)?)?[\\s:(]*[\`"']?(${PROFILE})\\b`, "g"),
        new RegExp(`[\`"']?(${PROFILE})[\`"']? \\((?:the )?default\\b`, "g"),
    ];

    test("every default limits profile a doc names is the one the code uses", () => {
        const wrong: string[] = [];
        let named = 0;
        for (const file of userDocs()) {
            fs.readFileSync(path.join(ROOT, file), "utf8")
                .split("\n")
                .forEach((line, index) => {
                    for (const pattern of NAMED) {
                        for (const match of line.matchAll(pattern)) {
                            named++;
                            if (match[1] !== DEFAULT_LIMITS_PROFILE) wrong.push(`${file}:${index + 1}: ${match[0]}`);
                        }
                    }
                });
        }
        expect(named).toBeGreaterThan(5); // the patterns still find what the docs say
        expect(wrong).toEqual([]);
    });
});

describe("the rules reference page", () => {
    test("docs/rules.md is what the catalog and profiles generate (run `npm run docs` when this fails)", () => {
        expect(fs.readFileSync(path.join(ROOT, "docs", "rules.md"), "utf8")).toBe(rulesPage());
    });

    test("lists every rule of the catalog once, with its name, severity and reference text", () => {
        const page = rulesPage();
        for (const rule of Object.values(RULES)) {
            const rows = page.split("\n").filter((line) => line.startsWith(`| ${rule.code} |`));
            expect(rows).toHaveLength(1);
            expect(rows[0]).toContain(`| ${rule.name} | ${rule.severity} |`);
            expect(RULE_REFERENCE[rule.code]).toBeDefined();
        }
    });

    test("a profile-dependent threshold is read from each profile", () => {
        const row = rulesPage().split("\n").find((line) => line.startsWith("| VNI-R02 |"))!;
        const cells = row.split("|").map((c) => c.trim());
        const columns = rulesPage().split("\n").find((line) => line.startsWith("| code |"))!.split("|").map((c) => c.trim());
        for (const profile of Object.values(LIMITS_PROFILES)) {
            expect(cells[columns.indexOf(`\`${profile.name}\``)]).toBe(`/${profile.maxSubnetPrefixLength} or larger`);
        }
    });
});

interface Documented { owner: string; member: string; optional: boolean; doc: string }

/** Members of the exported interfaces (or public fields of the exported classes) of a file, with their TSDoc. */
function members(file: string, kind: "interface" | "class"): Documented[] {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), "utf8"), ts.ScriptTarget.ES2022, true);
    const docOf = (node: ts.Node) => ts.getJSDocCommentsAndTags(node).map((d) => d.getText()).join("\n");
    const found: Documented[] = [];
    source.forEachChild((node) => {
        const exported = ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
        if (!exported) return;
        if (kind === "interface" && ts.isInterfaceDeclaration(node)) {
            found.push({ owner: node.name.text, member: "", optional: false, doc: docOf(node) });
            for (const m of node.members) {
                if (ts.isPropertySignature(m)) found.push({ owner: node.name.text, member: m.name.getText(), optional: !!m.questionToken, doc: docOf(m) });
            }
        }
        if (kind === "class" && ts.isClassDeclaration(node) && node.name) {
            found.push({ owner: node.name.text, member: "", optional: false, doc: docOf(node) });
            for (const m of node.members) {
                const isPublic = !(ts.canHaveModifiers(m) ? ts.getModifiers(m) : undefined)?.some((x) => x.kind === ts.SyntaxKind.PrivateKeyword || x.kind === ts.SyntaxKind.ProtectedKeyword);
                if ((ts.isPropertyDeclaration(m) || ts.isGetAccessor(m)) && isPublic) found.push({ owner: node.name.text, member: m.name.getText(), optional: false, doc: docOf(m) });
            }
        }
    });
    return found;
}

const ARG_FILES = ["components/regional/args.ts", "components/gateway/args.ts", "components/peering/args.ts", "components/shared/args.ts", "components/provider/args.ts"];
const COMPONENT_FILES = [
    "components/regional/regionalVnetIntegration.ts",
    "components/gateway/gatewayVnetIntegration.ts",
    "components/peering/peeredGatewayRoutes.ts",
    "components/provider/components.ts",
];
const MICROSOFT = /https:\/\/learn\.microsoft\.com\/azure\//;

describe("TSDoc on the public API", () => {
    const args = ARG_FILES.flatMap((f) => members(f, "interface"));
    const outputs = COMPONENT_FILES.flatMap((f) => members(f, "class"));

    test("every argument is documented; every optional one says its default", () => {
        expect(args.length).toBeGreaterThan(100);
        expect(args.filter((a) => a.member && !a.doc).map((a) => `${a.owner}.${a.member}`)).toEqual([]);
        expect(args.filter((a) => a.optional && !a.doc.includes("@default")).map((a) => `${a.owner}.${a.member}`)).toEqual([]);
    });

    test("every arguments interface links the Microsoft page it comes from, and nothing cites the seed page", () => {
        const argsInterfaces = args.filter((a) => !a.member && a.owner.endsWith("Args") && a.owner !== "RouteArgs");
        expect(argsInterfaces.length).toBeGreaterThanOrEqual(6);
        expect(argsInterfaces.filter((a) => !MICROSOFT.test(a.doc)).map((a) => a.owner)).toEqual([]);
        expect([...args, ...outputs].filter((a) => /seed/i.test(a.doc)).map((a) => `${a.owner}.${a.member}`)).toEqual([]);
    });

    test("every component has an example and a Microsoft link, and every public output is documented", () => {
        const classes = outputs.filter((o) => !o.member);
        expect(classes.map((c) => c.owner).sort()).toEqual(
            ["GatewayVnetIntegration", "GatewayVnetIntegration", "PeeredGatewayRoutes", "PeeredGatewayRoutes", "RegionalVnetIntegration", "RegionalVnetIntegration"],
        );
        const libraryClasses = classes.slice(0, 3);
        expect(libraryClasses.filter((c) => !c.doc.includes("@example")).map((c) => c.owner)).toEqual([]);
        expect(classes.filter((c) => !MICROSOFT.test(c.doc)).map((c) => c.owner)).toEqual([]);
        expect(outputs.filter((o) => o.member && !o.doc).map((o) => `${o.owner}.${o.member}`)).toEqual([]);
    });
});
