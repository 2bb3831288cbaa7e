/**
 * The components from other languages under the real engine: Pulumi YAML (pulumi-language-yaml)
 * through this repository's component provider (provider/, a source-based nodejs plugin named in
 * the program's `packages:`), against the Azure stand-in.
 */
import { AzureModel } from "../azure-standin/model";
import { REPO } from "../engine/settings";
import { engineSchema } from "../test/support/schema";
import { EngineHome, Stack } from "./harness";
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
