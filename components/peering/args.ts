import type * as pulumi from "@pulumi/pulumi";
import type { GatewayVnetIntegration } from "../gateway/gatewayVnetIntegration";
import type { RegionalVnetIntegration } from "../regional/regionalVnetIntegration";
import type { PeeringFlags, RouteSpec } from "../rules/peering";
import type { LimitsProfileName } from "../rules/profiles";
import type { ExistingVirtualNetwork, VirtualNetworkInput } from "../shared/args";

/** A hub this program does not integrate itself: an existing gateway integration's facts. */
export interface ExistingGatewayHub {
    readonly virtualNetwork: ExistingVirtualNetwork;
    readonly gatewayId: pulumi.Input<string>;
    /** e.g. `VpnGw1AZ`; `Basic` has no gateway transit (VNI-G15). */
    readonly gatewaySku: pulumi.Input<string>;
    readonly pointToSiteAddressPool: pulumi.Input<pulumi.Input<string>[]>;
    /** The plan whose VNet integration carries the routes. */
    readonly plan: { readonly name: pulumi.Input<string>; readonly resourceGroupName: pulumi.Input<string> };
}

export type HubInput = GatewayVnetIntegration | RegionalVnetIntegration | ExistingGatewayHub;

export interface PeerInput {
    /** The peer VNet, in any region. */
    readonly virtualNetwork: VirtualNetworkInput;
    /**
     * Prefixes to route to it, as plain values: each becomes one plan route named after it, so
     * adding or removing one changes only that route. @default the VNet's `addressSpace`, when given as plain facts
     */
    readonly addressPrefixes?: string[];
    /** The peer has a gateway of its own, so it cannot use the hub's (VNI-P05). @default false */
    readonly hasGateway?: boolean;
    /**
     * Peerings that already exist, by direction: their flags are validated (VNI-P01, VNI-P02) and
     * that direction is not created. @default both directions are created
     */
    readonly existingPeerings?: { readonly hubToPeer?: PeeringFlags; readonly peerToHub?: PeeringFlags };
}

export interface PeeredGatewayRoutesArgs {
    /** The hub the plan's apps are integrated with (seed: "Peering"). */
    readonly hub: HubInput;
    /** VNets to reach through the hub. */
    readonly peers: PeerInput[];
    /** Further routes on the plan's VNet integration: `{ cidr }` or `{ startAddress, endAddress }` (VNI-P06). @default [] */
    readonly routes?: RouteSpec[];
    /** Which limits the rules enforce. @default "documented" */
    readonly limits?: LimitsProfileName;
    /** Rule codes to silence, each with the reason. @default {} */
    readonly suppress?: Readonly<Record<string, string>>;
}
