/**
 * What every component of this run has claimed so far, so that limits spanning components
 * (one integration per plan, one plan per subnet, one gateway per VNet) fail at preview
 * rather than in Azure. Per run (run.ts).
 */
import type { GatewayClaim } from "../rules/gateway";
import type { RemoteGatewayClaim } from "../rules/peering";
import { ProgramClaims } from "../rules/claims";
import { FactNotKnown, Unknown } from "../rules/known";
import type { IntegrationClaim } from "../rules/regional";
import { runState } from "./run";

interface Claims {
    /** Regional claims indexed by VNet, prefix and plan, with every subnet this library makes (parsed once). */
    readonly regional: ProgramClaims;
    readonly gateway: GatewayClaim[];
    readonly remoteGatewayPeers: RemoteGatewayClaim[];
}

function claims(): Claims {
    return runState<Claims>("claims", () => ({ regional: new ProgramClaims(), gateway: [], remoteGatewayPeers: [] }));
}

export function regionalClaims(): readonly IntegrationClaim[] {
    return claims().regional.all;
}

/** The run's regional claims and library subnets, indexed: what the regional rules take as `others`. */
export function programClaims(): ProgramClaims {
    return claims().regional;
}

export function claimRegional(claim: IntegrationClaim): void {
    claims().regional.add(claim);
}

export function gatewayClaims(): readonly GatewayClaim[] {
    return claims().gateway;
}

/** Records a gateway integration, and its gateway subnet when this program makes it. */
export function claimGateway(claim: GatewayClaim, gatewaySubnet?: string): void {
    claims().gateway.push(claim);
    if (gatewaySubnet) claims().regional.addSubnet(claim.vnetKey, gatewaySubnet);
}

export function remoteGatewayPeers(): readonly RemoteGatewayClaim[] {
    return claims().remoteGatewayPeers;
}

export function claimRemoteGatewayPeers(list: readonly RemoteGatewayClaim[]): void {
    claims().remoteGatewayPeers.push(...list);
}

/** What the regional rules read of the program for an integration: the indexed claims, which hold every library subnet. */
export function regionalProgramFacts(): { others: ProgramClaims } {
    return { others: programClaims() };
}

/** Prefixes of subnets this library made in one VNet so far (a prefix not known yet is an Unknown). */
export function librarySubnets(vnetKey: string): string[] {
    try {
        return [...programClaims().subnetsIn(vnetKey).texts];
    } catch (error) {
        if (!(error instanceof FactNotKnown)) throw error;
        return [new Unknown(error.why) as unknown as string];
    }
}
