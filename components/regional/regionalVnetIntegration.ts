import * as network from "@pulumi/azure-native/network";
import { asComponentError, checkArgs, REGIONAL_ARGS } from "../shared/argsCheck";
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { integrationSubnetArgs, SiteNetworkArgs, siteNetworkArgs, swiftConnectionArgs, swiftConnectionSlotArgs } from "../azure";
import { Checked, childInput, CheckedFacts, checkWhenKnown, exported, RuleVerdict } from "../lifecycle";
import { limitsProfile } from "../report";
import { claimRegional, gatewayClaims, regionalProgramFacts } from "../program";
import type { Violation } from "../rules/engine";
import { Maybe, Unknown, whenKnown } from "../rules/known";
import { checkRegional, integrationDelegation, RegionalFacts } from "../rules/regional";
import type { NewSubnet, RegionalVnetIntegrationArgs } from "./args";
import { appFacts, appIdentity, isSlotApp, legacyAppKey, MaybeOf, planFacts, planSubscriptionOf, RawApp, rawApp, RawVirtualNetwork, virtualNetworkFacts } from "../shared/facts";
import { ChildNames } from "../names";
import { isAdoptedSubnet, RawNetwork, regionalSources, stickyRequest, subnetRequest } from "./facts";
import type { RegionalTopology } from "../topology/model";
import { judged, recordTopology } from "../topology/judged";
import { SERVER_FARMS_SERVICE } from "../azure";

/** Microsoft's maximum horizontal scale for a subnet: half its usable addresses (scaling needs old and new addresses at once). */
export function maxHorizontalScale(usable: number): number {
    return Math.floor(usable / 2);
}

/** The integration VNet as a hub: what PeeredGatewayRoutes reads. */
export interface HubNetwork {
    readonly id: string;
    readonly name: string;
    readonly resourceGroupName: string;
    readonly location: string;
    readonly addressSpace: string[];
    /** Identity within the program. */
    readonly key: string;
}

/** What the rules settled: the inputs of the subnet and of every app link. Kept small: it becomes an Output. */
interface SettledNetwork {
    readonly virtualNetwork: MaybeOf<RawVirtualNetwork>;
    readonly vnetKey: string;
    /** The adopted subnet's id; undefined when the component creates one. */
    readonly adoptedSubnetId?: string;
    /** As given, or allocated; Unknown while allocation waits for the VNet's address space. */
    readonly addressPrefix: Maybe<string>;
    readonly usableAddresses: Maybe<number>;
    readonly apps: readonly MaybeOf<RawApp>[];
    /** The DNS servers the apps use: the user's pick, else the VNet's servers. */
    readonly siteDnsServers: Maybe<string[] | undefined>;
    /** What siteArgs.dnsConfiguration carries: the user's pick only. */
    readonly pickedDnsServers?: string[];
    /** The created subnet's delegation: the plan's service (Flex Consumption: Microsoft.App/environments). */
    readonly delegationService: Maybe<string>;
    /** This integration in the topology model (facts may be Unknown at preview). */
    readonly topology: MaybeOf<RegionalTopology>;
}

/**
 * Regional VNet Integration: the apps of one App Service plan reach a VNet in the same region
 * through a subnet delegated to Microsoft.Web/serverFarms.
 *
 * Creates or allocates the subnet (or adopts an empty one), attaches the listed apps through
 * swift connections, and offers `siteArgs` for apps the program is still writing. Every
 * documented limit is checked first; on a violation nothing is registered.
 *
 * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration
 * @see https://learn.microsoft.com/azure/app-service/configure-vnet-integration-enable
 * @example
 * ```ts
 * import * as web from "@pulumi/azure-native/web";
 * import { RegionalVnetIntegration } from "appservice-vnet-integration";
 *
 * const integration = new RegionalVnetIntegration("apps-vnet", {
 *     plan,                               // web.AppServicePlan, or { id, location, sku } of an existing one
 *     virtualNetwork: vnet,               // network.VirtualNetwork, or facts of an existing one
 *     subnet: { prefixLength: 26 },       // allocate a free /26
 *     apps: [{ name: "billing-api", resourceGroupName: "billing-rg" }], // existing apps (form B)
 * });
 * // Apps created here spread siteArgs (form A):
 * new web.WebApp("orders", { resourceGroupName, serverFarmId: plan.id, ...integration.siteArgs });
 * ```
 */
export class RegionalVnetIntegration extends pulumi.ComponentResource {
    /** ARM id of the integration subnet (created or adopted). */
    public readonly subnetId: pulumi.Output<string>;
    /** The subnet's prefix: as given, or the block allocated for it. */
    public readonly addressPrefix: pulumi.Output<string>;
    /** Addresses the plan can use: the subnet's size less the 5 Azure keeps. */
    public readonly usableAddresses: pulumi.Output<number>;
    /**
     * The most plan instances the subnet supports: half its usable addresses, as Microsoft's table of
     * maximum horizontal scale has it (/28: 5, /27: 13, /26: 29), since a scale up or down briefly needs
     * old and new instances' addresses ({@link https://learn.microsoft.com/azure/app-service/overview-vnet-integration | Subnet requirements}).
     */
    public readonly maxSupportedInstances: pulumi.Output<number>;
    /**
     * The DNS servers the integrated apps use: the `dnsServers` argument (which `siteArgs.dnsConfiguration`
     * carries, at most 5, VNI-R14), else the VNet's custom DNS servers, which apps use without any site
     * setting; empty means Azure DNS ({@link https://learn.microsoft.com/azure/app-service/overview-vnet-integration | DNS}).
     */
    public readonly dnsServers: pulumi.Output<string[]>;
    /** Warnings and suppressed findings of the rules, for the record. Errors throw instead. */
    public readonly violations: pulumi.Output<Violation[]>;
    /** The subnet this component created; undefined when it adopted one. */
    public readonly subnet?: network.Subnet;
    /**
     * This integration in the topology model (components/topology): VNet, subnet, plan, the apps
     * it attaches, declared destinations, the limits profile and what the rules said. Apps that
     * spread `siteArgs` are not listed: the component does not see them (npm run doctor adds them).
     */
    public readonly topology: pulumi.Output<RegionalTopology>;
    /** One swift connection per app in `apps`, in order. */
    public readonly connections: (web.WebAppSwiftVirtualNetworkConnection | web.WebAppSwiftVirtualNetworkConnectionSlot)[];

    private readonly routing: RegionalVnetIntegrationArgs["routing"];
    /** The `dnsServers` argument once checked; undefined without one. */
    private readonly pickedDnsServers?: pulumi.Output<string[]>;
    private readonly checked: CheckedFacts<SettledNetwork>;
    private siteArgsMemo?: SiteNetworkArgs;
    private virtualNetworkMemo?: pulumi.Output<HubNetwork>;

    /** The integration VNet, as PeeredGatewayRoutes sees a hub reached through regional integration. */
    public get virtualNetwork(): pulumi.Output<HubNetwork> {
        // Built on first use, like siteArgs: every Output costs memory under the engine too.
        return (this.virtualNetworkMemo ??= this.checked.output.apply((s) => exported({ ...s.virtualNetwork, key: s.vnetKey }) as HubNetwork));
    }

    /**
     * Form A: spread into `new web.WebApp(...)` / `web.WebAppSlot` arguments of an app this
     * program creates (`virtualNetworkSubnetId`, `outboundVnetRouting`, `dnsConfiguration`).
     * Do not also list that app in `apps` (VNI-R12).
     */
    public get siteArgs(): SiteNetworkArgs {
        // Built on first use: most integrations attach existing apps and never need it.
        return (this.siteArgsMemo ??= siteNetworkArgs(this.subnetId, this.routing, this.pickedDnsServers));
    }

    constructor(name: string, args: RegionalVnetIntegrationArgs, opts?: pulumi.ComponentResourceOptions) {
        super("appservice-vnet-integration:index:RegionalVnetIntegration", name, {}, opts);
        // Arguments of the wrong shape are this component's error, never a TypeError (issue 10).
        checkArgs(this, name, args, REGIONAL_ARGS);

        const profile = limitsProfile(this, name, args.limits);
        // Facts -> rules: in the constructor when plain, as soon as they are known otherwise.
        const checked = checkWhenKnown(this, name, args.suppress, asComponentError(this, name, () => regionalSources(args, name, this)), (settled): RuleVerdict<SettledNetwork> => {
            const raw = settled as unknown as RawNetwork;
            const vnet = virtualNetworkFacts(raw.virtualNetwork);
            const plan = planFacts(raw.plan);
            // An allocated subnet that exists keeps its prefix; new ones avoid every subnet the VNet has.
            const sticky = stickyRequest(raw.subnet, raw.reservedAddressPrefixes, raw.liveSubnets);
            const facts: RegionalFacts = {
                ...plan,
                ...vnet,
                planSubscriptionId: planSubscriptionOf(raw.plan),
                subnet: subnetRequest(sticky.subnet),
                maxInstances: raw.maxInstances,
                reservedAddressPrefixes: sticky.reserved,
                peeredNetworks: raw.destinations.peeredNetworks,
                onPremisesPrefixes: raw.destinations.onPremisesPrefixes,
                privateEndpoints: raw.destinations.privateEndpoints,
                routing: args.routing ?? {},
                apps: raw.apps.map(appFacts),
                // Indexed once for the program: earlier claims and every subnet this library makes.
                ...regionalProgramFacts(),
                siteDns: { picked: raw.siteDnsServers, label: `siteArgs of ${name}` },
                programGatewaySubnets: gatewayClaims().flatMap((c) => (c.vnetKey === vnet.vnetKey && c.gateway?.created ? [c.gateway.subnetPrefix] : [])),
            };
            const outcome = checkRegional(facts, profile);
            const addressPrefix = outcome.addressPrefix ?? new Unknown(`the subnet prefix of ${name}, which waits for ${outcome.deferred[0]?.why ?? "its facts"}`);
            if (sticky.moves && typeof addressPrefix === "string" && addressPrefix !== sticky.previous) {
                void pulumi.log.warn(
                    `${name}: the subnet moves from ${sticky.previous} to ${addressPrefix} (${sticky.moves}): it is replaced delete-first and its apps are unlinked during the update. ` +
                        `Fix: give { addressPrefix: "${sticky.previous}" } to keep it.`,
                    this,
                );
            }
            const topology = regionalTopology(name, raw, facts, addressPrefix, outcome.usableAddresses, args.subnet ?? {}, judged(name, profile.name, outcome.findings, outcome.deferred, args.suppress));
            recordTopology(this, topology);
            return {
                findings: outcome.findings,
                deferred: outcome.deferred,
                result: {
                    virtualNetwork: raw.virtualNetwork,
                    vnetKey: vnet.vnetKey,
                    adoptedSubnetId: raw.subnet.kind === "adopt" ? raw.subnet.id : undefined,
                    addressPrefix,
                    usableAddresses: outcome.usableAddresses ?? new Unknown(`the subnet prefix of ${name}`),
                    apps: raw.apps,
                    siteDnsServers: raw.siteDnsServers && raw.siteDnsServers.length > 0 ? raw.siteDnsServers : raw.virtualNetwork.dnsServers,
                    pickedDnsServers: raw.siteDnsServers,
                    delegationService: whenKnown([plan.plan.skuName, plan.plan.skuTier], (skuName, tier) => integrationDelegation({ skuName, skuTier: tier })),
                    topology,
                },
                claim: () =>
                    claimRegional({
                        component: name,
                        planKey: facts.planKey,
                        planName: facts.plan.name,
                        planLinux: facts.plan.linux,
                        vnetKey: facts.vnetKey,
                        addressPrefix: addressPrefix as string,
                        appKeys: raw.apps.map(appIdentity),
                        createsSubnet: raw.subnet.kind !== "adopt",
                        planSubscriptionId: facts.planSubscriptionId,
                    }),
            };
        });
        const input = <U>(pick: (s: Checked<SettledNetwork>) => Maybe<U>) => childInput(checked, pick);
        const subnetOptions = (args.subnet ?? {}) as NewSubnet;
        const creates = !isAdoptedSubnet(args.subnet ?? {});

        // Children: every input waits for the rules, so an error registers none of them.
        const names = new ChildNames(this, name);
        const appKeys = (args.apps ?? []).map((app, i) => rawApp(app, i).key as string); // always plain: a logical name or the app's own name
        names.reserve([
            ...(creates ? [["azure-native:network:Subnet", `${name}-subnet`, "the integration subnet"] as const] : []),
            ...(args.apps ?? []).map((app, i) =>
                isSlotApp(app)
                    ? (["azure-native:web:WebAppSwiftVirtualNetworkConnectionSlot", `${name}-${appKeys[i]}`, `slot ${appKeys[i]}`] as const)
                    : (["azure-native:web:WebAppSwiftVirtualNetworkConnection", `${name}-${appKeys[i]}`, `app ${appKeys[i]}`] as const),
            ),
        ]);
        if (creates) {
            this.subnet = new network.Subnet(
                names.name("azure-native:network:Subnet", `${name}-subnet`, "the integration subnet"),
                integrationSubnetArgs({
                    resourceGroupName: input((s) => s.virtualNetwork.resourceGroupName),
                    virtualNetworkName: input((s) => s.virtualNetwork.name),
                    subnetName: subnetOptions.name ?? name,
                    addressPrefix: input((s) => s.addressPrefix),
                    networkSecurityGroupId: subnetOptions.networkSecurityGroupId,
                    routeTableId: subnetOptions.routeTableId,
                    natGatewayId: subnetOptions.natGatewayId,
                    serviceEndpoints: subnetOptions.serviceEndpoints,
                    delegationService: input((s) => s.delegationService),
                }),
                // A prefix change replaces the subnet on purpose: azure-native would update addressPrefix in
                // place, which Azure refuses while apps are linked. The Azure name is fixed, so the
                // replacement deletes first, and the links (which depend on it) go before it.
                { parent: this, deleteBeforeReplace: true, replaceOnChanges: ["addressPrefix"] },
            );
        }
        this.subnetId = this.subnet ? this.subnet.id : pulumi.output(input((s) => s.adoptedSubnetId ?? ""));

        this.connections = (args.apps ?? []).map((app, i) => {
            const key = appKeys[i];
            const field = (pick: (a: MaybeOf<RawApp>) => Maybe<string | undefined>) => input((s) => pick(s.apps[i])) as pulumi.Input<string>;
            // Deleted before the subnet (it depends on it), recreated only after the old link is gone:
            // a site has exactly one networkConfig/virtualNetwork.
            const legacy = legacyAppKey(app);
            const linkOpts: pulumi.CustomResourceOptions = {
                parent: this,
                deleteBeforeReplace: true,
                // A new subnet (prefix change) is a new link: Azure moves a site between subnets only by unlinking it first.
                replaceOnChanges: ["subnetResourceId"],
                dependsOn: this.subnet ? [this.subnet] : [],
                // A slot given as facts was `<name>-<app>-<slot>` before: keep it, not replace it.
                ...(legacy ? { aliases: [{ name: `${name}-${legacy}` }] } : {}),
            };
            const target = { name: field((a) => a.name), resourceGroupName: field((a) => a.resourceGroupName) };
            // Links wait for the rules too (their apps' facts are among them).
            const subnetId = this.subnet ? pulumi.all([this.subnetId, checked.output]).apply(([id]) => id) : this.subnetId;
            return isSlotApp(app)
                ? new web.WebAppSwiftVirtualNetworkConnectionSlot(
                      names.name("azure-native:web:WebAppSwiftVirtualNetworkConnectionSlot", `${name}-${key}`, `slot ${key}`),
                      swiftConnectionSlotArgs({ ...target, slot: field((a) => a.slot) }, subnetId),
                      linkOpts,
                  )
                : new web.WebAppSwiftVirtualNetworkConnection(names.name("azure-native:web:WebAppSwiftVirtualNetworkConnection", `${name}-${key}`, `app ${key}`), swiftConnectionArgs(target, subnetId), linkOpts);
        });

        this.addressPrefix = pulumi.output(input((s) => s.addressPrefix));
        this.usableAddresses = pulumi.output(input((s) => s.usableAddresses));
        this.maxSupportedInstances = this.usableAddresses.apply(maxHorizontalScale);
        this.dnsServers = pulumi.output(input((s) => s.siteDnsServers ?? []));
        this.pickedDnsServers = args.dnsServers === undefined ? undefined : pulumi.output(input((s) => s.pickedDnsServers ?? []));
        this.routing = args.routing;
        this.checked = checked;
        this.violations = pulumi.output(input((s) => [...s.reported]));
        this.topology = checked.output.apply((s) => exported(s.topology) as RegionalTopology);

        // The same Outputs as the properties: each Output costs promises and memory per component.
        this.registerOutputs({
            subnetId: this.subnetId,
            addressPrefix: this.addressPrefix,
            usableAddresses: this.usableAddresses,
            maxSupportedInstances: this.maxSupportedInstances,
            dnsServers: this.dnsServers,
            violations: this.violations,
        });
    }
}

/** A regional integration in the topology model, as its rules saw it. */
function regionalTopology(
    name: string,
    raw: RawNetwork,
    facts: RegionalFacts,
    addressPrefix: Maybe<string>,
    usableAddresses: number | undefined,
    subnet: NonNullable<RegionalVnetIntegrationArgs["subnet"]>,
    verdict: ReturnType<typeof judged>,
): MaybeOf<RegionalTopology> {
    const v = raw.virtualNetwork;
    const plan = facts.plan;
    return {
        kind: "regional",
        ...verdict,
        plan: { name: plan.name, location: plan.location, skuName: plan.skuName, skuTier: plan.skuTier, linux: plan.linux, peakInstances: raw.maxInstances ?? plan.capacity ?? 1 },
        apps: raw.apps.map((a) => ({ name: a.name, resourceGroupName: a.resourceGroupName, ...(a.slot ? { slot: a.slot } : {}), ...(a.routing ? { routing: a.routing } : {}), key: a.key, attachment: "connection" })),
        // The VNet's ARM name once known, else its label: a topology is for reading, never a child's input.
        virtualNetwork: { name: facts.virtualNetwork.name, id: v.id, resourceGroupName: v.resourceGroupName, location: v.location, addressSpace: v.addressSpace, dnsServers: v.dnsServers ?? [] },
        subnet: addressPrefix,
        subnetDetails: {
            name: isAdoptedSubnet(subnet) ? undefined : ((subnet as NewSubnet).name ?? name),
            created: !isAdoptedSubnet(subnet),
            delegation: SERVER_FARMS_SERVICE,
            ...(usableAddresses !== undefined ? { usableAddresses } : {}),
        },
        otherSubnets: [...raw.reservedAddressPrefixes, ...(facts.programGatewaySubnets ?? [])],
        peers: raw.destinations.peeredNetworks.map((p) => ({ name: p.name, location: p.location, addressPrefixes: p.addressPrefixes })),
        onPremisesPrefixes: raw.destinations.onPremisesPrefixes,
    } as unknown as MaybeOf<RegionalTopology>;
}
