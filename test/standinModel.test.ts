/**
 * The Azure stand-in's model: each refusal with Azure's error code, the service association
 * link a swift connection makes and removes, and a state file shared by two model instances.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AzureError, AzureModel, REFUSALS } from "../azure-standin/model";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const RG = `${SUB}/resourceGroups/rg`;
const VNET = `${RG}/providers/Microsoft.Network/virtualNetworks/vnet`;
const HUB = `${RG}/providers/Microsoft.Network/virtualNetworks/hub`;
const PLAN = `${RG}/providers/Microsoft.Web/serverfarms/plan`;
const APP = `${RG}/providers/Microsoft.Web/sites/app`;
const SWIFT = `${APP}/networkConfig/virtualNetwork`;
const WEB_DELEGATION = [{ name: "delegation", properties: { serviceName: "Microsoft.Web/serverFarms" } }];

function refusal(fn: () => unknown): AzureError {
    try {
        fn();
    } catch (error) {
        if (error instanceof AzureError) return error;
        throw error;
    }
    throw new Error("expected Azure to refuse");
}

function world(options: { sku?: string; now?: string } = {}): AzureModel {
    const model = new AzureModel({ statePath: undefined, now: () => new Date(options.now ?? "2026-11-29T00:00:00Z") });
    model.put(RG, { location: "westeurope" });
    model.put(VNET, { location: "westeurope", properties: { addressSpace: { addressPrefixes: ["10.0.0.0/16"] } } });
    model.put(`${VNET}/subnets/apps`, { properties: { addressPrefix: "10.0.1.0/26", delegations: WEB_DELEGATION } });
    model.put(PLAN, { location: "westeurope", sku: { name: options.sku ?? "P1v3" } });
    model.put(APP, { location: "westeurope", properties: { serverFarmId: PLAN } });
    return model;
}

function gatewayBody(subnetId: string, ipId: string, protocols = ["IkeV2"], sku = "VpnGw1AZ") {
    return {
        location: "westeurope",
        properties: {
            gatewayType: "Vpn",
            vpnType: "RouteBased",
            sku: { name: sku, tier: sku },
            ipConfigurations: [{ name: "default", properties: { subnet: { id: subnetId }, publicIPAddress: { id: ipId } } }],
            vpnClientConfiguration: { vpnClientProtocols: protocols, vpnClientAddressPool: { addressPrefixes: ["172.16.0.0/24"] } },
        },
        sku: { name: sku, tier: sku },
    };
}

/** A VNet with a GatewaySubnet, a zonal public IP and a gateway. */
function addGateway(model: AzureModel, vnet: string, name: string, space: string, gatewayPrefix: string): string {
    model.put(vnet, { location: "westeurope", properties: { addressSpace: { addressPrefixes: [space] } } });
    model.put(`${vnet}/subnets/GatewaySubnet`, { properties: { addressPrefix: gatewayPrefix } });
    const ip = `${RG}/providers/Microsoft.Network/publicIPAddresses/${name}-ip`;
    model.put(ip, { location: "westeurope", sku: { name: "Standard" }, zones: ["1", "2", "3"] });
    const gateway = `${RG}/providers/Microsoft.Network/virtualNetworkGateways/${name}`;
    model.put(gateway, gatewayBody(`${vnet}/subnets/GatewaySubnet`, ip));
    return gateway;
}

describe("the Azure model's refusals", () => {
    test("a resource in a missing resource group: ResourceGroupNotFound; a subnet of a missing VNet: ParentResourceNotFound", () => {
        const model = new AzureModel();
        expect(refusal(() => model.put(VNET, { location: "westeurope", properties: { addressSpace: { addressPrefixes: ["10.0.0.0/16"] } } }))).toMatchObject({ status: 404, code: "ResourceGroupNotFound" });
        model.put(RG, { location: "westeurope" });
        const error = refusal(() => model.put(`${VNET}/subnets/a`, { properties: { addressPrefix: "10.0.0.0/24" } }));
        expect(error).toMatchObject({ status: 404, code: "ParentResourceNotFound" });
        expect(error.message).toContain(VNET);
    });

    test("subnets: not a CIDR (NetcfgInvalidSubnet), outside the space (NetcfgSubnetRangeOutsideVnet), overlapping (NetcfgSubnetRangesOverlap)", () => {
        const model = world();
        expect(refusal(() => model.put(`${VNET}/subnets/b`, { properties: { addressPrefix: "10.0.1.1/26" } })).code).toBe("NetcfgInvalidSubnet");
        expect(refusal(() => model.put(`${VNET}/subnets/b`, { properties: { addressPrefix: "10.1.0.0/24" } })).code).toBe("NetcfgSubnetRangeOutsideVnet");
        const overlap = refusal(() => model.put(`${VNET}/subnets/b`, { properties: { addressPrefix: "10.0.1.32/27" } }));
        expect(overlap.code).toBe("NetcfgSubnetRangesOverlap");
        expect(overlap.message).toContain("'apps'");
        expect(model.get(`${VNET}/subnets/b`)).toBeUndefined();
        // The subnet itself may be rewritten with its own prefix (no overlap with itself).
        expect(model.put(`${VNET}/subnets/apps`, { properties: { addressPrefix: "10.0.1.0/26", delegations: WEB_DELEGATION } }).created).toBe(false);
    });

    test("a swift connection links the subnet (service association link); removing it unlinks", () => {
        const model = world();
        model.put(SWIFT, { properties: { subnetResourceId: `${VNET}/subnets/apps` } });
        const subnet = model.get(`${VNET}/subnets/apps`)!;
        expect(subnet.properties.serviceAssociationLinks).toEqual([expect.objectContaining({ name: "AppServiceLink", properties: expect.objectContaining({ linkedResourceType: "Microsoft.Web/serverfarms", link: PLAN }) })]);
        expect(model.get(APP)!.properties.virtualNetworkSubnetId).toBe(`${VNET}/subnets/apps`);
        expect(model.get(VNET)!.properties.subnets[0].properties.serviceAssociationLinks).toHaveLength(1);

        const deleting = refusal(() => model.delete(`${VNET}/subnets/apps`));
        expect(deleting).toMatchObject({ status: 400, code: "InUseSubnetCannotBeDeleted" });
        expect(deleting.message).toContain("serviceAssociationLinks/AppServiceLink");
        expect(refusal(() => model.delete(VNET)).code).toBe("InUseSubnetCannotBeDeleted");
        expect(refusal(() => model.put(`${VNET}/subnets/apps`, { properties: { addressPrefix: "10.0.2.0/26", delegations: WEB_DELEGATION } })).code).toBe("InUseSubnetCannotBeUpdated");
        expect(refusal(() => model.put(`${VNET}/subnets/apps`, { properties: { addressPrefix: "10.0.1.0/26" } })).code).toBe("SubnetMissingRequiredDelegation");

        expect(model.delete(SWIFT)).toBe(true);
        expect(model.get(`${VNET}/subnets/apps`)!.properties.serviceAssociationLinks).toBeUndefined();
        expect(model.get(APP)!.properties.virtualNetworkSubnetId).toBeNull();
        expect(model.delete(`${VNET}/subnets/apps`)).toBe(true);
    });

    test("the site's virtualNetworkSubnetId is the same link as the swift child (form A and form B)", () => {
        const model = world();
        model.put(APP, { location: "westeurope", properties: { serverFarmId: PLAN, virtualNetworkSubnetId: `${VNET}/subnets/apps` } });
        expect(model.get(SWIFT)!.properties.subnetResourceId).toBe(`${VNET}/subnets/apps`);
        expect(model.get(`${VNET}/subnets/apps/serviceAssociationLinks/AppServiceLink`)).toBeDefined();
        // Deleting the app removes its integration, and the link with it.
        model.delete(APP);
        expect(model.get(`${VNET}/subnets/apps/serviceAssociationLinks/AppServiceLink`)).toBeUndefined();
    });

    test("a swift connection to an undelegated subnet: SubnetMissingRequiredDelegation; on a Free or Shared plan: BadRequest", () => {
        const model = world();
        model.put(`${VNET}/subnets/plain`, { properties: { addressPrefix: "10.0.9.0/26" } });
        const error = refusal(() => model.put(SWIFT, { properties: { subnetResourceId: `${VNET}/subnets/plain` } }));
        expect(error.code).toBe("SubnetMissingRequiredDelegation");
        expect(error.message).toContain("[Microsoft.Web/serverFarms]");
        for (const sku of ["F1", "D1"]) {
            const free = world({ sku });
            const refused = refusal(() => free.put(SWIFT, { properties: { subnetResourceId: `${VNET}/subnets/apps` } }));
            expect(refused).toMatchObject({ status: 400, code: "BadRequest" });
            expect(refused.message).toMatch(/Free|Shared/);
            expect(free.get(`${VNET}/subnets/apps`)!.properties.serviceAssociationLinks).toBeUndefined();
        }
    });

    test("gateways: one per VNet, AZ SKUs need a zonal public IP, SSTP cannot be enabled since 31 March 2026", () => {
        const model = world();
        const gateway = addGateway(model, HUB, "hub-gw", "10.1.0.0/16", "10.1.255.0/27");
        const second = refusal(() => model.put(`${RG}/providers/Microsoft.Network/virtualNetworkGateways/other`, gatewayBody(`${HUB}/subnets/GatewaySubnet`, `${RG}/providers/Microsoft.Network/publicIPAddresses/hub-gw-ip`)));
        expect(second.code).toBe("VirtualNetworkAlreadyHasGateway");
        expect(refusal(() => model.delete(`${HUB}/subnets/GatewaySubnet`)).code).toBe("InUseSubnetCannotBeDeleted");
        expect(refusal(() => model.delete(`${RG}/providers/Microsoft.Network/publicIPAddresses/hub-gw-ip`)).code).toBe("PublicIPAddressCannotBeDeleted");

        model.put(`${VNET}/subnets/GatewaySubnet`, { properties: { addressPrefix: "10.0.255.0/27" } });
        const noZones = `${RG}/providers/Microsoft.Network/publicIPAddresses/nozones`;
        model.put(noZones, { location: "westeurope", sku: { name: "Standard" } });
        expect(refusal(() => model.put(`${RG}/providers/Microsoft.Network/virtualNetworkGateways/gw2`, gatewayBody(`${VNET}/subnets/GatewaySubnet`, noZones))).code).toBe("VmssVpnGatewayPublicIpsMustHaveZonesConfigured");
        const zonal = `${RG}/providers/Microsoft.Network/publicIPAddresses/zonal`;
        model.put(zonal, { location: "westeurope", sku: { name: "Standard" }, zones: ["1"] });
        const sstp = refusal(() => model.put(`${RG}/providers/Microsoft.Network/virtualNetworkGateways/gw2`, gatewayBody(`${VNET}/subnets/GatewaySubnet`, zonal, ["SSTP"])));
        expect(sstp.code).toBe("SstpProtocolRetired");
        expect(REFUSALS[sstp.code as keyof typeof REFUSALS]).toBe("stand-in");
        // Enabling SSTP on an existing gateway is refused too.
        expect(refusal(() => model.put(gateway, gatewayBody(`${HUB}/subnets/GatewaySubnet`, `${RG}/providers/Microsoft.Network/publicIPAddresses/hub-gw-ip`, ["IkeV2", "SSTP"]))).code).toBe("SstpProtocolRetired");
        // Before the retirement date Azure still took it.
        const before = world({ now: "2026-01-15T00:00:00Z" });
        before.put(`${VNET}/subnets/GatewaySubnet`, { properties: { addressPrefix: "10.0.255.0/27" } });
        before.put(zonal, { location: "westeurope", sku: { name: "Standard" }, zones: ["1"] });
        expect(before.put(`${RG}/providers/Microsoft.Network/virtualNetworkGateways/gw2`, gatewayBody(`${VNET}/subnets/GatewaySubnet`, zonal, ["SSTP"])).created).toBe(true);
    });

    test("an existing SSTP gateway keeps SSTP through a certificate update (read-modify-write)", () => {
        const model = world();
        const gateway = `${RG}/providers/Microsoft.Network/virtualNetworkGateways/legacy`;
        model.seed({ id: gateway, location: "westeurope", properties: gatewayBody("", "", ["SSTP"]).properties });
        const current = model.get(gateway)!;
        current.properties.vpnClientConfiguration.vpnClientRootCertificates = [{ name: "app", properties: { publicCertData: "AAAA" } }];
        const { resource } = model.put(gateway, { location: current.location, properties: { ...current.properties, ipConfigurations: [] } }, { ifMatch: current.etag });
        expect(resource.properties.vpnClientConfiguration.vpnClientRootCertificates).toEqual([expect.objectContaining({ name: "app" })]);
        expect(refusal(() => model.put(gateway, { properties: current.properties }, { ifMatch: current.etag })).status).toBe(412);
    });

    test("peering with useRemoteGateways: no remote gateway (RemoteVnetHasNoGateways), no transit offered, or a gateway of its own", () => {
        const model = world();
        model.put(HUB, { location: "westeurope", properties: { addressSpace: { addressPrefixes: ["10.1.0.0/16"] } } });
        const spokeToHub = `${VNET}/virtualNetworkPeerings/to-hub`;
        const use = { properties: { remoteVirtualNetwork: { id: HUB }, allowVirtualNetworkAccess: true, useRemoteGateways: true } };
        expect(refusal(() => model.put(spokeToHub, use)).code).toBe("RemoteVnetHasNoGateways");
        addGateway(model, HUB, "hub-gw", "10.1.0.0/16", "10.1.255.0/27");
        expect(refusal(() => model.put(spokeToHub, use)).code).toBe("RemotePeeringDoesNotAllowGatewayTransit");
        model.put(`${HUB}/virtualNetworkPeerings/to-spoke`, { properties: { remoteVirtualNetwork: { id: VNET }, allowGatewayTransit: false } });
        expect(refusal(() => model.put(spokeToHub, use)).code).toBe("RemotePeeringDoesNotAllowGatewayTransit");
        model.put(`${HUB}/virtualNetworkPeerings/to-spoke`, { properties: { remoteVirtualNetwork: { id: VNET }, allowGatewayTransit: true } });
        expect(model.put(spokeToHub, use).resource.properties).toMatchObject({ peeringState: "Connected", remoteAddressSpace: { addressPrefixes: ["10.1.0.0/16"] } });
        // The hub has a gateway: it cannot use a remote one.
        expect(refusal(() => model.put(`${HUB}/virtualNetworkPeerings/to-spoke`, { properties: { remoteVirtualNetwork: { id: VNET }, useRemoteGateways: true } })).code).toBe("UseRemoteGatewaysNotAllowedWithLocalGateway");
    });

    test("gateway connection: a certificate per subscription and VNet, the plan-level connection and its routes", () => {
        const model = world();
        const connection = `${APP}/virtualNetworkConnections/hub`;
        expect(refusal(() => model.put(`${PLAN}/virtualNetworkConnections/hub/routes/r1`, { properties: { startAddress: "10.60.0.0/16", routeType: "STATIC" } })).code).toBe("ParentResourceNotFound");
        model.put(HUB, { location: "westeurope", properties: { addressSpace: { addressPrefixes: ["10.1.0.0/16"] } } });
        const { resource } = model.put(connection, { properties: { vnetResourceId: HUB, isSwift: false } });
        expect(resource.properties).toMatchObject({ certBlob: expect.any(String), certThumbprint: expect.stringMatching(/^[0-9A-F]{40}$/), resyncRequired: false });
        model.put(`${PLAN}/virtualNetworkConnections/hub/routes/r1`, { properties: { startAddress: "10.60.0.0/16", routeType: "STATIC" } });
        expect(model.get(`${PLAN}/virtualNetworkConnections/hub`)!.properties.routes).toEqual([expect.objectContaining({ name: "r1" })]);
        expect(refusal(() => model.action(`${RG}/providers/Microsoft.Network/virtualNetworkGateways/none`, "generatevpnclientpackage")).code).toBe("ResourceNotFound");
        const gateway = addGateway(model, `${RG}/providers/Microsoft.Network/virtualNetworks/other`, "gw", "10.9.0.0/16", "10.9.255.0/27");
        expect(model.action(gateway, "generatevpnclientpackage")).toMatch(/^https:\/\/.*\?sv=.*sig=/);
    });

    test("a plan with apps cannot be deleted (Conflict); ids are case-insensitive", () => {
        const model = world();
        expect(refusal(() => model.delete(PLAN))).toMatchObject({ status: 409, code: "Conflict" });
        expect(model.get(APP.toUpperCase().replace("/SUBSCRIPTIONS/", "/subscriptions/"))?.name).toBe("app");
    });
});

describe("the model's state file", () => {
    test("two instances (two processes) share it; out-of-band removal is what the next read sees", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "standin-"));
        const file = path.join(dir, "state.json");
        const a = new AzureModel({ statePath: file });
        a.put(RG, { location: "West Europe" });
        const b = new AzureModel({ statePath: file });
        expect(b.get(RG)!.location).toBe("westeurope");
        b.remove(RG);
        expect(a.get(RG)).toBeUndefined();
        expect(fs.existsSync(`${file}.lock`)).toBe(false);
        // A lock left by a killed process is taken over once stale.
        fs.mkdirSync(`${file}.lock`);
        const past = new Date(Date.now() - 60_000);
        fs.utimesSync(`${file}.lock`, past, past);
        a.put(RG, { location: "westeurope" });
        expect(JSON.parse(fs.readFileSync(file, "utf8")).resources[RG.toLowerCase()].name).toBe("rg");
        fs.rmSync(dir, { recursive: true, force: true });
    });
});
