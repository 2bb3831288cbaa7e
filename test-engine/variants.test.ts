/**
 * What users meet at `pulumi preview` and on a stack's later `pulumi up`s, under the real engine:
 * refused inputs fail the preview with their rule code and create nothing; a resized subnet is replaced
 * and its apps relinked in one `up`; an `up` killed halfway converges on the next; clashing names.
 */
import { AzureModel } from "../azure-standin/model";
import { EngineHome, Stack } from "./harness";

let home: EngineHome;
let azure: AzureModel;

beforeAll(async () => {
    home = await EngineHome.create("variants");
    azure = new AzureModel(home.stateFile);
});
afterAll(() => home?.close());

const subnets = () => azure.list("Microsoft.Network/virtualNetworks/subnets");

describe.each([
    // variant, its rule code, what the refused component would have made in Azure
    ["regional-free", /VNI-R01/, /\/subnets\/|networkConfig/i],
    ["gateway-linux", /VNI-G0\d/, /virtualNetworkGateways|GatewaySubnet|virtualNetworkConnections/i],
    ["peered-overlap", /VNI-P0\d/, /virtualNetworkPeerings|virtualNetworkConnections\/[^/]+\/routes/i],
] as const)("refused at a new stack's preview: %s", (variant, code, itsChildren) => {
    test("the preview fails with the rule code, as the CLI prints it, and Azure is untouched", async () => {
        const stack = await Stack.init(home, "variants", variant, { variant });
        const before = azure.ids();
        const run = await stack.preview();
        expect(run.code).not.toBe(0);
        expect(run.output).toMatch(code);
        // One error for the component, not a cascade of every child's failure.
        expect(run.output).not.toMatch(/unhandled|UnhandledPromiseRejection/i);
        expect(azure.ids()).toEqual(before);
        const up = await stack.up();
        expect(up.code).not.toBe(0);
        expect(up.output).toMatch(code);
        // Nothing of the refused component registered: none of its children reached Azure.
        expect(azure.ids().filter((id) => itsChildren.test(id))).toEqual([]);
        await stack.must(["destroy", "--yes", "--skip-preview"]);
    });
});

describe("a regional stack's later ups", () => {
    let stack: Stack;
    beforeAll(async () => {
        stack = await Stack.init(home, "variants", "resize", { variant: "regional", maxInstances: "5" });
    });

    test("a prefix change (more instances) is one up: unlink, replace the subnet, relink; Azure refuses nothing", async () => {
        await stack.must(["up", "--yes", "--skip-preview"]);
        const [small] = subnets();
        await stack.must(["config", "set", "maxInstances", "40"]);
        const preview = await stack.preview();
        expect(preview.output).toMatch(/\+-.*azure-native:network:Subnet.*replace/);
        const up = await stack.must(["up", "--yes", "--skip-preview"]);
        expect(up.output).not.toMatch(/InUseSubnetCannotBeDeleted|SubnetInUse/);
        const [large] = subnets();
        expect(large.properties.addressPrefix).not.toBe(small.properties.addressPrefix);
        const link = azure.list("Microsoft.Web/sites/networkConfig")[0];
        expect(link.properties.subnetResourceId.toLowerCase()).toBe(large.id.toLowerCase());
        await stack.must(["preview", "--expect-no-changes"]);
    });

    test("an up killed halfway converges on the next up, nothing orphaned in Azure", async () => {
        await stack.must(["config", "set", "maxInstances", "100"]);
        const killed = await stack.run(["up", "--yes", "--skip-preview"], { killAfter: /Subnet .*(deleting|creating|replacing|updating)/ });
        expect(killed.signal).toBe("SIGKILL");
        // What a user does after a killed update: the file backend's lock stays (pulumi cancel removes it), and
        // the state may hold pending operations (refresh clears creates that never happened).
        await stack.must(["cancel", "--yes"]);
        await stack.run(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
        await stack.must(["up", "--yes", "--skip-preview"]);
        await stack.must(["preview", "--expect-no-changes"]);
        const state = await stack.exportState();
        const stateIds = new Set((state.deployment.resources ?? []).map((r) => String(r.id ?? "").toLowerCase()).filter(Boolean));
        // Every resource Azure holds for this stack is one Pulumi knows: nothing orphaned.
        const orphans = azure.ids().filter((id) => /resourceGroups\/variants/i.test(id) && !stateIds.has(id.toLowerCase()) && !/serviceAssociationLinks|networkConfig\/virtualNetwork$/i.test(id));
        expect(orphans).toEqual([]);
        await stack.must(["destroy", "--yes", "--skip-preview"]);
        expect(azure.ids().filter((id) => /resourceGroups\/variants/i.test(id))).toEqual([]);
    });
});

describe("two resources with one URN", () => {
    test("the library names the clash at preview, before the engine would", async () => {
        const stack = await Stack.init(home, "variants", "clash", { variant: "clashing-children" });
        const run = await stack.preview();
        expect(run.code).not.toBe(0);
        expect(run.output).toMatch(/a-b-c/);
        expect(run.output).not.toMatch(/Duplicate resource URN/);
    });

    test("the engine's own refusal for raw resources, for comparison", async () => {
        const stack = await Stack.init(home, "variants", "raw-clash", { variant: "clashing-resources" });
        const run = await stack.preview();
        expect(run.code).not.toBe(0);
        expect(run.output).toMatch(/Duplicate resource URN/);
    });
});
