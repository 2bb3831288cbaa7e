import type * as pulumi from "@pulumi/pulumi";
import type { GatewayVnetIntegration } from "../gateway/gatewayVnetIntegration";
import type { RegionalVnetIntegration } from "../regional/regionalVnetIntegration";
import type { PeeringFlags, RouteSpec } from "../rules/peering";
import type { LimitsProfileName } from "../rules/profiles";
import type { ExistingVirtualNetwork, VirtualNetworkInput } from "../shared/args";

/**
 * A hub this program does not integrate itself: an existing gateway integration's facts.
 * @see https://learn.microsoft.com/azure/app-service/configure-gateway-required-vnet-integration (Peering)
 */
export interface ExistingGatewayHub {
    /** The hub VNet. */
    readonly virtualNetwork: ExistingVirtualNetwork;
    /** ARM id of the hub's VPN gateway. */
    readonly gatewayId: pulumi.Input<string>;
    /** e.g. `VpnGw1AZ`. Constraint: not `Basic`, which has no gateway transit (VNI-G15). */
    readonly gatewaySku: pulumi.Input<string>;
    /** The gateway's point-to-site address pool. Constraint: overlaps no peer (VNI-P04). */
    readonly pointToSiteAddressPool: pulumi.Input<pulumi.Input<string>[]>;
    /** The plan whose VNet integration carries the routes. */
    readonly plan: { readonly name: pulumi.Input<string>; readonly resourceGroupName: pulumi.Input<string> };
}

/** A `GatewayVnetIntegration` or `RegionalVnetIntegration` of this program, or the facts of an existing gateway hub. */
export type HubInput = GatewayVnetIntegration | RegionalVnetIntegration | ExistingGatewayHub;

/**
 * A VNet to reach through the hub.
 * @see https://learn.microsoft.com/azure/app-service/configure-gateway-required-vnet-integration (Peering)
 */
export interface PeerInput {
    /** The peer VNet, in any region. Constraint: its address space overlaps neither the hub, another peer nor the pool (VNI-P04). */
    readonly virtualNetwork: VirtualNetworkInput;
    /**
     * Prefixes to route to it, as plain values: each becomes one plan route named after it, so
     * adding or removing one changes only that route. Constraint: they cover the peer's address space (VNI-P03).
     * @default the VNet's `addressSpace`, when given as plain facts
     */
    readonly addressPrefixes?: string[];
    /** The peer has a gateway of its own, so it cannot use the hub's. Constraint: must be false (VNI-P05). @default false */
    readonly hasGateway?: boolean;
    /**
     * Peerings that already exist, by direction: their flags are validated (VNI-P01, VNI-P02) and
     * that direction is not created. @default both directions are created
     */
    readonly existingPeerings?: { readonly hubToPeer?: PeeringFlags; readonly peerToHub?: PeeringFlags };
}

/**
 * Arguments of {@link PeeredGatewayRoutes}.
 * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration (Peering)
 */
export interface PeeredGatewayRoutesArgs {
    /**
     * The hub the plan's apps are integrated with. A gateway hub gets peerings with gateway transit
     * and plan routes; a regional hub plain peerings only.
     * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration (Peering)
     */
    readonly hub: HubInput;
    /** VNets to reach through the hub. */
    readonly peers: PeerInput[];
    /** Further routes on the plan's VNet integration: `{ cidr }` or `{ startAddress, endAddress }`. Constraint: well formed (VNI-P06). @default [] */
    readonly routes?: RouteSpec[];
    /** Which limits the rules enforce: `documented` or `azure-2026`. @default "azure-2026" */
    readonly limits?: LimitsProfileName;
    /** Rule codes to silence, each with the reason. Constraint: a known code and a reason (VNI-X01). @default {} */
    readonly suppress?: Readonly<Record<string, string>>;
}
