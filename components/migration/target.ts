/**
 * A migration plan's target in the topology model: the regional integration the plan leads
 * to, so the diagram draws before and after side by side (npm run migrate -- --diagram).
 */
import type { GatewayTopology, RegionalTopology } from "../topology/model";
import type { MigrationPlan } from "./planner";

/** The regional integration `plan` makes of `facts`: target VNet, subnet, peerings, the same plan and apps. */
export function targetTopology(facts: GatewayTopology, plan: MigrationPlan): RegionalTopology {
    const t = plan.target;
    const known = [{ name: facts.hub.name, location: facts.hub.location, addressPrefixes: facts.hub.addressSpace }, ...facts.peers];
    const hubToPeer = { allowVirtualNetworkAccess: true, allowForwardedTraffic: true };
    return {
        kind: "regional",
        component: `${t.virtualNetwork.name}-regional`,
        limits: plan.limits,
        findings: plan.violations.map((v) => ({ code: v.code, name: v.name, severity: v.severity, message: v.message })),
        deferred: [],
        plan: { name: facts.plan.name, resourceGroupName: facts.plan.resourceGroupName, location: facts.plan.location, skuName: facts.plan.skuName, skuTier: facts.plan.skuTier, linux: facts.plan.linux, peakInstances: facts.plan.peakInstances },
        apps: facts.apps.map((a) => ({ name: a.name, ...(a.resourceGroupName ? { resourceGroupName: a.resourceGroupName } : {}), ...(a.slot ? { slot: a.slot } : {}), attachment: "site-args" as const })),
        virtualNetwork: { name: t.virtualNetwork.name, location: t.virtualNetwork.location, addressSpace: t.virtualNetwork.addressSpace, dnsServers: t.dnsServers },
        subnet: t.subnet?.addressPrefix ?? "(no free block)",
        subnetDetails: { name: `${facts.plan.name}-integration`, created: true, delegation: "Microsoft.Web/serverFarms", ...(t.subnet ? { usableAddresses: t.subnet.usableAddresses } : {}) },
        otherSubnets: t.virtualNetwork.isHub ? facts.hub.subnets : [],
        peers: t.peerings.map((p) => {
            const peer = known.find((k) => k.name === p.to);
            return { name: p.to, location: peer?.location ?? "", addressPrefixes: peer?.addressPrefixes ?? [], peerings: { hubToPeer, peerToHub: hubToPeer } };
        }),
        onPremisesPrefixes: facts.onPremisesPrefixes,
    };
}
