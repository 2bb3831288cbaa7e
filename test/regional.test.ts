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
        // Microsoft's table: a /27 (27 usable) scales to 13 instances; scale operations need twice the addresses (issue 17).
        expect(await value(component.maxSupportedInstances)).toBe(13);
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
    test("the app gets the subnet id and exactly one routing shape; the VNet's DNS servers are not copied into it (issue 17)", async () => {
        const run = await runChecked(() => {
            const integration = new RegionalVnetIntegration("int", baseArgs({ apps: [], routing: { applicationTraffic: true, backupRestoreTraffic: true } }));
            new web.WebApp("orders", { resourceGroupName: "apps", serverFarmId: existingPlan.id, ...integration.siteArgs });
        });
        const app = run.resources.find((r) => r.type === "azure-native:web:WebApp")!;
        expect(app.inputs).toMatchObject({
            virtualNetworkSubnetId: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/int`,
            outboundVnetRouting: { applicationTraffic: true, backupRestoreTraffic: true },
        });
        // Integrated apps use the VNet's DNS by default (overview-vnet-integration, DNS): nothing to pin.
        expect(app.inputs).not.toHaveProperty("dnsConfiguration");
        expect(JSON.stringify(app.inputs)).not.toMatch(/vnetRouteAllEnabled|WEBSITE_VNET_ROUTE_ALL/);
        expect(run.resources.filter((r) => r.type === LINK)).toEqual([]);
    });

    test("picked DNS servers go into dnsConfiguration; a VNet with more than 5 is no VNI-R14 without a pick", async () => {
        const many = { ...existingVnet, dnsServers: ["10.0.0.4", "10.0.0.5", "10.0.0.6", "10.0.0.7", "10.0.0.8", "10.0.0.9"] };
        const run = await runChecked(() => {
            const integration = new RegionalVnetIntegration("int", baseArgs({ virtualNetwork: many, apps: [], dnsServers: ["10.0.0.4", "10.0.0.5"] }));
            new web.WebApp("orders", { resourceGroupName: "apps", serverFarmId: existingPlan.id, ...integration.siteArgs });
            // An attach-only component over the same VNet: its apps use the VNet's DNS, no site setting is made.
            new RegionalVnetIntegration("attach", baseArgs({ plan: { ...existingPlan, id: `${existingPlan.id}-2` }, virtualNetwork: many, subnet: { addressPrefix: "10.0.2.0/26" } }));
        });
        expect(run.errors).toEqual([]);
        expect(run.violations.filter((v) => v.code === "VNI-R14")).toEqual([]);
        expect(run.resources.find((r) => r.type === "azure-native:web:WebApp")!.inputs.dnsConfiguration).toEqual({ dnsServers: ["10.0.0.4", "10.0.0.5"] });
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
    test("an attached app resource that routes all the legacy way (vnetRouteAllEnabled, WEBSITE_VNET_ROUTE_ALL) raises no VNI-R08 (issue 17)", async () => {
        const program = (siteConfig: web.WebAppArgs["siteConfig"]) => () => {
            const app = new web.WebApp("billing", { resourceGroupName: "apps", name: "billing", location: "westeurope", siteConfig });
            new RegionalVnetIntegration("int", baseArgs({ virtualNetwork: publicSpace, routing: { applicationTraffic: true }, apps: [app] }));
        };
        for (const mode of ["preview", "up"] as const) {
            for (const siteConfig of [{ vnetRouteAllEnabled: true }, { appSettings: [{ name: "WEBSITE_VNET_ROUTE_ALL", value: "1" }] }]) {
                const run = await runChecked(program(siteConfig), { mode });
                expect(run.errors).toEqual([]);
                // Settled by the legacy setting: not even waiting for outboundVnetRouting at preview.
                expect(run.deferred.filter((d) => d.codes.includes("VNI-R08"))).toEqual([]);
            }
        }
        const off = await runChecked(program({ appSettings: [{ name: "WEBSITE_VNET_ROUTE_ALL", value: "0" }] }), { mode: "up" });
        expect(off.errors.map((e) => e.message).join("\n")).toContain("VNI-R08");
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


describe("Flex Consumption (issue 17 item 1)", () => {
    test("the created subnet is delegated to Microsoft.App/environments for a Flex Consumption plan", async () => {
        const run = await runChecked(() => {
            new RegionalVnetIntegration("fn", baseArgs({ plan: { ...existingPlan, sku: { name: "FC1", tier: "FlexConsumption" }, reserved: true }, apps: [] }));
        });
        expect(run.errors).toEqual([]);
        expect(run.resources.find((r) => r.type === SUBNET)!.inputs.delegations).toEqual([{ name: "delegation", serviceName: "Microsoft.App/environments" }]);
    });
});

test("maxHorizontalScale follows Microsoft's table: /28 5, /27 13, /26 29", async () => {
    const { maxHorizontalScale } = await import("../components/regional/regionalVnetIntegration");
    expect([11, 27, 59].map(maxHorizontalScale)).toEqual([5, 13, 29]);
});

describe("a plan's OS is its reserved flag (issue 17)", () => {
    const twoSubnets = (planArgs: Partial<web.AppServicePlanArgs>) => () => {
        const plan = new web.AppServicePlan("plan", { resourceGroupName: "apps", location: "westeurope", sku: { name: "P1v3", capacity: 3 }, ...planArgs });
        new RegionalVnetIntegration("first", { plan, virtualNetwork: existingVnet, subnet: { addressPrefix: "10.0.1.0/26" } });
        new RegionalVnetIntegration("second", { plan, virtualNetwork: existingVnet, subnet: { addressPrefix: "10.0.2.0/26" } });
    };
    test("reserved: false is Windows at a new stack's preview: VNI-R05 waits for nothing (not the kind)", async () => {
        const run = await runChecked(twoSubnets({ reserved: false }), { mode: "preview" });
        expect(run.errors).toEqual([]);
        expect(run.deferred.filter((d) => d.codes.includes("VNI-R05"))).toEqual([]);
    });
    test("kind linux without reserved makes a Windows plan: two integrations pass under azure-2026; reserved: true is Linux and fails", async () => {
        expect((await runChecked(twoSubnets({ kind: "linux" }), { mode: "up" })).errors).toEqual([]);
        const linux = await runChecked(twoSubnets({ kind: "linux", reserved: true }), { mode: "up" });
        expect(linux.errors.map((e) => e.message).join("\n")).toContain("VNI-R05");
    });
    test("a plan resource without reserved waits for the reserved flag at preview, and says so", async () => {
        const run = await runChecked(twoSubnets({ kind: "linux" }), { mode: "preview" });
        const waits = run.deferred.filter((d) => d.codes.includes("VNI-R05")).map((d) => d.why);
        expect(waits.join(" ")).not.toMatch(/kind/);
    });
});

test("one app listed by two regional integrations: VNI-R15 at the second, nothing of it registered (issue 17)", async () => {
    const run = await runChecked(() => {
        new RegionalVnetIntegration("first", baseArgs());
        try {
            new RegionalVnetIntegration("second", baseArgs({ plan: { ...existingPlan, id: `${existingPlan.id}-2` }, subnet: { addressPrefix: "10.0.2.0/26" } }));
        } catch (e) {
            expect((e as VnetIntegrationError).violations.map((v) => v.code)).toEqual(["VNI-R15"]);
            return;
        }
        throw new Error("expected VNI-R15");
    });
    expect(run.resources.filter((r) => r.name.startsWith("second-"))).toEqual([]);
});

describe("what users trip over, from the component's arguments (issue 17)", () => {
    const codesOf = async (program: () => void) => {
        const run = await runChecked(program);
        return [...run.errors.flatMap((e) => ((e as VnetIntegrationError).violations ?? []).map((v) => v.code)), ...run.violations.map((v) => v.code)];
    };
    test("natGatewayId without route-all is VNI-R17; privateEndpoints behind the VNet's DNS is VNI-R16", async () => {
        expect(await codesOf(() => void new RegionalVnetIntegration("int", baseArgs({ subnet: { addressPrefix: "10.0.1.0/26", natGatewayId: "/nat" } })))).toEqual(["VNI-R17"]);
        expect(await codesOf(() => void new RegionalVnetIntegration("int", baseArgs({ destinations: { privateEndpoints: ["orders.database.windows.net"] } })))).toEqual(["VNI-R16"]);
    });
    test("an adopted subnet with service endpoint policies is VNI-R18; a VNet of another subscription is VNI-R19", async () => {
        const adopted = { id: `${existingVnet.id}/subnets/shared`, addressPrefix: "10.0.1.0/26", delegations: ["Microsoft.Web/serverFarms"], serviceEndpointPolicies: true };
        await runChecked(() => {
            expect(() => new RegionalVnetIntegration("int", baseArgs({ subnet: adopted }))).toThrow(/VNI-R18/);
        });
        const elsewhere = { ...existingVnet, id: (existingVnet.id as string).replace("00000000-0000-0000-0000-000000000000", "11111111-1111-1111-1111-111111111111") };
        expect(await codesOf(() => void new RegionalVnetIntegration("int", baseArgs({ virtualNetwork: elsewhere })))).toEqual(["VNI-R19"]);
    });
    test("an attached Windows container app resource takes one more address per instance", async () => {
        const run = await runChecked(() => {
            const app = new web.WebApp("billing", { resourceGroupName: "apps", name: "billing", location: "westeurope", siteConfig: { windowsFxVersion: "DOCKER|mcr.microsoft.com/dotnet/framework/aspnet" } });
            // 3 instances (the plan's capacity), 2 addresses each, doubled: 12, fewer than a /28's 11 usable can hold.
            new RegionalVnetIntegration("int", baseArgs({ apps: [app], subnet: { addressPrefix: "10.0.1.0/28" } }));
        }, { mode: "up" });
        expect(run.violations.map((v) => `${v.code} ${v.severity}`)).toEqual(["VNI-R03 warning"]);
    });
});
