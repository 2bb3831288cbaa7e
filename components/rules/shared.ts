/**
 * What the rule families share: plan facts, region and SKU normalization, and reading
 * addresses with VNI-X02 findings for every one that does not parse.
 */
import { Cidr, describeProblem, parseAddress, parseCidr } from "../address";
import { Finding } from "./engine";
import { checkInput, shape } from "./input";

export interface PlanFacts {
    /** The plan's name, as messages show it. */
    readonly name: string;
    readonly location: string;
    readonly skuName?: string;
    readonly skuTier?: string;
    /** A Linux plan (`reserved: true` or a kind containing `linux`). */
    readonly linux: boolean;
    readonly capacity?: number;
}

/** `West Europe` and `westeurope` are one region. */
export function normalizeRegion(location: string): string {
    checkInput("normalizeRegion", { location: [location, shape.string] });
    return location.replace(/\s+/g, "").toLowerCase();
}

/**
 * The tiers the rules and profiles name. ARM reports some plans under a tier of their own that
 * integrates as its family does: `Premium0V3` (P0v3) and `PremiumMV3` (P1mv3, memory optimized)
 * are PremiumV3 plans, and so on for V4.
 */
const CANONICAL_TIERS = [
    "Free",
    "Shared",
    "Basic",
    "Standard",
    "Premium",
    "PremiumV2",
    "PremiumV3",
    "PremiumV4",
    "ElasticPremium",
    "Isolated",
    "IsolatedV2",
    "Dynamic",
    "FlexConsumption",
    "WorkflowStandard",
];

/** A tier as the rules name it: case folded to the catalog's spelling, P0 and memory-optimized variants to their family. */
export function canonicalTier(tier: string): string {
    checkInput("canonicalTier", { tier: [tier, shape.string] });
    const variant = /^premium[0m]v(\d)$/i.exec(tier.trim());
    const name = variant ? `PremiumV${variant[1]}` : tier.trim();
    return CANONICAL_TIERS.find((t) => t.toLowerCase() === name.toLowerCase()) ?? name;
}

/** The SKU tier, from the tier when given, else from the SKU name (`P1v3` is PremiumV3), normalized (`Premium0V3` is PremiumV3). */
export function skuTier(skuName: string | undefined, tier: string | undefined): string | undefined {
    checkInput("skuTier", { skuName: [skuName, shape.optional(shape.string)], tier: [tier, shape.optional(shape.string)] });
    if (tier) return canonicalTier(tier);
    if (!skuName) return undefined;
    const name = skuName.toUpperCase();
    const patterns: [RegExp, string][] = [
        [/^F\d/, "Free"],
        [/^D\d/, "Shared"],
        [/^B\d/, "Basic"],
        [/^S\d/, "Standard"],
        [/^P\d+M?V2$/, "PremiumV2"],
        [/^P\d+M?V3$/, "PremiumV3"],
        [/^P\d+M?V4$/, "PremiumV4"],
        [/^P\d+$/, "Premium"],
        [/^EP\d/, "ElasticPremium"],
        [/^I\d+V2$/, "IsolatedV2"],
        [/^I\d/, "Isolated"],
        [/^Y\d/, "Dynamic"],
        [/^FC\d/, "FlexConsumption"],
        [/^WS\d/, "WorkflowStandard"],
    ];
    return patterns.find(([pattern]) => pattern.test(name))?.[1];
}

/** Parses addresses and CIDR blocks, keeping a VNI-X02 finding for each bad one. */
export class AddressReader {
    public readonly findings: Finding[] = [];
    /** Every valid CIDR block read, by its text. */
    public readonly blocks = new Map<string, Cidr>();

    cidr(text: unknown, where: string): Cidr | undefined {
        const seen = typeof text === "string" ? this.blocks.get(text) : undefined;
        if (seen) return seen; // read once, however many times it is listed
        const parsed = parseCidr(text);
        if (parsed.ok) {
            this.blocks.set(text as string, parsed.value);
            return parsed.value;
        }
        const fix = parsed.problem.kind === "host-bits" ? `use ${parsed.problem.canonical}` : `write an IPv4 CIDR block such as "10.0.1.0/27"`;
        this.findings.push({ code: "VNI-X02", message: `${where}: ${describeProblem(text, parsed.problem, "CIDR block")}. Fix: ${fix}.` });
        return undefined;
    }

    address(text: unknown, where: string): bigint | undefined {
        const parsed = parseAddress(text);
        if (parsed.ok) return parsed.value;
        this.findings.push({ code: "VNI-X02", message: `${where}: ${describeProblem(text, parsed.problem, "IPv4 address")}. Fix: write an IPv4 address such as "10.0.0.4".` });
        return undefined;
    }
}
