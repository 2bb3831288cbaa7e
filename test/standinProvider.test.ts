/**
 * The azure-native stand-in provider called directly (no engine): check auto-names, diff
 * replaces on names and location, create/read/update/delete go through the model, preview
 * answers inputs and unknowns, refusals read as azure-native reports them.
 */
import { AzureModel } from "../azure-standin/model";
import { autoName, callContext, fromArm, isSecret, patchService, RESOURCE_TYPES, reveal, schema, secret, StandinProvider, UNKNOWN, VERSION } from "../azure-standin/provider";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const urn = (token: string, name: string) => `urn:pulumi:dev::project::${token}::${name}`;
const RG_URN = urn("azure-native:resources:ResourceGroup", "rg");
const VNET_URN = urn("azure-native:network:VirtualNetwork", "vnet");
const SUBNET_URN = urn("azure-native:network:Subnet", "apps");
const PLAN_URN = urn("azure-native:web:AppServicePlan", "plan");
const APP_URN = urn("azure-native:web:WebApp", "app");
const SWIFT_URN = urn("azure-native:web:WebAppSwiftVirtualNetworkConnection", "app-vnet");

async function up(p: StandinProvider, resourceUrn: string, news: Record<string, unknown>) {
    const { inputs, failures } = await p.check(resourceUrn, {}, news);
    expect(failures).toEqual([]);
    const created = await p.create(resourceUrn, inputs);
    return { id: created.id, outs: created.outs, inputs };
}

async function world() {
    const p = new StandinProvider(new AzureModel());
    const rg = await up(p, RG_URN, { resourceGroupName: "rg", location: "westeurope" });
    const vnet = await up(p, VNET_URN, { resourceGroupName: "rg", virtualNetworkName: "vnet", location: "westeurope", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
    const subnet = await up(p, SUBNET_URN, {
        resourceGroupName: "rg",
        virtualNetworkName: "vnet",
        subnetName: "apps",
        addressPrefix: "10.0.1.0/26",
        delegations: [{ name: "delegation", serviceName: "Microsoft.Web/serverFarms" }],
    });
    const plan = await up(p, PLAN_URN, { resourceGroupName: "rg", name: "plan", sku: { name: "P1v3", tier: "PremiumV3" }, kind: "linux", reserved: true });
    const app = await up(p, APP_URN, { resourceGroupName: "rg", name: "app", serverFarmId: plan.id });
    return { p, rg, vnet, subnet, plan, app };
}

describe("the azure-native stand-in provider", () => {
    test("reports version 3.28.0 and a schema with the modelled resources and their properties", async () => {
        const p = new StandinProvider(new AzureModel());
        expect(p.version).toBe(VERSION);
        const parsed = JSON.parse(await p.getSchema());
        expect(parsed).toMatchObject({ name: "azure-native", version: "3.28.0" });
        expect(Object.keys(parsed.resources)).toEqual(expect.arrayContaining(["azure-native:network:Subnet", "azure-native:web:WebAppSwiftVirtualNetworkConnection", "azure-native:web:AppServicePlanRouteForVnet"]));
        expect(parsed.resources["azure-native:network:Subnet"].inputProperties).toHaveProperty("addressPrefix");
        expect(parsed.resources["azure-native:network:Subnet"].properties).toHaveProperty("serviceAssociationLinks");
        expect(parsed.resources["azure-native:network:Subnet"].requiredInputs).toEqual(["resourceGroupName", "virtualNetworkName"]);
        expect(JSON.parse(schema()).functions).toHaveProperty(["azure-native:authorization:getClientToken"]);
    });

    test("check auto-names an unset name (logical name + 8 hex, stable), keeps a set one, and reports a missing resource group", async () => {
        const p = new StandinProvider(new AzureModel());
        const { inputs } = await p.check(VNET_URN, {}, { resourceGroupName: "rg" });
        expect(inputs.virtualNetworkName).toMatch(/^vnet[0-9a-f]{8}$/);
        expect(inputs.virtualNetworkName).toBe(autoName(VNET_URN));
        expect((await p.check(VNET_URN, { virtualNetworkName: "vnet-old1234" }, { resourceGroupName: "rg" })).inputs.virtualNetworkName).toBe("vnet-old1234");
        expect((await p.check(VNET_URN, {}, { resourceGroupName: "rg", virtualNetworkName: "mine" })).inputs.virtualNetworkName).toBe("mine");
        expect((await p.check(SUBNET_URN, {}, { subnetName: "a" })).failures).toEqual([
            { property: "resourceGroupName", reason: expect.stringContaining("missing") },
            { property: "virtualNetworkName", reason: expect.stringContaining("missing") },
        ]);
        // The swift connection has no name of its own to invent.
        expect((await p.check(SWIFT_URN, {}, { resourceGroupName: "rg" })).failures).toEqual([{ property: "name", reason: expect.any(String) }]);
    });

    test("create answers azure-native's outputs (flattened), keeps the inputs as a secret, and refuses an existing resource", async () => {
        const { p, subnet, vnet } = await world();
        expect(subnet.id).toBe(`${SUB}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/apps`);
        expect(subnet.outs).toMatchObject({
            name: "apps",
            type: "Microsoft.Network/virtualNetworks/subnets",
            addressPrefix: "10.0.1.0/26",
            provisioningState: "Succeeded",
            delegations: [expect.objectContaining({ name: "delegation", serviceName: "Microsoft.Web/serverFarms", actions: expect.any(Array) })],
            azureApiVersion: "2024-05-01",
        });
        expect(subnet.outs).not.toHaveProperty("resourceGroupName");
        expect(isSecret(subnet.outs.__inputs)).toBe(true);
        expect(vnet.outs).toMatchObject({ addressSpace: { addressPrefixes: ["10.0.0.0/16"] }, location: "westeurope", resourceGuid: expect.any(String) });
        await expect(p.create(VNET_URN, vnet.inputs)).rejects.toThrow(/cannot create already existing resource/);
    });

    test("a refusal reads as azure-native reports it: method, URL, status and ERROR CODE", async () => {
        const { p } = await world();
        const overlapping = { resourceGroupName: "rg", virtualNetworkName: "vnet", subnetName: "other", addressPrefix: "10.0.1.0/24" };
        await expect(p.create(urn("azure-native:network:Subnet", "other"), overlapping)).rejects.toThrow(/PUT https:\/\/management\.azure\.com\/subscriptions\/.*\/subnets\/other[\s\S]*RESPONSE 400: 400 Bad Request\nERROR CODE: NetcfgSubnetRangesOverlap/);
    });

    test("diff: an unchanged program has no changes; the address prefix updates in place; a name or location replaces", async () => {
        const { p, subnet, vnet } = await world();
        const same = await p.diff(subnet.id, SUBNET_URN, subnet.outs, subnet.inputs);
        expect(same).toEqual({ changes: false, replaces: [] });
        expect(await p.diff(subnet.id, SUBNET_URN, subnet.outs, { ...subnet.inputs, addressPrefix: "10.0.2.0/26" })).toEqual({ changes: true, replaces: [] });
        expect(await p.diff(subnet.id, SUBNET_URN, subnet.outs, { ...subnet.inputs, subnetName: "apps2" })).toEqual({ changes: true, replaces: ["subnetName"] });
        expect(await p.diff(vnet.id, VNET_URN, vnet.outs, { ...vnet.inputs, location: "West Europe" })).toEqual({ changes: false, replaces: [] });
        expect(await p.diff(vnet.id, VNET_URN, vnet.outs, { ...vnet.inputs, location: "northeurope" })).toEqual({ changes: true, replaces: ["location"] });
        // Unknown at preview: a change, and a replacement when it is a name.
        expect(await p.diff(subnet.id, SUBNET_URN, subnet.outs, { ...subnet.inputs, virtualNetworkName: UNKNOWN })).toEqual({ changes: true, replaces: ["virtualNetworkName"] });
        // A removed input is a change too.
        const { delegations: _removed, ...withoutDelegation } = subnet.inputs as Record<string, unknown>;
        expect((await p.diff(subnet.id, SUBNET_URN, subnet.outs, withoutDelegation)).changes).toBe(true);
    });

    test("the linked subnet: its prefix change is refused in place (InUseSubnetCannotBeUpdated), delete refused until the link goes", async () => {
        const { p, subnet, app } = await world();
        const swift = await up(p, SWIFT_URN, { resourceGroupName: "rg", name: "app", subnetResourceId: subnet.id });
        expect(swift.id).toBe(`${app.id}/networkConfig/virtualNetwork`);
        expect(swift.outs).toMatchObject({ subnetResourceId: subnet.id, swiftSupported: true });
        await expect(p.update(subnet.id, SUBNET_URN, subnet.outs, { ...subnet.inputs, addressPrefix: "10.0.2.0/26" })).rejects.toThrow(/ERROR CODE: InUseSubnetCannotBeUpdated/);
        await expect(p.delete(subnet.id, SUBNET_URN)).rejects.toThrow(/ERROR CODE: InUseSubnetCannotBeDeleted/);
        const read = await p.read(subnet.id, SUBNET_URN, subnet.outs);
        expect(read.props.serviceAssociationLinks).toEqual([expect.objectContaining({ linkedResourceType: "Microsoft.Web/serverfarms" })]);
        await p.delete(swift.id, SWIFT_URN);
        await p.delete(subnet.id, SUBNET_URN);
        expect((await p.read(subnet.id, SUBNET_URN, subnet.outs)).id).toBe("");
    });

    test("read (refresh) gives back the program's inputs unless Azure changed; then the live value, shaped as the input", async () => {
        const { p, subnet, app, plan } = await world();
        const read = await p.read(subnet.id, SUBNET_URN, subnet.outs);
        expect(read.inputs).toEqual(subnet.inputs);
        expect(await p.diff(subnet.id, SUBNET_URN, read.props, subnet.inputs)).toEqual({ changes: false, replaces: [] });
        expect((await p.read(app.id, APP_URN, app.outs)).inputs).toEqual(app.inputs);
        expect((await p.read(plan.id, PLAN_URN, plan.outs)).inputs).toEqual(plan.inputs);
        // Someone changed the prefix in the portal: refresh sees it, the next diff wants it back.
        p.model.mutate((resources) => {
            resources[subnet.id.toLowerCase()].properties.addressPrefix = "10.0.3.0/26";
        });
        const drifted = await p.read(subnet.id, SUBNET_URN, subnet.outs);
        expect(drifted.inputs).toMatchObject({ addressPrefix: "10.0.3.0/26", subnetName: "apps", delegations: [{ name: "delegation", serviceName: "Microsoft.Web/serverFarms" }] });
        expect((await p.diff(subnet.id, SUBNET_URN, drifted.props, subnet.inputs)).changes).toBe(true);
        // Import (no old inputs): path parameters from the id.
        const imported = await p.read(subnet.id, SUBNET_URN, {});
        expect(imported.inputs).toMatchObject({ resourceGroupName: "rg", virtualNetworkName: "vnet", subnetName: "apps", addressPrefix: "10.0.3.0/26" });
    });

    test("preview: create answers the inputs in the output shape, other outputs unknown, nothing written to Azure", async () => {
        const p = new StandinProvider(new AzureModel());
        const inputs = { resourceGroupName: "rg", virtualNetworkName: "vnet", location: "westeurope", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } };
        const result = await callContext.run({ preview: true }, () => p.create(VNET_URN, inputs));
        expect(result.id).toBe("");
        expect(result.outs).toMatchObject({ location: "westeurope", addressSpace: inputs.addressSpace, name: UNKNOWN, provisioningState: UNKNOWN, subnets: UNKNOWN });
        // Path parameters are not outputs: a program reading vnet.resourceGroupName sees it unknown at preview.
        expect(result.outs).not.toHaveProperty("resourceGroupName");
        expect(result.outs).not.toHaveProperty("virtualNetworkName");
        expect(p.model.ids()).toEqual([]);
        const update = await callContext.run({ preview: true }, () => p.update("x", VNET_URN, {}, inputs));
        expect(update.outs).toMatchObject({ location: "westeurope", etag: UNKNOWN });
    });

    test("secret inputs stay secret in outputs and state; the model holds plain values", async () => {
        const { p, plan } = await world();
        const app2 = await p.create(urn("azure-native:web:WebApp", "app2"), { resourceGroupName: "rg", name: "app2", serverFarmId: plan.id, siteConfig: secret({ appSettings: [{ name: "KEY", value: "hush" }] }) });
        expect(isSecret(app2.outs.siteConfig)).toBe(true);
        expect(reveal(app2.outs.siteConfig)).toMatchObject({ appSettings: [{ name: "KEY", value: "hush" }] });
        expect(p.model.get(app2.id)!.properties.siteConfig.appSettings[0].value).toBe("hush");
    });

    test("a location left unset is the resource group's, as azure-native does", async () => {
        const { p } = await world();
        const ip = await up(p, urn("azure-native:network:PublicIPAddress", "ip"), { resourceGroupName: "rg", sku: { name: "Standard" } });
        expect(ip.outs).toMatchObject({ location: "westeurope", publicIPAllocationMethod: "Static", ipAddress: expect.any(String) });
    });

    test("invokes: a client config and a bearer token the components can read the expiry of", async () => {
        const p = new StandinProvider(new AzureModel());
        const { outputs } = await p.invoke("azure-native:authorization:getClientToken", {});
        const claims = JSON.parse(Buffer.from(outputs.token.split(".")[1], "base64url").toString("utf8"));
        expect(claims.exp * 1000).toBeGreaterThan(Date.now());
        expect((await p.invoke("azure-native:authorization:getClientConfig", {})).outputs.subscriptionId).toBe("00000000-0000-0000-0000-000000000000");
    });

    test("every type the library registers is modelled, with an output shape azure-native's SDK declares", () => {
        for (const token of ["network:VirtualNetwork", "network:Subnet", "network:VirtualNetworkPeering", "network:PublicIPAddress", "network:VirtualNetworkGateway", "web:AppServicePlan", "web:WebApp", "web:WebAppSlot", "web:WebAppSwiftVirtualNetworkConnection", "web:WebAppSwiftVirtualNetworkConnectionSlot", "web:WebAppVnetConnection", "web:WebAppVnetConnectionSlot", "web:AppServicePlanRouteForVnet", "resources:ResourceGroup"]) {
            expect(RESOURCE_TYPES[`azure-native:${token}`]).toBeDefined();
        }
        const doc = { id: "/x", name: "gw", type: "Microsoft.Network/virtualNetworkGateways", properties: { vpnClientConfiguration: { vpnClientRootCertificates: [{ name: "c", properties: { publicCertData: "AA" } }] } } };
        expect(fromArm(RESOURCE_TYPES["azure-native:network:VirtualNetworkGateway"], doc).vpnClientConfiguration.vpnClientRootCertificates).toEqual([{ name: "c", publicCertData: "AA" }]);
    });
});

describe("the gRPC service as the engine meets it (patchService)", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const proto = require("@pulumi/pulumi/proto/provider_pb");

    /** The shape of provider.main's service: each method reads call.request and answers through callback. */
    function service(p: StandinProvider) {
        const impl: Record<string, (...a: any[]) => unknown> = {
            configure: (_call: unknown, callback: (err: unknown, resp: unknown) => void) => callback(undefined, new proto.ConfigureResponse()),
            create: async (call: any, callback: (err: unknown, resp?: unknown) => void) => {
                const result = await p.create(call.request.getUrn(), call.request.inputs);
                callback(undefined, result);
            },
            update: async (_call: unknown, callback: (err: unknown, resp?: unknown) => void) => callback(undefined, {}),
            diff: async (call: any, callback: (err: unknown, resp?: unknown) => void) => {
                const result = await p.diff("id", call.request.getUrn(), call.request.olds, call.request.news);
                const resp = new proto.DiffResponse();
                resp.setChanges(result.changes ? proto.DiffResponse.DiffChanges.DIFF_SOME : proto.DiffResponse.DiffChanges.DIFF_NONE);
                resp.setReplacesList(result.replaces ?? []);
                callback(undefined, resp);
            },
        };
        patchService(impl, proto);
        const call = <T>(method: string, request: Record<string, unknown>) => new Promise<T>((resolve, reject) => impl[method]({ request }, (err: unknown, resp: T) => (err ? reject(err) : resolve(resp))));
        return call;
    }

    test("Configure answers supportsPreview; Create learns the request's preview flag", async () => {
        const p = new StandinProvider(new AzureModel());
        const call = service(p);
        expect((await call<any>("configure", {})).getSupportspreview()).toBe(true);
        const inputs = { resourceGroupName: "rg", location: "westeurope" };
        const preview = await call<any>("create", { getUrn: () => RG_URN, getPreview: () => true, inputs });
        expect(preview.id).toBe("");
        expect(p.model.ids()).toEqual([]);
        const real = await call<any>("create", { getUrn: () => RG_URN, getPreview: () => false, inputs });
        expect(real.id).toBe(`${SUB}/resourceGroups/rg`);
    });

    test("Diff answers the changed properties and a detailed diff, which the engine's replaceOnChanges needs", async () => {
        const { p, subnet } = await world();
        const call = service(p);
        const resp = await call<any>("diff", { getUrn: () => SUBNET_URN, olds: subnet.outs, news: { ...subnet.inputs, addressPrefix: "10.0.2.0/26", subnetName: "renamed" } });
        expect(resp.getDiffsList().sort()).toEqual(["addressPrefix", "subnetName"]);
        expect(resp.getHasdetaileddiff()).toBe(true);
        const detailed = resp.getDetaileddiffMap();
        expect(detailed.get("addressPrefix").getKind()).toBe(proto.PropertyDiff.Kind.UPDATE);
        expect(detailed.get("subnetName").getKind()).toBe(proto.PropertyDiff.Kind.UPDATE_REPLACE);
        expect(detailed.get("addressPrefix").getInputdiff()).toBe(true);
        const none = await call<any>("diff", { getUrn: () => SUBNET_URN, olds: subnet.outs, news: subnet.inputs });
        expect(none.getDiffsList()).toEqual([]);
    });
});
