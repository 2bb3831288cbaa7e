/**
 * The one topology model of a program's integrations: what each component gives as its
 * `topology` output, what facts.json holds, and what the doctor, the migration planner and
 * the diagram read. Plain data, no Pulumi: it sits below the components, the doctor, the
 * planner and the policy pack, and takes nothing from any of them (only rule types).
 *
 * An integration is one of two kinds:
 * - `regional`: a plan's apps send from a delegated subnet of a VNet in their region;
 * - `gateway`: a plan's apps send through a point-to-site VPN to the gateway of a hub VNet
 *   (what `npm run migrate` moves off).
 * PeeredGatewayRoutes adds a {@link PeeringTopology} to either: its peers, both directions'
 * flags and the plan routes. Every kind carries the limits profile it was checked with and the
 * rule findings and deferred rules of its component, so a reader judges by the same profile.
 */
import type { RuleCode } from "../rules/catalog";
import type { PeeringFlags, RouteSpec } from "../rules/peering";
import type { LimitsProfileName } from "../rules/profiles";
import type { RoutingFacts } from "../rules/regional";

/** A rule finding of the component, attached to its integration (errors, warnings, suppressed). */
export interface TopologyFinding {
    readonly code: RuleCode;
    readonly name?: string;
    readonly severity: "error" | "warning";
    readonly message: string;
    /** Silenced by the component's `suppress` (VNI-X01): drawn, but not as a problem. */
    readonly suppressed?: boolean;
    /** The component that reported it (PeeredGatewayRoutes' findings join its hub's integration). */
    readonly component?: string;
}

/** Rules the component could not run yet (at preview), with what they wait for. */
export interface TopologyDeferral {
    readonly codes: readonly string[];
    readonly why: string;
    readonly component?: string;
}

/** What every kind carries besides its network: the profile it was judged by, and what the rules said. */
export interface Judged {
    /** The component's logical name, when the topology came from a program. */
    readonly component?: string;
    /** The limits profile the integration was checked with. @default "azure-2026" */
    readonly limits?: LimitsProfileName;
    /** @default [] */
    readonly findings?: readonly TopologyFinding[];
    /** @default [] */
    readonly deferred?: readonly TopologyDeferral[];
}

/** Both directions of a peering, as Azure has them; a direction left out is not known to the program. */
export interface PeeringPair {
    /** The peering on the integrated VNet (the hub), towards the peer. */
    readonly hubToPeer?: PeeringFlags;
    /** The peering on the peer, back to the hub. */
    readonly peerToHub?: PeeringFlags;
}

/** An app (or slot) attached to an integration. */
export interface TopologyApp {
    readonly name: string;
    readonly resourceGroupName?: string;
    /** Integration is per slot and does not swap. @default the production slot */
    readonly slot?: string;
    /**
     * The app's `outboundVnetRouting`, when the program sets it (apps that spread `siteArgs`).
     * Undefined: set outside the program; readers assume Azure's default (RFC 1918 only) and say so.
     */
    readonly routing?: RoutingFacts;
    /** Its logical name in the program: what a diagram shows while the Azure name is known only after create (at preview). */
    readonly key?: string;
    /** How it is attached: its own `virtualNetworkSubnetId` (siteArgs, form A) or a connection the component makes (form B). */
    readonly attachment?: "site-args" | "connection";
}

/** A VNet peered to the integrated VNet. */
export interface TopologyPeer {
    readonly name: string;
    readonly id?: string;
    readonly resourceGroupName?: string;
    readonly location: string;
    readonly addressPrefixes: readonly string[];
    /** The peerings' flags, when known. */
    readonly peerings?: PeeringPair;
}

/** The plan of an integration. */
export interface TopologyPlan {
    readonly name: string;
    readonly resourceGroupName?: string;
    readonly location?: string;
    readonly skuName?: string;
    readonly skuTier?: string;
    readonly linux?: boolean;
    /** The most instances the plan reaches (autoscale maximum): one subnet address each. */
    readonly peakInstances?: number;
}

/** The integration subnet of a regional integration, beyond its prefix. */
export interface TopologySubnet {
    readonly name?: string;
    /** True when the component creates it; false when it adopts an existing one. */
    readonly created: boolean;
    /** The service the subnet is delegated to. */
    readonly delegation: string;
    /** Addresses the plan can use (the prefix's size less the 5 Azure keeps). */
    readonly usableAddresses?: number;
}

/** A regional integration: the plan's apps send from a delegated subnet of a VNet in their region. */
export interface RegionalTopology extends Judged {
    readonly kind: "regional";
    /** The plan, when known (Linux plans get Linux console commands). */
    readonly plan?: TopologyPlan;
    readonly apps: readonly TopologyApp[];
    readonly virtualNetwork: {
        readonly name: string;
        readonly id?: string;
        readonly resourceGroupName?: string;
        readonly location: string;
        readonly addressSpace: readonly string[];
        /** Custom DNS servers; empty means Azure DNS. */
        readonly dnsServers: readonly string[];
    };
    /** The integration subnet's prefix: the apps' source addresses. */
    readonly subnet: string;
    /** What else is known of the integration subnet. */
    readonly subnetDetails?: TopologySubnet;
    /** Other subnets of the VNet the program knows of (reserved prefixes, GatewaySubnets, other integrations). @default [] */
    readonly otherSubnets?: readonly string[];
    readonly peers: readonly TopologyPeer[];
    /** Ranges reached over the VNet's ExpressRoute or site-to-site VPN. */
    readonly onPremisesPrefixes: readonly string[];
}

/** The point-to-site gateway of a gateway-required integration. */
export interface TopologyGateway {
    readonly name?: string;
    /** True when the component creates it; false when it adopts an existing one. */
    readonly created: boolean;
    readonly protocols?: readonly string[];
}

/** A gateway-required integration: what `npm run migrate` moves and the doctor follows. */
export interface GatewayTopology extends Judged {
    readonly kind?: "gateway";
    readonly plan: {
        readonly name: string;
        readonly resourceGroupName: string;
        readonly location: string;
        readonly skuName: string;
        readonly skuTier?: string;
        readonly linux: boolean;
        /** The most instances the plan reaches (autoscale maximum). */
        readonly peakInstances: number;
    };
    /** Apps and slots of the plan connected through the gateway (integration is per slot). */
    readonly apps: readonly TopologyApp[];
    /** The VNet the gateway serves. */
    readonly hub: {
        readonly name: string;
        readonly id: string;
        readonly resourceGroupName: string;
        readonly location: string;
        readonly addressSpace: readonly string[];
        readonly dnsServers: readonly string[];
        /** Prefixes of the hub's subnets (GatewaySubnet first when known), so a subnet there avoids them. */
        readonly subnets: readonly string[];
    };
    readonly pointToSitePool: readonly string[];
    readonly peers: readonly (TopologyPeer & { readonly id: string; readonly resourceGroupName: string })[];
    /** Routes on the plan's VNet integration: what the apps send into the hub today. */
    readonly planRoutes: readonly RouteSpec[];
    /** On-premises ranges reached through the hub. */
    readonly onPremisesPrefixes: readonly string[];
    /** The gateway's SKU, when known: `Basic` has no gateway transit (VNI-G15). */
    readonly gatewaySku?: string;
    /** The gateway device, when the topology came from a program. */
    readonly gateway?: TopologyGateway;
    /** The hub's site-to-site connection runs BGP (VNI-G12), when known. */
    readonly onPremisesBgp?: boolean;
}

/** What PeeredGatewayRoutes adds to the integration on its hub. */
export interface PeeringTopology extends Judged {
    readonly hubName: string;
    readonly peers: readonly (TopologyPeer & { readonly id: string; readonly resourceGroupName: string })[];
    /** Plan routes it adds (gateway hubs only). */
    readonly planRoutes: readonly RouteSpec[];
}

export type IntegrationTopology = RegionalTopology | GatewayTopology;

export function isRegional(topology: IntegrationTopology): topology is RegionalTopology {
    return topology.kind === "regional";
}

/** `orders` or `orders/staging`. */
export function appLabel(app: { readonly name: string; readonly slot?: string }): string {
    return app.slot ? `${app.name}/${app.slot}` : app.name;
}
