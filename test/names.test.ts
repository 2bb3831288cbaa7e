/**
 * No two children of a program share a logical name: the engine refuses two resources of one
 * URN, the mocks do not. Names are unique by construction where the library picks them (a
 * slot is `<app>/<slot>`, peers sharing a VNet name take their resource group), and a
 * program-wide check names both sources where the user's names collide.
 */
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { GatewayVnetIntegration, PeeredGatewayRoutes, RegionalVnetIntegration } from "../components";
import { runProgram } from "../components/testing";
import { runChecked } from "./support/run";
import { slowTest } from "./support/slowTests";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups";
const PLAN = { id: `${SUB}/apps/providers/Microsoft.Web/serverfarms/win`, location: "westeurope", sku: { name: "S1" } };
const VNET = { id: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/remote`, name: "remote", resourceGroupName: "net", location: "eastus", addressSpace: ["10.50.0.0/16"] };
const ADOPTED = {
    id: `${SUB}/net/providers/Microsoft.Network/virtualNetworkGateways/remote-gw`,
    skuName: "VpnGw1AZ",
    pointToSite: { addressPool: ["172.16.201.0/24"], protocols: ["SSTP"] },
    gatewaySubnetPrefix: "10.50.255.0/27",
};

/** Resources that would share a URN under the engine (the parents' type chain, the type, the name). */
function duplicates(run: Awaited<ReturnType<typeof runProgram>>): string[] {
    const urns = run.resources.map((r) => r.urn);
    return urns.filter((k, i) => urns.indexOf(k) !== i);
}

/** A user's own component, instantiated more than once: its children's URNs carry its type, not its name. */
class Apps extends pulumi.ComponentResource {
    constructor(name: string, build: (parent: pulumi.ComponentResource) => void) {
        super("my:index:Apps", name, {}, {});
        build(this);
    }
}

test("duplicates() sees what the engine sees: children of two instances of one component type share the URN's type chain", async () => {
    // Two plain resources of one name under two instances of one user component: one URN.
    const run = await runProgram(() => {
        new Apps("one", (parent) => new pulumi.ComponentResource("my:index:Part", "p", {}, { parent }));
        new Apps("two", (parent) => new pulumi.ComponentResource("my:index:Part", "p", {}, { parent }));
    });
    expect(run.resources.map((r) => r.urn)).toContain("urn:pulumi:plan::appservice-vnet-integration::my:index:Apps$my:index:Part::p");
    expect(duplicates(run)).toEqual(["urn:pulumi:plan::appservice-vnet-integration::my:index:Apps$my:index:Part::p"]);
});

test("components a (app b-c) and a-b (app c) under two instances of one user component: one URN, a clear error", async () => {
    const vnet = { ...VNET, location: "westeurope" };
    const run = await runChecked(() => {
        new Apps("one", (parent) => new RegionalVnetIntegration("a", { plan: { ...PLAN, sku: { name: "P1v3" } }, virtualNetwork: vnet, subnet: { addressPrefix: "10.50.1.0/26" }, apps: [{ name: "b-c", resourceGroupName: "apps" }] }, { parent }));
        expect(
            () =>
                new Apps("two", (parent) => new RegionalVnetIntegration("a-b", { plan: { ...PLAN, id: `${PLAN.id}2`, sku: { name: "P1v3" } }, virtualNetwork: vnet, subnet: { addressPrefix: "10.50.2.0/26" }, apps: [{ name: "c", resourceGroupName: "apps" }] }, { parent })),
        ).toThrow("a-b: two resources of type azure-native:web:WebAppSwiftVirtualNetworkConnection would be named a-b-c: one for app b-c (component a), one for app c (component a-b)");
    });
    expect(run.resources.filter((r) => r.parent === "a-b")).toEqual([]);
    expect(duplicates(run)).toEqual([]);
});

test("the app orders-staging and the slot orders/staging get distinct children (connections and VPN packages)", async () => {
    const run = await runProgram(() => {
        new GatewayVnetIntegration("gw", {
            plan: PLAN,
            virtualNetwork: VNET,
            gateway: ADOPTED,
            apps: [
                { name: "orders-staging", resourceGroupName: "apps" },
                { name: "orders", resourceGroupName: "apps", slot: "staging" },
            ],
        });
    });
    expect(run.errors).toEqual([]);
    expect(duplicates(run)).toEqual([]);
    const packages = run.resources.filter((r) => r.type.endsWith(":VpnPackageSync")).map((r) => r.name);
    expect(packages).toEqual(["gw-orders-staging-package", "gw-orders/staging-package"]);
});

test("two peer VNets named vnet in different resource groups: distinct children and distinct peering names on the hub", async () => {
    const peer = (rg: string, space: string) => ({
        virtualNetwork: { id: `${SUB}/${rg}/providers/Microsoft.Network/virtualNetworks/vnet`, name: "vnet", resourceGroupName: rg, location: "westeurope", addressSpace: [space] },
        addressPrefixes: [space],
    });
    const run = await runProgram(() => {
        const hub = new RegionalVnetIntegration("int", {
            plan: { ...PLAN, sku: { name: "P1v3" } },
            virtualNetwork: { ...VNET, location: "westeurope" },
            subnet: { addressPrefix: "10.50.1.0/26" },
        });
        new PeeredGatewayRoutes("peers", { hub, peers: [peer("rg-one", "10.60.0.0/16"), peer("rg-two", "10.61.0.0/16")] });
    });
    expect(run.errors).toEqual([]);
    expect(duplicates(run)).toEqual([]);
    const peerings = run.resources.filter((r) => r.type === "azure-native:network:VirtualNetworkPeering");
    expect(peerings.map((p) => p.name)).toEqual(["peers-vnet-rg-one-hub-to-peer", "peers-vnet-rg-one-peer-to-hub", "peers-vnet-rg-two-hub-to-peer", "peers-vnet-rg-two-peer-to-hub"]);
    // Both hub-side peerings live in the hub VNet: one name each, or the second overwrites the first.
    const hubSide = peerings.filter((p) => p.inputs.virtualNetworkName === "remote").map((p) => p.inputs.virtualNetworkPeeringName);
    expect(hubSide).toEqual(["to-vnet-rg-one", "to-vnet-rg-two"]);
    // A peer whose name is unique keeps `to-<name>`.
    const single = await runProgram(() => {
        const hub = new RegionalVnetIntegration("int", { plan: { ...PLAN, sku: { name: "P1v3" } }, virtualNetwork: { ...VNET, location: "westeurope" }, subnet: { addressPrefix: "10.50.1.0/26" } });
        new PeeredGatewayRoutes("peers", { hub, peers: [peer("rg-one", "10.60.0.0/16")] });
    });
    expect(single.resources.filter((r) => r.type === "azure-native:network:VirtualNetworkPeering").map((p) => [p.name, p.inputs.virtualNetworkPeeringName])).toEqual([
        ["peers-vnet-hub-to-peer", "to-vnet"],
        ["peers-vnet-peer-to-hub", "to-remote"],
    ]);
});

test("components a (app b-c) and a-b (app c) would both make a-b-c: a clear error naming both sources", async () => {
    const run = await runChecked(() => {
        const vnet = { ...VNET, location: "westeurope" };
        new RegionalVnetIntegration("a", { plan: { ...PLAN, sku: { name: "P1v3" } }, virtualNetwork: vnet, subnet: { addressPrefix: "10.50.1.0/26" }, apps: [{ name: "b-c", resourceGroupName: "apps" }] });
        expect(
            () =>
                new RegionalVnetIntegration("a-b", { plan: { ...PLAN, id: `${PLAN.id}2`, sku: { name: "P1v3" } }, virtualNetwork: vnet, subnet: { addressPrefix: "10.50.2.0/26" }, apps: [{ name: "c", resourceGroupName: "apps" }] }),
        ).toThrow(
            "a-b: two resources of type azure-native:web:WebAppSwiftVirtualNetworkConnection would be named a-b-c: one for app b-c (component a), one for app c (component a-b); " +
                "Pulumi refuses two resources with one URN. Fix: rename one of the components, or give one of the apps or VNets another logical name.",
        );
    });
    // Nothing of the second component is registered: its names are claimed before its first child.
    expect(run.resources.filter((r) => r.parent === "a-b")).toEqual([]);
    expect(duplicates(run)).toEqual([]);
});

test("a WebApp and a WebAppSlot of one logical name in one gateway integration: their VPN packages collide, and the error says so", async () => {
    const run = await runChecked(() => {
        const app = new web.WebApp("x", { resourceGroupName: "apps", name: "orders", location: "westeurope" });
        const slot = new web.WebAppSlot("x", { resourceGroupName: "apps", name: "orders", slot: "staging", location: "westeurope" });
        expect(() => new GatewayVnetIntegration("gw", { plan: PLAN, virtualNetwork: VNET, gateway: ADOPTED, apps: [app, slot] })).toThrow(/gw: two resources of type .*VpnPackageSync would be named gw-x-package: one for the VPN package of x \(component gw\), one for the VPN package of x \(component gw\)/);
    });
    expect(run.resources.filter((r) => r.parent === "gw")).toEqual([]);
    expect(duplicates(run)).toEqual([]);
});

slowTest("property: apps and slots given as facts never give two children one name", async () => {
    // A small alphabet, so that `a-b` (an app) and `a` + `b` (a slot) meet often.
    const segment = fc.constantFrom("a", "b", "a-b", "b-a");
    const app = fc.record({ name: segment, slot: fc.option(segment, { nil: undefined }) });
    await fc.assert(
        fc.asyncProperty(fc.uniqueArray(app, { minLength: 1, maxLength: 4, selector: (a) => `${a.name}/${a.slot ?? ""}` }), async (apps) => {
            const run = await runProgram(() => {
                new GatewayVnetIntegration("gw", { plan: PLAN, virtualNetwork: VNET, gateway: ADOPTED, apps: apps.map((a) => ({ ...a, resourceGroupName: "apps" })) });
            });
            expect(run.errors).toEqual([]);
            expect(duplicates(run)).toEqual([]);
        }),
        { numRuns: 20 },
    );
}, 120_000);
