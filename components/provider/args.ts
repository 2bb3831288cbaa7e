/**
 * Schema-friendly arguments of the three components, for Python, Go, C#, .NET and YAML users
 * through Pulumi's component provider host (`provider/`). Pulumi infers a package schema from
 * these types, and its analyzer expresses neither unions of object types, inline object types,
 * string-literal unions nor private fields: so each "resource or facts" union becomes two
 * optional fields, each union of shapes one interface whose fields pick the shape, and the
 * limits profile an enum. The TypeScript API (`RegionalVnetIntegrationArgs`, ...) stays as it is;
 * `toRegionalArgs` and its siblings map these onto it.
 */
import type * as network from "@pulumi/azure-native/network";
import type * as web from "@pulumi/azure-native/web";
import type * as pulumi from "@pulumi/pulumi";
import type { OutboundRouting, RootCertificateShape } from "../azure";
import type { PeeringFlags } from "../rules/peering";
import type { Destinations } from "../regional/args";
import type { GatewayPeer } from "../gateway/args";
import type { ExistingApp, ExistingVirtualNetwork } from "../shared/args";

/**
 * Which limits the rules enforce.
 * See https://learn.microsoft.com/azure/app-service/overview-vnet-integration
 */
export enum Limits {
    /** The limits of Microsoft's 2019 VNet Integration page, exactly. */
    Documented = "documented",
    /** What Azure enforces today (Basic tier, /28 subnets, global peering, route-all to any destination, no new SSTP gateway): the default. */
    Azure2026 = "azure-2026",
}

/**
 * Facts of an App Service plan this program does not create.
 * See https://learn.microsoft.com/azure/app-service/overview-hosting-plans
 */
export interface PlanFacts {
    /** ARM id of the plan. */
    readonly id: pulumi.Input<string>;
    /** Plan name for messages and plan-level routes. @default the last segment of `id` */
    readonly name?: pulumi.Input<string>;
    /** Resource group of the plan. @default the one in `id` */
    readonly resourceGroupName?: pulumi.Input<string>;
    /** Azure region, e.g. `westeurope` or `West Europe`. */
    readonly location: pulumi.Input<string>;
    /** SKU name as ARM reports it, e.g. `P1v3`; the tier is derived from it when `skuTier` is omitted. @default unknown: give `skuTier` */
    readonly skuName?: pulumi.Input<string>;
    /** SKU tier, e.g. `PremiumV3`. @default derived from `skuName` */
    readonly skuTier?: pulumi.Input<string>;
    /** Instances the plan runs; the default for `maxInstances`. @default 1 */
    readonly skuCapacity?: pulumi.Input<number>;
    /** `true` for a Linux plan. @default false */
    readonly reserved?: pulumi.Input<boolean>;
    /** ARM kind; one containing `linux` marks a Linux plan too. @default none */
    readonly kind?: pulumi.Input<string>;
}

/**
 * The integration subnet. `id` adopts an existing, empty subnet (with `addressPrefix`);
 * otherwise `addressPrefix` creates one with that prefix, and neither allocates the lowest free
 * aligned block of `prefixLength`.
 * See https://learn.microsoft.com/azure/app-service/overview-vnet-integration
 */
export interface SubnetArgs {
    /** ARM id of an existing, empty subnet to adopt; the component does not manage it. @default none: the component creates the subnet */
    readonly id?: pulumi.Input<string>;
    /** Prefix of the subnet to create, or of the adopted one. Constraint: /27 or larger (/28 under azure-2026). @default allocated (see `prefixLength`) */
    readonly addressPrefix?: pulumi.Input<string>;
    /** Prefix length to allocate when no `addressPrefix` is given. @default sized for twice `maxInstances` */
    readonly prefixLength?: number;
    /** Azure name of a created subnet; changing it replaces the subnet. @default the component name */
    readonly name?: string;
    /** Network security group on a created subnet. @default none */
    readonly networkSecurityGroupId?: pulumi.Input<string>;
    /** Route table on a created subnet; VNI-R10 under the documented profile. @default none */
    readonly routeTableId?: pulumi.Input<string>;
    /** NAT gateway on a created subnet. @default none */
    readonly natGatewayId?: pulumi.Input<string>;
    /** Service endpoints on a created subnet, e.g. `Microsoft.Storage`. @default [] */
    readonly serviceEndpoints?: pulumi.Input<string>[];
    /** An adopted subnet's delegations, when known; anything but Microsoft.Web/serverFarms is VNI-R06. @default unknown */
    readonly delegations?: pulumi.Input<string>[];
    /** What already sits in an adopted subnet, when known; anything is VNI-R06. @default unknown */
    readonly usedBy?: pulumi.Input<string>[];
    /** An adopted subnet has a route table (VNI-R10 under the documented profile). @default false */
    readonly hasRouteTable?: pulumi.Input<boolean>;
}

/**
 * Arguments of `RegionalVnetIntegration` for other languages. Give exactly one of `plan` and
 * `existingPlan`, and of `virtualNetwork` and `existingVirtualNetwork`.
 * See https://learn.microsoft.com/azure/app-service/overview-vnet-integration
 */
export interface RegionalVnetIntegrationProviderArgs {
    /** The App Service plan whose apps integrate, created in this program. @default none: give `existingPlan` */
    readonly plan?: web.AppServicePlan;
    /** Facts of a plan created elsewhere. @default none: give `plan` */
    readonly existingPlan?: PlanFacts;
    /** The VNet, in the plan's region, created in this program. @default none: give `existingVirtualNetwork` */
    readonly virtualNetwork?: network.VirtualNetwork;
    /** Facts of a VNet created elsewhere, in the plan's region. @default none: give `virtualNetwork` */
    readonly existingVirtualNetwork?: ExistingVirtualNetwork;
    /** Existing apps (or slots) attached by a swift connection. Apps you create take `subnetId` and `dnsServers` instead: never both (VNI-R12). @default [] */
    readonly apps?: ExistingApp[];
    /** The integration subnet. @default allocate a block sized for twice `maxInstances` */
    readonly subnet?: SubnetArgs;
    /** Prefixes of the VNet already taken by subnets made elsewhere; allocation and VNI-R07 avoid them. @default [] */
    readonly reservedAddressPrefixes?: pulumi.Input<string>[];
    /** The most instances the plan may scale to; one subnet address each (VNI-R03). @default the plan's capacity, else 1 */
    readonly maxInstances?: pulumi.Input<number>;
    /** Outbound traffic routed into the VNet (the site's `outboundVnetRouting`). @default RFC 1918 traffic only */
    readonly routing?: OutboundRouting;
    /** The DNS servers of the `dnsServers` output, at most 5 (VNI-R14). @default the VNet's DNS servers */
    readonly dnsServers?: pulumi.Input<string>[];
    /** Ranges the apps must reach beyond the VNet (VNI-R08, VNI-R09). @default none */
    readonly destinations?: Destinations;
    /** Which limits the rules enforce. @default azure-2026 (Limits.Azure2026) */
    readonly limits?: Limits;
    /** Rule codes to silence, each with the reason. @default {} */
    readonly suppress?: Record<string, string>;
}

/**
 * Facts of an existing point-to-site gateway to adopt.
 * See https://learn.microsoft.com/azure/app-service/configure-gateway-required-vnet-integration
 */
export interface ExistingGatewayFacts {
    /** ARM id of the `virtualNetworkGateways` resource. */
    readonly id: pulumi.Input<string>;
    /** Its SKU, e.g. `VpnGw2AZ` or `Basic`. */
    readonly skuName: pulumi.Input<string>;
    /** @default "Vpn" */
    readonly gatewayType?: pulumi.Input<string>;
    /** @default "RouteBased" (VNI-G07) */
    readonly vpnType?: pulumi.Input<string>;
    /** Its point-to-site address pool; none means no point-to-site configuration (VNI-G07). @default none */
    readonly pointToSiteAddressPool?: pulumi.Input<string>[];
    /** Its point-to-site protocols; App Service needs exactly SSTP (VNI-G08). @default [] */
    readonly pointToSiteProtocols?: pulumi.Input<string>[];
    /** Prefix of the subnet it lives in (VNI-G11). */
    readonly gatewaySubnetPrefix: pulumi.Input<string>;
    /** @default "GatewaySubnet" */
    readonly gatewaySubnetName?: pulumi.Input<string>;
}

/**
 * A gateway to create: route-based, SSTP-only point-to-site.
 * See https://learn.microsoft.com/azure/app-service/configure-gateway-required-vnet-integration
 */
export interface NewGatewayArgs {
    /** Point-to-site address pool: the apps' source addresses; RFC 1918, overlapping nothing (VNI-G05, VNI-G06). */
    readonly addressPool: pulumi.Input<string>[];
    /** Gateway SKU. @default "VpnGw1AZ" */
    readonly sku?: string;
    /** Prefix of the `GatewaySubnet` to create. @default a free /27 */
    readonly gatewaySubnetPrefix?: pulumi.Input<string>;
    /** Size of the allocated `GatewaySubnet`; /29 is the least (VNI-G11). @default 27 */
    readonly gatewaySubnetPrefixLength?: number;
    /** Prefixes of the VNet taken by subnets made elsewhere. @default [] */
    readonly reservedAddressPrefixes?: pulumi.Input<string>[];
    /** Root certificates of other point-to-site clients. @default [] */
    readonly rootCertificates?: RootCertificateShape[];
}

/**
 * Arguments of `GatewayVnetIntegration` for other languages. Give exactly one of `plan` and
 * `existingPlan`, of `virtualNetwork` and `existingVirtualNetwork`, of `newGateway` and `existingGateway`.
 * See https://learn.microsoft.com/azure/app-service/configure-gateway-required-vnet-integration
 */
export interface GatewayVnetIntegrationProviderArgs {
    /** A Windows plan of Standard tier or better, created in this program (VNI-G01, VNI-G02). @default none: give `existingPlan` */
    readonly plan?: web.AppServicePlan;
    /** Facts of a plan created elsewhere. @default none: give `plan` */
    readonly existingPlan?: PlanFacts;
    /** The VNet, any region of the plan's subscription (VNI-G10), created in this program. @default none: give `existingVirtualNetwork` */
    readonly virtualNetwork?: network.VirtualNetwork;
    /** Facts of a VNet created elsewhere. @default none: give `virtualNetwork` */
    readonly existingVirtualNetwork?: ExistingVirtualNetwork;
    /** Windows apps (or slots) to connect. @default [] */
    readonly apps?: ExistingApp[];
    /** Create a gateway. @default none: give `existingGateway` */
    readonly newGateway?: NewGatewayArgs;
    /** Adopt an existing gateway. @default none: give `newGateway` */
    readonly existingGateway?: ExistingGatewayFacts;
    /** The VNet has an ExpressRoute gateway (VNI-G09). @default false */
    readonly expressRouteGateway?: boolean;
    /** Peered VNets reached through the gateway (VNI-G06, VNI-G15). @default [] */
    readonly peers?: GatewayPeer[];
    /** On-premises ranges reached over the VNet's site-to-site VPN (VNI-G13). @default none */
    readonly onPremisesPrefixes?: pulumi.Input<string>[];
    /** That site-to-site connection uses BGP (VNI-G12). @default false */
    readonly onPremisesBgpEnabled?: boolean;
    /** ARM endpoint for the calls azure-native cannot make. @default "https://management.azure.com" */
    readonly armEndpoint?: string;
    /** Which limits the rules enforce. @default azure-2026 (Limits.Azure2026) */
    readonly limits?: Limits;
    /** Rule codes to silence, each with the reason. @default {} */
    readonly suppress?: Record<string, string>;
}

/**
 * The hub of `PeeredGatewayRoutes` for other languages: facts of a gateway integration (for
 * example the outputs of a `GatewayVnetIntegration`).
 * See https://learn.microsoft.com/azure/app-service/overview-vnet-integration
 */
export interface GatewayHubFacts {
    /** The hub VNet. */
    readonly virtualNetwork: ExistingVirtualNetwork;
    /** ARM id of the hub's VPN gateway. */
    readonly gatewayId: pulumi.Input<string>;
    /** e.g. `VpnGw1AZ`; `Basic` has no gateway transit (VNI-G15). */
    readonly gatewaySku: pulumi.Input<string>;
    /** The gateway's point-to-site address pool. */
    readonly pointToSiteAddressPool: pulumi.Input<string>[];
    /** Name of the plan whose VNet integration carries the routes. */
    readonly planName: pulumi.Input<string>;
    /** Resource group of that plan. */
    readonly planResourceGroupName: pulumi.Input<string>;
}

/**
 * A peer VNet. Give exactly one of `virtualNetwork` and `existingVirtualNetwork`.
 * See https://learn.microsoft.com/azure/app-service/configure-gateway-required-vnet-integration
 */
export interface PeerArgs {
    /** The peer VNet, created in this program. @default none: give `existingVirtualNetwork` */
    readonly virtualNetwork?: network.VirtualNetwork;
    /** Facts of a peer VNet created elsewhere. @default none: give `virtualNetwork` */
    readonly existingVirtualNetwork?: ExistingVirtualNetwork;
    /** Prefixes to route to it, as plain values (one plan route each). @default the facts' `addressSpace` */
    readonly addressPrefixes?: string[];
    /** The peer has a gateway of its own (VNI-P05). @default false */
    readonly hasGateway?: boolean;
    /** Flags of an existing hub-to-peer peering: validated (VNI-P01), not created. @default created */
    readonly existingHubToPeer?: PeeringFlags;
    /** Flags of an existing peer-to-hub peering: validated (VNI-P02), not created. @default created */
    readonly existingPeerToHub?: PeeringFlags;
}

/** A route on the plan's VNet integration: `cidr`, or `startAddress` with an optional `endAddress` (VNI-P06). */
export interface RouteArgs {
    /** A CIDR block, e.g. `192.168.10.0/24`. @default none: give `startAddress` */
    readonly cidr?: string;
    /** First address of a range. @default none: give `cidr` */
    readonly startAddress?: string;
    /** Last address of a range, with `startAddress` only. @default `startAddress` alone */
    readonly endAddress?: string;
}

/**
 * Arguments of `PeeredGatewayRoutes` for other languages.
 * See https://learn.microsoft.com/azure/app-service/overview-vnet-integration
 */
export interface PeeredGatewayRoutesProviderArgs {
    /** The gateway integration the plan's apps use. */
    readonly hub: GatewayHubFacts;
    /** VNets to reach through the hub. */
    readonly peers: PeerArgs[];
    /** Further routes, e.g. on-premises ranges (VNI-P06). @default [] */
    readonly routes?: RouteArgs[];
    /** Which limits the rules enforce. @default azure-2026 (Limits.Azure2026) */
    readonly limits?: Limits;
    /** Rule codes to silence, each with the reason. @default {} */
    readonly suppress?: Record<string, string>;
}

/** A warning or suppressed finding the component reported. */
export interface ViolationInfo {
    /** Stable rule code, e.g. `VNI-R03`. */
    readonly code: string;
    /** Rule name, e.g. `subnet-capacity`. */
    readonly name: string;
    /** `error` or `warning`. */
    readonly severity: string;
    /** What is wrong, with the offending value, and how to fix it. */
    readonly message: string;
}
