import * as authorization from "@pulumi/azure-native/authorization";
import { asComponentError, checkArgs, GATEWAY_ARGS } from "../shared/argsCheck";
import * as network from "@pulumi/azure-native/network";
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { checkArmCallOptions } from "../arm/client";
import { GATEWAY_TIMEOUTS, gatewayConnectionArgs, gatewayPublicIpArgs, gatewayPublicIpZones, gatewaySubnetArgs, parseResourceId, pointToSiteGatewayArgs, RootCertificateShape } from "../azure";
import { Checked, childInput, checkWhenKnown, exported, RuleVerdict } from "../lifecycle";
import { limitsProfile } from "../report";
import { claimGateway, gatewayClaims, librarySubnets, programClaims, regionalClaims } from "../program";
import type { Violation } from "../rules/engine";
import { allocateGatewaySubnet, checkGatewaySubnetFree, checkNewSstpGateway, checkProgramGateways, GatewayFacts, gatewayRules, GatewayUse } from "../rules/gateway";
import { Maybe, RuleRun, Unknown, viewOf, whenKnown } from "../rules/known";
import { logicalName, appIdentity, appLabel, isSlotApp, legacyAppKey, MaybeOf, planAddress, planFacts, RawApp, rawApp, virtualNetworkFacts } from "../shared/facts";
import { ChildNames } from "../names";
import type { GatewayTopology } from "../topology/model";
import { judged, recordTopology } from "../topology/judged";
import type { ExistingGateway, GatewayVnetIntegrationArgs, NewGateway } from "./args";
import { gatewayDeviceFacts, isAdopted, RawGatewayInputs, rawGatewayInputs } from "./facts";
import { GatewayRootCertificate, VpnPackageSync } from "./providers";

/** What the rules settled: the inputs every child is built from (any fact may be Unknown at preview). */
interface SettledGateway {
    readonly raw: RawGatewayInputs;
    readonly gatewaySubnetPrefix: Maybe<string>;
    /** This integration in the topology model. */
    readonly topology?: GatewayTopology;
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
    /** The hub VNet's name for messages and topologies while its ARM name is not known (its logical name). */
    readonly label?: string;
}

/** Per app: its VNet connection and whether Azure says it needs a network sync. */
export interface GatewayAppConnection {
    /** `resourceGroup/app[/slot]`. */
    readonly app: string;
    /** ARM id of the app's VNet connection. */
    readonly connectionId: string;
    /** Azure's flag that certificates or network information changed since the last sync. */
    readonly resyncRequired: boolean;
}

const DEFAULT_ARM_ENDPOINT = "https://management.azure.com";
/** Overrides the default ARM endpoint for a whole run (`npm run engine` points it at the Azure stand-in). */
const ARM_ENDPOINT_ENV = "APPSERVICE_VNI_ARM_ENDPOINT";

/**
 * The app certificate step of each adopted gateway in this program, by the gateway's id
 * (case-folded). Keyed on the program's claims index, which a new program (or a test kit's
 * reset) replaces, so it never outlives its program.
 */
const certificatesByProgram = new WeakMap<object, Map<string, pulumi.Resource>>();
function programCertificates(): Map<string, pulumi.Resource> {
    const program = programClaims();
    let map = certificatesByProgram.get(program);
    if (!map) certificatesByProgram.set(program, (map = new Map()));
    return map;
}

/**
 * Gateway-required VNet Integration: Windows apps reach a VNet in any region through a
 * route-based point-to-site VPN gateway.
 *
 * Per app, in the documented order: the site's VNet connection (Azure answers with the app
 * certificate), that certificate in the gateway's root certificates (inline for a gateway
 * created here; by read-modify-write through ARM for an adopted one), the VPN client package,
 * and its URL on the connection's `gateways/primary`. Azure retires this form on 31 March 2027
 * (VNI-G14): plan the move to RegionalVnetIntegration plus peering.
 *
 * @see https://learn.microsoft.com/azure/app-service/configure-gateway-required-vnet-integration
 * @example
 * ```ts
 * import { GatewayVnetIntegration } from "appservice-vnet-integration";
 *
 * // Adopt the gateway you already run:
 * const remote = new GatewayVnetIntegration("remote-vnet", {
 *     plan,                                // a Windows plan, Standard tier or better
 *     apps: [orders, billing],             // web.WebApp / web.WebAppSlot, or { name, resourceGroupName, slot? }
 *     virtualNetwork: remoteVnet,          // any region, same subscription as the plan
 *     gateway: {
 *         id: gatewayId, skuName: "VpnGw2AZ", gatewaySubnetPrefix: "10.50.255.0/27",
 *         pointToSite: { addressPool: ["172.16.201.0/24"], protocols: ["SSTP"] },
 *     },
 * });
 * ```
 */
export class GatewayVnetIntegration extends pulumi.ComponentResource {
    /** ARM id of the gateway (created or adopted). */
    public readonly gatewayId: pulumi.Output<string>;
    /** The point-to-site pool: the apps' source addresses in the VNet ({@link https://learn.microsoft.com/azure/app-service/configure-gateway-required-vnet-integration | point-to-site address space}). */
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
    /**
     * This integration in the topology model (components/topology): what the migration planner,
     * the doctor and the diagram read, with the limits profile and what the rules said (peers
     * and routes come from PeeredGatewayRoutes' `topology`).
     */
    public readonly topology: pulumi.Output<GatewayTopology>;

    constructor(name: string, args: GatewayVnetIntegrationArgs, opts?: pulumi.ComponentResourceOptions) {
        super("appservice-vnet-integration:index:GatewayVnetIntegration", name, {}, opts);
        // Arguments of the wrong shape are this component's error, never a TypeError (issue 10).
        checkArgs(this, name, args, GATEWAY_ARGS);

        // ARM budgets out of their domain fail here, not minutes into `pulumi up`.
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

        // Facts -> rules: in the constructor when plain, as soon as they are known otherwise.
        const checked = checkWhenKnown(this, name, suppress, asComponentError(this, name, () => rawGatewayInputs(args)), (settled): RuleVerdict<SettledGateway> => {
            const raw = settled as unknown as RawGatewayInputs;
            const run = new RuleRun();
            const vnet = virtualNetworkFacts(raw.virtualNetwork);
            const gateway = raw.gateway;
            let gatewaySubnetPrefix: Maybe<string>;
            if (gateway.kind === "create" && gateway.subnetPrefix === undefined) {
                const allocated = run.compute(["VNI-G11", "VNI-X02"], (findings) => {
                    const read = viewOf({ space: vnet.virtualNetwork.addressSpace, taken: [...gateway.reserved, ...librarySubnets(vnet.vnetKey)] });
                    const outcome = allocateGatewaySubnet(read.space, [...read.taken], gateway.subnetPrefixLength, vnet.virtualNetwork.name);
                    findings.push(...outcome.findings);
                    return outcome.prefix ?? "";
                });
                gatewaySubnetPrefix = allocated ?? new Unknown(`the GatewaySubnet of ${name}, allocated once ${run.deferred[0]?.why ?? "its facts"} is known`);
            } else {
                gatewaySubnetPrefix = gateway.subnetPrefix!;
            }
            const plan = planFacts(raw.plan);
            const facts: GatewayFacts = {
                ...plan,
                planSubscriptionId: whenKnown([raw.plan.id], (id) => parseResourceId(id)?.subscriptionId) as string | undefined,
                virtualNetwork: {
                    ...vnet.virtualNetwork,
                    subscriptionId: whenKnown([raw.virtualNetwork.id], (id) => parseResourceId(id)?.subscriptionId) as string | undefined,
                    expressRouteGateway: args.expressRouteGateway === true,
                },
                vnetKey: vnet.vnetKey,
                // No block free (VNI-G11 said so): the pool and the rest are still checked.
                gateway: gatewayDeviceFacts(gateway, gatewaySubnetPrefix === "" ? undefined : (gatewaySubnetPrefix as string), name),
                peers: raw.peers,
                onPremises: raw.onPremises,
                apps: raw.apps.map((a) => ({ key: appIdentity(a), label: appLabel(a) })),
                otherGateways: gatewayClaims(),
                regionalAppKeys: regionalClaims().flatMap((c) => c.appKeys ?? []),
            };
            gatewayRules(facts, profile, run);
            const use: GatewayUse = {
                key: gateway.kind === "create" ? `created:${name}` : typeof gateway.id === "string" ? gateway.id.toLowerCase() : `adopted:${name}`,
                name: facts.gateway.name,
                created: gateway.kind === "create",
                subnetPrefix: gatewaySubnetPrefix as string,
            };
            run.check(["VNI-G17"], () => checkNewSstpGateway({ name: use.name, created: use.created, protocols: ["SSTP"] }, profile));
            run.check(["VNI-G16"], () => checkProgramGateways(facts.virtualNetwork.name, facts.vnetKey, name, use, gatewayClaims()));
            if (gateway.kind === "create" && gateway.subnetPrefix !== undefined) {
                const given = gateway.subnetPrefix;
                run.check(["VNI-G11"], () => checkGatewaySubnetFree(given, viewOf(librarySubnets(vnet.vnetKey)), vnet.virtualNetwork.name));
            }
            // A bad address read by the allocation and by the rules is said once.
            const said = new Set<string>();
            const findings = run.findings.filter((f) => !said.has(`${f.code} ${f.message}`) && said.add(`${f.code} ${f.message}`));
            const topology = gatewayTopology({ raw, gatewaySubnetPrefix }, judged(name, profile.name, findings, run.deferred, suppress));
            recordTopology(this, topology);
            return {
                findings,
                deferred: run.deferred,
                result: { raw, gatewaySubnetPrefix, topology },
                claim: () =>
                    claimGateway(
                        { component: name, planKey: facts.planKey, vnetKey: facts.vnetKey, vnetName: facts.virtualNetwork.name, appKeys: facts.apps.map((a) => a.key), gateway: use },
                        gateway.kind === "create" ? (gatewaySubnetPrefix as string) : undefined,
                    ),
            };
        });
        const input = <U>(pick: (s: Checked<SettledGateway>) => Maybe<U>) => pulumi.output(childInput(checked, pick));
        const vnet = {
            id: input((s) => s.raw.virtualNetwork.id),
            name: input((s) => s.raw.virtualNetwork.name),
            resourceGroupName: input((s) => s.raw.virtualNetwork.resourceGroupName),
            location: input((s) => s.raw.virtualNetwork.location),
            dnsServers: input((s) => s.raw.virtualNetwork.dnsServers ?? []),
        };
        const childOpts = { parent: this };
        const names = new ChildNames(this, name);
        const apps = args.apps ?? [];
        // A slot given as facts was `<name>-<app>-<slot>` before: its children keep their state.
        const aliased = (app: (typeof apps)[number], suffix = ""): pulumi.CustomResourceOptions => {
            const legacy = legacyAppKey(app);
            return legacy ? { aliases: [{ name: `${name}-${legacy}${suffix}` }] } : {};
        };

        // 1. One VNet connection per app, named after the VNet. It references the VNet, not the
        // gateway, so a gateway created here can take the connection's certificate inline.
        const appKeys = (args.apps ?? []).map((app, i) => rawApp(app, i).key as string);
        names.reserve(
            apps.flatMap((app, i) => [
                isSlotApp(app)
                    ? (["azure-native:web:WebAppVnetConnectionSlot", `${name}-${appKeys[i]}`, `slot ${appKeys[i]}`] as const)
                    : (["azure-native:web:WebAppVnetConnection", `${name}-${appKeys[i]}`, `app ${appKeys[i]}`] as const),
                ["pulumi-nodejs:dynamic/appservice-vnet-integration:VpnPackageSync", `${name}-${appKeys[i]}-package`, `the VPN package of ${appKeys[i]}`] as const,
            ]),
        );
        this.connections = (args.apps ?? []).map((app, i) => {
            const field = (pick: (a: MaybeOf<RawApp>) => Maybe<string | undefined>) => input((s) => pick(s.raw.apps[i])) as pulumi.Output<string>;
            const target = { name: field((a) => a.name), resourceGroupName: field((a) => a.resourceGroupName) };
            const connectionArgs = gatewayConnectionArgs(target, { id: vnet.id, name: vnet.name });
            return isSlotApp(app)
                ? new web.WebAppVnetConnectionSlot(
                      names.name("azure-native:web:WebAppVnetConnectionSlot", `${name}-${appKeys[i]}`, `slot ${appKeys[i]}`),
                      { ...connectionArgs, slot: field((a) => a.slot) },
                      { ...childOpts, ...aliased(app) },
                  )
                : new web.WebAppVnetConnection(names.name("azure-native:web:WebAppVnetConnection", `${name}-${appKeys[i]}`, `app ${appKeys[i]}`), connectionArgs, childOpts);
        });
        // One certificate per subscription and VNet, shared by all its apps.
        const certBlob = this.connections.length > 0 ? this.connections[0].certBlob : undefined;
        const certificateName = vnet.name.apply((n) => `appservice-${n}`);
        const addressPool = input((s) => (s.raw.gateway.kind === "create" ? s.raw.gateway.addressPool : (s.raw.gateway.pointToSite?.addressPool ?? [])));

        // 2. The certificate in the gateway's root certificates: what each package waits for.
        let certificateStep: pulumi.Resource | undefined;
        if (!adopted) {
            const created = args.gateway as NewGateway;
            const subnet = new network.Subnet(`${name}-gateway-subnet`, gatewaySubnetArgs(vnet.resourceGroupName, vnet.name, input((s) => s.gatewaySubnetPrefix)), {
                ...childOpts,
                // A prefix change is an in-place update Azure refuses: replace it, deleting first (the Azure name is fixed).
                deleteBeforeReplace: true,
                replaceOnChanges: ["addressPrefix"],
            });
            const publicIp = new network.PublicIPAddress(
                `${name}-gateway-ip`,
                gatewayPublicIpArgs(vnet.resourceGroupName, vnet.location, gatewayPublicIpZones(created.sku ?? "VpnGw1AZ", created.zones)),
                childOpts,
            );
            const rootCertificates: pulumi.Input<RootCertificateShape>[] = [
                ...(created.rootCertificates ?? []),
                ...(certBlob ? [{ name: certificateName, publicCertData: certBlob.apply((b) => b ?? "") }] : []),
            ];
            this.gateway = new network.VirtualNetworkGateway(
                `${name}-gateway`,
                pointToSiteGatewayArgs({
                    resourceGroupName: vnet.resourceGroupName,
                    location: vnet.location,
                    skuName: created.sku ?? "VpnGw1AZ",
                    subnetId: subnet.id,
                    publicIpId: publicIp.id,
                    addressPool,
                    rootCertificates,
                }),
                { ...childOpts, customTimeouts: GATEWAY_TIMEOUTS, dependsOn: this.connections },
            );
            certificateStep = this.gateway;
            this.gatewayId = this.gateway.id;
        } else {
            this.gatewayId = input((s) => (s.raw.gateway.kind === "adopt" ? s.raw.gateway.id : ""));
        }
        this.pointToSiteAddressPool = addressPool;

        const endpoint = args.armEndpoint ?? process.env[ARM_ENDPOINT_ENV] ?? DEFAULT_ARM_ENDPOINT;
        const token = pulumi.secret(authorization.getClientTokenOutput({}, { parent: this }).apply((t) => t.token ?? ""));
        // One certificate per subscription and VNet: components adopting one gateway share the first one's step.
        const sharedKey = adopted && typeof (args.gateway as ExistingGateway).id === "string" ? ((args.gateway as ExistingGateway).id as string).toLowerCase() : undefined;
        const shared = sharedKey === undefined ? undefined : programCertificates().get(sharedKey);
        if (adopted && certBlob && shared) {
            certificateStep = shared;
        } else if (adopted && certBlob) {
            certificateStep = new GatewayRootCertificate(
                `${name}-certificate`,
                {
                    gatewayId: this.gatewayId,
                    certificateName,
                    publicCertData: certBlob.apply((b) => b ?? ""),
                    endpoint,
                    token,
                    armOptions: args.armOptions ?? {},
                    removeOnDelete: (args.gateway as ExistingGateway).removeCertificateOnDelete === true,
                },
                { ...childOpts, dependsOn: this.connections },
            );
            if (sharedKey !== undefined) programCertificates().set(sharedKey, certificateStep);
        }

        // 3 and 4. The VPN client package, written to each connection's gateways/primary.
        this.connections.forEach((connection, i) => {
            new VpnPackageSync(
                names.name("pulumi-nodejs:dynamic/appservice-vnet-integration:VpnPackageSync", `${name}-${appKeys[i]}-package`, `the VPN package of ${appKeys[i]}`),
                {
                    gatewayId: this.gatewayId,
                    connectionId: connection.id,
                    vnetName: vnet.name,
                    certificateThumbprint: connection.certThumbprint.apply((t) => t ?? ""),
                    dnsServers: vnet.dnsServers,
                    endpoint,
                    token,
                    armOptions: args.armOptions ?? {},
                },
                { ...childOpts, ...aliased(apps[i], "-package"), dependsOn: [connection, ...(certificateStep ? [certificateStep] : [])] },
            );
        });

        this.certificateThumbprint = this.connections.length > 0 ? this.connections[0].certThumbprint : pulumi.output(undefined);
        this.appConnections = pulumi.all(
            this.connections.map((c, i) =>
                pulumi.all([input((s) => appIdentity(s.raw.apps[i])), c.id, c.resyncRequired]).apply(([app, id, resync]) => ({ app, connectionId: id, resyncRequired: resync === true })),
            ),
        );
        this.violations = input((s) => [...s.reported]);
        this.topology = checked.output.apply((s) => exported(s.topology!));
        this.hub = {
            virtualNetwork: input((s) => ({ id: s.raw.virtualNetwork.id, name: s.raw.virtualNetwork.name, resourceGroupName: s.raw.virtualNetwork.resourceGroupName, location: s.raw.virtualNetwork.location, addressSpace: s.raw.virtualNetwork.addressSpace })) as GatewayHub["virtualNetwork"],
            vnetKey: input((s) => virtualNetworkFacts(s.raw.virtualNetwork).vnetKey),
            gatewayId: this.gatewayId,
            gatewaySku: input((s) => (s.raw.gateway.kind === "create" ? s.raw.gateway.sku : s.raw.gateway.skuName)),
            pointToSiteAddressPool: this.pointToSiteAddressPool,
            plan: input((s) => planAddress(s.raw.plan)) as GatewayHub["plan"],
            dependencies: [...this.connections, ...(this.gateway ? [this.gateway] : [])],
            label: pulumi.CustomResource.isInstance(args.virtualNetwork) ? logicalName(args.virtualNetwork) : typeof (args.virtualNetwork as { name?: unknown }).name === "string" ? ((args.virtualNetwork as { name: string }).name) : undefined,
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

/** An integration in the topology model (peers and routes come from PeeredGatewayRoutes). */
function gatewayTopology(s: SettledGateway, verdict: ReturnType<typeof judged>): GatewayTopology {
    const r = s.raw;
    const plan = planFacts(r.plan).plan;
    return {
        kind: "gateway",
        ...verdict,
        gatewaySku: r.gateway.kind === "create" ? (r.gateway.sku ?? "VpnGw1AZ") : r.gateway.skuName,
        gateway: r.gateway.kind === "create" ? { created: true, protocols: ["SSTP"] } : { created: false, ...(r.gateway.pointToSite?.protocols ? { protocols: r.gateway.pointToSite.protocols } : {}) },
        plan: { ...planAddress(r.plan), name: plan.name, location: plan.location, skuName: plan.skuName ?? "", skuTier: plan.skuTier, linux: plan.linux, peakInstances: plan.capacity ?? 1 },
        apps: r.apps.map((a) => ({ name: a.name, resourceGroupName: a.resourceGroupName, ...(a.slot ? { slot: a.slot } : {}), key: a.key, attachment: "connection" })),
        hub: {
            id: r.virtualNetwork.id,
            // The ARM name once known, else the VNet's label: a topology is for reading, never a child's input.
            name: virtualNetworkFacts(r.virtualNetwork).virtualNetwork.name,
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
    } as GatewayTopology;
}
