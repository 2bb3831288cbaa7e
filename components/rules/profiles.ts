/**
 * Limits profiles: the thresholds the rules apply. `azure-2026` (the default) is what Azure enforces today;
 * `documented` is the 2019 page (shared/spec/azure-mapping.md, section 4), with one exception: its tier
 * lists also admit the dedicated tiers that came after the page and that the page's own rule ("Standard
 * or better") covers, PremiumV3 and (regional) ElasticPremium; the page names Standard, Premium and
 * PremiumV2 only because nothing newer existed in 2019.
 */

import { checkInput, PROFILE } from "./input";

export type LimitsProfileName = "documented" | "azure-2026";

/** The profile used when none is asked for. */
export const DEFAULT_LIMITS_PROFILE: LimitsProfileName = "azure-2026";

export interface LimitsProfile {
    readonly name: LimitsProfileName;
    /** Plan SKU tiers that may use regional VNet Integration. */
    readonly regionalTiers: readonly string[];
    /** The longest subnet prefix regional integration accepts (27 means /27 or larger). */
    readonly maxSubnetPrefixLength: number;
    /** Distinct regional integrations (subnets) one Windows plan may have. */
    readonly regionalIntegrationsPerWindowsPlan: number;
    /** Distinct regional integrations (subnets) one Linux plan may have. */
    readonly regionalIntegrationsPerLinuxPlan: number;
    /** Several plans may share a subnet of this prefix length or larger; undefined: never. */
    readonly multiPlanSubnetMaxPrefixLength: number | undefined;
    /** Non-RFC 1918 destinations are reachable when application traffic is routed into the VNet. */
    readonly routeAllReachesAnyDestination: boolean;
    /** Peered VNets in other regions are reachable. */
    readonly globalPeeringReachable: boolean;
    /** Route tables on the integration subnet apply to app traffic. */
    readonly customRoutesAllowed: boolean;
    /** Plan SKU tiers that may use gateway-required VNet Integration. */
    readonly gatewayTiers: readonly string[];
    /** Distinct VNets the apps of one plan may reach through gateways. */
    readonly gatewayVnetsPerPlan: number;
    /** New gateways may still enable SSTP (false since 31 March 2026). */
    readonly newSstpGatewaysAllowed: boolean;
    /**
     * On-premises routes learnt over BGP do not reach App Service, and the fix is to advertise them on the
     * point-to-site configuration by hand (January 2026 page): VNI-G12 warns. False: BGP is refused (error).
     */
    readonly bgpRoutesAdvertisedByHand: boolean;
    /** VNI-R11 (Linux custom containers listen on PORT) applies: only the 2019 page states it. */
    readonly linuxContainerPortRule: boolean;
}

const DOCUMENTED: LimitsProfile = {
    name: "documented",
    regionalTiers: ["Standard", "Premium", "PremiumV2", "PremiumV3", "ElasticPremium"],
    maxSubnetPrefixLength: 27,
    regionalIntegrationsPerWindowsPlan: 1,
    regionalIntegrationsPerLinuxPlan: 1,
    multiPlanSubnetMaxPrefixLength: undefined,
    routeAllReachesAnyDestination: false,
    globalPeeringReachable: false,
    customRoutesAllowed: false,
    gatewayTiers: ["Standard", "Premium", "PremiumV2", "PremiumV3"],
    gatewayVnetsPerPlan: 5,
    newSstpGatewaysAllowed: true,
    bgpRoutesAdvertisedByHand: false,
    linuxContainerPortRule: true,
};

const AZURE_2026: LimitsProfile = {
    name: "azure-2026",
    regionalTiers: ["Basic", "Standard", "Premium", "PremiumV2", "PremiumV3", "PremiumV4", "ElasticPremium", "FlexConsumption", "WorkflowStandard"],
    maxSubnetPrefixLength: 28,
    regionalIntegrationsPerWindowsPlan: 2,
    regionalIntegrationsPerLinuxPlan: 1,
    multiPlanSubnetMaxPrefixLength: 26,
    routeAllReachesAnyDestination: true,
    globalPeeringReachable: true,
    customRoutesAllowed: true,
    // configure-gateway-required-vnet-integration, Pricing details (January 2026).
    gatewayTiers: ["Basic", "Standard", "Premium", "PremiumV2", "PremiumV3", "PremiumV4"],
    gatewayVnetsPerPlan: 5,
    newSstpGatewaysAllowed: false,
    bgpRoutesAdvertisedByHand: true,
    linuxContainerPortRule: false,
};

export const LIMITS_PROFILES: Readonly<Record<LimitsProfileName, LimitsProfile>> = {
    documented: DOCUMENTED,
    "azure-2026": AZURE_2026,
};

export function isLimitsProfileName(name: unknown): name is LimitsProfileName {
    return name === "documented" || name === "azure-2026";
}

/** The other profile, named in messages whose threshold differs between the two. */
export function otherProfile(profile: LimitsProfile): LimitsProfile {
    checkInput("otherProfile", { profile: [profile, PROFILE] });
    return profile.name === "documented" ? AZURE_2026 : DOCUMENTED;
}
