/**
 * Benchmark of the policy pack: N regional integrations of raw resources (plan, delegated
 * subnet, app) in one VNet, every policy run as the engine runs them (each policy handed its
 * own copy of the resources). Prints the wall time per N.
 *
 *   npm run bench:policy [-- N ...]   (default: 10 100 300 1000)
 */
import { offlineResource, policies, validateStackOffline } from "../components/policy";

const RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers";

function stack(n: number) {
    const list = [
        offlineResource({ type: "azure-native:network:VirtualNetwork", name: "hub", props: { virtualNetworkName: "hub", resourceGroupName: "rg", location: "westeurope", addressSpace: { addressPrefixes: ["10.0.0.0/8"] } } }),
    ];
    for (let i = 0; i < n; i++) {
        const plan = { name: `plan${i}`, resourceGroupName: "rg", location: "westeurope", sku: { name: "P1v3", capacity: 3 } };
        const subnet = { subnetName: `s${i}`, virtualNetworkName: "hub", resourceGroupName: "rg", addressPrefix: `10.${i >> 8}.${i & 255}.0/26`, delegations: [{ serviceName: "Microsoft.Web/serverFarms" }] };
        const app = {
            name: `app${i}`,
            resourceGroupName: "rg",
            location: "westeurope",
            serverFarmId: `${RG}/Microsoft.Web/serverfarms/plan${i}`,
            virtualNetworkSubnetId: `${RG}/Microsoft.Network/virtualNetworks/hub/subnets/s${i}`,
        };
        list.push(offlineResource({ type: "azure-native:web:AppServicePlan", name: `plan${i}`, props: plan }));
        list.push(offlineResource({ type: "azure-native:network:Subnet", name: `s${i}`, props: subnet }));
        list.push(offlineResource({ type: "azure-native:web:WebApp", name: `app${i}`, props: app }));
    }
    return list;
}

async function main() {
    const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
    for (const n of sizes.length > 0 ? sizes : [10, 100, 300, 1000]) {
        const list = stack(n);
        const started = process.hrtime.bigint();
        let reports = 0;
        for (const policy of policies) reports += (await validateStackOffline([policy], [...list])).length;
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        console.log(`${n} integrations (${list.length} resources): ${policies.length} policies in ${ms.toFixed(0)} ms, ${reports} reports`);
    }
}

main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
});
