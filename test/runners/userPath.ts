/**
 * The path users get under Pulumi (no test kit): a component refused when its facts resolve
 * rejects its gate, and every child's registration fails with that one error. Prints, as
 * JSON, the distinct errors the unhandled rejections carried and the resources registered.
 * Pulumi's language host reports each distinct error once.
 */
import * as network from "@pulumi/azure-native/network";
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { RegionalVnetIntegration } from "../../components";
import { AzureMocks } from "../../components/testing";

async function main(): Promise<void> {
    const reasons = new Set<unknown>();
    let rejections = 0;
    process.on("unhandledRejection", (reason) => {
        rejections++;
        reasons.add(reason);
    });
    const mocks = new AzureMocks();
    await pulumi.runtime.setMocks(mocks, "p", "s", process.argv[2] === "preview");
    await pulumi.runtime.runInPulumiStack(async () => {
        const plan = new web.AppServicePlan("plan", { resourceGroupName: "rg", sku: { name: "F1", tier: "Free" } });
        const vnet = new network.VirtualNetwork("vnet", { resourceGroupName: "rg", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
        new RegionalVnetIntegration("apps", { plan, virtualNetwork: vnet, subnet: { prefixLength: 26 }, apps: [{ name: "orders", resourceGroupName: "rg" }, { name: "billing", resourceGroupName: "rg" }] });
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const distinct = [...reasons].map((r) => String((r as Error)?.message ?? r));
    process.stdout.write(JSON.stringify({ rejections, distinct, registered: mocks.registrations.map((r) => r.name) }) + "\n");
    // The rule error is the expected outcome of this program: exit 0 so the caller reads the JSON.
    process.exitCode = 0;
}

void main();
