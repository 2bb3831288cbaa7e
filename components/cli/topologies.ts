/**
 * The doctor's facts: from a facts.json (one topology or an array; gateway entries are the
 * migration planner's GatewayTopology), or from a program run offline under the Azure mocks.
 *
 * From a program: gateway integrations give their `topology` output (as for `npm run migrate`),
 * completed by PeeredGatewayRoutes' `topology` and the flags of the peerings it registered.
 * RegionalVnetIntegration has no `topology` output, so its facts come from its public outputs
 * (`virtualNetwork`, `addressPrefix`, `dnsServers`, `subnetId`) and from what the program
 * registered: its swift connections, and the apps whose `virtualNetworkSubnetId` is its subnet
 * (their `outboundVnetRouting` is the route-all setting). Its `destinations` (declared
 * on-premises ranges) are not visible that way: give them in a facts.json.
 */
import * as fs from "fs";
import { GatewayVnetIntegration } from "../gateway";
import { PeeredGatewayRoutes } from "../peering";
import { RegionalVnetIntegration } from "../regional";
import type { DoctorApp, DoctorPeer, GatewayDoctorTopology, IntegrationTopology, PeeringPair, RegionalTopology } from "../doctor";
import type { PeeringFlags } from "../rules";
import { logicalName } from "../shared/facts";
import { outputPromise } from "../program";
import type { ProgramRun } from "../testing/program";
import { BadProgram, NamedPrograms, runTarget } from "./programs";

/** Input the doctor cannot use: a bad question (exit code 2). */
export class BadInput extends BadProgram {}

const PEERING = "azure-native:network:VirtualNetworkPeering";
const FLAG_NAMES = ["allowVirtualNetworkAccess", "allowForwardedTraffic", "allowGatewayTransit", "useRemoteGateways"] as const;

function sameId(a: unknown, b: unknown): boolean {
    return typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();
}

/** Flags of the peering the program registered on `from`'s side towards `toId`, if any. */
function peeringFlags(run: ProgramRun, fromName: string, toId: string): PeeringFlags | undefined {
    const peering = run.resources.find((r) => r.type === PEERING && r.inputs.virtualNetworkName === fromName && sameId((r.inputs.remoteVirtualNetwork as { id?: unknown } | undefined)?.id, toId));
    if (!peering) return undefined;
    return Object.fromEntries(FLAG_NAMES.map((f) => [f, peering.inputs[f] === true]));
}

function pairOf(run: ProgramRun, hub: { name: string; id: string }, peer: { name: string; id: string }): PeeringPair | undefined {
    const hubToPeer = peeringFlags(run, hub.name, peer.id);
    const peerToHub = peeringFlags(run, peer.name, hub.id);
    return hubToPeer || peerToHub ? { ...(hubToPeer ? { hubToPeer } : {}), ...(peerToHub ? { peerToHub } : {}) } : undefined;
}

async function regionalTopology(run: ProgramRun, integration: RegionalVnetIntegration, routed: readonly { readonly hubName: string; readonly peers: readonly { readonly name: string; readonly id: string; readonly location: string; readonly addressPrefixes: readonly string[] }[] }[]): Promise<RegionalTopology> {
    const [vnet, subnet, dnsServers, subnetId] = await Promise.all([
        outputPromise(integration.virtualNetwork),
        outputPromise(integration.addressPrefix),
        outputPromise(integration.dnsServers),
        outputPromise(integration.subnetId),
    ]);
    const name = logicalName(integration);
    const apps: DoctorApp[] = [];
    // Form B: the component's swift connections. The app's routing is its owner's: unknown here.
    for (const r of run.resources.filter((r) => r.parent === name && /WebAppSwiftVirtualNetworkConnection/.test(r.type))) {
        const slot = r.inputs.slot as string | undefined;
        apps.push({ name: String(r.inputs.name), resourceGroupName: r.inputs.resourceGroupName as string | undefined, ...(slot ? { slot } : {}) });
    }
    // Form A: apps of the program whose own virtualNetworkSubnetId is this subnet.
    let plan: RegionalTopology["plan"];
    for (const r of run.mocks.registrations.filter((r) => /^azure-native:web:WebApp(Slot)?$/.test(r.type) && sameId(r.inputs.virtualNetworkSubnetId, subnetId))) {
        const slot = r.type.endsWith("Slot") ? (r.inputs.slot as string | undefined) : undefined;
        apps.push({ name: String(r.inputs.name ?? r.name), resourceGroupName: r.inputs.resourceGroupName as string | undefined, ...(slot ? { slot } : {}), routing: (r.inputs.outboundVnetRouting as DoctorApp["routing"]) ?? {} });
        const farm = run.mocks.registrations.find((p) => p.type === "azure-native:web:AppServicePlan" && sameId(p.id, r.inputs.serverFarmId));
        if (farm && !plan) plan = { name: String(farm.inputs.name ?? farm.name), linux: farm.inputs.reserved === true || /linux/i.test(String(farm.inputs.kind ?? "")) };
    }
    const peers: DoctorPeer[] = routed
        .filter((r) => r.hubName === vnet.name)
        .flatMap((r) => r.peers)
        .map((p) => {
            const peerings = pairOf(run, vnet, p);
            return { name: p.name, location: p.location, addressPrefixes: p.addressPrefixes, ...(peerings ? { peerings } : {}) };
        });
    return {
        kind: "regional",
        ...(plan ? { plan } : {}),
        apps,
        virtualNetwork: { name: vnet.name, location: vnet.location, addressSpace: vnet.addressSpace, dnsServers },
        subnet,
        peers,
        onPremisesPrefixes: [],
    };
}

async function fromProgram(target: string, programs: NamedPrograms): Promise<IntegrationTopology[]> {
    const run = await runTarget(target, programs, "up");
    if (run.errors.length > 0) throw new BadInput(`${target} fails its own checks, so the doctor has no topology to read:\n${run.errors.map((e) => e.message).join("\n")}`);
    const routes = run.components.filter((c): c is PeeredGatewayRoutes => c instanceof PeeredGatewayRoutes);
    const routed = await Promise.all(routes.map((p) => outputPromise(p.topology)));
    const topologies: IntegrationTopology[] = [];
    for (const c of run.components) {
        if (c instanceof GatewayVnetIntegration) {
            const [topology, gatewaySku] = await Promise.all([outputPromise(c.topology), outputPromise(c.hub.gatewaySku)]);
            const extra = routed.filter((r) => r.hubName === topology.hub.name);
            const gateway: GatewayDoctorTopology = {
                ...topology,
                kind: "gateway",
                gatewaySku,
                peers: extra.flatMap((r) => r.peers).map((p) => {
                    const peerings = pairOf(run, topology.hub, p);
                    return { ...p, ...(peerings ? { peerings } : {}) };
                }),
                planRoutes: extra.flatMap((r) => r.planRoutes),
            };
            topologies.push(gateway);
        } else if (c instanceof RegionalVnetIntegration) {
            const topology = await regionalTopology(run, c, routed);
            console.error(
                `note: ${logicalName(c)}: a program run shows its peers only through PeeredGatewayRoutes, and not its destinations ` +
                    `(peeredNetworks, onPremisesPrefixes), which no output carries; give those in a facts.json ({ "kind": "regional", ... }).`,
            );
            topologies.push(topology);
        }
    }
    return topologies;
}

function isTopology(value: unknown): value is IntegrationTopology {
    if (typeof value !== "object" || value === null || !Array.isArray((value as { apps?: unknown }).apps)) return false;
    const v = value as Record<string, unknown>;
    if (v.kind === "regional") return typeof v.subnet === "string" && typeof v.virtualNetwork === "object" && Array.isArray(v.peers) && Array.isArray(v.onPremisesPrefixes);
    return typeof v.hub === "object" && Array.isArray(v.pointToSitePool) && Array.isArray(v.peers) && Array.isArray(v.planRoutes) && Array.isArray(v.onPremisesPrefixes);
}

function fromJson(file: string): IntegrationTopology[] {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new BadInput(`cannot read facts from ${file}: ${(error as Error).message}`);
    }
    const list = Array.isArray(parsed) ? parsed : [parsed];
    const bad = list.findIndex((t) => !isTopology(t));
    if (bad >= 0) {
        throw new BadInput(
            `${file}, entry ${bad}: not a topology. Expected a gateway topology (plan, apps, hub, pointToSitePool, peers, planRoutes, onPremisesPrefixes: what npm run migrate reads) ` +
                `or { kind: "regional", apps, virtualNetwork, subnet, peers, onPremisesPrefixes }`,
        );
    }
    return list;
}

/** The topologies of a named program (the repository's examples), a program file, or a facts.json. */
export async function topologiesOf(target: string, programs: NamedPrograms = {}): Promise<IntegrationTopology[]> {
    if (target.endsWith(".json")) return fromJson(target);
    return fromProgram(target, programs);
}
