/**
 * The regional integrations of a program, indexed for the program-wide rules: each claim's
 * prefix is parsed once, when it is claimed, and claims are found by VNet, prefix and plan
 * without scanning every earlier one. Checking N integrations so grows linearly, not as N²
 * (issue 10). Pure data, no Pulumi: program.ts keeps one for the whole program; a caller of
 * `checkRegional` may give a plain array of claims instead.
 *
 * A claim whose prefix is not known yet (an allocation deferred at preview) leaves its VNet's
 * subnets unknown: a rule reading them is deferred, as it would be reading the claim itself.
 */
import { BlockIndex, Cidr, parseCidr, RangeUnion } from "../address";
import { FactNotKnown, isUnknown, OPAQUE_FACT, Unknown } from "./known";

/** One regional integration in a program, as other components of the same program see it. */
export interface IntegrationClaim {
    readonly component: string;
    readonly planKey: string;
    readonly planName: string;
    readonly planLinux: boolean;
    readonly vnetKey: string;
    readonly addressPrefix: string;
    /** Apps attached by it, as `appKey` gives them. */
    readonly appKeys?: readonly string[];
    /** It creates its subnet (as opposed to adopting one): two creators of one prefix collide in Azure. */
    readonly createsSubnet?: boolean;
    /** The plan's subscription, when known: plans sharing a subnet share a subscription (VNI-R06). */
    readonly planSubscriptionId?: string;
}

/** The subnets this library makes in one VNet. */
export interface LibrarySubnets {
    /** Each parsed block once per claim or subnet, for overlap questions. */
    readonly index: BlockIndex<IntegrationClaim | undefined>;
    /** Their union, for allocation. */
    readonly union: RangeUnion;
    /** Distinct prefixes, in claim order (as messages list them). */
    readonly texts: readonly string[];
}

interface VnetEntry {
    readonly index: BlockIndex<IntegrationClaim | undefined>;
    readonly union: RangeUnion;
    readonly texts: string[];
    readonly seen: Set<string>;
    readonly byPrefix: Map<string, IntegrationClaim[]>;
    /** What the first claim whose prefix is not known waits for. */
    unknown?: string;
}

const BRAND = Symbol.for("appservice-vnet-integration/program-claims");

export class ProgramClaims {
    public readonly [OPAQUE_FACT] = true;
    public readonly [BRAND] = true;
    private readonly list: IntegrationClaim[] = [];
    private readonly vnets = new Map<string, VnetEntry>();
    private readonly plans = new Map<string, IntegrationClaim[]>();
    /** Library subnets that are no regional claim, in the order added. */
    private readonly subnets: { vnetKey: string; prefix: string | Unknown }[] = [];

    /** An index of plain claims and other library subnets (what `checkRegional` takes as arrays). */
    static of(claims: readonly IntegrationClaim[], librarySubnets: readonly { vnetKey: string; prefix: string | Unknown }[] = []): ProgramClaims {
        const index = new ProgramClaims();
        claims.forEach((claim) => index.add(claim));
        librarySubnets.forEach((s) => index.addSubnet(s.vnetKey, s.prefix));
        return index;
    }

    /** A copy of this index with more library subnets. */
    withSubnets(extra: readonly { vnetKey: string; prefix: string | Unknown }[]): ProgramClaims {
        return ProgramClaims.of(this.list, [...this.subnets, ...extra]);
    }

    /** Every claim, in claim order. */
    get all(): readonly IntegrationClaim[] {
        return this.list;
    }

    add(claim: IntegrationClaim): void {
        this.list.push(claim);
        const plan = this.plans.get(claim.planKey);
        if (plan) plan.push(claim);
        else this.plans.set(claim.planKey, [claim]);
        this.addSubnet(claim.vnetKey, claim.addressPrefix as string | Unknown, claim);
    }

    /** A subnet this library made that is no regional claim (a GatewaySubnet). */
    addSubnet(vnetKey: string, prefix: string | Unknown, claim?: IntegrationClaim): void {
        if (!claim) this.subnets.push({ vnetKey, prefix });
        const entry = this.entry(vnetKey);
        if (isUnknown(prefix)) {
            entry.unknown ??= prefix.why;
            return;
        }
        if (claim) {
            const same = entry.byPrefix.get(prefix);
            if (same) same.push(claim);
            else entry.byPrefix.set(prefix, [claim]);
        }
        if (!entry.seen.has(prefix)) {
            entry.seen.add(prefix);
            entry.texts.push(prefix);
        }
        const parsed = parseCidr(prefix);
        if (!parsed.ok) return; // reported where it was given
        entry.index.add(parsed.value, claim);
        entry.union.add(parsed.value);
    }

    /** The library's subnets in a VNet; throws FactNotKnown while one's prefix is unknown. */
    subnetsIn(vnetKey: string): LibrarySubnets {
        const entry = this.entry(vnetKey);
        if (entry.unknown !== undefined) throw new FactNotKnown(entry.unknown);
        return entry;
    }

    /** Claims of a VNet whose subnet is exactly `block`. */
    claimsAt(vnetKey: string, block: Cidr): readonly IntegrationClaim[] {
        this.subnetsIn(vnetKey); // defers while one of the VNet's prefixes is unknown
        return this.entry(vnetKey).byPrefix.get(block.text) ?? [];
    }

    /** Claims of one plan, in claim order; throws FactNotKnown while one's prefix is unknown. */
    claimsOfPlan(planKey: string): readonly IntegrationClaim[] {
        const claims = this.plans.get(planKey) ?? [];
        const waiting = claims.find((c) => isUnknown(c.addressPrefix));
        if (waiting) throw new FactNotKnown((waiting.addressPrefix as unknown as Unknown).why);
        return claims;
    }

    private entry(vnetKey: string): VnetEntry {
        let entry = this.vnets.get(vnetKey);
        if (!entry) {
            entry = { index: new BlockIndex(), union: new RangeUnion(), texts: [], seen: new Set(), byPrefix: new Map() };
            this.vnets.set(vnetKey, entry);
        }
        return entry;
    }
}

/** True for an index of claims, even one made by another copy of the library. */
export function isProgramClaims(value: unknown): value is ProgramClaims {
    return typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
}
