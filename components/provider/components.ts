/**
 * The three components for other languages: thin ComponentResources that take the
 * schema-friendly arguments (`./args.ts`), build the TypeScript component as their child and
 * expose its outputs as plain, schema-typed Outputs. No private fields: Pulumi's analyzer would
 * publish every field of these classes as an output.
 */
import * as pulumi from "@pulumi/pulumi";
import { GatewayVnetIntegration as GatewayComponent } from "../gateway/gatewayVnetIntegration";
import type { GatewayAppConnection } from "../gateway/gatewayVnetIntegration";
import { PeeredGatewayRoutes as PeeringComponent } from "../peering/peeredGatewayRoutes";
import { RegionalVnetIntegration as RegionalComponent } from "../regional/regionalVnetIntegration";
import type { Violation } from "../rules/engine";
import type { GatewayVnetIntegrationProviderArgs, PeeredGatewayRoutesProviderArgs, RegionalVnetIntegrationProviderArgs, ViolationInfo } from "./args";
import { toGatewayArgs, toPeeredArgs, toRegionalArgs } from "./mapping";

/** The package name of the component provider: type tokens are `appservice-vnet-integration:index:<Component>`. */
export const PROVIDER_PACKAGE = "appservice-vnet-integration";

function violationInfos(violations: pulumi.Output<Violation[]>): pulumi.Output<ViolationInfo[]> {
    return violations.apply((vs) => vs.map(({ code, name, severity, message }) => ({ code, name, severity, message })));
}

/**
 * Regional VNet Integration for Python, Go, C#, .NET and YAML: the apps of one App Service plan
 * reach a VNet in the same region through a subnet delegated to Microsoft.Web/serverFarms.
 * Apps you create take `subnetId` as their `virtualNetworkSubnetId` and `dnsServers` as their
 * `dnsConfiguration.dnsServers`; existing apps go in `apps`.
 * See https://learn.microsoft.com/azure/app-service/overview-vnet-integration
 */
export class RegionalVnetIntegration extends pulumi.ComponentResource {
    /** ARM id of the integration subnet: the `virtualNetworkSubnetId` of apps you create. */
    public readonly subnetId: pulumi.Output<string>;
    /** The subnet's prefix, e.g. `10.20.1.0/26`. */
    public readonly addressPrefix: pulumi.Output<string>;
    /** Addresses left for instances (Azure keeps 5 of every subnet). */
    public readonly usableAddresses: pulumi.Output<number>;
    /** The most plan instances the subnet holds: one address each, so equal to `usableAddresses`. */
    public readonly maxSupportedInstances: pulumi.Output<number>;
    /** The VNet's DNS servers (empty: Azure DNS): the `dnsConfiguration.dnsServers` of apps you create. */
    public readonly dnsServers: pulumi.Output<string[]>;
    /** Warnings and suppressed findings. */
    public readonly violations: pulumi.Output<ViolationInfo[]>;

    constructor(name: string, args: RegionalVnetIntegrationProviderArgs, opts?: pulumi.ComponentResourceOptions) {
        super(`${PROVIDER_PACKAGE}:index:RegionalVnetIntegration`, name, {}, opts);
        const component = new RegionalComponent(name, toRegionalArgs(args), { parent: this });
        this.subnetId = component.subnetId;
        this.addressPrefix = component.addressPrefix;
        this.usableAddresses = component.usableAddresses;
        this.maxSupportedInstances = component.maxSupportedInstances;
        this.dnsServers = component.dnsServers;
        this.violations = violationInfos(component.violations);
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

/**
 * Gateway-required VNet Integration for Python, Go, C#, .NET and YAML: Windows apps reach a VNet
 * in any region through a point-to-site VPN gateway (retiring 31 March 2027: VNI-G14).
 * See https://learn.microsoft.com/azure/app-service/configure-gateway-required-vnet-integration
 */
export class GatewayVnetIntegration extends pulumi.ComponentResource {
    /** ARM id of the gateway (created or adopted). */
    public readonly gatewayId: pulumi.Output<string>;
    /** The point-to-site address pool: the apps' source addresses. */
    public readonly pointToSiteAddressPool: pulumi.Output<string[]>;
    /** Thumbprint of the apps' certificate in the gateway, once Azure issued it. */
    public readonly certificateThumbprint: pulumi.Output<string | undefined>;
    /** Per app: its VNet connection and whether it needs a network sync. */
    public readonly appConnections: pulumi.Output<GatewayAppConnection[]>;
    /** Warnings (always VNI-G14) and suppressed findings. */
    public readonly violations: pulumi.Output<ViolationInfo[]>;

    constructor(name: string, args: GatewayVnetIntegrationProviderArgs, opts?: pulumi.ComponentResourceOptions) {
        super(`${PROVIDER_PACKAGE}:index:GatewayVnetIntegration`, name, {}, opts);
        const component = new GatewayComponent(name, toGatewayArgs(args), { parent: this });
        this.gatewayId = component.gatewayId;
        this.pointToSiteAddressPool = component.pointToSiteAddressPool;
        this.certificateThumbprint = component.certificateThumbprint;
        this.appConnections = component.appConnections;
        this.violations = violationInfos(component.violations);
        this.registerOutputs({
            gatewayId: this.gatewayId,
            pointToSiteAddressPool: this.pointToSiteAddressPool,
            certificateThumbprint: this.certificateThumbprint,
            appConnections: this.appConnections,
            violations: this.violations,
        });
    }
}

/**
 * Peered VNets reached through a gateway hub, for Python, Go, C#, .NET and YAML: both peerings
 * per peer with the documented flags, and one plan route per peer prefix.
 * See https://learn.microsoft.com/azure/app-service/overview-vnet-integration
 */
export class PeeredGatewayRoutes extends pulumi.ComponentResource {
    /** ARM ids of the peerings this component created. */
    public readonly peeringIds: pulumi.Output<string[]>;
    /** ARM ids of the plan routes this component created. */
    public readonly routeIds: pulumi.Output<string[]>;
    /** Warnings and suppressed findings. */
    public readonly violations: pulumi.Output<ViolationInfo[]>;

    constructor(name: string, args: PeeredGatewayRoutesProviderArgs, opts?: pulumi.ComponentResourceOptions) {
        super(`${PROVIDER_PACKAGE}:index:PeeredGatewayRoutes`, name, {}, opts);
        const component = new PeeringComponent(name, toPeeredArgs(args), { parent: this });
        this.peeringIds = pulumi.all(component.peerings.map((p) => p.id));
        this.routeIds = pulumi.all(component.routes.map((r) => r.id));
        this.violations = violationInfos(component.violations);
        this.registerOutputs({ peeringIds: this.peeringIds, routeIds: this.routeIds, violations: this.violations });
    }
}
