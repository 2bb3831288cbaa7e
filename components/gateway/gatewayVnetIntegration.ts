import * as authorization from "@pulumi/azure-native/authorization";
import * as network from "@pulumi/azure-native/network";
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { checkArmCallOptions } from "../arm/client";
import { GATEWAY_TIMEOUTS, gatewayConnectionArgs, gatewayPublicIpArgs, gatewaySubnetArgs, parseResourceId, pointToSiteGatewayArgs, RootCertificateShape } from "../azure";
import { limitsProfile, reportFindings } from "../report";
import { appKey, claimGateway, gatewayClaims, inDeclarationOrder, librarySubnets, regionalClaims } from "../program";
import { checkSuppressions, Finding, Violation } from "../rules/engine";
import { allocateGatewaySubnet, checkGatewayIntegration, GatewayFacts } from "../rules/gateway";
import { isPlain, isSlotApp, planAddress, planFacts, RawApp, virtualNetworkFacts } from "../shared/facts";
import type { GatewayTopology } from "../migration/planner";
import type { ExistingGateway, GatewayVnetIntegrationArgs, NewGateway } from "./args";
import { gatewayDeviceFacts, isAdopted, RawGatewayInputs, rawGatewayInputs } from "./facts";
import { GatewayRootCertificate, VpnPackageSync } from "./providers";

/** What the check settled: the inputs every child is built from. */
interface Settled {
    readonly raw: RawGatewayInputs;
    readonly gatewaySubnetPrefix: string;
    readonly reported: Violation[];
}

/** What peering on top of this integration needs to know (PeeredGatewayRoutes). */
export interface GatewayHub {
    readonly virtualNetwork: pulumi.Output<{ id: string; name: string; resourceGroupName: string; location: string; addressSpace: string[] }>;
    readonly vnetKey: pulumi.Output<string>;
    readonly gatewayId: pulumi.Output<string>;
    readonly gatewaySku: pulumi.Output<string>;
    readonly pointToSiteAddressPool: pulumi.Output<string[]>;
    /** The plan whose VNet integration carries the routes. */
    readonly plan: pulumi.Output<{ name: string; resourceGroupName: string }>;
    /** Peer-side remote-gateway peerings and plan routes wait for these. */
    readonly dependencies: pulumi.Resource[];
}

/** Per app: its VNet connection and whether Azure says it needs a network sync. */
export interface GatewayAppConnection {
    /** `resourceGroup/app[/slot]`. */
    readonly app: string;
    readonly connectionId: string;
    /** Azure's flag that certificates or network information changed since the last sync. */
    readonly resyncRequired: boolean;
}

const DEFAULT_ARM_ENDPOINT = "https://management.azure.com";

/**
 * Gateway-required VNet Integration: Windows apps reach a VNet in any region through a
 * route-based point-to-site VPN gateway (seed: "Gateway required VNet Integration").
 *
 * Per app, in the documented order: the site's VNet connection (Azure answers with the app
 * certificate), that certificate in the gateway's root certificates (inline for a gateway
 * created here; by read-modify-write through ARM for an adopted one), the VPN client package,
 * and its URL on the connection's `gateways/primary`. Azure retires this form on 31 March 2027
 * (VNI-G14): plan the move to RegionalVnetIntegration plus peering.
 */
export class GatewayVnetIntegration extends pulumi.ComponentResource {
    /** ARM id of the gateway (created or adopted). */
    public readonly gatewayId: pulumi.Output<string>;
    /** The point-to-site pool: the apps' source addresses in the VNet (seed: "Point-to-site address space"). */
    public readonly pointToSiteAddressPool: pulumi.Output<string[]>;
    /** Thumbprint of the certificate Azure generated for this subscription and VNet; undefined with no apps. */
    public readonly certificateThumbprint: pulumi.Output<string | undefined>;
    /** One entry per app, in order. */
    public readonly appConnections: pulumi.Output<GatewayAppConnection[]>;
    /** Warnings (VNI-G14 always) and suppressed findings. Errors throw instead. */
    public readonly violations: pulumi.Output<Violation[]>;
    /** The VNet connections, one per app. */
    public readonly connections: (web.WebAppVnetConnection | web.WebAppVnetConnectionSlot)[];
    /** The gateway this component created; undefined when it adopted one. */
    public readonly gateway?: network.VirtualNetworkGateway;
    /** The hub as PeeredGatewayRoutes sees it. */
    public readonly hub: GatewayHub;
    /** This integration as facts for the migration planner (peers and routes come from PeeredGatewayRoutes). */
    public readonly topology: pulumi.Output<GatewayTopology>;

    constructor(name: string, args: GatewayVnetIntegrationArgs, opts?: pulumi.ComponentResourceOptions) {
        super("appservice-vnet-integration:index:GatewayVnetIntegration", name, {}, opts);

        // arm-hardening: ARM budgets out of their domain fail here, not minutes into `pulumi up`.
        if (args.armOptions) {
            try {
                checkArmCallOptions(args.armOptions);
            } catch (error) {
                throw new pulumi.ResourceError(`${name}: ${(error as Error).message}`, this);
            }
        }
        const profile = limitsProfile(this, name, args.limits);
        const suppress = args.suppress;
        const adopted = isAdopted(args.gateway);

        const check = (raw: RawGatewayInputs): Settled => {
            const findings: Finding[] = [...checkSuppressions(suppress)];
            const vnet = virtualNetworkFacts(raw.virtualNetwork);
            let gatewaySubnetPrefix: string;
            if (raw.gateway.kind === "create" && raw.gateway.subnetPrefix === undefined) {
                const taken = [...raw.gateway.reserved, ...librarySubnets(vnet.vnetKey)];
                const allocated = allocateGatewaySubnet(vnet.virtualNetwork.addressSpace, taken, raw.gateway.subnetPrefixLength, vnet.virtualNetwork.name);
                findings.push(...allocated.findings);
                gatewaySubnetPrefix = allocated.prefix ?? "";
            } else {
                gatewaySubnetPrefix = raw.gateway.subnetPrefix!;
            }
            const plan = planFacts(raw.plan);
            const facts: GatewayFacts = {
                ...plan,
                planSubscriptionId: parseResourceId(raw.plan.id)?.subscriptionId,
                virtualNetwork: {
                    ...vnet.virtualNetwork,
                    subscriptionId: parseResourceId(raw.virtualNetwork.id)?.subscriptionId,
                    expressRouteGateway: args.expressRouteGateway === true,
                },
                vnetKey: vnet.vnetKey,
                gateway: gatewayDeviceFacts(raw.gateway, gatewaySubnetPrefix, name),
                peers: raw.peers,
                onPremises: raw.onPremises,
                apps: raw.apps.map((a) => ({ key: appKey(a), label: a.slot ? `${a.name}/${a.slot}` : a.name })),
                otherGateways: gatewayClaims(),
                regionalAppKeys: regionalClaims().flatMap((c) => c.appKeys ?? []),
            };
            if (gatewaySubnetPrefix !== "") findings.push(...checkGatewayIntegration(facts, profile));
            const reported = reportFindings(this, name, findings, suppress);
            claimGateway(
                { component: name, planKey: facts.planKey, vnetKey: facts.vnetKey, vnetName: facts.virtualNetwork.name, appKeys: facts.apps.map((a) => a.key) },
                raw.gateway.kind === "create" ? gatewaySubnetPrefix : undefined,
            );
            return { raw, gatewaySubnetPrefix, reported };
        };

        // Plain facts are checked now, before any child exists; Outputs when they resolve.
        const input = rawGatewayInputs(args);
        const settled: pulumi.Output<Settled> = isPlain(input)
            ? (pulumi.output(check(input as RawGatewayInputs)) as pulumi.Output<Settled>)
            : (inDeclarationOrder(pulumi.output(input) as pulumi.Output<RawGatewayInputs>, check) as pulumi.Output<Settled>);
        const raw = settled.apply((s) => s.raw);
        const vnet = raw.apply((r) => r.virtualNetwork);
        const childOpts = { parent: this };

        // 1. One VNet connection per app, named after the VNet. It references the VNet, not the
        // gateway, so a gateway created here can take the connection's certificate inline.
        const apps = (args.apps ?? []).map((app, i) => ({ app, raw: raw.apply((r) => r.apps[i]) }));
        this.connections = apps.map(({ app, raw: appRaw }, i) => {
            const key = (input.apps as { key: string }[])[i].key;
            const target = { name: appRaw.apply((a: RawApp) => a.name), resourceGroupName: appRaw.apply((a: RawApp) => a.resourceGroupName) };
            const connectionArgs = gatewayConnectionArgs(target, { id: vnet.apply((v) => v.id), name: vnet.apply((v) => v.name) });
            return isSlotApp(app)
                ? new web.WebAppVnetConnectionSlot(`${name}-${key}`, { ...connectionArgs, slot: appRaw.apply((a: RawApp) => a.slot!) }, childOpts)
                : new web.WebAppVnetConnection(`${name}-${key}`, connectionArgs, childOpts);
        });
        // One certificate per subscription and VNet, shared by all its apps.
        const certBlob = this.connections.length > 0 ? this.connections[0].certBlob : undefined;
        const certificateName = vnet.apply((v) => `appservice-${v.name}`);

        // 2. The certificate in the gateway's root certificates: what each package waits for.
        let certificateStep: pulumi.Resource | undefined;
        if (!adopted) {
            const created = args.gateway as NewGateway;
            const group = vnet.apply((v) => v.resourceGroupName);
            const location = vnet.apply((v) => v.location);
            const subnet = new network.Subnet(`${name}-gateway-subnet`, gatewaySubnetArgs(group, vnet.apply((v) => v.name), settled.apply((s) => s.gatewaySubnetPrefix)), {
                ...childOpts,
                deleteBeforeReplace: true,
            });
            const publicIp = new network.PublicIPAddress(`${name}-gateway-ip`, gatewayPublicIpArgs(group, location), childOpts);
            const rootCertificates: pulumi.Input<RootCertificateShape>[] = [
                ...(created.rootCertificates ?? []),
                ...(certBlob ? [{ name: certificateName, publicCertData: certBlob.apply((b) => b ?? "") }] : []),
            ];
            this.gateway = new network.VirtualNetworkGateway(
                `${name}-gateway`,
                pointToSiteGatewayArgs({
                    resourceGroupName: group,
                    location,
                    skuName: created.sku ?? "VpnGw1AZ",
                    subnetId: subnet.id,
                    publicIpId: publicIp.id,
                    addressPool: raw.apply((r) => (r.gateway.kind === "create" ? r.gateway.addressPool : [])),
                    rootCertificates,
                }),
                { ...childOpts, customTimeouts: GATEWAY_TIMEOUTS, dependsOn: this.connections },
            );
            certificateStep = this.gateway;
            this.gatewayId = this.gateway.id;
            this.pointToSiteAddressPool = raw.apply((r) => (r.gateway.kind === "create" ? r.gateway.addressPool : []));
        } else {
            this.gatewayId = raw.apply((r) => (r.gateway.kind === "adopt" ? r.gateway.id : ""));
            this.pointToSiteAddressPool = raw.apply((r) => (r.gateway.kind === "adopt" ? (r.gateway.pointToSite?.addressPool ?? []) : []));
        }

        const endpoint = args.armEndpoint ?? DEFAULT_ARM_ENDPOINT;
        const token = pulumi.secret(authorization.getClientTokenOutput({}, { parent: this }).apply((t) => t.token ?? ""));
        if (adopted && certBlob) {
            certificateStep = new GatewayRootCertificate(
                `${name}-certificate`,
                {
                    gatewayId: this.gatewayId,
                    certificateName,
                    publicCertData: certBlob.apply((b) => b ?? ""),
                    endpoint,
                    token,
                    // arm-hardening: ARM budgets and delete behaviour passed through.
                    armOptions: args.armOptions ?? {},
                    removeOnDelete: (args.gateway as ExistingGateway).removeCertificateOnDelete === true,
                },
                { ...childOpts, dependsOn: this.connections },
            );
        }

        // 3 and 4. The VPN client package, written to each connection's gateways/primary.
        const dnsServers = vnet.apply((v) => v.dnsServers ?? []);
        this.connections.forEach((connection, i) => {
            const key = (input.apps as { key: string }[])[i].key;
            new VpnPackageSync(
                `${name}-${key}-package`,
                {
                    gatewayId: this.gatewayId,
                    connectionId: connection.id,
                    vnetName: vnet.apply((v) => v.name),
                    certificateThumbprint: connection.certThumbprint.apply((t) => t ?? ""),
                    dnsServers,
                    endpoint,
                    token,
                    armOptions: args.armOptions ?? {}, // arm-hardening
                },
                { ...childOpts, dependsOn: [connection, ...(certificateStep ? [certificateStep] : [])] },
            );
        });

        this.certificateThumbprint = this.connections.length > 0 ? this.connections[0].certThumbprint : pulumi.output(undefined);
        this.appConnections = pulumi.all(
            this.connections.map((c, i) =>
                pulumi.all([apps[i].raw, c.id, c.resyncRequired]).apply(([a, id, resync]) => ({ app: appKey(a), connectionId: id, resyncRequired: resync === true })),
            ),
        );
        this.violations = settled.apply((s) => s.reported);
        this.topology = settled.apply((s): GatewayTopology => {
            const r = s.raw;
            const plan = planFacts(r.plan).plan;
            return {
                plan: { ...planAddress(r.plan), location: plan.location, skuName: plan.skuName ?? "", skuTier: plan.skuTier, linux: plan.linux, peakInstances: plan.capacity ?? 1 },
                apps: r.apps.map((a) => ({ name: a.name, resourceGroupName: a.resourceGroupName, ...(a.slot ? { slot: a.slot } : {}) })),
                hub: {
                    id: r.virtualNetwork.id,
                    name: r.virtualNetwork.name,
                    resourceGroupName: r.virtualNetwork.resourceGroupName,
                    location: r.virtualNetwork.location,
                    addressSpace: r.virtualNetwork.addressSpace,
                    dnsServers: r.virtualNetwork.dnsServers ?? [],
                    subnets: s.gatewaySubnetPrefix ? [s.gatewaySubnetPrefix] : [],
                },
                pointToSitePool: r.gateway.kind === "create" ? r.gateway.addressPool : (r.gateway.pointToSite?.addressPool ?? []),
                peers: [],
                planRoutes: [],
                onPremisesPrefixes: r.onPremises.prefixes,
            };
        });
        this.hub = {
            virtualNetwork: vnet.apply((v) => ({ id: v.id, name: v.name, resourceGroupName: v.resourceGroupName, location: v.location, addressSpace: v.addressSpace })),
            vnetKey: raw.apply((r) => virtualNetworkFacts(r.virtualNetwork).vnetKey),
            gatewayId: this.gatewayId,
            gatewaySku: raw.apply((r) => (r.gateway.kind === "create" ? r.gateway.sku : r.gateway.skuName)),
            pointToSiteAddressPool: this.pointToSiteAddressPool,
            plan: raw.apply((r) => planAddress(r.plan)),
            dependencies: [...this.connections, ...(this.gateway ? [this.gateway] : [])],
        };
        this.registerOutputs({
            gatewayId: this.gatewayId,
            pointToSiteAddressPool: this.pointToSiteAddressPool,
            certificateThumbprint: this.certificateThumbprint,
            appConnections: this.appConnections,
            violations: this.violations,
        });
    }
}
