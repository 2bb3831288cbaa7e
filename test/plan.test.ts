/** The offline plan end to end, in its own process as `npm run plan` runs it: exit codes, stdout, stderr. */
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";

const root = path.resolve(__dirname, "..");

function plan(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        execFile(process.execPath, [require.resolve("ts-node/dist/bin"), "--transpile-only", "tools/cli.ts", "plan", ...args], { cwd: root }, (error, stdout, stderr) =>
            resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
        );
    });
}

interface PlanJson {
    resources: { type: string; name: string; parent?: string; inputs: Record<string, unknown> }[];
    violations: { code: string }[];
    errors: string[];
}

test("the regional example plans cleanly as JSON", async () => {
    const { code, stdout } = await plan("regional", "--json");
    expect(code).toBe(0);
    const json: PlanJson = JSON.parse(stdout);
    expect(json.errors).toEqual([]);
    expect(json.resources.map((r) => `${r.type} ${r.name} ${r.parent ?? "-"}`)).toEqual([
        "azure-native:resources:ResourceGroup regional -",
        "azure-native:network:VirtualNetwork hub -",
        "azure-native:web:AppServicePlan apps -",
        "appservice-vnet-integration:index:RegionalVnetIntegration apps-vnet -",
        "azure-native:network:Subnet apps-vnet-subnet apps-vnet",
        "azure-native:web:WebAppSwiftVirtualNetworkConnection apps-vnet-billing-api apps-vnet",
        "azure-native:web:WebApp orders -",
    ]);
    expect(json.resources.find((r) => r.name === "apps-vnet-subnet")!.inputs.addressPrefix).toBe("10.20.1.0/27");
}, 300_000);

test("the gateway example adopts the VNet's existing gateway under the default azure-2026: certificate, then packages", async () => {
    const { code, stdout } = await plan("gateway", "--json");
    expect(code).toBe(0);
    const json: PlanJson = JSON.parse(stdout);
    expect(json.errors).toEqual([]);
    const remote = json.resources.filter((r) => r.parent === "remote-vnet").map((r) => r.type.split(":").pop());
    expect(remote).toEqual(["WebAppVnetConnection", "WebAppVnetConnection", "GatewayRootCertificate", "VpnPackageSync", "VpnPackageSync"]);
    expect(json.resources.some((r) => r.type === "azure-native:network:VirtualNetworkGateway")).toBe(false);
    expect(json.violations.map((v) => v.code)).toEqual(["VNI-G14", "VNI-G14"]);
}, 300_000);

test("the gateway example under documented plans the documented order offline, and warns VNI-G17 for the new gateway", async () => {
    const { code, stdout } = await plan("gateway-documented", "--json");
    expect(code).toBe(0);
    const json: PlanJson & { resources: { dependsOn: string[] }[] } = JSON.parse(stdout);
    expect(json.errors).toEqual([]);
    const created = json.resources.filter((r) => r.parent === "remote-vnet").map((r) => r.type.split(":").pop());
    expect(created).toEqual(["WebAppVnetConnection", "WebAppVnetConnection", "Subnet", "PublicIPAddress", "VirtualNetworkGateway", "VpnPackageSync", "VpnPackageSync"]);
    const adopted = json.resources.filter((r) => r.parent === "shared-vnet").map((r) => r.type.split(":").pop());
    expect(adopted).toEqual(["WebAppVnetConnectionSlot", "WebAppVnetConnectionSlot", "GatewayRootCertificate", "VpnPackageSync", "VpnPackageSync"]);
    expect(json.violations.map((v) => v.code).sort()).toEqual(["VNI-G14", "VNI-G14", "VNI-G17"]);
}, 300_000);

test("npm run migrate -- gateway prints the plan and writes a program that plans cleanly", async () => {
    const migrate = await new Promise<{ code: number; stdout: string }>((resolve) =>
        execFile(process.execPath, [require.resolve("ts-node/dist/bin"), "--transpile-only", "tools/cli.ts", "migrate", "gateway", "--out", "out/test-migrated-gateway.ts"], { cwd: root }, (error, stdout) =>
            resolve({ code: error ? 1 : 0, stdout }),
        ),
    );
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toContain("== plan windows-apps, hub remote ==");
    expect(migrate.stdout).toContain("Migration to regional VNet Integration (strategy blue-green, limits azure-2026): VALID");
    // Slots go where their app goes (issue 17): one plan, one migration, one new plan for apps and slots.
    expect(migrate.stdout).not.toContain("hub shared ==");
    expect(migrate.stdout).toContain("Create a new S1 plan in westeurope with orders, billing, orders/staging, billing/staging");
    // What a consumer gets: the program imports the package, never the repository's sources.
    const written = fs.readFileSync(path.join(root, "out/test-migrated-gateway.ts"), "utf8");
    expect(written).toContain('from "appservice-vnet-integration";');
    expect(written).not.toMatch(/from "\.\.?\//);
    const { code, stdout } = await plan("out/test-migrated-gateway.ts", "--json");
    expect(code).toBe(0);
    const json: PlanJson = JSON.parse(stdout);
    expect(json.errors).toEqual([]);
    expect(json.resources.filter((r) => r.type === "azure-native:network:Subnet").map((r) => r.inputs.addressPrefix)).toEqual(["10.0.0.0/28"]);
    // Both directions to hub remote and to shared, which the staging slots reached.
    expect(json.resources.filter((r) => r.type === "azure-native:network:VirtualNetworkPeering")).toHaveLength(4);
}, 300_000);

test("the peered example plans both peerings per peer and one route per prefix", async () => {
    const { code, stdout } = await plan("peered", "--json");
    expect(code).toBe(0);
    const json: PlanJson = JSON.parse(stdout);
    const children = json.resources.filter((r) => r.parent === "hub-peers");
    expect(children.filter((r) => r.type === "azure-native:network:VirtualNetworkPeering")).toHaveLength(4);
    expect(children.filter((r) => r.type === "azure-native:web:AppServicePlanRouteForVnet").map((r) => r.inputs.startAddress)).toEqual(["10.60.0.0/16", "10.70.0.0/20", "10.70.16.0/20", "192.168.10.0"]);
}, 300_000);

test("npm run migrate takes facts from JSON too", async () => {
    const migrate = await new Promise<{ code: number; stdout: string }>((resolve) =>
        execFile(process.execPath, [require.resolve("ts-node/dist/bin"), "--transpile-only", "tools/cli.ts", "migrate", "test/fixtures/topology.json", "--strategy", "direct", "--json", "--out", "out/test-topology.ts"], { cwd: root }, (error, stdout) =>
            resolve({ code: error ? 1 : 0, stdout }),
        ),
    );
    expect(migrate.code).toBe(0);
    const json = JSON.parse(migrate.stdout);
    expect(json).toMatchObject({ valid: true, program: "out/test-topology.ts", migrations: [{ strategy: "direct", target: { subnet: { addressPrefix: "10.1.0.0/27" } } }] });
}, 300_000);

test("the text plan shows the tree and a summary", async () => {
    const { code, stdout } = await plan();
    expect(code).toBe(0);
    expect(stdout).toContain("  + azure-native:network:Subnet apps-vnet-subnet");
    // billing-api is attached through `apps`: the component's routing does not reach it, and the plan says so.
    expect(stdout).toContain("VNI-R08 rfc1918-only (warning): routing reaches only apps that spread siteArgs; app billing-api is attached through `apps`");
    expect(stdout).toMatch(/6 resources to create, 1 components, 1 warnings, 0 errors/);
}, 300_000);

describe.each([
    ["basic-plan", "VNI-R01 plan-tier: plan plan has SKU tier Basic", ["azure-native:web:AppServicePlan"]],
    ["attached-twice", "VNI-R12 one-attachment-form: app orders sets virtualNetworkSubnetId", ["azure-native:web:WebApp"]],
    ["peering-flags", "VNI-P01 hub-peering-flags: the peering from hub hub to data lacks allowGatewayTransit", ["azure-native:network:Subnet", "azure-native:network:PublicIPAddress", "azure-native:network:VirtualNetworkGateway"]],
    ["shared-subnet", "VNI-R06 subnet-exclusive: subnet 10.0.1.0/26 of virtual network hub is already used by plan first", ["azure-native:network:VirtualNetwork", "azure-native:web:AppServicePlan", "azure-native:network:Subnet"]],
])("a rule error found when values resolve: %s", (fixture, message, registeredTypes) => {
    test("exits 1 with the rule message and registers none of the gated children", async () => {
        const { code, stdout } = await plan(`test/fixtures/${fixture}.ts`, "--json");
        expect(code).toBe(1);
        const json: PlanJson = JSON.parse(stdout);
        expect(json.errors.join("\n")).toContain(message);
        const custom = json.resources.filter((r) => !r.type.startsWith("appservice-vnet-integration:"));
        expect([...new Set(custom.map((r) => r.type))].sort()).toEqual([...registeredTypes].sort());
        expect(custom.some((r) => r.type === "azure-native:web:WebAppSwiftVirtualNetworkConnection")).toBe(false);
        if (fixture === "shared-subnet") expect(custom.filter((r) => r.type === "azure-native:network:Subnet").map((r) => r.name)).toEqual(["first-subnet"]);
        if (fixture === "basic-plan") expect(custom.some((r) => r.type === "azure-native:network:Subnet")).toBe(false);
    }, 300_000);
});

test("the JSON plan shows no secret and no provider source, and the text plan each finding once", async () => {
    const json = await plan("gateway", "--up", "--json");
    expect(json.code).toBe(0);
    expect(json.stdout).not.toContain("mock-token"); // the ARM token input is a secret
    expect(json.stdout).toContain('"[secret]"');
    expect(json.stdout).not.toMatch(/exports\.handler/); // the dynamic providers' serialized source
    expect(json.stdout).toContain('"[dynamic provider source]"');
    const text = await plan("gateway");
    const lines = (text.stdout + text.stderr).split("\n").filter((l) => l.includes("VNI-G14"));
    expect(lines).toHaveLength(2); // one per gateway component, never repeated by Pulumi's log
}, 300_000);

test("a JSON plan larger than a pipe's buffer arrives whole", async () => {
    const { code, stdout } = await plan("test/fixtures/many.ts", "--json");
    expect(code).toBe(0);
    expect(stdout.length).toBeGreaterThan(64 * 1024);
    const json: PlanJson = JSON.parse(stdout);
    expect(json.resources.filter((r) => r.type === "azure-native:network:Subnet")).toHaveLength(100);
}, 300_000);

test("a program file without a default export that declares nothing is an error naming what was expected", async () => {
    const { code, stdout, stderr } = await plan("test/fixtures/no-default-export.ts", "--json");
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("test/fixtures/no-default-export.ts declares no resources and has no default export: expected `export default function () { ... }`");
}, 300_000);

test("a wrong command line exits 2 with the command's usage, and nothing on stdout", async () => {
    const { code, stdout, stderr } = await plan("regional", "--jsno");
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/Unknown option '--jsno'/);
    expect(stderr).toContain("usage: appservice-vnet-integration plan <program.ts|program.js> [options]");
}, 300_000);
