import * as network from "@pulumi/azure-native/network";
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { ExistingAppServicePlan, ExistingVirtualNetwork, RegionalVnetIntegration, RegionalVnetIntegrationArgs, VnetIntegrationError } from "../components";
import { AzureMocks } from "../components/testing";
import { runChecked } from "./support/run";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups";
const existingPlan: ExistingAppServicePlan = { id: `${SUB}/apps/providers/Microsoft.Web/serverfarms/plan`, location: "westeurope", sku: { name: "P1v3", capacity: 3 } };
const existingVnet: ExistingVirtualNetwork = {
    id: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/hub`,
    name: "hub",
    resourceGroupName: "net",
    location: "West Europe",
    addressSpace: ["10.0.0.0/16"],
    dnsServers: ["10.0.0.4"],
};
const baseArgs = (overrides: Partial<RegionalVnetIntegrationArgs> = {}): RegionalVnetIntegrationArgs => ({
    plan: existingPlan,
    virtualNetwork: existingVnet,
    subnet: { addressPrefix: "10.0.1.0/26" },
    apps: [{ name: "billing", resourceGroupName: "apps" }],
    ...overrides,
});
const SUBNET = "azure-native:network:Subnet";
const LINK = "azure-native:web:WebAppSwiftVirtualNetworkConnection";
const LINK_SLOT = "azure-native:web:WebAppSwiftVirtualNetworkConnectionSlot";

describe("creating the subnet and linking existing apps", () => {
    test("a delegated standalone subnet, one swift connection per app, each depending on the subnet", async () => {
        const run = await runChecked(() => {
            new RegionalVnetIntegration("int", baseArgs({ apps: [{ name: "billing", resourceGroupName: "apps" }, { name: "billing", resourceGroupName: "apps", slot: "staging" }] }));
        });
        expect(run.errors).toEqual([]);
        const subnet = run.resources.find((r) => r.type === SUBNET)!;
        expect(subnet).toMatchObject({
            name: "int-subnet",
            parent: "int",
            inputs: {
                resourceGroupName: "net",
                virtualNetworkName: "hub",
                subnetName: "int",
                addressPrefix: "10.0.1.0/26",
                delegations: [{ name: "delegation", serviceName: "Microsoft.Web/serverFarms" }],
            },
        });
        const subnetId = `${SUB}/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/int`;
        const link = run.resources.find((r) => r.type === LINK)!;
        expect(link).toMatchObject({ name: "int-billing", parent: "int", dependsOn: ["int-subnet"], inputs: { name: "billing", resourceGroupName: "apps", subnetResourceId: subnetId } });
        const slotLink = run.resources.find((r) => r.type === LINK_SLOT)!;
        expect(slotLink).toMatchObject({ name: "int-billing/staging", aliases: ["int-billing-staging"], dependsOn: ["int-subnet"], inputs: { name: "billing", slot: "staging", subnetResourceId: subnetId } });
        // Never the WebAppVnetConnection isSwift form, which does nothing.
        expect(run.resources.some((r) => r.type === "azure-native:web:WebAppVnetConnection")).toBe(false);
    });

    test("pass-through subnet settings reach the subnet", async () => {
        const run = await runChecked(() => {
            new RegionalVnetIntegration(
                "int",
                baseArgs({ subnet: { addressPrefix: "10.0.1.0/26", name: "snet-apps", networkSecurityGroupId: "/nsg", natGatewayId: "/nat", serviceEndpoints: ["Microsoft.Storage"] } }),
            );
        });
        expect(run.resources.find((r) => r.type === SUBNET)!.inputs).toMatchObject({
            subnetName: "snet-apps",
            networkSecurityGroup: { id: "/nsg" },
            natGateway: { id: "/nat" },
            serviceEndpoints: [{ service: "Microsoft.Storage" }],
        });
    });

    test("outputs: subnet id, prefix, usable addresses, supported instances, DNS", async () => {
        let component!: RegionalVnetIntegration;
        await runChecked(() => {
            component = new RegionalVnetIntegration("int", baseArgs({ subnet: { prefixLength: 27 }, reservedAddressPrefixes: ["10.0.0.0/24"] }));
        });
        const value = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));
        expect(await value(component.addressPrefix)).toBe("10.0.1.0/27");
        expect(await value(component.usableAddresses)).toBe(27);
        expect(await value(component.maxSupportedInstances)).toBe(27);
        expect(await value(component.dnsServers)).toEqual(["10.0.0.4"]);
        expect(await value(component.subnetId)).toMatch(/\/virtualNetworks\/hub\/subnets\/int$/);
    });
});

describe("adopting an existing subnet", () => {
    const adopted = { id: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/apps`, addressPrefix: "10.0.2.0/26", delegations: ["Microsoft.Web/serverFarms"] };
    test("creates no subnet and links the apps to the adopted one", async () => {
        const run = await runChecked(() => {
            new RegionalVnetIntegration("int", baseArgs({ subnet: adopted }));
        });
        expect(run.resources.filter((r) => r.type === SUBNET)).toEqual([]);
        expect(run.resources.find((r) => r.type === LINK)!.inputs.subnetResourceId).toBe(adopted.id);
    });
    test("a subnet that already holds resources is VNI-R06 and nothing is registered", () => {
        return runChecked(() => {
            expect(() => new RegionalVnetIntegration("int", baseArgs({ subnet: { ...adopted, usedBy: ["vm1-nic"] } }))).toThrow(/VNI-R06 subnet-exclusive: subnet apps already holds vm1-nic/);
        }).then((run) => expect(run.mocks.registrations.filter((r) => r.type.startsWith("azure-native:"))).toEqual([]));
    });
});

describe("form A: siteArgs for apps the program creates", () => {
    test("the app gets the subnet id, the VNet's DNS servers and exactly one routing shape", async () => {
        const run = await runChecked(() => {
            const integration = new RegionalVnetIntegration("int", baseArgs({ apps: [], routing: { applicationTraffic: true } }));
            new web.WebApp("orders", { resourceGroupName: "apps", serverFarmId: existingPlan.id, ...integration.siteArgs });
        });
        const app = run.resources.find((r) => r.type === "azure-native:web:WebApp")!;
        expect(app.inputs).toMatchObject({
            virtualNetworkSubnetId: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/int`,
            outboundVnetRouting: { applicationTraffic: true },
            dnsConfiguration: { dnsServers: ["10.0.0.4"] },
        });
        expect(JSON.stringify(app.inputs)).not.toMatch(/vnetRouteAllEnabled|WEBSITE_VNET_ROUTE_ALL/);
        expect(run.resources.filter((r) => r.type === LINK)).toEqual([]);
    });
});

describe("bad input: a clear error and nothing created", () => {
    test("plain facts are checked in the constructor; every violation is listed", async () => {
        const run = await runChecked(() => {
            let error: unknown;
            try {
                new RegionalVnetIntegration(
                    "int",
                    baseArgs({ plan: { ...existingPlan, sku: { name: "B1" } }, subnet: { addressPrefix: "10.0.1.0/28" }, suppress: { "VNI-R99": "x" }, limits: "documented" }),
                );
            } catch (e) {
                error = e;
            }
            expect(error).toBeInstanceOf(VnetIntegrationError);
            expect((error as VnetIntegrationError).violations.map((v) => v.code)).toEqual(["VNI-X01", "VNI-R01", "VNI-R02"]);
            expect((error as Error).message).toMatch(/^int: 3 VNet Integration rule violation\(s\):\nVNI-X01 bad-suppression: .*\nVNI-R01 plan-tier: .*\nVNI-R02 subnet-size: /);
        });
        expect(run.mocks.ofType(SUBNET)).toEqual([]);
        expect(run.mocks.ofType(LINK)).toEqual([]);
    });

    test("a suppression with a reason lets the program go on and is reported", async () => {
        const run = await runChecked(() => {
            new RegionalVnetIntegration("int", baseArgs({ subnet: { addressPrefix: "10.0.1.0/28" }, maxInstances: 2, suppress: { "VNI-R02": "Azure allows /28 since 2021" }, limits: "documented" }));
        });
        expect(run.errors).toEqual([]);
        expect(run.violations.map((v) => v.code)).toEqual(["VNI-R02"]);
        expect(run.mocks.ofType(SUBNET)).toHaveLength(1);
    });

    test("the default profile is azure-2026: a Basic plan on a /28 passes, and documented refuses both naming azure-2026", async () => {
        const run = await runChecked(() => {
            new RegionalVnetIntegration("int", baseArgs({ plan: { ...existingPlan, sku: { name: "B1", capacity: 2 } }, subnet: { addressPrefix: "10.0.1.0/28" }, maxInstances: 2 }));
            expect(() =>
                new RegionalVnetIntegration("strict", baseArgs({ plan: { ...existingPlan, id: `${existingPlan.id}2`, sku: { name: "B1" } }, subnet: { addressPrefix: "10.0.2.0/28" }, limits: "documented" })),
            ).toThrow(/VNI-R01 plan-tier: .*\(limits profile documented\)\. The azure-2026 limits profile allows Basic\.[\s\S]*VNI-R02 subnet-size: .*\(the azure-2026 limits profile allows \/28\)/);
        });
        expect(run.violations).toEqual([]);
        expect(run.mocks.ofType(SUBNET).map((r) => r.inputs.addressPrefix)).toEqual(["10.0.1.0/28"]);
    });

    test("warnings are reported and the program goes on", async () => {
        const run = await runChecked(() => {
            new RegionalVnetIntegration("int", baseArgs({ subnet: { addressPrefix: "10.0.1.0/27" }, maxInstances: 20 }));
        });
        expect(run.violations).toEqual([expect.objectContaining({ code: "VNI-R03", severity: "warning", component: "int" })]);
        expect(run.mocks.ofType(SUBNET)).toHaveLength(1);
    });
});

describe("program-wide limits", () => {
    test("two integrations of one plan with different subnets: the second is VNI-R05", async () => {
        const run = await runChecked(() => {
            new RegionalVnetIntegration("first", baseArgs({ limits: "documented" }));
            expect(() => new RegionalVnetIntegration("second", baseArgs({ subnet: { addressPrefix: "10.0.2.0/26" }, limits: "documented" }))).toThrow(/VNI-R05 one-per-plan: plan plan already has a regional integration with subnet 10.0.1.0\/26 \(component first\)/);
        });
        expect(run.mocks.ofType(SUBNET).map((r) => r.name)).toEqual(["first-subnet"]);
    });

    test("allocations in one VNet never collide and follow declaration order", async () => {
        const run = await runChecked(() => {
            const vnet = new network.VirtualNetwork("hub", { resourceGroupName: "net", location: "westeurope", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
            for (const n of ["a", "b", "c"]) {
                const plan = new web.AppServicePlan(n, { resourceGroupName: "apps", location: "westeurope", sku: { name: "P1v3" } });
                new RegionalVnetIntegration(n, { plan, virtualNetwork: vnet, subnet: { prefixLength: 26 } });
            }
        });
        expect(run.errors).toEqual([]);
        const prefixes = Object.fromEntries(run.mocks.ofType(SUBNET).map((r) => [r.name, r.inputs.addressPrefix]));
        expect(prefixes).toEqual({ "a-subnet": "10.0.0.0/26", "b-subnet": "10.0.0.64/26", "c-subnet": "10.0.0.128/26" });
    });
});

describe("routing reaches apps that spread siteArgs; attached apps are judged by their own (VNI-R08)", () => {
    const publicSpace = { ...existingVnet, addressSpace: ["10.0.0.0/16", "100.64.0.0/16"] };

    test("route-all on the component does not carry an attached app to a destination outside RFC 1918", async () => {
        await runChecked(() => {
            expect(() => new RegionalVnetIntegration("int", baseArgs({ virtualNetwork: publicSpace, routing: { applicationTraffic: true } }))).toThrow(
                /VNI-R08 rfc1918-only: app billing is attached through `apps`, which does not carry routing: .* 100\.64\.0\.0\/16 outside RFC 1918 is not reached/,
            );
        });
    });

    test("an attached app that declares its own route-all passes, with no warning", async () => {
        const run = await runChecked(() => {
            new RegionalVnetIntegration("int", baseArgs({ virtualNetwork: publicSpace, routing: { applicationTraffic: true }, apps: [{ name: "billing", resourceGroupName: "apps", routing: { applicationTraffic: true } }] }));
        });
        expect(run.errors).toEqual([]);
        expect(run.violations).toEqual([]);
        // The component sets routing on no attached app: it goes into siteArgs only.
        expect(run.mocks.ofType(LINK)[0].inputs).not.toHaveProperty("outboundVnetRouting");
    });

    test("routing asked for and an attached app that does not declare its own: a warning that says where routing goes", async () => {
        const run = await runChecked(() => {
            new RegionalVnetIntegration("int", baseArgs({ routing: { applicationTraffic: true } }));
        });
        expect(run.violations).toEqual([expect.objectContaining({ code: "VNI-R08", severity: "warning" })]);
        expect(run.violations[0].message).toContain("routing reaches only apps that spread siteArgs; app billing is attached through `apps`");
    });

    test("an attached app resource is judged by its outboundVnetRouting", async () => {
        const program = (applicationTraffic: boolean) => () => {
            const app = new web.WebApp("billing", { resourceGroupName: "apps", name: "billing", location: "westeurope", outboundVnetRouting: { applicationTraffic } });
            new RegionalVnetIntegration("int", baseArgs({ virtualNetwork: publicSpace, routing: { applicationTraffic: true }, apps: [app] }));
        };
        for (const mode of ["preview", "up"] as const) {
            expect((await runChecked(program(true), { mode })).errors).toEqual([]);
            expect((await runChecked(program(false), { mode })).errors.map((e) => e.message).join("\n")).toContain("VNI-R08 rfc1918-only: app billing is attached through `apps`");
        }
    });
});

describe("a prefix change, across two runs", () => {
    test("the next up registers the same subnet with the new prefix, with the options under which the engine replaces it delete-first, links included", async () => {
        // Stateless mocks show what is registered and with which options, not the order the engine
        // deletes and creates in: that order is the engine's (dependsOn + deleteBeforeReplace), proved
        // under the real engine (the issue "Under the real Pulumi engine"), not here.
        const mocks = new AzureMocks();
        const program = (addressPrefix: string) => () => {
            new RegionalVnetIntegration("int", baseArgs({ subnet: { addressPrefix }, apps: [{ name: "billing", resourceGroupName: "apps" }, { name: "billing", resourceGroupName: "apps", slot: "staging" }] }));
        };
        const first = await runChecked(program("10.0.1.0/26"), { mocks });
        const next = await runChecked(program("10.0.2.0/26"), { mocks });
        expect([first.errors, next.errors]).toEqual([[], []]);
        const subnet = (run: typeof first) => run.resources.find((r) => r.type === SUBNET)!;
        // Same logical and Azure name: the engine diffs it against the first run's state ...
        expect([subnet(first).name, subnet(next).name, subnet(first).inputs.subnetName, subnet(next).inputs.subnetName]).toEqual(["int-subnet", "int-subnet", "int", "int"]);
        expect([subnet(first).inputs.addressPrefix, subnet(next).inputs.addressPrefix]).toEqual(["10.0.1.0/26", "10.0.2.0/26"]);
        // ... and the changed addressPrefix replaces it (azure-native alone would update it in place, which Azure refuses once apps are linked).
        expect(subnet(next)).toMatchObject({ replaceOnChanges: ["addressPrefix"], deleteBeforeReplace: true });
        const changed = Object.keys(subnet(next).inputs).filter((k) => JSON.stringify(subnet(next).inputs[k]) !== JSON.stringify(subnet(first).inputs[k]));
        expect(changed.filter((k) => subnet(next).replaceOnChanges!.includes(k))).toEqual(["addressPrefix"]);
        // Each link depends on the subnet, and its subnetResourceId (unknown while the subnet is replaced) replaces it delete-first.
        for (const link of next.resources.filter((r) => r.type === LINK || r.type === LINK_SLOT)) {
            expect(link).toMatchObject({ dependsOn: ["int-subnet"], replaceOnChanges: ["subnetResourceId"], deleteBeforeReplace: true });
        }
    });
});

