/**
 * A consumer's program, compiled against the packed tarball (tools/consumer-check.sh): every
 * entry point the README names, the public types, and a stack run under Pulumi's mocks.
 */
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

function stack(): void {
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

async function main(): Promise<void> {
    const entryPoints = [GatewayVnetIntegration, PeeredGatewayRoutes, VnetIntegrationError, checkRegional, planMigration];
    if (entryPoints.some((e) => typeof e !== "function")) throw new Error("an entry point export is missing at runtime");
    if (RULES[code].name !== "subnet-size" || rulesNamespace.RULES !== RULES) throw new Error("rules entry point differs from the root's");
    if (!LIMITS_PROFILES.documented || certificate.name !== "other-clients") throw new Error("profiles missing");
    const hubSpace: Hub = [];

    const run: ProgramRun = await runProgram(stack, { mocks: new AzureMocks() });
    if (run.errors.length > 0) throw new Error(`the stack failed: ${run.errors.map((e) => e.message).join("\n")}`);
    const subnets = run.resources.filter((r) => r.type === "azure-native:network:Subnet");
    if (subnets.length !== 1) throw new Error(`expected 1 subnet, got ${subnets.length}`);
    console.log(`consumer stack: ${run.resources.length} resources, subnet ${String(subnets[0].inputs.addressPrefix)}${hubSpace.length ? "" : ""}`);
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});
