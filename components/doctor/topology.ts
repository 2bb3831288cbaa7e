/**
 * What the reachability doctor reads: the topology model (components/topology), under the
 * names the doctor has always exported. Nothing here needs Pulumi or Azure.
 */
import type { GatewayTopology, TopologyApp, TopologyPeer } from "../topology/model";

export { appLabel, isRegional } from "../topology/model";
export type { IntegrationTopology, PeeringPair, RegionalTopology } from "../topology/model";

/** An app (or slot) attached to an integration. */
export type DoctorApp = TopologyApp;

/** A VNet peered to the integrated VNet. */
export type DoctorPeer = TopologyPeer;

/** A gateway-required integration: the same model the migration planner reads. */
export type GatewayDoctorTopology = GatewayTopology;
