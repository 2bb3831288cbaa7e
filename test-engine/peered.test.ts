/**
 * The peered example under the real engine: a hub VNet with a new SSTP gateway (the 2019 page's path, so on
 * an Azure whose clock is before 31 March 2026), two peers with both peerings each, and plan routes.
 */
import { AzureModel } from "../azure-standin/model";
import { EngineHome, Stack } from "./harness";

const beforeSstpRetirement = { AZURE_STANDIN_NOW: "2026-01-15T00:00:00Z" };
let home: EngineHome;
let azure: AzureModel;

beforeAll(async () => {
    home = await EngineHome.create("peered");
    azure = new AzureModel(home.stateFile);
});
afterAll(() => home?.close());

const peerings = () => azure.list("Microsoft.Network/virtualNetworks/virtualNetworkPeerings");

describe("peered example (scenario peered)", () => {
    let stack: Stack;
    beforeAll(async () => {
        stack = await Stack.init(home, ".", "peered", { scenario: "peered" });
    });

    test("a new stack's preview plans both peerings per peer and the plan routes, and creates nothing", async () => {
        const run = await stack.run(["preview", "--diff"], { env: beforeSstpRetirement });
        expect(run.code).toBe(0);
        expect(run.output.match(/\+ .*azure-native:network:VirtualNetworkPeering/g)?.length).toBe(4);
        expect(azure.ids()).toEqual([]);
    });

    test("pulumi up: the hub side allows gateway transit, the peers use the remote gateway; no changes after", async () => {
        await stack.must(["up", "--yes", "--skip-preview"], { env: beforeSstpRetirement });
        const all = peerings();
        expect(all).toHaveLength(4);
        expect(all.filter((p) => p.properties.allowGatewayTransit === true)).toHaveLength(2);
        expect(all.filter((p) => p.properties.useRemoteGateways === true)).toHaveLength(2);
        await stack.must(["preview", "--expect-no-changes"], { env: beforeSstpRetirement });
        await stack.must(["refresh", "--yes", "--skip-preview"], { env: beforeSstpRetirement });
        await stack.must(["preview", "--expect-no-changes"], { env: beforeSstpRetirement });
    });

    test("pulumi destroy leaves Azure empty", async () => {
        await stack.must(["destroy", "--yes", "--skip-preview"], { env: beforeSstpRetirement });
        expect(azure.ids()).toEqual([]);
    });
});
