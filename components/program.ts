/**
 * Program-wide state: what every component of this Pulumi program has claimed so far, so
 * that limits spanning components (one integration per plan, one plan per subnet) fail at
 * preview rather than in Azure. Kept on globalThis so two copies of the library share it.
 */
import * as pulumi from "@pulumi/pulumi";
import type { GatewayClaim } from "./rules/gateway";
import type { RemoteGatewayClaim } from "./rules/peering";
import { ProgramClaims } from "./rules/claims";
import { Deferral, FactNotKnown, Unknown } from "./rules/known";
import type { IntegrationClaim } from "./rules/regional";

interface ProgramState {
    /** Regional claims indexed by VNet, prefix and plan, with every subnet this library makes (parsed once). */
    regional: ProgramClaims;
    gateway: GatewayClaim[];
    remoteGatewayPeers: RemoteGatewayClaim[];
    /** Settles when the last queued validation has run: keeps checks in constructor order. */
    tail: Promise<unknown>;
    identities: WeakMap<object, string>;
    nextIdentity: number;
    /** Rules each component could not run yet, by component name. */
    deferrals: Map<string, readonly Deferral[]>;
    /** Set by the test kit: where rule errors found after the constructor go. */
    sink?: (error: Error) => void;
    /** Children the components registered, by what makes their URN, with what each is for. */
    childNames?: Map<string, string>;
}

const KEY = Symbol.for("appservice-vnet-integration/program-state");

function state(): ProgramState {
    const holder = globalThis as unknown as Record<symbol, ProgramState | undefined>;
    return (holder[KEY] ??= fresh());
}

function fresh(): ProgramState {
    return { regional: new ProgramClaims(), gateway: [], remoteGatewayPeers: [], tail: Promise.resolve(), identities: new WeakMap(), nextIdentity: 0, deferrals: new Map() };
}

/** Forgets every claim: for test harnesses that run several programs in one process. */
export function resetProgramState(): void {
    (globalThis as unknown as Record<symbol, ProgramState>)[KEY] = fresh();
}

export function regionalClaims(): readonly IntegrationClaim[] {
    return state().regional.all;
}

/** The program's regional claims and library subnets, indexed: what the regional rules take as `others`. */
export function programClaims(): ProgramClaims {
    return state().regional;
}

export function claimRegional(claim: IntegrationClaim): void {
    state().regional.add(claim);
}

export function gatewayClaims(): readonly GatewayClaim[] {
    return state().gateway;
}

/** Records a gateway integration, and its gateway subnet when this program makes it. */
export function claimGateway(claim: GatewayClaim, gatewaySubnet?: string): void {
    state().gateway.push(claim);
    if (gatewaySubnet) state().regional.addSubnet(claim.vnetKey, gatewaySubnet);
}

export function remoteGatewayPeers(): readonly RemoteGatewayClaim[] {
    return state().remoteGatewayPeers;
}

export function claimRemoteGatewayPeers(claims: readonly RemoteGatewayClaim[]): void {
    state().remoteGatewayPeers.push(...claims);
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

/** `resourcegroup/app[/slot]`, case-folded: how components of one program recognise an app. */
export function appKey(app: { name: string; resourceGroupName: string; slot?: string }): string {
    return [app.resourceGroupName, app.name, app.slot].filter(Boolean).join("/").toLowerCase();
}

/** A stable key for an object (a resource whose id is not known yet) within this program. */
export function identityOf(object: object): string {
    const s = state();
    let key = s.identities.get(object);
    if (!key) {
        key = `object#${++s.nextIdentity}`;
        s.identities.set(object, key);
    }
    return key;
}

/**
 * Applies `check` to the value of `input` once every check queued before it has settled
 * (passed, failed or deferred), so that checks made when values resolve still see the
 * components in the order the program declared them: allocation stays deterministic.
 */
export function afterEarlierChecks<T, U>(input: Promise<T>, check: (value: T) => U): Promise<U> {
    const s = state();
    const previous = s.tail;
    const result = input.then(async (value) => {
        await previous;
        return check(value);
    });
    s.tail = result.then(
        () => undefined,
        () => undefined,
    );
    return result;
}

export function recordDeferrals(component: string, deferrals: readonly Deferral[]): void {
    state().deferrals.set(component, deferrals);
}

/** Rules each component of the program could not run yet (at preview), and what they wait for. */
export function programDeferrals(): ReadonlyMap<string, readonly Deferral[]> {
    return state().deferrals;
}

/**
 * The test kit's collector of rule errors found after the constructor. Unset (under
 * Pulumi), such an error fails the children's registrations and Pulumi reports it.
 */
export function ruleErrorSink(): ((error: Error) => void) | undefined {
    return state().sink;
}

export function setRuleErrorSink(sink: ((error: Error) => void) | undefined): void {
    state().sink = sink;
}

/**
 * The value of an Output as a promise: resolves (undefined when unknown at preview) or rejects
 * with the Output's error. Output.promise() is internal to Pulumi but long stable.
 */
export function outputPromise<T>(output: pulumi.Output<T>): Promise<T> {
    return (output as unknown as { promise(): Promise<T> }).promise();
}


/**
 * Records a child's logical name within `scope` (its parent's type and identity) and `type`,
 * with what it is for; returns what the earlier child of the same URN was for, if any. The
 * engine refuses two resources of one URN (the mocks do not).
 */
export function claimChildName(scope: string, type: string, name: string, source: string): string | undefined {
    const names = (state().childNames ??= new Map());
    const key = `${scope}|${type}|${name}`;
    const before = names.get(key);
    if (before !== undefined) return before;
    names.set(key, source);
    return undefined;
}
