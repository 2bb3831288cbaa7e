import * as network from "@pulumi/azure-native/network";
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { integrationSubnetArgs, SiteNetworkArgs, siteNetworkArgs, swiftConnectionArgs, swiftConnectionSlotArgs } from "../azure";
import { limitsProfile, reportFindings } from "../report";
import { appKey, claimRegional, inDeclarationOrder, librarySubnets, regionalClaims } from "../program";
import { checkSuppressions, Finding, Violation } from "../rules/engine";
import { checkRegional, checkRegionalApps, RegionalFacts } from "../rules/regional";
import type { NewSubnet, RegionalVnetIntegrationArgs } from "./args";
import { appFacts, isPlain, isSlotApp, planFacts, RawApp, rawApp, RawVirtualNetwork, virtualNetworkFacts } from "../shared/facts";
import { isAdoptedSubnet, RawNetwork, rawNetwork, subnetRequest } from "./facts";

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

/**
 * What the network stage settled: the inputs of the subnet and of every app link. Kept small
 * and flat on purpose: it becomes an Output, which Pulumi walks whole.
 */
interface SettledNetwork {
    readonly virtualNetwork: RawVirtualNetwork;
    readonly vnetKey: string;
    /** The adopted subnet's id; undefined when the component creates one. */
    readonly adoptedSubnetId?: string;
    readonly addressPrefix: string;
    readonly usableAddresses: number;
    readonly reported: readonly Violation[];
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
    /** The most plan instances the subnet holds: one address each ({@link https://learn.microsoft.com/azure/app-service/overview-vnet-integration | Subnet requirements}). */
    public readonly maxSupportedInstances: pulumi.Output<number>;
    /** The VNet's custom DNS servers, which integrated apps use; empty means Azure DNS ({@link https://learn.microsoft.com/azure/app-service/overview-vnet-integration | DNS}). */
    public readonly dnsServers: pulumi.Output<string[]>;
    /** Warnings and suppressed findings of the rules, for the record. Errors throw instead. */
    public readonly violations: pulumi.Output<Violation[]>;
    /** The subnet this component created; undefined when it adopted one. */
    public readonly subnet?: network.Subnet;
    /** One swift connection per app in `apps`, in order. */
    public readonly connections: (web.WebAppSwiftVirtualNetworkConnection | web.WebAppSwiftVirtualNetworkConnectionSlot)[];

    private readonly routing: RegionalVnetIntegrationArgs["routing"];
    private readonly settled: pulumi.Output<SettledNetwork>;
    private siteArgsMemo?: SiteNetworkArgs;
    private virtualNetworkMemo?: pulumi.Output<HubNetwork>;

    /** The integration VNet, as PeeredGatewayRoutes sees a hub reached through regional integration. */
    public get virtualNetwork(): pulumi.Output<HubNetwork> {
        // Built on first use, like siteArgs: every Output costs memory under the engine too.
        return (this.virtualNetworkMemo ??= this.settled.apply((s) => ({ ...s.virtualNetwork, key: s.vnetKey })));
    }

    /**
     * Form A: spread into `new web.WebApp(...)` / `web.WebAppSlot` arguments of an app this
     * program creates (`virtualNetworkSubnetId`, `outboundVnetRouting`, `dnsConfiguration`).
     * Do not also list that app in `apps` (VNI-R12).
     */
    public get siteArgs(): SiteNetworkArgs {
        // Built on first use: most integrations attach existing apps and never need it.
        return (this.siteArgsMemo ??= siteNetworkArgs(this.subnetId, this.routing, this.dnsServers));
    }

    constructor(name: string, args: RegionalVnetIntegrationArgs, opts?: pulumi.ComponentResourceOptions) {
        super("appservice-vnet-integration:index:RegionalVnetIntegration", name, {}, opts);

        const profile = limitsProfile(this, name, args.limits);
        const suppress = args.suppress;

        const networkInput = rawNetwork(args, name);
        const appInputs = (args.apps ?? []).map((app, i) => rawApp(app, i));
        const plainApps = appInputs.filter(isPlain) as RawApp[];
        const lateApps = appInputs.filter((a) => !isPlain(a));

        const checkNetwork = (raw: RawNetwork): SettledNetwork => {
            const vnet = virtualNetworkFacts(raw.virtualNetwork);
            const facts: RegionalFacts = {
                ...planFacts(raw.plan),
                ...vnet,
                subnet: subnetRequest(raw.subnet),
                maxInstances: raw.maxInstances,
                reservedAddressPrefixes: raw.reservedAddressPrefixes,
                peeredNetworks: raw.destinations.peeredNetworks,
                onPremisesPrefixes: raw.destinations.onPremisesPrefixes,
                routing: args.routing ?? {},
                apps: plainApps.map(appFacts),
                others: regionalClaims(),
                otherLibrarySubnets: librarySubnets(vnet.vnetKey),
            };
            const outcome = checkRegional(facts, profile);
            const reported = reportFindings(this, name, [...checkSuppressions(suppress), ...outcome.findings], suppress);
            claimRegional({
                component: name,
                planKey: facts.planKey,
                planName: facts.plan.name,
                planLinux: facts.plan.linux,
                vnetKey: facts.vnetKey,
                addressPrefix: outcome.addressPrefix!,
                appKeys: plainApps.map(appKey),
            });
            return {
                virtualNetwork: raw.virtualNetwork,
                vnetKey: vnet.vnetKey,
                adoptedSubnetId: raw.subnet.kind === "adopt" ? raw.subnet.id : undefined,
                addressPrefix: outcome.addressPrefix!,
                usableAddresses: outcome.usableAddresses!,
                reported,
            };
        };

        const checkApps = (settled: SettledNetwork, raws: RawApp[]): Violation[] => {
            const findings: Finding[] = checkRegionalApps(raws.map(appFacts), virtualNetworkFacts(settled.virtualNetwork).virtualNetwork);
            return [...settled.reported, ...reportFindings(this, name, findings, suppress)];
        };

        // Plain facts are checked now, before any child exists; Outputs when they resolve.
        const known = isPlain(networkInput) ? checkNetwork(networkInput as RawNetwork) : undefined;
        const settledNetwork: pulumi.Output<SettledNetwork> = known
            ? (pulumi.output(known) as pulumi.Output<SettledNetwork>)
            : (inDeclarationOrder(pulumi.output(networkInput) as pulumi.Output<RawNetwork>, checkNetwork) as pulumi.Output<SettledNetwork>);
        // Children take plain values when the facts were plain: an Output input costs the engine
        // a serialization round per property, which a program of many integrations feels.
        const settledValue = <T>(pick: (s: SettledNetwork) => T): pulumi.Input<T> => (known ? pick(known) : settledNetwork.apply(pick));
        const reportedAll: pulumi.Output<Violation[]> =
            lateApps.length === 0
                ? settledNetwork.apply((settled) => [...settled.reported])
                : (pulumi.all([settledNetwork, pulumi.output(lateApps) as pulumi.Output<RawApp[]>]).apply(([settled, raws]) => checkApps(settled, raws)) as pulumi.Output<Violation[]>);
        const subnetOptions = (args.subnet ?? {}) as NewSubnet;
        const creates = !isAdoptedSubnet(args.subnet ?? {});

        if (creates) {
            this.subnet = new network.Subnet(
                `${name}-subnet`,
                integrationSubnetArgs({
                    resourceGroupName: settledValue((s) => s.virtualNetwork.resourceGroupName),
                    virtualNetworkName: settledValue((s) => s.virtualNetwork.name),
                    subnetName: subnetOptions.name ?? name,
                    addressPrefix: settledValue((s) => s.addressPrefix),
                    networkSecurityGroupId: subnetOptions.networkSecurityGroupId,
                    routeTableId: subnetOptions.routeTableId,
                    natGatewayId: subnetOptions.natGatewayId,
                    serviceEndpoints: subnetOptions.serviceEndpoints,
                }),
                // The Azure name is fixed, so a replacement must delete first.
                { parent: this, deleteBeforeReplace: true },
            );
        }
        this.subnetId = this.subnet ? this.subnet.id : pulumi.output(settledValue((s) => s.adoptedSubnetId ?? ""));

        // Links of apps that resolve late also wait for those apps' checks.
        const linkSubnetId = lateApps.length === 0 ? this.subnetId : pulumi.all([this.subnetId, reportedAll]).apply(([id]) => id);
        this.connections = appInputs.map((input, i) => {
            const app = (isPlain(input) ? input : pulumi.output(input)) as pulumi.Input<RawApp>;
            const field = <K extends keyof RawApp>(key: K) => (isPlain(input) ? (input as RawApp)[key] : (app as pulumi.Output<RawApp>).apply((a) => a[key]));
            const key = input.key as string; // always plain: a logical name or the app's own name
            // Deleted before the subnet (it depends on it), recreated only after the old link is gone:
            // a site has exactly one networkConfig/virtualNetwork.
            const linkOpts: pulumi.CustomResourceOptions = { parent: this, deleteBeforeReplace: true, dependsOn: this.subnet ? [this.subnet] : [] };
            const target = { name: field("name") as pulumi.Input<string>, resourceGroupName: field("resourceGroupName") as pulumi.Input<string> };
            return isSlotApp(args.apps![i])
                ? new web.WebAppSwiftVirtualNetworkConnectionSlot(`${name}-${key}`, swiftConnectionSlotArgs({ ...target, slot: field("slot") as pulumi.Input<string> }, linkSubnetId), linkOpts)
                : new web.WebAppSwiftVirtualNetworkConnection(`${name}-${key}`, swiftConnectionArgs(target, linkSubnetId), linkOpts);
        });

        this.addressPrefix = settledNetwork.apply((s) => s.addressPrefix);
        this.usableAddresses = settledNetwork.apply((s) => s.usableAddresses);
        this.maxSupportedInstances = this.usableAddresses;
        this.dnsServers = settledNetwork.apply((s) => s.virtualNetwork.dnsServers ?? []);
        this.routing = args.routing;
        this.settled = settledNetwork;
        this.violations = reportedAll;

        this.registerOutputs({
            subnetId: this.subnetId,
            addressPrefix: settledValue((s) => s.addressPrefix),
            usableAddresses: settledValue((s) => s.usableAddresses),
            maxSupportedInstances: settledValue((s) => s.usableAddresses),
            dnsServers: settledValue((s) => s.virtualNetwork.dnsServers ?? []),
            violations: lateApps.length === 0 ? settledValue((s) => [...s.reported]) : this.violations,
        });
    }
}
