/**
 * A consumer's program, compiled against the packed tarball (tools/consumer-check.sh): every
 * entry point the README names, the public types, and one stack per component (regional,
 * gateway with an adopted gateway, peered with a new one) run under Pulumi's mocks at a new
 * stack's preview and at up. The mocks serialize dynamic providers as the engine does: the
 * stored code of each must load with Node built-ins only and no file of the package.
 */
import { isBuiltin } from "module";
import * as network from "@pulumi/azure-native/network";
import * as web from "@pulumi/azure-native/web";
import {
    GatewayVnetIntegration,
    HubNetwork,
    PeeredGatewayRoutes,
    RegionalVnetIntegration,
    RegionalVnetIntegrationArgs,
    RootCertificateShape,
    VnetIntegrationError,
    rules as rulesNamespace,
} from "appservice-vnet-integration";
import { AzureMocks, ProgramRun, runProgram } from "appservice-vnet-integration/testing";
import { checkRegional, LIMITS_PROFILES, RULES, RuleCode } from "appservice-vnet-integration/rules";
import { planMigration } from "appservice-vnet-integration/migration";

// Types only: they must resolve under both module resolutions.
const certificate: RootCertificateShape = { name: "other-clients", publicCertData: "MIIB" };
type Hub = HubNetwork["addressSpace"];
const code: RuleCode = "VNI-R02";

const SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-000000000000";

function regionalStack(): void {
    const location = "westeurope";
    const vnet = new network.VirtualNetwork("hub", {
        resourceGroupName: "rg",
        location,
        addressSpace: { addressPrefixes: ["10.20.0.0/16"] },
    });
    const plan = new web.AppServicePlan("apps", {
        resourceGroupName: "rg",
        location,
        sku: { name: "P1v3", tier: "PremiumV3", capacity: 3 },
    });
    const args: RegionalVnetIntegrationArgs = { plan, virtualNetwork: vnet, subnet: { prefixLength: 26 } };
    new RegionalVnetIntegration("apps-vnet", args);
}

/** An app adopting an existing SSTP gateway: both dynamic providers (certificate, VPN package). */
function gatewayStack(): void {
    const plan = new web.AppServicePlan("windows-apps", { resourceGroupName: "rg", location: "westeurope", sku: { name: "S1", tier: "Standard", capacity: 2 } });
    const app = new web.WebApp("orders", { resourceGroupName: "rg", location: "westeurope", serverFarmId: plan.id });
    new GatewayVnetIntegration("remote-vnet", {
        plan,
        apps: [app],
        virtualNetwork: {
            id: `${SUBSCRIPTION}/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/remote`,
            name: "remote",
            resourceGroupName: "network",
            location: "eastus",
            addressSpace: ["10.50.0.0/16"],
        },
        gateway: {
            id: `${SUBSCRIPTION}/resourceGroups/network/providers/Microsoft.Network/virtualNetworkGateways/remote-gw`,
            skuName: "VpnGw1AZ",
            pointToSite: { addressPool: ["172.16.201.0/24"], protocols: ["SSTP"] },
            gatewaySubnetPrefix: "10.50.255.0/27",
        },
    });
}

/** A new hub gateway (the 2019 path, under `documented`) and a peer routed through it. */
function peeredStack(): void {
    const plan = new web.AppServicePlan("windows-apps", { resourceGroupName: "rg", location: "westeurope", sku: { name: "S1", tier: "Standard" } });
    const app = new web.WebApp("orders", { resourceGroupName: "rg", location: "westeurope", serverFarmId: plan.id });
    const hubVnet = new network.VirtualNetwork("hub", { resourceGroupName: "rg", location: "eastus", addressSpace: { addressPrefixes: ["10.50.0.0/16"] } });
    const hub = new GatewayVnetIntegration("hub-vnet", { plan, apps: [app], virtualNetwork: hubVnet, gateway: { addressPool: ["172.16.201.0/24"] }, limits: "documented" });
    const data = new network.VirtualNetwork("data", { resourceGroupName: "rg", location: "eastus", addressSpace: { addressPrefixes: ["10.60.0.0/16"] } });
    new PeeredGatewayRoutes("hub-peers", { hub, peers: [{ virtualNetwork: data, addressPrefixes: ["10.60.0.0/16"] }] });
}

/** Loads a dynamic resource's stored provider as the engine's provider host would, with only Node built-ins to require. */
function loadStoredProvider(type: string, text: unknown): void {
    if (typeof text !== "string") throw new Error(`${type}: no serialized provider in its inputs`);
    const module = { exports: {} as Record<string, unknown> };
    const builtinsOnly = (name: string): unknown => {
        if (!isBuiltin(name)) throw new Error(`${type}: the stored provider requires "${name}"`);
        return require(name);
    };
    new Function("exports", "require", "module", text)(module.exports, builtinsOnly, module);
    const handler = Object.values(module.exports).find((value) => typeof value === "function") as (() => { create?: unknown }) | undefined;
    if (typeof handler?.().create !== "function") throw new Error(`${type}: the stored provider has no create`);
}

async function check(name: string, program: () => void, expect: { type: string; count: number }[]): Promise<void> {
    for (const mode of ["preview", "up"] as const) {
        const run: ProgramRun = await runProgram(program, { mocks: new AzureMocks(), mode });
        if (run.errors.length > 0) throw new Error(`the ${name} stack failed at ${mode}: ${run.errors.map((e) => e.message).join("\n")}`);
        for (const { type, count } of expect) {
            const found = run.resources.filter((r) => r.type === type).length;
            if (found !== count) throw new Error(`the ${name} stack at ${mode}: expected ${count} ${type}, got ${found}`);
        }
        // The mocks' raw registrations (the run's report shows a marker instead of the source).
        const dynamic = run.mocks.registrations.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
        for (const resource of dynamic) loadStoredProvider(resource.type, resource.inputs.__provider);
        console.log(`consumer ${name} stack at ${mode}: ${run.resources.length} resources, ${dynamic.length} dynamic with self-contained providers`);
    }
}

async function main(): Promise<void> {
    const entryPoints = [GatewayVnetIntegration, PeeredGatewayRoutes, VnetIntegrationError, checkRegional, planMigration];
    if (entryPoints.some((e) => typeof e !== "function")) throw new Error("an entry point export is missing at runtime");
    if (RULES[code].name !== "subnet-size" || rulesNamespace.RULES !== RULES) throw new Error("rules entry point differs from the root's");
    if (!LIMITS_PROFILES.documented || certificate.name !== "other-clients") throw new Error("profiles missing");
    const hubSpace: Hub = [];

    if (hubSpace.length !== 0) throw new Error("unreachable");

    await check("regional", regionalStack, [
        { type: "azure-native:network:Subnet", count: 1 },
    ]);
    await check("gateway", gatewayStack, [
        { type: "azure-native:web:WebAppVnetConnection", count: 1 },
        { type: "pulumi-nodejs:dynamic/appservice-vnet-integration:GatewayRootCertificate", count: 1 },
        { type: "pulumi-nodejs:dynamic/appservice-vnet-integration:VpnPackageSync", count: 1 },
    ]);
    await check("peered", peeredStack, [
        { type: "azure-native:network:VirtualNetworkGateway", count: 1 },
        { type: "azure-native:network:VirtualNetworkPeering", count: 2 },
        { type: "pulumi-nodejs:dynamic/appservice-vnet-integration:VpnPackageSync", count: 1 },
    ]);
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});
