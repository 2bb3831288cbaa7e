/**
 * A stack's whole life (issue 21): what users meet on a stack's second, third and tenth
 * `pulumi up`. Each test failed before its fix.
 */
import * as network from "@pulumi/azure-native/network";
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { GatewayVnetIntegration, RegionalVnetIntegration } from "../components";
import { readStack } from "../components/policy/stack";
import { appFacts } from "../components/shared/facts";
import { AzureMocks, runProgram } from "../components/testing";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups";
const PLAN_ID = `${SUB}/apps/providers/Microsoft.Web/serverfarms/plan`;
const VNET_ID = `${SUB}/net/providers/Microsoft.Network/virtualNetworks/hub`;
const SUBNET = "azure-native:network:Subnet";

/** An existing VNet as a StackReference or `getVirtualNetworkOutput` gives it: every fact an Output, a new object each time. */
const vnetFromElsewhere = () => ({
    id: pulumi.output(VNET_ID),
    name: pulumi.output("hub"),
    resourceGroupName: pulumi.output("net"),
    location: pulumi.output("westeurope"),
    addressSpace: pulumi.output(["10.20.0.0/16"]),
});
const planFromElsewhere = (id = PLAN_ID) => ({ id: pulumi.output(id), location: pulumi.output("westeurope"), sku: pulumi.output({ name: "P1v3", tier: "PremiumV3" }), reserved: pulumi.output(true) });

describe("item 2: a VNet or plan is identified by its ARM id once known, not by its JS object", () => {
    test.each(["preview", "up"] as const)("%s: one existing VNet read twice (ids are Outputs): the second integration gets the next free block", async (mode) => {
        const run = await runProgram(() => {
            new RegionalVnetIntegration("first", { plan: planFromElsewhere(), virtualNetwork: vnetFromElsewhere(), subnet: { prefixLength: 26 } });
            new RegionalVnetIntegration("second", { plan: planFromElsewhere(`${PLAN_ID}2`), virtualNetwork: vnetFromElsewhere(), subnet: { prefixLength: 26 } });
        }, { mode });
        expect(run.errors).toEqual([]);
        expect(run.resources.filter((r) => r.type === SUBNET).map((r) => [r.name, r.inputs.addressPrefix])).toEqual([
            ["first-subnet", "10.20.0.0/26"],
            ["second-subnet", "10.20.0.64/26"],
        ]);
    });

    test("one existing Linux plan read twice (ids are Outputs) given to two regional integrations: VNI-R05", async () => {
        const run = await runProgram(() => {
            new RegionalVnetIntegration("first", { plan: planFromElsewhere(), virtualNetwork: vnetFromElsewhere(), subnet: { prefixLength: 26 } });
            new RegionalVnetIntegration("second", { plan: planFromElsewhere(), virtualNetwork: vnetFromElsewhere(), subnet: { prefixLength: 26 } });
        }, { mode: "preview" });
        expect(run.errors.map((e) => e.message).join("\n")).toMatch(/second[\s\S]*VNI-R05/);
    });
});

/** Azure after an earlier `pulumi up`: the VNet has these subnets (what getVirtualNetwork returns). */
class AzureAfterUp extends AzureMocks {
    constructor(private readonly subnets: Record<string, string>) {
        super();
    }
    call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
        if (args.token === "azure-native:network:getVirtualNetwork") {
            return { ...args.inputs, subnets: Object.entries(this.subnets).map(([name, addressPrefix]) => ({ name, addressPrefix })) };
        }
        return super.call(args);
    }
}

describe("item 3: an allocated subnet keeps its prefix across edits of the program", () => {
    const integration = (name: string, prefixLength = 26) =>
        new RegionalVnetIntegration(name, { plan: { id: `${PLAN_ID}-${name}`, location: "westeurope", sku: { name: "P1v3", tier: "PremiumV3" } }, virtualNetwork: vnetFromElsewhere(), subnet: { prefixLength } });
    const prefixes = (run: Awaited<ReturnType<typeof runProgram>>) => Object.fromEntries(run.resources.filter((r) => r.type === SUBNET).map((r) => [r.name, r.inputs.addressPrefix]));

    test.each(["preview", "up"] as const)("%s: removing an earlier integration leaves the later one where it is", async (mode) => {
        const run = await runProgram(() => integration("second"), { mode, mocks: new AzureAfterUp({ first: "10.20.0.0/26", second: "10.20.0.64/26" }) });
        expect(run.errors).toEqual([]);
        expect(prefixes(run)).toEqual({ "second-subnet": "10.20.0.64/26" });
    });

    test("inserting an integration before the others: they keep theirs, the new one takes a block no live subnet holds", async () => {
        const run = await runProgram(
            () => {
                integration("inserted");
                integration("first");
                integration("second");
            },
            { mode: "preview", mocks: new AzureAfterUp({ first: "10.20.0.0/26", second: "10.20.0.64/26", "made-by-hand": "10.20.0.128/26" }) },
        );
        expect(run.errors).toEqual([]);
        expect(prefixes(run)).toEqual({ "inserted-subnet": "10.20.0.192/26", "first-subnet": "10.20.0.0/26", "second-subnet": "10.20.0.64/26" });
    });

    test("a changed prefixLength moves the subnet, and the plan says so", async () => {
        const warn = jest.spyOn(pulumi.log, "warn");
        try {
            const run = await runProgram(() => integration("first", 25), { mode: "preview", mocks: new AzureAfterUp({ first: "10.20.0.0/26", other: "10.20.0.128/25" }) });
            expect(run.errors).toEqual([]);
            // Its old block is free again once it is deleted (delete-first): the new one may reuse it.
            expect(prefixes(run)).toEqual({ "first-subnet": "10.20.0.0/25" });
            expect(warn.mock.calls.map((c) => c[0]).join("\n")).toContain(
                "first: the subnet moves from 10.20.0.0/26 to 10.20.0.0/25 (prefixLength changed from /26 to /25): it is replaced delete-first and its apps are unlinked during the update.",
            );
        } finally {
            warn.mockRestore();
        }
    });
});

describe("item 9: the GatewaySubnet made here is replaced on a prefix change, delete-first, like the regional subnet", () => {
    test("replaceOnChanges addressPrefix and deleteBeforeReplace on both subnets", async () => {
        const run = await runProgram(() => {
            new GatewayVnetIntegration("gw", {
                plan: { id: `${SUB}/apps/providers/Microsoft.Web/serverfarms/win`, location: "westeurope", sku: { name: "S1" } },
                apps: [{ name: "orders", resourceGroupName: "apps" }],
                virtualNetwork: { id: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/remote`, name: "remote", resourceGroupName: "net", location: "eastus", addressSpace: ["10.50.0.0/16"] },
                gateway: { addressPool: ["172.16.201.0/24"] },
                limits: "documented",
            });
        });
        expect(run.errors).toEqual([]);
        expect(run.resources.find((r) => r.name === "gw-gateway-subnet")).toMatchObject({ replaceOnChanges: ["addressPrefix"], deleteBeforeReplace: true });
    });
});

describe("item 5: declaration order holds for every mix of plain facts and Outputs", () => {
    test.each(["preview", "up"] as const)("%s: a regional integration on a plan resource, then a gateway integration of plain facts for the same app: VNI-G04", async (mode) => {
        const run = await runProgram(() => {
            const plan = new web.AppServicePlan("plan", { resourceGroupName: "apps", sku: { name: "P1v3", tier: "PremiumV3" } });
            new RegionalVnetIntegration("regional", { plan, virtualNetwork: { id: VNET_ID, name: "hub", resourceGroupName: "net", location: "westeurope", addressSpace: ["10.20.0.0/16"] }, subnet: { addressPrefix: "10.20.1.0/26" }, apps: [{ name: "orders", resourceGroupName: "apps" }] });
            new GatewayVnetIntegration("gw", {
                plan: { id: `${SUB}/apps/providers/Microsoft.Web/serverfarms/win`, location: "westeurope", sku: { name: "S1" } },
                apps: [{ name: "orders", resourceGroupName: "apps" }],
                virtualNetwork: { id: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/remote`, name: "remote", resourceGroupName: "net", location: "eastus", addressSpace: ["10.50.0.0/16"] },
                gateway: { id: `${SUB}/net/providers/Microsoft.Network/virtualNetworkGateways/gw`, skuName: "VpnGw2AZ", pointToSite: { addressPool: ["172.16.202.0/24"], protocols: ["SSTP"] }, gatewaySubnetPrefix: "10.50.255.0/27" },
            });
        }, { mode });
        expect(run.errors.map((e) => e.message).join("\n")).toMatch(/gw[\s\S]*VNI-G04/);
    });
});

describe("item 6: secrecy follows the fields that are secret", () => {
    test.each(["preview", "up"] as const)("%s: an app with one secret app setting leaves the subnet, the link and the outputs in the clear", async (mode) => {
        let integration: RegionalVnetIntegration | undefined;
        const run = await runProgram(() => {
            const plan = new web.AppServicePlan("plan", { resourceGroupName: "apps", sku: { name: "P1v3", tier: "PremiumV3" } });
            const app = new web.WebApp("orders", {
                resourceGroupName: "apps",
                serverFarmId: plan.id,
                siteConfig: { appSettings: [{ name: "DB_PASSWORD", value: pulumi.secret("hunter2") }] },
            });
            integration = new RegionalVnetIntegration("apps-vnet", { plan, virtualNetwork: { id: VNET_ID, name: "hub", resourceGroupName: "net", location: "westeurope", addressSpace: ["10.20.0.0/16"] }, subnet: { prefixLength: 26 }, apps: [app] });
            return { prefix: integration.addressPrefix };
        }, { mode });
        expect(run.errors).toEqual([]);
        const subnet = run.resources.find((r) => r.type === SUBNET)!;
        expect(subnet.inputs).toMatchObject({ addressPrefix: "10.20.0.0/26", virtualNetworkName: "hub", resourceGroupName: "net" });
        const link = run.resources.find((r) => r.type === "azure-native:web:WebAppSwiftVirtualNetworkConnection")!;
        expect(JSON.stringify(link.inputs)).not.toContain("[secret]");
        expect(run.outputs).toEqual({ prefix: "10.20.0.0/26" });
        // The secret itself stays secret where the program put it.
        expect(JSON.stringify(run.resources.find((r) => r.name === "orders")!.inputs.siteConfig)).toContain("[secret]");
    });
});

describe("item 7: child names never fall back to list positions", () => {
    test("an app given by facts whose name is an Output: a clear error, nothing registered", async () => {
        const run = await runProgram(() => {
            new RegionalVnetIntegration("apps-vnet", {
                plan: { id: PLAN_ID, location: "westeurope", sku: { name: "P1v3", tier: "PremiumV3" } },
                virtualNetwork: { id: VNET_ID, name: "hub", resourceGroupName: "net", location: "westeurope", addressSpace: ["10.20.0.0/16"] },
                subnet: { addressPrefix: "10.20.1.0/26" },
                apps: [{ name: pulumi.output("orders"), resourceGroupName: "apps" }],
            });
        });
        expect(run.errors.map((e) => e.message)).toEqual([
            "apps-vnet: invalid arguments: apps[0]: the name and slot must be plain strings, not Outputs: the children made for it are named after them, and a list position would replace them whenever the list is reordered. Fix: give the name and slot as plain strings, or pass the resource itself (its logical name is the key)",
        ]);
        expect(run.resources.filter((r) => r.parent === "apps-vnet")).toEqual([]);
    });
});

describe("item 8: children get what is known or unknown, never a label", () => {
    test("preview of a new stack, a VNet azure-native will auto-name: the subnet's virtualNetworkName is unknown, not the logical name", async () => {
        const run = await runProgram(() => {
            const vnet = new network.VirtualNetwork("hub", { resourceGroupName: "net", addressSpace: { addressPrefixes: ["10.20.0.0/16"] } });
            new RegionalVnetIntegration("apps-vnet", { plan: { id: PLAN_ID, location: "westeurope", sku: { name: "P1v3", tier: "PremiumV3" } }, virtualNetwork: vnet, subnet: { addressPrefix: "10.20.1.0/26" } });
        }, { mode: "preview" });
        expect(run.errors).toEqual([]);
        const subnet = run.resources.find((r) => r.type === SUBNET)!;
        expect(subnet.inputs.virtualNetworkName).not.toBe("hub");
        expect(subnet.inputs).toMatchObject({ addressPrefix: "10.20.1.0/26", resourceGroupName: "net" });
    });

    test("a VNet whose name the program sets: known at preview", async () => {
        const run = await runProgram(() => {
            const vnet = new network.VirtualNetwork("hub", { resourceGroupName: "net", virtualNetworkName: "hub-weu", addressSpace: { addressPrefixes: ["10.20.0.0/16"] } });
            new RegionalVnetIntegration("apps-vnet", { plan: { id: PLAN_ID, location: "westeurope", sku: { name: "P1v3", tier: "PremiumV3" } }, virtualNetwork: vnet, subnet: { addressPrefix: "10.20.1.0/26" } });
        }, { mode: "preview" });
        expect(run.resources.find((r) => r.type === SUBNET)!.inputs.virtualNetworkName).toBe("hub-weu");
    });
});

describe("item 12: VNI-R11's facts read one way by the components and the policy pack", () => {
    const site = (siteConfig: Record<string, unknown>) => ({ type: "azure-native:web:WebApp", name: "orders", urn: "urn:pulumi:s::p::azure-native:web:WebApp::orders", props: { name: "orders", resourceGroupName: "apps", siteConfig } });
    test.each([
        ["a compose (multi-container) app without app settings", { linuxFxVersion: "COMPOSE|dmVyc2lvbjog" }, true, true],
        ["a Docker app with WEBSITES_PORT", { linuxFxVersion: "DOCKER|nginx", appSettings: [{ name: "WEBSITES_PORT", value: "8080" }] }, true, true],
        ["a Docker app with other settings only", { linuxFxVersion: "DOCKER|nginx", appSettings: [{ name: "OTHER", value: "x" }] }, true, false],
        ["a code app", { linuxFxVersion: "NODE|20-lts" }, false, true],
    ])("%s", (_, siteConfig, container, listens) => {
        const policy = readStack([site(siteConfig) as never]).apps[0];
        const settings = (siteConfig as { appSettings?: { name: string }[] }).appSettings;
        const components = appFacts({ key: "orders", identity: "orders", name: "orders", resourceGroupName: "apps", linuxFxVersion: siteConfig.linuxFxVersion as string, appSettingNames: settings?.map((s) => s.name) });
        expect([policy.linuxContainer, policy.listensOnPortSetting]).toEqual([container, listens]);
        expect([components.linuxContainer, components.listensOnPortSetting]).toEqual([container, listens]);
    });
});
