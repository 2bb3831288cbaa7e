/**
 * The regional example under the real engine, preview to destroy, against the Azure stand-in.
 */
import { AzureModel } from "../azure-standin/model";
import { EngineHome, Stack } from "./harness";
import { seedRegional } from "./seeds";

let home: EngineHome;
let azure: AzureModel;

const subnets = () => azure.list("Microsoft.Network/virtualNetworks/subnets").filter((s) => s.name !== "GatewaySubnet");
const swiftLinks = () => azure.list("Microsoft.Web/sites/networkConfig");

beforeAll(async () => {
    home = await EngineHome.create("regional");
    azure = new AzureModel(home.stateFile);
    seedRegional(azure);
});
afterAll(() => home?.close());

describe("regional example (the repository's Pulumi project, scenario regional)", () => {
    let stack: Stack;
    beforeAll(async () => {
        stack = await Stack.init(home, ".", "regional", { scenario: "regional" });
    });

    test("a new stack's preview plans the subnet, the links and the app, and creates nothing", async () => {
        const before = azure.ids().length;
        const run = await stack.preview();
        expect(run.code).toBe(0);
        expect(run.output).toMatch(/\+ .*azure-native:network:Subnet/);
        expect(run.output).toMatch(/\+ .*azure-native:web:WebAppSwiftVirtualNetworkConnection/);
        // The allocated prefix is known at a new stack's preview (given address space, reserved /24 skipped).
        expect(run.output).toContain("10.20.1.0/");
        expect(azure.ids()).toHaveLength(before);
    });

    test("pulumi up creates it in Azure; a second preview changes nothing, also after refresh", async () => {
        await stack.must(["up", "--yes", "--skip-preview"]);
        const [subnet] = subnets();
        expect(subnet.properties.delegations?.[0]?.properties?.serviceName).toBe("Microsoft.Web/serverFarms");
        expect(subnet.properties.addressPrefix).toMatch(/^10\.20\.1\.0\/2[5-8]$/);
        expect(swiftLinks().map((l) => l.properties.subnetResourceId.toLowerCase())).toContain(subnet.id.toLowerCase());
        await stack.must(["preview", "--expect-no-changes"]);
        await stack.must(["refresh", "--yes", "--skip-preview"]);
        await stack.must(["preview", "--expect-no-changes"]);
    });

    test("stack export holds no token, package URL or other secret in plain text", async () => {
        const { text } = await stack.exportState();
        expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/); // no JWT
        expect(text).not.toMatch(/sig=/i); // no SAS signature
        expect(text).not.toMatch(/standin-token/);
    });

    test("drift: a link removed in Azure is repaired by refresh + up", async () => {
        const link = swiftLinks().find((l) => /billing-api/i.test(l.id))!;
        expect(link).toBeDefined();
        azure.remove(link.id);
        await stack.must(["refresh", "--yes", "--skip-preview"]);
        await stack.must(["up", "--yes", "--skip-preview"]);
        expect(swiftLinks().some((l) => /billing-api/i.test(l.id))).toBe(true);
        await stack.must(["preview", "--expect-no-changes"]);
    });

    test("pulumi destroy leaves Azure as it was before the stack", async () => {
        await stack.must(["destroy", "--yes", "--skip-preview"]);
        expect(subnets()).toHaveLength(0);
        expect(swiftLinks()).toHaveLength(0);
        expect(azure.list("Microsoft.Web/sites").map((s) => s.name)).toEqual(["billing-api"]);
    });
});
