/**
 * The stand-in's loopback ARM answering the library's own ARM client (components/arm/) in
 * ARM's three long-running styles, on a gateway the provider plugin created: what the plugin
 * writes, the gateway steps read, and what they write, the plugin's refresh sees.
 */
import { ArmClient, ArmError } from "../components/arm/client";
import { addRootCertificate, generateVpnClientPackage, removeRootCertificate } from "../components/arm/gateway";
import { ArmServer, type LroAnswer, type PackageAnswer } from "../azure-standin/arm";
import { AzureModel } from "../azure-standin/model";
import { StandinProvider } from "../azure-standin/provider";

const urn = (token: string, name: string) => `urn:pulumi:dev::project::${token}::${name}`;

/** A hub VNet with an SSTP gateway made through the provider plugin (before SSTP's retirement). */
async function hubWithGateway(model: AzureModel): Promise<{ gatewayId: string; provider: StandinProvider; gatewayOuts: Record<string, any> }> {
    const provider = new StandinProvider(model);
    const make = async (token: string, name: string, inputs: Record<string, unknown>) => {
        const checked = await provider.check(urn(token, name), {}, inputs);
        return provider.create(urn(token, name), checked.inputs);
    };
    await make("azure-native:resources:ResourceGroup", "rg", { resourceGroupName: "rg", location: "westeurope" });
    await make("azure-native:network:VirtualNetwork", "hub", { resourceGroupName: "rg", virtualNetworkName: "hub", location: "westeurope", addressSpace: { addressPrefixes: ["10.1.0.0/16"] } });
    const subnet = await make("azure-native:network:Subnet", "gw-subnet", { resourceGroupName: "rg", virtualNetworkName: "hub", subnetName: "GatewaySubnet", addressPrefix: "10.1.255.0/27" });
    const ip = await make("azure-native:network:PublicIPAddress", "gw-ip", { resourceGroupName: "rg", publicIpAddressName: "gw-ip", location: "westeurope", sku: { name: "Standard", tier: "Regional" }, zones: ["1", "2", "3"] });
    const gateway = await make("azure-native:network:VirtualNetworkGateway", "gw", {
        resourceGroupName: "rg",
        virtualNetworkGatewayName: "gw",
        location: "westeurope",
        gatewayType: "Vpn",
        vpnType: "RouteBased",
        sku: { name: "VpnGw1AZ", tier: "VpnGw1AZ" },
        ipConfigurations: [{ name: "default", privateIPAllocationMethod: "Dynamic", subnet: { id: subnet.id }, publicIPAddress: { id: ip.id } }],
        vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: ["172.16.201.0/24"] }, vpnClientProtocols: ["SSTP"], vpnAuthenticationTypes: ["Certificate"], vpnClientRootCertificates: [{ name: "ops", publicCertData: "T1BT" }] },
    });
    return { gatewayId: gateway.id, provider, gatewayOuts: gateway.outs };
}

function clientOf(server: ArmServer): ArmClient {
    return new ArmClient({ endpoint: server.url, token: async () => "any-token", pollIntervalMs: 1, backoffMs: 1, maxRetries: 3, sleep: async () => {} });
}

const styles: [LroAnswer, PackageAnswer][] = [
    ["200-async", "202-location"],
    ["201-async", "202-async"],
    ["202-location", "200"],
];

describe("the stand-in's loopback ARM", () => {
    test.each(styles)("PUT answering %s, package answering %s: the gateway steps of the components run against the plugin's gateway", async (lro, packageAnswer) => {
        const model = new AzureModel({ now: () => new Date("2026-01-15T00:00:00Z") });
        const { gatewayId, provider, gatewayOuts } = await hubWithGateway(model);
        const server = new ArmServer({ model, lro, packageAnswer, pollsUntilDone: 2 });
        await server.start();
        try {
            const client = clientOf(server);
            await addRootCertificate(client, gatewayId, "app-cert", "QVBQ");
            const gatewayUrn = urn("azure-native:network:VirtualNetworkGateway", "gw");
            const refreshed = await provider.read(gatewayId, gatewayUrn, gatewayOuts);
            expect(refreshed.props.vpnClientConfiguration.vpnClientRootCertificates.map((c: { name: string }) => c.name)).toEqual(["ops", "app-cert"]);
            // The plugin's next diff sees Azure's extra certificate as drift of the gateway it owns.
            expect((await provider.diff(gatewayId, gatewayUrn, refreshed.props, (gatewayOuts.__inputs as { value: unknown }).value)).changes).toBe(true);

            const packageUrl = await generateVpnClientPackage(client, gatewayId);
            expect(packageUrl).toMatch(/^https:\/\/standin\.blob\.core\.windows\.net\/vpnclient\/.*sig=/);

            await removeRootCertificate(client, gatewayId, "app-cert", "QVBQ");
            expect(model.get(gatewayId)!.properties.vpnClientConfiguration.vpnClientRootCertificates.map((c: { name: string }) => c.name)).toEqual(["ops"]);
            const puts = server.calls.filter((c) => c.method === "PUT");
            expect(puts.map((c) => c.status)).toEqual(lro === "202-location" ? [202, 202] : lro === "201-async" ? [201, 201] : [200, 200]);
            expect(puts.every((c) => c.apiVersion === "2024-05-01")).toBe(true);
            expect(server.busy(gatewayId)).toBe(false);
        } finally {
            await server.stop();
        }
    });

    test("the VPN package written to the app's connection (gateways/primary) is what a GET of it answers", async () => {
        const model = new AzureModel({ now: () => new Date("2026-01-15T00:00:00Z") });
        const { gatewayId } = await hubWithGateway(model);
        const rg = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg";
        model.put(`${rg}/providers/Microsoft.Web/serverfarms/plan`, { location: "westeurope", sku: { name: "S1" } });
        model.put(`${rg}/providers/Microsoft.Web/sites/app`, { location: "westeurope", properties: { serverFarmId: `${rg}/providers/Microsoft.Web/serverfarms/plan` } });
        const connection = `${rg}/providers/Microsoft.Web/sites/app/virtualNetworkConnections/hub`;
        model.put(connection, { properties: { vnetResourceId: `${rg}/providers/Microsoft.Network/virtualNetworks/hub`, isSwift: false } });
        const server = new ArmServer({ model });
        await server.start();
        try {
            const client = clientOf(server);
            const packageUri = await generateVpnClientPackage(client, gatewayId);
            await client.longRunning("write package", "PUT", `${connection}/gateways/primary`, "2024-11-01", { properties: { vnetName: "hub", vpnPackageUri: packageUri } });
            expect(model.get(`${connection}/gateways/primary`)!.properties.vpnPackageUri).toBe(packageUri);
            const read = await client.call("read", "GET", connection, "2024-11-01");
            expect((read.body as { properties: { certThumbprint: string } }).properties.certThumbprint).toMatch(/^[0-9A-F]{40}$/);
            // A connection that does not exist has no gateways/primary child.
            await expect(client.longRunning("write package", "PUT", `${rg}/providers/Microsoft.Web/sites/app/virtualNetworkConnections/none/gateways/primary`, "2024-11-01", {})).rejects.toMatchObject({ status: 404, code: "ParentResourceNotFound" });
        } finally {
            await server.stop();
        }
    });

    test("a write while the gateway updates is 409 AnotherOperationInProgress; a stale If-Match is 412; refusals keep Azure's code", async () => {
        const model = new AzureModel({ now: () => new Date("2026-01-15T00:00:00Z") });
        const { gatewayId } = await hubWithGateway(model);
        const server = new ArmServer({ model, pollsUntilDone: 5 });
        await server.start();
        try {
            const headers = { authorization: "Bearer x", "content-type": "application/json" };
            const read = (await (await fetch(`${server.url}${gatewayId}?api-version=2024-05-01`, { headers })).json()) as { etag: string };
            const first = await fetch(`${server.url}${gatewayId}?api-version=2024-05-01`, { method: "PUT", headers: { ...headers, "if-match": read.etag }, body: JSON.stringify(read) });
            expect(first.status).toBe(200);
            expect(first.headers.get("azure-asyncoperation")).toMatch(/\/standin\/operations\/\d+$/);
            expect(((await first.json()) as { properties: { provisioningState: string } }).properties.provisioningState).toBe("Updating");
            const second = await fetch(`${server.url}${gatewayId}?api-version=2024-05-01`, { method: "PUT", headers, body: JSON.stringify(read) });
            expect(second.status).toBe(409);
            expect(((await second.json()) as { error: { code: string } }).error.code).toBe("AnotherOperationInProgress");
            const generate = await fetch(`${server.url}${gatewayId}/generatevpnclientpackage?api-version=2024-05-01`, { method: "POST", headers, body: "{}" });
            expect(generate.status).toBe(409);
            for (let i = 0; i < 6; i++) await fetch(first.headers.get("azure-asyncoperation")!, { headers });
            expect(server.busy(gatewayId)).toBe(false);
            const stale = await fetch(`${server.url}${gatewayId}?api-version=2024-05-01`, { method: "PUT", headers: { ...headers, "if-match": read.etag }, body: JSON.stringify(read) });
            expect(stale.status).toBe(412);
            expect((await fetch(`${server.url}${gatewayId}`, { method: "GET" })).status).toBe(401);

            const subnet = gatewayId.replace(/virtualNetworkGateways\/gw$/, "virtualNetworks/hub/subnets/GatewaySubnet");
            const client = clientOf(server);
            await expect(client.call("delete subnet", "DELETE", subnet, "2024-05-01")).rejects.toMatchObject({ status: 400, code: "InUseSubnetCannotBeDeleted" });
            await expect(client.call("read", "GET", `${gatewayId}x`, "2024-05-01")).rejects.toBeInstanceOf(ArmError);
        } finally {
            await server.stop();
        }
    });
});

describe("the examples' Azure (fixtures)", () => {
    test("seeds the adopted resources once, SSTP gateways included, none refused by the model", async () => {
        const { seedExamples, isSeeded } = await import("../azure-standin/fixtures");
        const model = new AzureModel();
        const seeded = seedExamples(model);
        expect(seeded.length).toBeGreaterThan(10);
        expect(seedExamples(model)).toEqual([]);
        const gateway = model.get("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/network/providers/Microsoft.Network/virtualNetworkGateways/shared-gw")!;
        expect(gateway.properties.vpnClientConfiguration.vpnClientProtocols).toEqual(["SSTP"]);
        expect(model.get(gateway.properties.ipConfigurations[0].properties.subnet.id)!.properties.ipConfigurations).toHaveLength(1);
        expect(model.list().every(isSeeded)).toBe(true);
        // Their certificate update through ARM keeps SSTP (enabled before the retirement).
        const server = new ArmServer({ model });
        await server.start();
        try {
            await addRootCertificate(clientOf(server), gateway.id, "apps", "QVBQUw==");
            expect(model.get(gateway.id)!.properties.vpnClientConfiguration.vpnClientRootCertificates.map((c: { name: string }) => c.name)).toEqual(["network-team", "apps"]);
        } finally {
            await server.stop();
        }
    });
});
