import type * as pulumi from "@pulumi/pulumi";
import type { OutboundRouting } from "../azure";
import type { LimitsProfileName } from "../rules/profiles";
import type { AppInput, PlanInput, VirtualNetworkInput } from "../shared/args";


/** Settings passed through to a subnet the component creates. */
export interface SubnetOptions {
    /** Azure name of the subnet; changing it replaces the subnet. @default the component name */
    readonly name?: string;
    /** Network security group on the integration subnet (seed: "is there an NSG blocking egress"). */
    readonly networkSecurityGroupId?: pulumi.Input<string>;
    /** Route table on the integration subnet; VNI-R10 under the documented profile. */
    readonly routeTableId?: pulumi.Input<string>;
    /** NAT gateway for the apps' outbound traffic through the VNet (azure-2026). */
    readonly natGatewayId?: pulumi.Input<string>;
    /** Service endpoints, e.g. `Microsoft.Storage` (seed, "Service Endpoints"). */
    readonly serviceEndpoints?: pulumi.Input<string>[];
}

/** Create the subnet with this prefix. */
export interface NewSubnet extends SubnetOptions {
    readonly addressPrefix: pulumi.Input<string>;
}

/** Create the subnet in the lowest free aligned block of this size. */
export interface AllocatedSubnet extends SubnetOptions {
    /**
     * Prefix length to allocate. Allocation needs the VNet's address space and the reserved
     * prefixes as values, so it happens when they resolve.
     * @default the smallest block that holds twice `maxInstances`, never smaller than the profile's least subnet
     */
    readonly prefixLength?: number;
}

/** Adopt an existing, empty subnet; the component does not manage it. */
export interface AdoptedSubnet {
    readonly id: pulumi.Input<string>;
    readonly addressPrefix: pulumi.Input<string>;
    /** Its delegations' service names, when known; anything but Microsoft.Web/serverFarms is VNI-R06. */
    readonly delegations?: pulumi.Input<pulumi.Input<string>[]>;
    /** What already sits in it (IP configurations, links), when known; anything is VNI-R06. */
    readonly usedBy?: pulumi.Input<pulumi.Input<string>[]>;
    /** It has a route table (VNI-R10 under the documented profile). @default false */
    readonly routeTable?: pulumi.Input<boolean>;
}

export type IntegrationSubnet = NewSubnet | AllocatedSubnet | AdoptedSubnet;

/** A VNet peered to the integration VNet, declared so the reachability rules can check it. */
export interface PeeredNetwork {
    readonly name: pulumi.Input<string>;
    readonly location: pulumi.Input<string>;
    readonly addressPrefixes: pulumi.Input<pulumi.Input<string>[]>;
}

/** Where the apps must reach beyond the VNet itself (seed: RFC 1918, peering, ExpressRoute). */
export interface Destinations {
    /** VNets peered to the integration VNet. VNI-R08, VNI-R09. @default [] */
    readonly peeredNetworks?: PeeredNetwork[];
    /** On-premises ranges reached over ExpressRoute or site-to-site VPN. VNI-R08. @default [] */
    readonly onPremisesPrefixes?: pulumi.Input<pulumi.Input<string>[]>;
}

export interface RegionalVnetIntegrationArgs {
    /** The App Service plan whose apps integrate (seed: "one regional VNet Integration per App Service plan"). */
    readonly plan: PlanInput;
    /**
     * Apps attached by this component through a swift connection (form B). Apps you are still
     * writing can instead spread `siteArgs` into their own arguments (form A): never both. @default []
     */
    readonly apps?: AppInput[];
    /** The VNet in the plan's region (seed: "The app and the VNet must be in the same region"). */
    readonly virtualNetwork: VirtualNetworkInput;
    /**
     * The integration subnet: `{ addressPrefix }` creates it, `{ prefixLength }` (or `{}`) allocates
     * a free block, `{ id, addressPrefix }` adopts an empty existing one (seed: "create a new subnet
     * or pick an empty pre-existing subnet"). @default {} (allocate, sized for the plan's scale)
     */
    readonly subnet?: IntegrationSubnet;
    /** Prefixes of the VNet already taken by subnets made elsewhere; allocation and VNI-R07 avoid them. @default [] */
    readonly reservedAddressPrefixes?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The most instances the plan may scale to; one subnet address each (seed: "One address is used
     * for each App Service plan instance"). @default the plan's SKU capacity, else 1
     */
    readonly maxInstances?: pulumi.Input<number>;
    /** Outbound traffic routed into the VNet, mapped to the site's `outboundVnetRouting` in `siteArgs`. @default Azure's default: RFC 1918 traffic only */
    readonly routing?: OutboundRouting;
    /** Ranges the apps must reach beyond the VNet; checked by VNI-R08 and VNI-R09. @default {} */
    readonly destinations?: Destinations;
    /** Which limits the rules enforce: the 2019 page or today's Azure. @default "documented" */
    readonly limits?: LimitsProfileName;
    /** Rule codes to silence, each with the reason: `{ "VNI-R02": "Azure allows /28 since 2021" }`. @default {} */
    readonly suppress?: Readonly<Record<string, string>>;
}
