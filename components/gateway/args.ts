import type * as pulumi from "@pulumi/pulumi";
import type { ArmCallOptions } from "../arm/client";
import type { RootCertificateShape } from "../azure";
import type { LimitsProfileName } from "../rules/profiles";
import type { AppInput, PlanInput, VirtualNetworkInput } from "../shared/args";

/**
 * Create a route-based VPN gateway with SSTP-only point-to-site.
 * @see https://learn.microsoft.com/azure/app-service/configure-gateway-required-vnet-integration (Set up a gateway in your Azure virtual network)
 */
export interface NewGateway {
    /**
     * Point-to-site address pool: the apps' source addresses. Constraint: RFC 1918 (VNI-G05),
     * overlapping neither the VNet, its peers nor on-premises ranges (VNI-G06).
     */
    readonly addressPool: pulumi.Input<pulumi.Input<string>[]>;
    /** Gateway SKU; non-zone-redundant VpnGw1-5 can no longer be created, Basic has no transit (VNI-G15). @default "VpnGw1AZ" */
    readonly sku?: string;
    /**
     * Availability zones of the gateway's public IP, for an AZ SKU (Azure refuses an AZ gateway whose
     * Standard public IP has no zones, and a non-AZ one whose IP has some). Give `[]` in a region
     * without availability zones. Ignored for non-AZ SKUs.
     * @default ["1", "2", "3"] for an AZ SKU
     * @see https://learn.microsoft.com/azure/vpn-gateway/about-zone-redundant-vnet-gateways
     */
    readonly zones?: string[];
    /** Prefix of the `GatewaySubnet` to create. Constraint: /29 or larger inside the VNet (VNI-G11). @default a free /27, allocated like regional subnets */
    readonly gatewaySubnetPrefix?: pulumi.Input<string>;
    /** Size of the allocated `GatewaySubnet` when no prefix is given. Constraint: /29 is the least (VNI-G11). @default 27 */
    readonly gatewaySubnetPrefixLength?: number;
    /** Prefixes of the VNet taken by subnets made elsewhere; allocation avoids them. @default [] */
    readonly reservedAddressPrefixes?: pulumi.Input<pulumi.Input<string>[]>;
    /** Root certificates of other point-to-site clients, kept in the gateway's inline list beside the apps' one. @default [] */
    readonly rootCertificates?: RootCertificateShape[];
}

/**
 * Facts of an existing gateway to adopt: the component adds the apps' certificate to it (kept on delete unless `removeCertificateOnDelete`).
 * @see https://learn.microsoft.com/azure/app-service/configure-gateway-required-vnet-integration
 */
export interface ExistingGateway {
    /** ARM id of the `virtualNetworkGateways` resource. */
    readonly id: pulumi.Input<string>;
    /** Its SKU, e.g. `VpnGw2AZ` or `Basic`. Constraint: Basic has no gateway transit for peers (VNI-G15). */
    readonly skuName: pulumi.Input<string>;
    /** Its gateway type. Constraint: `Vpn` (VNI-G07). @default "Vpn" */
    readonly gatewayType?: pulumi.Input<string>;
    /** Its VPN type. Constraint: `RouteBased` (VNI-G07). @default "RouteBased" */
    readonly vpnType?: pulumi.Input<string>;
    /** Its point-to-site configuration. Constraint: present (VNI-G07), protocols exactly SSTP on non-Basic SKUs (VNI-G08). @default none (VNI-G07) */
    readonly pointToSite?: pulumi.Input<{ addressPool: pulumi.Input<pulumi.Input<string>[]>; protocols: pulumi.Input<pulumi.Input<string>[]> }>;
    /** Prefix of the subnet it lives in. Constraint: /29 or larger inside the VNet (VNI-G11). */
    readonly gatewaySubnetPrefix: pulumi.Input<string>;
    /** Name of the subnet it lives in. Constraint: `GatewaySubnet` (VNI-G11). @default "GatewaySubnet" */
    readonly gatewaySubnetName?: pulumi.Input<string>;
    /**
     * Remove the apps' certificate (matched by its data) from the gateway when this component
     * is deleted. Azure generates one certificate per subscription and VNet, shared by every
     * plan's apps on the VNet, and ARM cannot tell whether another plan still uses it: removing
     * it cuts those apps off silently. Set this only when no other plan's apps use this VNet
     * (https://learn.microsoft.com/azure/app-service/configure-gateway-required-vnet-integration).
     * Components of one program adopting one gateway (by the same plain `id`) register the certificate
     * once, in the first of them: its setting applies.
     * @default false (the certificate stays on the gateway after delete)
     */
    readonly removeCertificateOnDelete?: boolean;
}

/** `{ addressPool, ... }` creates a gateway ({@link NewGateway}); `{ id, skuName, ... }` adopts one ({@link ExistingGateway}). */
export type GatewayInput = NewGateway | ExistingGateway;

/**
 * A VNet peered to the gateway VNet whose ranges the apps reach through the gateway.
 * @see https://learn.microsoft.com/azure/app-service/configure-gateway-required-vnet-integration (Peering)
 */
export interface GatewayPeer {
    /** The peer's name, for messages. */
    readonly name: pulumi.Input<string>;
    /** Its address prefixes. Constraint: no overlap with the point-to-site pool (VNI-G06). */
    readonly addressPrefixes: pulumi.Input<pulumi.Input<string>[]>;
}

/**
 * Arguments of {@link GatewayVnetIntegration}.
 * @see https://learn.microsoft.com/azure/app-service/configure-gateway-required-vnet-integration
 */
export interface GatewayVnetIntegrationArgs {
    /**
     * The plan: a `web.AppServicePlan`, or the facts of one made elsewhere. Constraint: Windows
     * (VNI-G02), Standard tier or better (VNI-G01), at most 5 VNets for its apps (VNI-G03).
     * @see https://learn.microsoft.com/azure/app-service/configure-gateway-required-vnet-integration
     */
    readonly plan: PlanInput;
    /** Windows apps (or slots) to connect; each gets a VNet connection named after the VNet. Constraint: one VNet per app (VNI-G04). @default [] */
    readonly apps?: AppInput[];
    /**
     * The VNet, in any region. Constraint: in the plan's subscription (VNI-G10), no ExpressRoute gateway (VNI-G09).
     * @see https://learn.microsoft.com/azure/app-service/configure-gateway-required-vnet-integration
     */
    readonly virtualNetwork: VirtualNetworkInput;
    /** `{ addressPool, ... }` creates a gateway; `{ id, skuName, ... }` adopts one. */
    readonly gateway: GatewayInput;
    /** The VNet has an ExpressRoute gateway, in coexistence mode or not. Constraint: must be false (VNI-G09). @default false */
    readonly expressRouteGateway?: boolean;
    /** Peered VNets reached through the gateway. Constraint: VNI-G06, VNI-G15. @default [] */
    readonly peers?: GatewayPeer[];
    /**
     * On-premises ranges reached over the VNet's site-to-site VPN. Constraint: no BGP on that connection
     * (VNI-G12); the on-premises device must route the pool back (VNI-G13). @default none
     * @see https://learn.microsoft.com/azure/app-service/configure-gateway-required-vnet-integration (Access on-premises resources)
     */
    readonly onPremises?: { readonly prefixes: pulumi.Input<pulumi.Input<string>[]>; readonly bgpEnabled?: boolean };
    /**
     * ARM endpoint for the calls azure-native cannot make (sovereign clouds; the Azure stand-in offline).
     * @default the environment variable APPSERVICE_VNI_ARM_ENDPOINT, else "https://management.azure.com"
     * @see https://learn.microsoft.com/azure/azure-resource-manager/management/overview
     */
    readonly armEndpoint?: string;
    /**
     * Time limits and retries of the gateway steps made through ARM (certificate on an adopted
     * gateway, VPN client package). Each value is a positive number of milliseconds
     * (`maxRetries`: a whole number). Passed to the steps' providers and not diffed: changing
     * it alone changes nothing in Azure, and it takes effect with the next change of the step.
     * See https://learn.microsoft.com/azure/azure-resource-manager/management/async-operations.
     * @default { timeoutMs: 120_000, maxRetries: 60, pollIntervalMs: 15_000, operationTimeoutMs: 2_700_000 } (gateway updates take tens of minutes)
     */
    readonly armOptions?: ArmCallOptions;
    /** Which limits the rules enforce: `documented` or `azure-2026`. @default "azure-2026" */
    readonly limits?: LimitsProfileName;
    /** Rule codes to silence, each with the reason. Constraint: a known code and a reason (VNI-X01). @default {} */
    readonly suppress?: Readonly<Record<string, string>>;
}
