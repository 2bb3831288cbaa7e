/**
 * The components from other languages under the real engine: Pulumi YAML (pulumi-language-yaml) and
 * Python (pulumi==3.248.0 from PyPI in a venv beside the program) through this repository's component
 * provider (provider/, a source-based nodejs plugin named in the program's `packages:`), against the
 * Azure stand-in.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { AzureModel } from "../azure-standin/model";
import { REPO } from "../engine/settings";
import { schema } from "../azure-standin/provider";
import { ENGINE_SCHEMA_FILE, engineSchema } from "../test/support/schema";
import { EngineHome, PROGRAMS, Stack } from "./harness";
import { seedRegional } from "./seeds";

let home: EngineHome;
let azure: AzureModel;

const subnets = () => azure.list("Microsoft.Network/virtualNetworks/subnets").filter((s) => s.name !== "GatewaySubnet");
const swiftLinks = () => azure.list("Microsoft.Web/sites/networkConfig");
const sites = () => azure.list("Microsoft.Web/sites");

beforeAll(async () => {
    home = await EngineHome.create("languages");
    azure = new AzureModel(home.stateFile);
    seedRegional(azure);
});
afterAll(() => home?.close());

describe("YAML: the regional example through the component provider", () => {
    let stack: Stack;
    beforeAll(async () => {
        stack = await Stack.init(home, "yaml-regional", "yaml");
    });

    test("pulumi up creates what the TypeScript regional example creates: the delegated subnet, billing-api's link, orders attached", async () => {
        const started = Date.now();
        const run = await stack.up();
        process.stderr.write(`yaml up: ${Date.now() - started} ms\n`);
        expect(run.code).toBe(0);
        const [subnet] = subnets();
        // The TypeScript example's allocation: 10 instances, twice over, after the reserved 10.20.0.0/24.
        expect(subnet.properties.addressPrefix).toBe("10.20.1.0/27");
        expect(subnet.properties.delegations?.[0]?.properties?.serviceName).toBe("Microsoft.Web/serverFarms");
        expect(subnet.properties.serviceEndpoints?.map((e: { service: string }) => e.service)).toEqual(["Microsoft.Storage"]);
        expect(swiftLinks().filter((l) => /billing-api/i.test(l.id)).map((l) => l.properties.subnetResourceId.toLowerCase())).toEqual([subnet.id.toLowerCase()]);
        const orders = sites().find((s) => /\/sites\/orders/i.test(s.id))!;
        expect(orders.properties.virtualNetworkSubnetId.toLowerCase()).toBe(subnet.id.toLowerCase());
        const outputs = JSON.parse((await stack.must(["stack", "output", "--json"])).stdout);
        expect(outputs).toMatchObject({ subnetPrefix: "10.20.1.0/27", maxSupportedInstances: 13 });
    });

    test("a refused variant (a Free plan) fails at preview with the rule code, and changes nothing", async () => {
        const before = JSON.stringify(azure.ids());
        await stack.must(["config", "set", "skuName", "F1"]);
        await stack.must(["config", "set", "skuTier", "Free"]);
        const started = Date.now();
        const run = await stack.preview();
        process.stderr.write(`yaml refused preview: ${Date.now() - started} ms\n`);
        expect(run.code).not.toBe(0);
        expect(run.output).toMatch(/VNI-R01 plan-tier: plan \S+ has SKU tier Free.*Fix: /);
        expect(JSON.stringify(azure.ids())).toBe(before);
    });
});

test("`pulumi package get-schema provider` returns the schema the offline test compares against (test/fixtures/provider-schema.json)", async () => {
    const started = Date.now();
    const run = await home.pulumi(REPO, ["package", "get-schema", "./provider"]);
    process.stderr.write(`get-schema: ${Date.now() - started} ms\n`);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(engineSchema());
});

describe("Python: the regional example through the component provider (no generated SDK)", () => {
    // A home of its own: billing-api can carry one swift connection, which the YAML stack holds.
    let pyHome: EngineHome;
    let pyAzure: AzureModel;
    let stack: Stack;
    beforeAll(async () => {
        pyHome = await EngineHome.create("python");
        pyAzure = new AzureModel(pyHome.stateFile);
        seedRegional(pyAzure);
        // The program's venv (Pulumi.yaml: virtualenv: venv), made once: pulumi 3.248.0 from PyPI.
        const program = path.join(PROGRAMS, "python-regional");
        if (!fs.existsSync(path.join(program, "venv", "bin", "pulumi"))) {
            const made = spawnSync("sh", ["-c", "python3 -m venv venv && ./venv/bin/pip install -q pulumi==3.248.0"], { cwd: program, encoding: "utf8" });
            if (made.status !== 0) throw new Error(`venv for python-regional: ${made.stderr}`);
        }
        // One config value: the engine's Python host hands an empty stack config as JSON null, which the SDK cannot read.
        stack = await Stack.init(pyHome, "python-regional", "python", { location: "westeurope" });
    });
    afterAll(() => pyHome?.close());

    test("pulumi up creates the same subnet, link and attachment as the TypeScript and YAML programs", async () => {
        const started = Date.now();
        const run = await stack.up();
        process.stderr.write(`python up: ${Date.now() - started} ms\n`);
        expect(run.code).toBe(0);
        const made = pyAzure.list("Microsoft.Network/virtualNetworks/subnets");
        expect(made.map((s) => s.properties.addressPrefix)).toEqual(["10.20.1.0/27"]);
        expect(made[0].properties.delegations?.[0]?.properties?.serviceName).toBe("Microsoft.Web/serverFarms");
        const orders = pyAzure.list("Microsoft.Web/sites").filter((s) => /\/sites\/orders/i.test(s.id));
        expect(orders.map((s) => s.properties.virtualNetworkSubnetId.toLowerCase())).toEqual([made[0].id.toLowerCase()]);
        expect(pyAzure.list("Microsoft.Web/sites/networkConfig").some((l) => /billing-api/i.test(l.id) && l.properties.subnetResourceId.toLowerCase() === made[0].id.toLowerCase())).toBe(true);
    });
});

describe("YAML: construct calls out of declaration order (test-engine/programs/yaml-order)", () => {
    // KNOWN BUG (found here, not fixed): the provider gives both integrations 10.70.0.0/27. YAML registers
    // `second` (plain facts) before `first` (waits on a created plan), and the allocations of separate
    // construct calls do not see each other. The TypeScript program gives `first` 10.70.0.0/27 and `second`
    // the next free block. The preview itself must succeed (a plain test, so an unrelated failure is red);
    // only the distinct-blocks check is `test.failing`: it turns red once the bug is fixed.
    let preview: { code: number | null; first?: string; second?: string };
    beforeAll(async () => {
        const stack = await Stack.init(home, "yaml-order", "order");
        const run = await stack.preview();
        const prefix = (name: string) => new RegExp(`${name}Prefix\\s*:\\s*"([^"]+)"`).exec(run.output)?.[1];
        preview = { code: run.code, first: prefix("first"), second: prefix("second") };
    });

    test("the preview allocates both integrations, first at 10.70.0.0/27", () => {
        expect(preview.code).toBe(0);
        expect(preview.first).toBe("10.70.0.0/27");
        expect(preview.second).toMatch(/^10\.70\.\d+\.\d+\/27$/);
    });

    test.failing("the second gets a block of its own, as in the TypeScript program", () => {
        expect(preview.second).not.toBe(preview.first);
    });
});

describe("Python with the SDK generated from the provider's schema and pulumi_azure_native (test-engine/programs/python-sdk)", () => {
    let pyHome: EngineHome;
    let pyAzure: AzureModel;
    let stack: Stack;
    beforeAll(async () => {
        pyHome = await EngineHome.create("python-sdk");
        pyAzure = new AzureModel(pyHome.stateFile);
        seedRegional(pyAzure);
        const program = path.join(PROGRAMS, "python-sdk");
        const sh = (script: string, cwd = program) => {
            const done = spawnSync("sh", ["-c", script], { cwd, env: pyHome.env, encoding: "utf8" });
            if (done.status !== 0) throw new Error(`${script}: ${done.stderr}`);
        };
        // The SDK: the provider's schema (the one get-schema returns, test/fixtures/provider-schema.json) and the
        // stand-in's azure-native schema it references, through the pinned Python codegen.
        const azureSchema = path.join(pyHome.dir, "azure-native.json");
        fs.writeFileSync(azureSchema, schema());
        sh(`GOFLAGS=-mod=mod GOPROXY=off go run . ${ENGINE_SCHEMA_FILE} ${azureSchema} ${path.join(program, "sdk")}`, path.join(program, "gen"));
        if (!fs.existsSync(path.join(program, "venv", "bin", "pulumi"))) sh("python3 -m venv venv && ./venv/bin/pip install -q pulumi==3.248.0 pulumi_azure_native==3.28.0");
        sh("./venv/bin/pip install -q --force-reinstall --no-deps ./sdk");
        stack = await Stack.init(pyHome, "python-sdk", "python", { location: "westeurope" });
    });
    afterAll(() => pyHome?.close());

    test("pulumi up creates the same subnet, link and attachment as the TypeScript and YAML programs", async () => {
        const started = Date.now();
        const run = await stack.up();
        process.stderr.write(`python (generated SDK) up: ${Date.now() - started} ms\n`);
        expect(run.code).toBe(0);
        const made = pyAzure.list("Microsoft.Network/virtualNetworks/subnets");
        expect(made.map((s) => s.properties.addressPrefix)).toEqual(["10.20.1.0/27"]);
        const orders = pyAzure.list("Microsoft.Web/sites").filter((s) => /\/sites\/orders/i.test(s.id));
        expect(orders.map((s) => s.properties.virtualNetworkSubnetId.toLowerCase())).toEqual([made[0].id.toLowerCase()]);
        expect(pyAzure.list("Microsoft.Web/sites/networkConfig").some((l) => /billing-api/i.test(l.id) && l.properties.subnetResourceId.toLowerCase() === made[0].id.toLowerCase())).toBe(true);
    });
});
