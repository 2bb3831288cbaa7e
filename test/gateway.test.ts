import * as network from "@pulumi/azure-native/network";
import * as web from "@pulumi/azure-native/web";
import { ExistingVirtualNetwork, GatewayVnetIntegration, GatewayVnetIntegrationArgs, RegionalVnetIntegration, VnetIntegrationError } from "../components";
import { runChecked } from "./support/run";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups";
const PLAN = { id: `${SUB}/apps/providers/Microsoft.Web/serverfarms/win`, location: "westeurope", sku: { name: "S1" } };
const REMOTE_ID = `${SUB}/net/providers/Microsoft.Network/virtualNetworks/remote`;
const REMOTE: ExistingVirtualNetwork = {
    id: REMOTE_ID,
    name: "remote",
    resourceGroupName: "net",
    location: "eastus",
    addressSpace: ["10.50.0.0/16"],
    dnsServers: ["10.50.0.4"],
};
const ADOPTED = {
    id: `${SUB}/net/providers/Microsoft.Network/virtualNetworkGateways/shared-gw`,
    skuName: "VpnGw2AZ",
    pointToSite: { addressPool: ["172.16.202.0/24"], protocols: ["SSTP"] },
    gatewaySubnetPrefix: "10.50.255.0/27",
};
const args = (overrides: Partial<GatewayVnetIntegrationArgs> = {}): GatewayVnetIntegrationArgs => ({
    plan: PLAN,
    apps: [
        { name: "orders", resourceGroupName: "apps" },
        { name: "orders", resourceGroupName: "apps", slot: "staging" },
    ],
    virtualNetwork: REMOTE,
    gateway: { addressPool: ["172.16.201.0/24"] },
    // A gateway created here is the 2019 page's path: azure-2026 (the default) refuses it (VNI-G17).
    limits: "documented",
    ...overrides,
});
const PACKAGE = "pulumi-nodejs:dynamic/appservice-vnet-integration:VpnPackageSync";
const CERTIFICATE = "pulumi-nodejs:dynamic/appservice-vnet-integration:GatewayRootCertificate";

describe("a gateway created here", () => {
    test("connection, then gateway with the app certificate inline, then package per app", async () => {
        const run = await runChecked(() => {
            new GatewayVnetIntegration("gw", args());
        });
        expect(run.errors).toEqual([]);
        const byName = (name: string) => run.resources.find((r) => r.name === name)!;
        expect(byName("gw-orders")).toMatchObject({
            type: "azure-native:web:WebAppVnetConnection",
            parent: "gw",
            inputs: { name: "orders", resourceGroupName: "apps", vnetName: "remote", vnetResourceId: REMOTE_ID, isSwift: false },
        });
        expect(byName("gw-orders/staging")).toMatchObject({ type: "azure-native:web:WebAppVnetConnectionSlot", aliases: ["gw-orders-staging"], inputs: { slot: "staging", vnetName: "remote" } });
        expect(byName("gw-gateway-subnet").inputs).toMatchObject({ subnetName: "GatewaySubnet", addressPrefix: "10.50.0.0/27", virtualNetworkName: "remote" });
        expect(byName("gw-gateway-subnet").inputs).not.toHaveProperty("networkSecurityGroup");
        expect(byName("gw-gateway-ip").inputs).toMatchObject({ sku: { name: "Standard" }, publicIPAllocationMethod: "Static" });

        const gateway = byName("gw-gateway");
        expect(gateway.dependsOn).toEqual(["gw-orders", "gw-orders/staging"]);
        expect(gateway.inputs).toMatchObject({
            gatewayType: "Vpn",
            vpnType: "RouteBased",
            enableBgp: false,
            sku: { name: "VpnGw1AZ", tier: "VpnGw1AZ" },
            vpnClientConfiguration: {
                vpnClientAddressPool: { addressPrefixes: ["172.16.201.0/24"] },
                vpnClientProtocols: ["SSTP"],
                vpnAuthenticationTypes: ["Certificate"],
                vpnClientRootCertificates: [{ name: "appservice-remote", publicCertData: expect.stringMatching(/^[A-Za-z0-9+/=]+$/) }],
            },
        });

        const packages = run.resources.filter((r) => r.type === PACKAGE);
        expect(packages.map((p) => [p.name, p.dependsOn])).toEqual([
            ["gw-orders-package", ["gw-orders", "gw-gateway"]],
            ["gw-orders/staging-package", ["gw-orders/staging", "gw-gateway"]],
        ]);
        expect(packages[0].inputs).toMatchObject({
            gatewayId: `${SUB}/net/providers/Microsoft.Network/virtualNetworkGateways/gw-gateway`,
            connectionId: `${SUB}/apps/providers/Microsoft.Web/sites/orders/virtualNetworkConnections/remote`,
            vnetName: "remote",
            dnsServers: ["10.50.0.4"],
            endpoint: "https://management.azure.com",
        });
        expect(packages[0].inputs.certificateThumbprint).toMatch(/^[0-9A-F]{40}$/);
        expect(run.resources.some((r) => r.type === CERTIFICATE)).toBe(false);
    });

    test("the user's other root certificates stay in the inline list beside the apps' one", async () => {
        const run = await runChecked(() => {
            new GatewayVnetIntegration("gw", args({ gateway: { addressPool: ["172.16.201.0/24"], rootCertificates: [{ name: "corp-root", publicCertData: "Q09SUA==" }] } }));
        });
        const roots = (run.resources.find((r) => r.name === "gw-gateway")!.inputs as any).vpnClientConfiguration.vpnClientRootCertificates;
        expect(roots.map((c: { name: string }) => c.name)).toEqual(["corp-root", "appservice-remote"]);
    });

    test("the GatewaySubnet is allocated around reserved prefixes", async () => {
        const run = await runChecked(() => {
            new GatewayVnetIntegration("a", args({ gateway: { addressPool: ["172.16.201.0/24"], reservedAddressPrefixes: ["10.50.0.0/24"] } }));
        });
        expect(run.mocks.ofType("azure-native:network:Subnet")[0].inputs.addressPrefix).toBe("10.50.1.0/27");
    });
});

test("outputs: gateway id, pool, certificate thumbprint, and per app its connection and resync flag", async () => {
    let integration!: GatewayVnetIntegration;
    await runChecked(() => {
        integration = new GatewayVnetIntegration("gw", args());
    });
    const value = <T>(o: { apply(f: (v: T) => void): unknown }) => new Promise<T>((resolve) => o.apply(resolve));
    expect(await value(integration.gatewayId)).toBe(`${SUB}/net/providers/Microsoft.Network/virtualNetworkGateways/gw-gateway`);
    expect(await value(integration.pointToSiteAddressPool)).toEqual(["172.16.201.0/24"]);
    expect(await value(integration.certificateThumbprint)).toMatch(/^[0-9A-F]{40}$/);
    expect(await value(integration.appConnections)).toEqual([
        { app: "apps/orders", connectionId: `${SUB}/apps/providers/Microsoft.Web/sites/orders/virtualNetworkConnections/remote`, resyncRequired: false },
        { app: "apps/orders/staging", connectionId: `${SUB}/apps/providers/Microsoft.Web/sites/orders/slots/staging/virtualNetworkConnections/remote`, resyncRequired: false },
    ]);
});

describe("an adopted gateway", () => {
    test("no gateway is created; the certificate goes in by read-modify-write after the connections, then the packages", async () => {
        const run = await runChecked(() => {
            new GatewayVnetIntegration("gw", args({ gateway: ADOPTED }));
        });
        expect(run.errors).toEqual([]);
        expect(run.mocks.ofType("azure-native:network:VirtualNetworkGateway")).toEqual([]);
        expect(run.mocks.ofType("azure-native:network:Subnet")).toEqual([]);
        const certificate = run.resources.find((r) => r.type === CERTIFICATE)!;
        expect(certificate).toMatchObject({ name: "gw-certificate", dependsOn: ["gw-orders", "gw-orders/staging"], inputs: { gatewayId: ADOPTED.id, certificateName: "appservice-remote" } });
        // The certBlob Azure answered on the connection (AzureMocks: one per subscription and VNet).
        expect(Buffer.from(certificate.inputs.publicCertData as string, "base64").toString()).toBe(`mock-certificate:00000000-0000-0000-0000-000000000000|${REMOTE_ID.toLowerCase()}`);
        expect(run.resources.filter((r) => r.type === PACKAGE).map((p) => p.dependsOn)).toEqual([
            ["gw-orders", "gw-certificate"],
            ["gw-orders/staging", "gw-certificate"],
        ]);
    });

    test("armOptions and removeCertificateOnDelete reach the ARM steps; unset, the certificate is kept on delete", async () => {
        const armOptions = { operationTimeoutMs: 90 * 60_000, maxRetries: 80 };
        const run = await runChecked(() => {
            new GatewayVnetIntegration("a", args({ apps: [{ name: "orders", resourceGroupName: "apps" }], gateway: ADOPTED, armOptions }));
            // Another gateway: components adopting one gateway share the first one's certificate (issue 17).
            new GatewayVnetIntegration("b", args({ apps: [{ name: "billing", resourceGroupName: "apps" }], gateway: { ...ADOPTED, id: `${ADOPTED.id}-2`, removeCertificateOnDelete: true } }));
        });
        const certificates = run.resources.filter((r) => r.type === CERTIFICATE);
        expect(certificates.map((c) => [c.name, c.inputs.armOptions, c.inputs.removeOnDelete])).toEqual([
            ["a-certificate", armOptions, false],
            ["b-certificate", {}, true],
        ]);
        expect(run.resources.find((r) => r.type === PACKAGE && r.name === "a-orders-package")!.inputs.armOptions).toEqual(armOptions);
    });

    test("two plans adopting one gateway register the shared app certificate once; every package waits for it (issue 17)", async () => {
        const run = await runChecked(() => {
            new GatewayVnetIntegration("a", args({ apps: [{ name: "orders", resourceGroupName: "apps" }], gateway: ADOPTED }));
            new GatewayVnetIntegration("b", args({ plan: { ...PLAN, id: `${PLAN.id}-2` }, apps: [{ name: "billing", resourceGroupName: "apps" }], gateway: { ...ADOPTED, id: ADOPTED.id.toUpperCase() } }));
        });
        expect(run.errors).toEqual([]);
        expect(run.resources.filter((r) => r.type === CERTIFICATE).map((c) => c.name)).toEqual(["a-certificate"]);
        expect(run.resources.filter((r) => r.type === PACKAGE).map((p) => [p.name, p.dependsOn])).toEqual([
            ["a-orders-package", ["a-orders", "a-certificate"]],
            ["b-billing-package", ["b-billing", "a-certificate"]],
        ]);
    });

    test("armOptions out of their domain fail in the constructor, naming the option", async () => {
        const run = await runChecked(() => {
            expect(() => new GatewayVnetIntegration("gw", args({ gateway: ADOPTED, armOptions: { pollIntervalMs: -5 } }))).toThrow(
                "gw: ARM option pollIntervalMs must be a positive number of milliseconds, got -5",
            );
        });
        expect(run.mocks.registrations.filter((r) => r.type !== "appservice-vnet-integration:index:GatewayVnetIntegration" && r.type !== "pulumi:pulumi:Stack")).toEqual([]);
    });
});

describe("rules", () => {
    test("every use warns about the retirement (VNI-G14)", async () => {
        const run = await runChecked(() => {
            new GatewayVnetIntegration("gw", args({ gateway: ADOPTED, limits: undefined }));
        });
        expect(run.violations.map((v) => `${v.component} ${v.code}`)).toEqual(["gw VNI-G14"]);
    });

    test("a new SSTP gateway: VNI-G17 error under the default azure-2026 (nothing registered), a warning under documented", async () => {
        const refused = await runChecked(() => {
            expect(() => new GatewayVnetIntegration("gw", args({ limits: undefined }))).toThrow(/VNI-G17 no-new-sstp-gateway: gateway gw-gateway would be created with SSTP.*\(limits profile azure-2026\)/);
        });
        expect(refused.mocks.registrations.filter((r) => r.type.startsWith("azure-native:") || r.type.startsWith("pulumi-nodejs:"))).toEqual([]);
        const warned = await runChecked(() => {
            new GatewayVnetIntegration("gw", args());
        });
        expect(warned.errors).toEqual([]);
        expect(warned.violations.map((v) => `${v.code} ${v.severity}`)).toEqual(["VNI-G14 warning", "VNI-G17 warning"]);
        expect(warned.violations.find((v) => v.code === "VNI-G17")!.message).toContain("limits profile documented lets it through, azure-2026 refuses it");
        expect(warned.mocks.ofType("azure-native:network:VirtualNetworkGateway")).toHaveLength(1);
    });

    test("adopting a gateway passes under the default azure-2026: no VNI-G17", async () => {
        const run = await runChecked(() => {
            new GatewayVnetIntegration("gw", args({ gateway: ADOPTED, limits: undefined }));
        });
        expect(run.errors).toEqual([]);
        expect(run.violations.map((v) => v.code)).not.toContain("VNI-G17");
        expect(run.mocks.ofType(CERTIFICATE)).toHaveLength(1);
    });

    test("a Linux plan with an IKEv2 adopted gateway: every violation at once, nothing registered", async () => {
        const run = await runChecked(() => {
            expect(() =>
                new GatewayVnetIntegration("gw", args({ plan: { ...PLAN, reserved: true }, gateway: { ...ADOPTED, pointToSite: { addressPool: ["172.16.202.0/24"], protocols: ["IkeV2"] } } })),
            ).toThrow(VnetIntegrationError);
        });
        expect(run.mocks.registrations.filter((r) => r.type !== "appservice-vnet-integration:index:GatewayVnetIntegration" && r.type !== "pulumi:pulumi:Stack")).toEqual([]);
    });

    test("the error lists each violation", async () => {
        let thrown: unknown;
        await runChecked(() => {
            try {
                new GatewayVnetIntegration("gw", args({ plan: { ...PLAN, reserved: true }, gateway: { ...ADOPTED, pointToSite: { addressPool: ["172.16.202.0/24"], protocols: ["IkeV2"] } } }));
            } catch (error) {
                thrown = error;
            }
        });
        expect((thrown as VnetIntegrationError).violations.map((v) => v.code)).toEqual(["VNI-G02", "VNI-G08"]);
    });

    test("an app with a regional and a gateway integration in one program is VNI-G04", async () => {
        await runChecked(() => {
            new RegionalVnetIntegration("regional", {
                plan: { ...PLAN, sku: { name: "P1v3" } },
                virtualNetwork: { ...REMOTE, id: REMOTE_ID.replace("remote", "local"), name: "local", location: "westeurope", addressSpace: ["10.1.0.0/16"] },
                subnet: { addressPrefix: "10.1.0.0/26" },
                apps: [{ name: "orders", resourceGroupName: "apps" }],
            });
            expect(() => new GatewayVnetIntegration("gw", args({ apps: [{ name: "ORDERS", resourceGroupName: "apps" }] }))).toThrow(/VNI-G04 one-vnet-per-app: app ORDERS already has regional VNet Integration/);
        });
    });

    test("a sixth VNet for one plan is VNI-G03", async () => {
        await runChecked(() => {
            for (let i = 0; i < 5; i++) {
                new GatewayVnetIntegration(`gw${i}`, args({ apps: [], virtualNetwork: { ...REMOTE, id: `${REMOTE_ID}${i}`, name: `remote${i}` } }));
            }
            expect(() => new GatewayVnetIntegration("gw5", args({ apps: [], virtualNetwork: { ...REMOTE, id: `${REMOTE_ID}5`, name: "remote5" } }))).toThrow(/VNI-G03 vnets-per-plan: the apps of plan win would use 6 VNets/);
        });
    });

    test("a regional subnet allocated later steps around the GatewaySubnet made here", async () => {
        const run = await runChecked(() => {
            const vnet = new network.VirtualNetwork("hub", { resourceGroupName: "net", location: "westeurope", addressSpace: { addressPrefixes: ["10.9.0.0/16"] } });
            const plan = new web.AppServicePlan("p", { resourceGroupName: "apps", location: "westeurope", sku: { name: "P1v3" } });
            new GatewayVnetIntegration("gw", { plan: PLAN, virtualNetwork: vnet, gateway: { addressPool: ["172.16.201.0/24"] }, limits: "documented" });
            new RegionalVnetIntegration("regional", { plan, virtualNetwork: vnet, subnet: { prefixLength: 27 } });
        });
        expect(run.errors).toEqual([]);
        expect(Object.fromEntries(run.mocks.ofType("azure-native:network:Subnet").map((s) => [s.name, s.inputs.addressPrefix]))).toEqual({
            "gw-gateway-subnet": "10.9.0.0/27",
            "regional-subnet": "10.9.0.32/27",
        });
    });
});

describe("the created gateway's public IP zones (issue 17 item 3)", () => {
    const ipOf = async (gateway: GatewayVnetIntegrationArgs["gateway"]) => {
        const run = await runChecked(() => {
            new GatewayVnetIntegration("gw", args({ apps: [{ name: "orders", resourceGroupName: "apps" }], gateway }));
        });
        expect(run.errors).toEqual([]);
        return run.resources.find((r) => r.name === "gw-gateway-ip")!.inputs;
    };
    test("an AZ SKU (the default VpnGw1AZ) gets zones 1, 2 and 3: Azure refuses it without (VmssVpnGatewayPublicIpsMustHaveZonesConfigured)", async () => {
        expect((await ipOf({ addressPool: ["172.16.201.0/24"] })).zones).toEqual(["1", "2", "3"]);
    });
    test("zones: [] in a region without availability zones gives none; a non-AZ SKU never has any", async () => {
        expect(await ipOf({ addressPool: ["172.16.201.0/24"], zones: [] })).not.toHaveProperty("zones");
        expect(await ipOf({ addressPool: ["172.16.201.0/24"], sku: "Basic", zones: ["1"] })).not.toHaveProperty("zones");
        expect((await ipOf({ addressPool: ["172.16.201.0/24"], sku: "VpnGw2AZ", zones: ["2"] })).zones).toEqual(["2"]);
    });
});
