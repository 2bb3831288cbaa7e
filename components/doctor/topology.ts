/**
 * What the reachability doctor reads: the topology of a program's integrations as plain
 * facts. A gateway integration is the migration planner's `GatewayTopology` (so the same
 * facts.json serves `npm run migrate` and `npm run doctor`), with a few optional facts more;
 * a regional integration has a shape of its own. Nothing here needs Pulumi or Azure.
 */
import type { GatewayTopology } from "../migration/planner";
import type { PeeringFlags } from "../rules/peering";
import type { LimitsProfileName } from "../rules/profiles";
import type { RoutingFacts } from "../rules/regional";

/** Both directions of a peering, as Azure has them; a direction left out is not known to the program. */
export interface PeeringPair {
    /** The peering on the integrated VNet (the hub), towards the peer. */
    readonly hubToPeer?: PeeringFlags;
    /** The peering on the peer, back to the hub. */
    readonly peerToHub?: PeeringFlags;
}

/** An app (or slot) attached to an integration. */
export interface DoctorApp {
    readonly name: string;
    readonly resourceGroupName?: string;
    /** Integration is per slot and does not swap. @default the production slot */
    readonly slot?: string;
    /**
     * The app's `outboundVnetRouting`, when the program sets it (apps that spread `siteArgs`).
     * Undefined: set outside the program; the doctor assumes Azure's default (RFC 1918 only) and says so.
     */
    readonly routing?: RoutingFacts;
}

/** A VNet peered to the integrated VNet. */
export interface DoctorPeer {
    readonly name: string;
    readonly location: string;
    readonly addressPrefixes: readonly string[];
    /** The peerings' flags, when known. */
    readonly peerings?: PeeringPair;
}

/** A regional integration: the plan's apps send from a delegated subnet of a VNet in their region. */
export interface RegionalTopology {
    readonly kind: "regional";
    /** The plan, when known (Linux plans get Linux console commands). */
    readonly plan?: { readonly name: string; readonly linux?: boolean };
    readonly apps: readonly DoctorApp[];
    readonly virtualNetwork: {
        readonly name: string;
        readonly location: string;
        readonly addressSpace: readonly string[];
        /** Custom DNS servers; empty means Azure DNS. */
        readonly dnsServers: readonly string[];
    };
    /** The integration subnet's prefix: the apps' source addresses. */
    readonly subnet: string;
    readonly peers: readonly DoctorPeer[];
    /** Ranges reached over the VNet's ExpressRoute or site-to-site VPN. */
    readonly onPremisesPrefixes: readonly string[];
    /** The limits profile the integration was checked with. @default "azure-2026" */
    readonly limits?: LimitsProfileName;
}

/** A gateway-required integration: the migration planner's facts, plus what reachability needs. */
export interface GatewayDoctorTopology extends Omit<GatewayTopology, "peers"> {
    readonly kind?: "gateway";
    readonly peers: readonly (GatewayTopology["peers"][number] & { readonly peerings?: PeeringPair })[];
    /** The gateway's SKU, when known: `Basic` has no gateway transit (VNI-G15). */
    readonly gatewaySku?: string;
    /** The hub's site-to-site connection runs BGP (VNI-G12), when known. */
    readonly onPremisesBgp?: boolean;
    /** The limits profile the integration was checked with. @default "azure-2026" */
    readonly limits?: LimitsProfileName;
}

export type IntegrationTopology = RegionalTopology | GatewayDoctorTopology;

export function isRegional(topology: IntegrationTopology): topology is RegionalTopology {
    return topology.kind === "regional";
}

/** `orders` or `orders/staging`. */
export function appLabel(app: { readonly name: string; readonly slot?: string }): string {
    return app.slot ? `${app.name}/${app.slot}` : app.name;
}
