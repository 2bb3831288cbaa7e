import type * as pulumi from "@pulumi/pulumi";
import type { OutboundRouting } from "../azure";
import type { LimitsProfileName } from "../rules/profiles";
import type { AppInput, PlanInput, VirtualNetworkInput } from "../shared/args";

/**
 * Settings passed through to a subnet the component creates.
 * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration (Subnet requirements)
 */
export interface SubnetOptions {
    /** Azure name of the subnet; changing it replaces the subnet (and restarts the integrated apps). @default the component name */
    readonly name?: string;
    /**
     * Network security group on the integration subnet: its outbound rules apply to the apps' traffic
     * into the VNet. @default none
     * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration (Network security groups)
     */
    readonly networkSecurityGroupId?: pulumi.Input<string>;
    /**
     * Route table on the integration subnet. Constraint: VNI-R10 under the documented profile, which
     * ignores routes on app traffic; allowed under azure-2026. @default none
     * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration (Routes)
     */
    readonly routeTableId?: pulumi.Input<string>;
    /**
     * NAT gateway for the apps' outbound traffic through the VNet: it sees their internet traffic only with
     * route-all (`routing.applicationTraffic`; VNI-R17 warns without). @default none
     * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration
     */
    readonly natGatewayId?: pulumi.Input<string>;
    /**
     * Service endpoints on the integration subnet, e.g. `Microsoft.Storage`. @default []
     * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration (Service endpoints)
     */
    readonly serviceEndpoints?: pulumi.Input<string>[];
}

/**
 * Create the subnet with this prefix.
 * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration (Subnet requirements)
 */
export interface NewSubnet extends SubnetOptions {
    /**
     * The subnet's prefix, inside the VNet's address space and overlapping no other subnet (VNI-R07).
     * Constraint: /27 or larger under documented, /28 under azure-2026 (VNI-R02), with room for
     * twice `maxInstances` (VNI-R03).
     */
    readonly addressPrefix: pulumi.Input<string>;
}

/**
 * Create the subnet in the lowest free aligned block of this size.
 * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration (Subnet requirements)
 */
export interface AllocatedSubnet extends SubnetOptions {
    /**
     * Prefix length to allocate. Allocation needs the VNet's address space and the reserved
     * prefixes as values, so it happens when they resolve. Constraint: as `addressPrefix` (VNI-R02, VNI-R03).
     * @default the smallest block that holds twice `maxInstances`, never smaller than the profile's least subnet
     */
    readonly prefixLength?: number;
}

/**
 * Adopt an existing, empty subnet; the component does not manage it.
 * @see https://learn.microsoft.com/azure/app-service/configure-vnet-integration-enable
 */
export interface AdoptedSubnet {
    /** ARM id of the subnet. */
    readonly id: pulumi.Input<string>;
    /** Its prefix. Constraint: as a created subnet's (VNI-R02, VNI-R03, VNI-R07). */
    readonly addressPrefix: pulumi.Input<string>;
    /**
     * Its delegations' service names, when known. Constraint: the plan's service only, Microsoft.Web/serverFarms,
     * or Microsoft.App/environments for a Flex Consumption plan (VNI-R13). @default unknown
     * @see https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan (Considerations)
     */
    readonly delegations?: pulumi.Input<pulumi.Input<string>[]>;
    /** What already sits in it (IP configurations, links), when known; anything is VNI-R06. @default unknown */
    readonly usedBy?: pulumi.Input<pulumi.Input<string>[]>;
    /** It has a route table (VNI-R10 under the documented profile). @default false */
    readonly routeTable?: pulumi.Input<boolean>;
    /** It has a NAT gateway, which sees the apps' internet traffic only with route-all (VNI-R17). @default false */
    readonly natGateway?: pulumi.Input<boolean>;
    /**
     * It has service endpoint policies, which Azure does not allow on an integration subnet (VNI-R18). @default false
     * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration (Limitations)
     */
    readonly serviceEndpointPolicies?: pulumi.Input<boolean>;
}

/** The integration subnet: `{ addressPrefix }` creates, `{ prefixLength }` (or `{}`) allocates, `{ id, addressPrefix }` adopts. */
export type IntegrationSubnet = NewSubnet | AllocatedSubnet | AdoptedSubnet;

/**
 * A VNet peered to the integration VNet, declared so the reachability rules can check it.
 * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration (Peering)
 */
export interface PeeredNetwork {
    /** The peered VNet's name, for messages. */
    readonly name: pulumi.Input<string>;
    /** Its region. Constraint: the integration VNet's region under documented (VNI-R09). */
    readonly location: pulumi.Input<string>;
    /** Its address prefixes. Constraint: RFC 1918 under documented (VNI-R08). */
    readonly addressPrefixes: pulumi.Input<pulumi.Input<string>[]>;
}

/**
 * Where the apps must reach beyond the VNet itself: peered VNets and on-premises ranges.
 * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration (Peering; Gateway-required virtual network integration to on-premises resources)
 */
export interface Destinations {
    /** VNets peered to the integration VNet. Constraint: VNI-R08, VNI-R09. @default [] */
    readonly peeredNetworks?: PeeredNetwork[];
    /** On-premises ranges reached over ExpressRoute or site-to-site VPN. Constraint: RFC 1918 without route-all (VNI-R08). @default [] */
    readonly onPremisesPrefixes?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Host names of private endpoints the apps reach, e.g. `orders.database.windows.net`. With custom DNS
     * servers VNI-R16 reminds that they must forward the privatelink zones to Azure DNS (168.63.129.16). @default []
     * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration (Private endpoints)
     */
    readonly privateEndpoints?: string[];
}

/**
 * Arguments of {@link RegionalVnetIntegration}.
 * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration
 */
export interface RegionalVnetIntegrationArgs {
    /**
     * The App Service plan whose apps integrate: a `web.AppServicePlan`, or the facts of one made
     * elsewhere. Constraint: a tier that supports regional integration (VNI-R01), in the VNet's region
     * (VNI-R04), one regional integration per plan (VNI-R05).
     * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration (Regional virtual network integration)
     */
    readonly plan: PlanInput;
    /**
     * Apps attached by this component through a swift connection (form B). Apps you are still
     * writing can instead spread `siteArgs` into their own arguments (form A): never both (VNI-R12).
     * @default []
     * @see https://learn.microsoft.com/azure/app-service/configure-vnet-integration-enable
     */
    readonly apps?: AppInput[];
    /**
     * The VNet: a `network.VirtualNetwork`, or the facts of one made elsewhere. Constraint: in the
     * plan's region (VNI-R04); RFC 1918 address space under documented (VNI-R08).
     * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration
     */
    readonly virtualNetwork: VirtualNetworkInput;
    /**
     * The integration subnet: `{ addressPrefix }` creates it, `{ prefixLength }` (or `{}`) allocates
     * a free block, `{ id, addressPrefix }` adopts an empty existing one. Constraint: dedicated to
     * this plan (VNI-R06), sized for twice the scale (VNI-R02, VNI-R03).
     * @default {} (allocate, sized for the plan's scale)
     * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration (Subnet requirements)
     */
    readonly subnet?: IntegrationSubnet;
    /** Prefixes of the VNet already taken by subnets made elsewhere; allocation and VNI-R07 avoid them. @default [] */
    readonly reservedAddressPrefixes?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The most instances the plan may scale to; one subnet address each. Constraint: a whole number
     * of at least 1 that fits the subnet (VNI-R03).
     * @default the plan's SKU capacity, else 1
     * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration (Subnet requirements)
     */
    readonly maxInstances?: pulumi.Input<number>;
    /**
     * Outbound traffic routed into the VNet, mapped to the site's `outboundVnetRouting` in `siteArgs`.
     * @default Azure's default: RFC 1918 traffic only
     * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration (Routes)
     */
    readonly routing?: OutboundRouting;
    /**
     * DNS servers for the apps that spread `siteArgs`, which carries them in `dnsConfiguration`; without
     * them the apps use the VNet's DNS servers, as integrated apps do by default, and `siteArgs` sets no
     * `dnsConfiguration`. Constraint: at most 5, IPv4 addresses (VNI-R14, VNI-X02).
     * @default none: the VNet's DNS servers (or Azure DNS) apply
     * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration (DNS)
     */
    readonly dnsServers?: pulumi.Input<pulumi.Input<string>[]>;
    /** Ranges the apps must reach beyond the VNet; checked by VNI-R08 and VNI-R09. @default {} */
    readonly destinations?: Destinations;
    /**
     * Which limits the rules enforce: `documented` (Microsoft's 2019 page) or `azure-2026` (what Azure enforces today).
     * @default "azure-2026"
     * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration (Limitations)
     */
    readonly limits?: LimitsProfileName;
    /** Rule codes to silence, each with the reason: `{ "VNI-R02": "Azure allows /28 since 2021" }`. Constraint: a known code and a reason (VNI-X01). @default {} */
    readonly suppress?: Readonly<Record<string, string>>;
}
