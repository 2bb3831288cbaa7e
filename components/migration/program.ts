/**
 * Writes the target state of a migration plan as a Pulumi program: the integration VNet (when
 * new), RegionalVnetIntegration for the plan's apps, and the peerings. Existing resources are
 * given as facts, so the program stands alone and runs under `npm run plan`.
 */
import { checkInput, InvalidInputError, shape } from "../rules/input";
import { GATEWAY_TOPOLOGY_TEXTS, GatewayTopology, MIGRATION_PLAN, MigrationPlan } from "./planner";

const q = (value: unknown) => JSON.stringify(value);

/** TypeScript source of the target program for one or more plans; `importFrom` is where the library comes from. */
export function targetProgram(migrations: readonly { facts: GatewayTopology; plan: MigrationPlan }[], importFrom = "appservice-vnet-integration"): string {
    checkInput("targetProgram", { migrations: [migrations, shape.list(shape.record({ facts: GATEWAY_TOPOLOGY_TEXTS, plan: MIGRATION_PLAN }))], importFrom: [importFrom, shape.string] });
    const lines = [
        `// Target of the migration to regional VNet Integration of: ${migrations.map((m) => `plan ${m.facts.plan.name} from hub ${m.facts.hub.name}`).join("; ")}.`,
        "// Written by `npx appservice-vnet-integration migrate`; review it, then apply it in the order the plan's steps give.",
        `import * as network from "@pulumi/azure-native/network";`,
        `import { PeeredGatewayRoutes, RegionalVnetIntegration } from ${q(importFrom)};`,
        "",
        "export default function migrated() {",
        "    const subnetIds: unknown[] = [];",
    ];
    migrations.forEach(({ facts, plan }, index) => lines.push(...programPart(facts, plan, index)));
    lines.push("    return { subnetIds };", "}", "");
    return lines.join("\n");
}

function programPart(facts: GatewayTopology, plan: MigrationPlan, index: number): string[] {
    const t = plan.target;
    const subnet = t.subnet;
    if (!plan.valid || !subnet) throw new InvalidInputError("targetProgram", [`the migration plan of ${facts.plan.name} from hub ${facts.hub.name} is not valid: no program is written for it`]);
    const subscription = facts.hub.id.split("/")[2];
    const planId = `/subscriptions/${subscription}/resourceGroups/${facts.plan.resourceGroupName}/providers/Microsoft.Web/serverfarms/${facts.plan.name}`;
    const apps = facts.apps.map((a) => ({ name: a.name, resourceGroupName: a.resourceGroupName, ...(a.slot ? { slot: a.slot } : {}) }));
    const lines: string[] = [`    // plan ${facts.plan.name}, from hub ${facts.hub.name} (strategy ${plan.strategy})`];
    if (plan.strategy === "blue-green") lines.push("    // blue-green: point `plan` and `apps` at the new plan and its apps before you apply this.");
    const vnetVariable = `vnet${index}`;
    let vnetExpression: string;
    if (t.virtualNetwork.isHub) {
        vnetExpression = q({ id: facts.hub.id, name: facts.hub.name, resourceGroupName: facts.hub.resourceGroupName, location: facts.hub.location, addressSpace: facts.hub.addressSpace, dnsServers: facts.hub.dnsServers });
    } else {
        lines.push(
            `    const ${vnetVariable} = new network.VirtualNetwork(${q(t.virtualNetwork.name)}, {`,
            `        resourceGroupName: ${q(facts.plan.resourceGroupName)},`,
            `        location: ${q(t.virtualNetwork.location)},`,
            `        addressSpace: { addressPrefixes: ${q(t.virtualNetwork.addressSpace)} },`,
            ...(t.dnsServers.length > 0 ? [`        dhcpOptions: { dnsServers: ${q(t.dnsServers)} },`] : []),
            "    });",
        );
        vnetExpression = vnetVariable;
    }
    lines.push(
        `    const integration${index} = new RegionalVnetIntegration(${q(`${t.virtualNetwork.name}-regional`)}, {`,
        `        plan: ${q({ id: planId, location: facts.plan.location, sku: { name: facts.plan.skuName, ...(facts.plan.skuTier ? { tier: facts.plan.skuTier } : {}) }, reserved: facts.plan.linux })},`,
        `        virtualNetwork: ${vnetExpression},`,
        `        subnet: { addressPrefix: ${q(subnet.addressPrefix)} },`,
        ...(t.virtualNetwork.isHub ? [`        reservedAddressPrefixes: ${q(facts.hub.subnets)},`] : []),
        `        maxInstances: ${facts.plan.peakInstances},`,
        `        apps: ${q(apps)},`,
        `        limits: ${q(plan.limits)},`,
        "    });",
    );
    // On-premises ranges stay behind the hub's site-to-site gateway: that one peering uses it.
    const throughHubGateway = !t.virtualNetwork.isHub && plan.reach.some((r) => r.via.includes("site-to-site"));
    const peers = t.peerings
        .filter((p) => !(throughHubGateway && p.to === facts.hub.name))
        .map((p) => {
            const known = p.to === facts.hub.name ? { id: facts.hub.id, name: facts.hub.name, resourceGroupName: facts.hub.resourceGroupName, location: facts.hub.location, addressSpace: facts.hub.addressSpace } : facts.peers.find((x) => x.name === p.to);
            if (!known) throw new InvalidInputError("targetProgram", [`the plan peers with ${p.to}, which is neither the hub nor a peer of its facts: pass the facts the plan was made from`]);
            const addressSpace = "addressSpace" in known ? known.addressSpace : known.addressPrefixes;
            return { virtualNetwork: { id: known.id, name: known.name, resourceGroupName: known.resourceGroupName, location: known.location, addressSpace } };
        });
    if (peers.length > 0) {
        lines.push(`    new PeeredGatewayRoutes(${q(`${t.virtualNetwork.name}-peerings`)}, { hub: integration${index}, peers: ${q(peers)}, limits: ${q(plan.limits)} });`);
    }
    if (throughHubGateway) {
        const flags = (transit: "offer" | "use") =>
            `allowVirtualNetworkAccess: true, allowForwardedTraffic: true, allowGatewayTransit: ${transit === "offer"}, useRemoteGateways: ${transit === "use"}`;
        lines.push(
            `    const toHub${index} = new network.VirtualNetworkPeering(${q(`${t.virtualNetwork.name}-hub-offers-gateway`)}, {`,
            `        resourceGroupName: ${q(facts.hub.resourceGroupName)}, virtualNetworkName: ${q(facts.hub.name)}, virtualNetworkPeeringName: ${q(`to-${t.virtualNetwork.name}`)},`,
            `        remoteVirtualNetwork: { id: ${vnetVariable}.id }, ${flags("offer")},`,
            "    });",
            `    new network.VirtualNetworkPeering(${q(`${t.virtualNetwork.name}-uses-hub-gateway`)}, {`,
            `        resourceGroupName: ${q(facts.plan.resourceGroupName)}, virtualNetworkName: ${vnetVariable}.name, virtualNetworkPeeringName: ${q(`to-${facts.hub.name}`)},`,
            `        remoteVirtualNetwork: { id: ${q(facts.hub.id)} }, ${flags("use")},`,
            `    }, { dependsOn: [toHub${index}] });`,
        );
    }
    lines.push(`    subnetIds.push(integration${index}.subnetId);`);
    return lines;
}
