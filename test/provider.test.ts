/**
 * The component provider for other languages (provider/, components/provider/): the schema
 * Pulumi infers at `pulumi package add`, computed offline by the same analyzer, and the mapping
 * of the schema-friendly arguments onto the TypeScript API.
 */
import * as path from "path";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { VnetIntegrationError } from "../components";
import {
    GatewayVnetIntegration,
    Limits,
    PeeredGatewayRoutes,
    PROVIDER_PACKAGE,
    RegionalVnetIntegration,
    toGatewayArgs,
    toPeeredArgs,
    toRegionalArgs,
} from "../components/provider";
import { runChecked } from "./support/run";
import { asEngineReadsIt, engineSchema } from "./support/schema";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups";
const existingPlan = { id: `${SUB}/apps/providers/Microsoft.Web/serverfarms/plan`, location: "westeurope", skuName: "P1v3", skuCapacity: 3 };
const existingVirtualNetwork = {
    id: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/hub`,
    name: "hub",
    resourceGroupName: "net",
    location: "westeurope",
    addressSpace: ["10.0.0.0/16"],
};

interface SchemaProperty { type?: string; $ref?: string; items?: SchemaProperty; description?: string; enum?: { value: string }[] }
interface SchemaResource { isComponent: boolean; inputProperties: Record<string, SchemaProperty>; properties: Record<string, SchemaProperty>; requiredInputs?: string[] }
interface Schema { name: string; resources: Record<string, SchemaResource>; types: Record<string, SchemaProperty & { properties?: Record<string, SchemaProperty> }>; dependencies?: { name: string; version: string }[] }

describe("the schema Pulumi infers for other languages", () => {
    let schema: Schema;
    beforeAll(async () => {
        const provider = new ComponentProvider({
            name: PROVIDER_PACKAGE,
            dirname: path.join(__dirname, "..", "provider"),
            components: [RegionalVnetIntegration, GatewayVnetIntegration, PeeredGatewayRoutes],
        });
        schema = JSON.parse(await provider.getSchema()) as Schema;
    }, 180_000);

    const token = (name: string) => `${PROVIDER_PACKAGE}:index:${name}`;

    test("lists the three components, each with its inputs and exactly its public outputs", () => {
        expect(Object.keys(schema.resources).sort()).toEqual([token("GatewayVnetIntegration"), token("PeeredGatewayRoutes"), token("RegionalVnetIntegration")]);
        const regional = schema.resources[token("RegionalVnetIntegration")];
        expect(regional.isComponent).toBe(true);
        expect(Object.keys(regional.inputProperties).sort()).toEqual(
            ["apps", "destinations", "dnsServers", "existingPlan", "existingVirtualNetwork", "limits", "maxInstances", "plan", "reservedAddressPrefixes", "routing", "subnet", "suppress", "virtualNetwork"],
        );
        // Outputs are exactly the public ones: no private or internal field of the component leaks into the SDKs.
        expect(Object.keys(regional.properties).sort()).toEqual(["addressPrefix", "dnsServers", "maxSupportedInstances", "subnetId", "usableAddresses", "violations"]);
        const gateway = schema.resources[token("GatewayVnetIntegration")];
        expect(Object.keys(gateway.inputProperties)).toEqual(expect.arrayContaining(["newGateway", "existingGateway", "existingPlan", "apps", "peers", "limits"]));
        expect(Object.keys(gateway.properties).sort()).toEqual(["appConnections", "certificateThumbprint", "gatewayId", "pointToSiteAddressPool", "violations"]);
        const peered = schema.resources[token("PeeredGatewayRoutes")];
        expect(peered.requiredInputs?.sort()).toEqual(["hub", "peers"]);
        expect(Object.keys(peered.properties).sort()).toEqual(["peeringIds", "routeIds", "violations"]);
    });

    test("resources made in the same program are references to azure-native's own resources", () => {
        const regional = schema.resources[token("RegionalVnetIntegration")].inputProperties;
        expect(regional.plan.$ref).toBe("/azure-native/v3.28.0/schema.json#/resources/azure-native:web:AppServicePlan");
        expect(regional.virtualNetwork.$ref).toBe("/azure-native/v3.28.0/schema.json#/resources/azure-native:network:VirtualNetwork");
        expect(schema.dependencies).toEqual([expect.objectContaining({ name: "azure-native", version: "3.28.0" })]);
    });

    test("the limits profile is an enum of the profile names, and facts are typed objects with their docs", () => {
        expect(schema.types[token("Limits")].enum?.map((m) => m.value)).toEqual(["documented", "azure-2026"]);
        const planFacts = schema.types[token("PlanFacts")];
        expect(Object.keys(planFacts.properties ?? {})).toEqual(expect.arrayContaining(["id", "location", "skuName", "skuTier", "skuCapacity", "reserved"]));
        expect(schema.resources[token("RegionalVnetIntegration")].properties.subnetId.description).toMatch(/virtualNetworkSubnetId/);
        expect(Object.keys(schema.types[token("ViolationInfo")].properties ?? {}).sort()).toEqual(["code", "message", "name", "severity"]);
    });

    test("is what the engine reads: `pulumi package get-schema provider` (test/fixtures/provider-schema.json, checked live by the engine suite)", () => {
        expect(asEngineReadsIt(schema)).toEqual(engineSchema());
    });
});

describe("schema-friendly arguments map onto the TypeScript API", () => {
    test("plan facts become an existing plan with its SKU; exactly one of each pair is required", () => {
        const args = toRegionalArgs({ existingPlan, existingVirtualNetwork, limits: Limits.Azure2026 });
        expect(args.plan).toMatchObject({ id: existingPlan.id, location: "westeurope", sku: { name: "P1v3", capacity: 3 } });
        expect(args.virtualNetwork).toBe(existingVirtualNetwork);
        expect(args.limits).toBe("azure-2026");
        expect(() => toRegionalArgs({ existingVirtualNetwork })).toThrow("give exactly one of plan and existingPlan (neither is given)");
        expect(() => toGatewayArgs({ existingPlan, existingVirtualNetwork })).toThrow("give exactly one of newGateway and existingGateway");
    });

    test("the subnet's fields pick its form: adopt by id, create by prefix, else allocate", () => {
        const subnet = (s: Parameters<typeof toRegionalArgs>[0]["subnet"]) => toRegionalArgs({ existingPlan, existingVirtualNetwork, subnet: s }).subnet;
        expect(subnet({ id: "/sub/s", addressPrefix: "10.0.1.0/26", hasRouteTable: true })).toEqual({ id: "/sub/s", addressPrefix: "10.0.1.0/26", routeTable: true, delegations: undefined, usedBy: undefined });
        expect(subnet({ addressPrefix: "10.0.1.0/26", name: "apps" })).toMatchObject({ addressPrefix: "10.0.1.0/26", name: "apps" });
        expect(subnet({ prefixLength: 25 })).toMatchObject({ prefixLength: 25 });
        expect(subnet({ prefixLength: 25 })).not.toHaveProperty("addressPrefix");
        expect(() => subnet({ id: "/sub/s" })).toThrow("needs its addressPrefix");
    });

    test("an existing gateway's point-to-site fields and the routes take the library's shapes", () => {
        const gateway = toGatewayArgs({
            existingPlan,
            existingVirtualNetwork,
            existingGateway: { id: "/gw", skuName: "VpnGw2AZ", gatewaySubnetPrefix: "10.0.255.0/27", pointToSiteAddressPool: ["172.16.201.0/24"], pointToSiteProtocols: ["SSTP"] },
            onPremisesPrefixes: ["192.168.0.0/24"],
        }).gateway;
        expect(gateway).toMatchObject({ id: "/gw", pointToSite: { addressPool: ["172.16.201.0/24"], protocols: ["SSTP"] } });
        const peered = toPeeredArgs({
            hub: { virtualNetwork: existingVirtualNetwork, gatewayId: "/gw", gatewaySku: "VpnGw1AZ", pointToSiteAddressPool: ["172.16.201.0/24"], planName: "plan", planResourceGroupName: "apps" },
            peers: [{ existingVirtualNetwork: { ...existingVirtualNetwork, name: "data", addressSpace: ["10.60.0.0/16"] }, existingHubToPeer: { allowVirtualNetworkAccess: true } }],
            routes: [{ cidr: "192.168.10.0/24" }, { startAddress: "192.168.20.0", endAddress: "192.168.20.255" }, { cidr: "192.168.30.0/24", endAddress: "192.168.30.9" }],
        });
        expect(peered.hub).toMatchObject({ plan: { name: "plan", resourceGroupName: "apps" } });
        expect(peered.peers[0].existingPeerings).toEqual({ hubToPeer: { allowVirtualNetworkAccess: true }, peerToHub: undefined });
        // A CIDR with an end address keeps both, so VNI-P06 reports it rather than this mapping hiding it.
        expect(peered.routes).toEqual([{ cidr: "192.168.10.0/24" }, { startAddress: "192.168.20.0", endAddress: "192.168.20.255" }, { startAddress: "192.168.30.0/24", endAddress: "192.168.30.9" }]);
    });

    test("the provider's component builds the library's, exposes its outputs, and its rules still stop a bad subnet", async () => {
        const run = await runChecked(async () => {
            const integration = new RegionalVnetIntegration("apps", { existingPlan, existingVirtualNetwork, subnet: { addressPrefix: "10.0.1.0/26" } });
            expect(await new Promise((resolve) => integration.addressPrefix.apply(resolve))).toBe("10.0.1.0/26");
        });
        expect(run.errors).toEqual([]);
        const subnet = run.resources.find((r) => r.type === "azure-native:network:Subnet");
        expect(subnet).toMatchObject({ inputs: { addressPrefix: "10.0.1.0/26" } });
        expect(() => new RegionalVnetIntegration("small", { existingPlan, existingVirtualNetwork, subnet: { addressPrefix: "10.0.2.0/29" } })).toThrow(VnetIntegrationError);
    });
});
