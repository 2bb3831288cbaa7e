import type * as pulumi from "@pulumi/pulumi";
import type { ArmCallOptions } from "../arm/client";
import type { RootCertificateShape } from "../azure";
import type { LimitsProfileName } from "../rules/profiles";
import type { AppInput, PlanInput, VirtualNetworkInput } from "../shared/args";

/** Create a route-based VPN gateway with SSTP-only point-to-site (seed: "Set up a gateway in your VNet"). */
export interface NewGateway {
    /** Point-to-site address pool: the apps' source addresses; RFC 1918 and overlapping nothing (VNI-G05, VNI-G06). */
    readonly addressPool: pulumi.Input<pulumi.Input<string>[]>;
    /** Gateway SKU; non-zone-redundant VpnGw1-5 can no longer be created. @default "VpnGw1AZ" */
    readonly sku?: string;
    /** Prefix of the `GatewaySubnet` to create. @default a free /27, allocated like regional subnets */
    readonly gatewaySubnetPrefix?: pulumi.Input<string>;
    /** Size of the allocated `GatewaySubnet` when no prefix is given; /29 is the least (VNI-G11). @default 27 */
    readonly gatewaySubnetPrefixLength?: number;
    /** Prefixes of the VNet taken by subnets made elsewhere; allocation avoids them. @default [] */
    readonly reservedAddressPrefixes?: pulumi.Input<pulumi.Input<string>[]>;
    /** Root certificates of other point-to-site clients, kept in the gateway's inline list beside the apps' one. @default [] */
    readonly rootCertificates?: RootCertificateShape[];
}

/** Facts of an existing gateway to adopt: the component adds the apps' certificate to it and removes it on delete. */
export interface ExistingGateway {
    /** ARM id of the `virtualNetworkGateways` resource. */
    readonly id: pulumi.Input<string>;
    /** Its SKU, e.g. `VpnGw2AZ` or `Basic`. */
    readonly skuName: pulumi.Input<string>;
    /** @default "Vpn" */
    readonly gatewayType?: pulumi.Input<string>;
    /** @default "RouteBased" */
    readonly vpnType?: pulumi.Input<string>;
    /** Its point-to-site configuration; omitted means it has none (VNI-G07). */
    readonly pointToSite?: pulumi.Input<{ addressPool: pulumi.Input<pulumi.Input<string>[]>; protocols: pulumi.Input<pulumi.Input<string>[]> }>;
    /** Prefix of the subnet it lives in (VNI-G11). */
    readonly gatewaySubnetPrefix: pulumi.Input<string>;
    /** @default "GatewaySubnet" */
    readonly gatewaySubnetName?: pulumi.Input<string>;
    // ---- arm-hardening: what delete does to the shared app certificate ----
    /**
     * Remove the apps' certificate (matched by its data) from the gateway when this component
     * is deleted. Azure generates one certificate per subscription and VNet, shared by every
     * plan's apps on the VNet, and ARM cannot tell whether another plan still uses it: removing
     * it cuts those apps off silently. Set this only when no other plan's apps use this VNet
     * (https://learn.microsoft.com/azure/app-service/configure-gateway-required-vnet-integration).
     * @default false (the certificate stays on the gateway after delete)
     */
    readonly removeCertificateOnDelete?: boolean;
}

export type GatewayInput = NewGateway | ExistingGateway;

/** A VNet peered to the gateway VNet whose ranges the apps reach through the gateway. */
export interface GatewayPeer {
    readonly name: pulumi.Input<string>;
    readonly addressPrefixes: pulumi.Input<pulumi.Input<string>[]>;
}

export interface GatewayVnetIntegrationArgs {
    /** A Windows plan of Standard tier or better (seed: "Gateway required VNet Integration"). */
    readonly plan: PlanInput;
    /** Windows apps (or slots) to connect; each gets a VNet connection named after the VNet. @default [] */
    readonly apps?: AppInput[];
    /** The VNet, in any region of the plan's subscription (VNI-G10). */
    readonly virtualNetwork: VirtualNetworkInput;
    /** `{ addressPool, ... }` creates a gateway; `{ id, skuName, ... }` adopts one. */
    readonly gateway: GatewayInput;
    /** The VNet has an ExpressRoute gateway, in coexistence mode or not (VNI-G09). @default false */
    readonly expressRouteGateway?: boolean;
    /** Peered VNets reached through the gateway (VNI-G06, VNI-G15). @default [] */
    readonly peers?: GatewayPeer[];
    /** On-premises ranges reached over the VNet's site-to-site VPN (seed: "Accessing on-premises resources"). @default none */
    readonly onPremises?: { readonly prefixes: pulumi.Input<pulumi.Input<string>[]>; readonly bgpEnabled?: boolean };
    /** ARM endpoint for the calls azure-native cannot make. @default "https://management.azure.com" */
    readonly armEndpoint?: string;
    // ---- arm-hardening: budgets of the ARM calls azure-native cannot make ----
    /**
     * Time limits and retries of the gateway steps made through ARM (certificate on an adopted
     * gateway, VPN client package). Each value is a positive number of milliseconds
     * (`maxRetries`: a whole number). Passed to the steps' providers and not diffed: changing
     * it alone changes nothing in Azure, and it takes effect with the next change of the step.
     * See https://learn.microsoft.com/azure/azure-resource-manager/management/async-operations.
     * @default { timeoutMs: 120_000, maxRetries: 60, pollIntervalMs: 15_000, operationTimeoutMs: 2_700_000 } (gateway updates take tens of minutes)
     */
    readonly armOptions?: ArmCallOptions;
    /** Which limits the rules enforce. @default "documented" */
    readonly limits?: LimitsProfileName;
    /** Rule codes to silence, each with the reason. @default {} */
    readonly suppress?: Readonly<Record<string, string>>;
}
