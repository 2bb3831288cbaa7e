/**
 * Regional VNet Integration rules (VNI-R01 to VNI-R12, VNI-X02): pure functions over plain
 * facts. No Pulumi here: the component gathers the facts, a policy pack or a CLI could too.
 */
import { allocate, Cidr, insideAny, isRfc1918, overlaps, RangeUnion, smallestPrefixLengthFor, usableAddresses } from "../address";
import type { RuleCode } from "./catalog";
import { IntegrationClaim, isProgramClaims, ProgramClaims } from "./claims";
import { Finding } from "./engine";
import { Deferral, isUnknown, RuleRun, viewOf } from "./known";
import { checkInput, INTEGRATION_CLAIM, PLAN, profileInput, shape, shown } from "./input";
import { LimitsProfile, otherProfile } from "./profiles";
import { AddressReader, normalizeRegion, PlanFacts, skuTier } from "./shared";

export { normalizeRegion, skuTier };
export type { PlanFacts };

export interface VirtualNetworkFacts {
    readonly name: string;
    readonly location: string;
    readonly addressSpace: readonly string[];
    readonly dnsServers: readonly string[];
    /** Its subscription, from its id, when known (VNI-R19). */
    readonly subscriptionId?: string;
}

/** The integration subnet: a prefix to create, a size to allocate, or an existing subnet to adopt. */
export type SubnetRequest =
    | { readonly kind: "create"; readonly name: string; readonly addressPrefix: string; readonly routeTable: boolean; readonly natGateway?: boolean }
    | { readonly kind: "allocate"; readonly name: string; readonly prefixLength?: number; readonly routeTable: boolean; readonly natGateway?: boolean }
    | {
          readonly kind: "adopt";
          readonly name: string;
          readonly addressPrefix: string;
          readonly routeTable: boolean;
          /** It has a NAT gateway (VNI-R17), when known. */
          readonly natGateway?: boolean;
          /** It has service endpoint policies (VNI-R18), when known. */
          readonly serviceEndpointPolicies?: boolean;
          /** Service names of its delegations, when known. */
          readonly delegations?: readonly string[];
          /** What already sits in it (IP configurations, other links), when known. */
          readonly usedBy?: readonly string[];
      };

export interface PeeredNetworkFacts {
    readonly name: string;
    readonly location: string;
    readonly addressPrefixes: readonly string[];
}

export interface AppFacts {
    /** The app (and slot) as messages show it, e.g. `orders/staging`. */
    readonly label: string;
    readonly location?: string;
    /** The app's own `virtualNetworkSubnetId`, when it sets one (form A). */
    readonly ownSubnetId?: string;
    /** Attached by this component through a swift connection (form B). */
    readonly attachedByComponent: boolean;
    /** A Linux app that runs a custom container (Web App for Containers). */
    readonly linuxContainer: boolean;
    /** A Windows container app: it takes one more subnet address per plan instance (VNI-R03). @default false */
    readonly windowsContainer?: boolean;
    /** It has a PORT or WEBSITES_PORT app setting. */
    readonly listensOnPortSetting: boolean;
    /** How the program recognises it (`resourcegroup/app[/slot]`), when known: VNI-R15 looks for it in earlier integrations. */
    readonly key?: string;
    /**
     * Its own outbound routing, for an app the component attaches (form B): the component's
     * `routing` reaches only apps that spread `siteArgs`. Undefined: not declared (Azure's default).
     */
    readonly routing?: RoutingFacts;
}

export interface RoutingFacts {
    readonly allTraffic?: boolean;
    readonly applicationTraffic?: boolean;
    readonly imagePullTraffic?: boolean;
    readonly contentShareTraffic?: boolean;
    readonly backupRestoreTraffic?: boolean;
}

export type { IntegrationClaim } from "./claims";

export interface RegionalFacts {
    readonly plan: PlanFacts;
    /** Identity of the plan within the program (its resource id, case-folded). */
    readonly planKey: string;
    /** The plan's subscription, from its id, when known (VNI-R06, VNI-R19). */
    readonly planSubscriptionId?: string;
    /** The scale the plan may reach; default: the plan's capacity, else 1. */
    readonly maxInstances?: number;
    readonly virtualNetwork: VirtualNetworkFacts;
    readonly vnetKey: string;
    readonly subnet: SubnetRequest;
    readonly reservedAddressPrefixes: readonly string[];
    readonly peeredNetworks: readonly PeeredNetworkFacts[];
    readonly onPremisesPrefixes: readonly string[];
    readonly routing: RoutingFacts;
    readonly apps: readonly AppFacts[];
    /**
     * Regional integrations registered before this one in the same program: a list, or the
     * program's index of them (`ProgramClaims`, which also holds the library's other subnets).
     */
    readonly others: readonly IntegrationClaim[] | ProgramClaims;
    /** Other subnets this library made in the VNet (gateway subnets); allocation avoids them. @default [] */
    readonly otherLibrarySubnets?: readonly string[];
    /**
     * The DNS servers the component puts in `siteArgs.dnsConfiguration`: the ones `picked` by the
     * user (VNI-R14), none without a pick (apps use the VNet's). Undefined: no site configuration is
     * made here (policy pack).
     */
    readonly siteDns?: { readonly picked?: readonly string[]; readonly label: string };
    /** Host names of private endpoints the apps reach (VNI-R16 checks they can resolve privately). @default [] */
    readonly privateEndpoints?: readonly string[];
    /** GatewaySubnets this program creates in the VNet: no integration subnet may sit on one. @default [] */
    readonly programGatewaySubnets?: readonly string[];
}

export interface RegionalOutcome {
    readonly findings: readonly Finding[];
    /** The subnet prefix: as given, or the allocated block. Undefined when it could not be settled. */
    readonly addressPrefix?: string;
    readonly usableAddresses?: number;
    readonly maxInstances: number;
    /** Rules that read facts not known yet (at preview), with what they wait for. */
    readonly deferred: readonly Deferral[];
}

const RESERVED_SUBNET_NAMES = ["GatewaySubnet", "AzureFirewallSubnet", "AzureFirewallManagementSubnet", "AzureBastionSubnet", "RouteServerSubnet"];
/** The delegation of an App Service plan's integration subnet. */
export const SERVER_FARMS_DELEGATION = "Microsoft.Web/serverFarms";
/** The delegation of a Flex Consumption plan's integration subnet (Azure Functions, Flex Consumption plan). */
export const APP_ENVIRONMENTS_DELEGATION = "Microsoft.App/environments";

/**
 * The service an integration subnet is delegated to for this plan: Microsoft.App/environments for a
 * Flex Consumption plan (whose subscription also needs the Microsoft.App resource provider), else
 * Microsoft.Web/serverFarms.
 * @see https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan (Considerations)
 */
export function integrationDelegation(plan: Pick<PlanFacts, "skuName" | "skuTier">): string {
    return skuTier(plan.skuName, plan.skuTier) === "FlexConsumption" ? APP_ENVIRONMENTS_DELEGATION : SERVER_FARMS_DELEGATION;
}

type AddressCheck = { findings: Finding[]; blocks: Map<string, Cidr> };

/** An IPv6 CIDR block, as a VNet's address space lists it (anything else with a colon is a bad address, VNI-X02). */
const IPV6_BLOCK = /^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}\/\d{1,3}$/i;

function checkAddresses(facts: RegionalFacts): AddressCheck {
    const reader = new AddressReader();
    const cidr = (text: unknown, where: string) => reader.cidr(text, where);
    const findings = reader.findings;
    const vnet = facts.virtualNetwork;
    if (vnet.addressSpace.length === 0) {
        findings.push({ code: "VNI-X02", message: `virtual network ${vnet.name} has an empty address space. Fix: give its addressSpace.addressPrefixes` });
    }
    vnet.addressSpace.forEach((p) => {
        if (typeof p === "string" && IPV6_BLOCK.test(p.trim())) {
            // Not a bad address: Azure refuses regional integration with a dual-stack VNet (overview-vnet-integration, Limitations).
            findings.push({
                code: "VNI-R20",
                message:
                    `virtual network ${vnet.name} has IPv6 address space ${p}; Azure refuses regional VNet Integration with a VNet that has any IPv6 address space. ` +
                    `Fix: integrate with an IPv4-only VNet (peer it to this one if the apps must reach it).`,
            });
            return;
        }
        cidr(p, `address space of virtual network ${vnet.name}`);
    });
    const subnet = facts.subnet;
    if (subnet.kind === "allocate") {
        const length = subnet.prefixLength;
        if (length !== undefined && !(Number.isInteger(length) && length >= 0 && length <= 32)) {
            findings.push({ code: "VNI-X02", message: `subnet prefixLength ${shownNumber(length)} is not a whole number from 0 to 32` });
        }
    } else {
        cidr(subnet.addressPrefix, `address prefix of subnet ${subnet.name}`);
    }
    facts.reservedAddressPrefixes.forEach((p) => cidr(p, "reservedAddressPrefixes"));
    facts.peeredNetworks.forEach((peer) => peer.addressPrefixes.forEach((p) => cidr(p, `address space of peered network ${peer.name}`)));
    facts.onPremisesPrefixes.forEach((p) => cidr(p, "onPremisesPrefixes"));
    return { findings, blocks: reader.blocks };
}

/** VNI-R01: the plan's tier. Reads the plan only, so it runs as soon as the plan is known. */
export function checkRegionalPlanTier(facts: Pick<RegionalFacts, "plan">, profile: LimitsProfile): Finding[] {
    const tier = skuTier(facts.plan.skuName, facts.plan.skuTier);
    const allowed = profile.regionalTiers;
    if (tier && allowed.some((t) => t.toLowerCase() === tier.toLowerCase())) return [];
    const shown = tier ?? `unknown (SKU ${JSON.stringify(facts.plan.skuName)})`;
    const isolated = tier !== undefined && /^isolated/i.test(tier);
    const hint = isolated
        ? " An Isolated plan runs in an App Service Environment, which is already inside a VNet: it needs no VNet Integration."
        : "";
    const other = otherProfile(profile);
    const switchHint =
        tier && other.regionalTiers.includes(tier) && !allowed.includes(tier)
            ? ` The ${other.name} limits profile allows ${tier}.`
            : "";
    return [
        {
            code: "VNI-R01",
            message:
                `plan ${facts.plan.name} has SKU tier ${shown}; regional VNet Integration needs one of ${allowed.join(", ")} ` +
                `(limits profile ${profile.name}).${hint}${switchHint} Fix: scale the plan up to a supported tier.`,
        },
    ];
}

/** VNI-R04 for the plan: plan and VNet in one region. */
export function checkRegionalRegion(facts: { readonly plan: Pick<PlanFacts, "name" | "location">; readonly virtualNetwork: Pick<VirtualNetworkFacts, "name" | "location"> }): Finding[] {
    const vnet = facts.virtualNetwork;
    const region = normalizeRegion(vnet.location);
    const findings: Finding[] = [];
    if (normalizeRegion(facts.plan.location) !== region) {
        findings.push({
            code: "VNI-R04",
            message:
                `plan ${facts.plan.name} is in ${facts.plan.location} but virtual network ${vnet.name} is in ${vnet.location}; ` +
                `regional VNet Integration needs both in one region. Fix: use a VNet in ${facts.plan.location}, or gateway-required integration for a VNet in another region.`,
        });
    }
    return findings;
}

/** VNI-R04 for one app: it must be in the VNet's region. */
function checkAppRegion(app: AppFacts, virtualNetwork: VirtualNetworkFacts): Finding[] {
    if (!app.location || normalizeRegion(app.location) === normalizeRegion(virtualNetwork.location)) return [];
    return [
        {
            code: "VNI-R04",
            message: `app ${app.label} is in ${app.location} but virtual network ${virtualNetwork.name} is in ${virtualNetwork.location}. Fix: integrate the app with a VNet in its own region.`,
        },
    ];
}

/** VNI-R12 for one app: one attachment form only. */
function checkAppAttachment(app: AppFacts): Finding[] {
    if (!(app.attachedByComponent && app.ownSubnetId)) return [];
    return [
        {
            code: "VNI-R12",
            message:
                `app ${app.label} sets virtualNetworkSubnetId (${app.ownSubnetId}) and is also attached by this component's swift connection; ` +
                `the two forms fight (perpetual diffs, replacement on refresh). Fix: either drop the app from \`apps\` and keep the spread \`siteArgs\`, ` +
                `or remove virtualNetworkSubnetId from the app and add ignoreChanges: ["virtualNetworkSubnetId"] to it.`,
        },
    ];
}

/**
 * VNI-R15: an app (or slot) has one regional integration: Azure keeps one
 * `networkConfig/virtualNetwork` per site, so a second integration replaces the first.
 */
function checkAppOnce(app: AppFacts, earlier: readonly IntegrationClaim[]): Finding[] {
    if (!app.attachedByComponent || app.key === undefined) return [];
    const other = earlier.find((claim) => (claim.appKeys ?? []).includes(app.key!));
    if (!other) return [];
    return [
        {
            code: "VNI-R15",
            message:
                `app ${app.label} is already attached by regional integration ${other.component}; Azure keeps one regional integration per app ` +
                `(one networkConfig/virtualNetwork per site), so this one would replace it. Fix: list the app in one RegionalVnetIntegration only.`,
        },
    ];
}

/** VNI-R11 for one app: a Linux container must listen on PORT. */
function checkAppPort(app: AppFacts): Finding[] {
    if (!(app.linuxContainer && !app.listensOnPortSetting)) return [];
    return [
        {
            code: "VNI-R11",
            message:
                `Linux container app ${app.label} has no PORT-based listening setting; Web App for Containers must listen on the PORT environment variable for VNet Integration. ` +
                `Fix: make the image's web server listen on $PORT and set the WEBSITES_PORT app setting to the container's port.`,
        },
    ];
}

/**
 * The app rules (VNI-R04 per app, VNI-R11, VNI-R12), each deferred on its own while what it reads
 * is unknown. VNI-R11 only where the profile has it: only the 2019 page asks containers to listen
 * on PORT for VNet Integration (the current page does not).
 */
function checkApps(run: RuleRun, apps: () => readonly AppFacts[], virtualNetwork: VirtualNetworkFacts, portRule: boolean): void {
    const codes: RuleCode[] = portRule ? ["VNI-R04", "VNI-R11", "VNI-R12"] : ["VNI-R04", "VNI-R12"];
    const count = run.compute(codes, () => apps().length) ?? 0;
    for (let i = 0; i < count; i++) {
        run.check(["VNI-R04"], () => checkAppRegion(apps()[i], virtualNetwork));
        run.check(["VNI-R12"], () => checkAppAttachment(apps()[i]));
        if (portRule) run.check(["VNI-R11"], () => checkAppPort(apps()[i]));
    }
}

/** The app rules over plain facts (VNI-R04 per app, VNI-R11 where `profile` has it, VNI-R12). @default profile: VNI-R11 applies */
export function checkRegionalApps(apps: readonly AppFacts[], virtualNetwork: VirtualNetworkFacts, profile?: LimitsProfile): Finding[] {
    checkInput("checkRegionalApps", {
        apps: [apps, shape.list(APP)],
        virtualNetwork: [virtualNetwork, shape.record({ name: shape.string, location: shape.string })],
        ...(profile === undefined ? {} : { profile: profileInput(profile) }),
    });
    const run = new RuleRun();
    checkApps(run, () => viewOf(apps), viewOf(virtualNetwork), profile === undefined || profile.linuxContainerPortRule !== false);
    return run.findings;
}

/**
 * VNI-R13: a subnet apps integrate with must be delegated to the plan's service
 * (`integrationDelegation`: Microsoft.Web/serverFarms, or Microsoft.App/environments for Flex
 * Consumption) and to nothing else. `delegations` are the subnet's service names (compared
 * case-insensitively).
 */
export function checkSubnetDelegation(subnetName: string, delegations: readonly string[], service: string = SERVER_FARMS_DELEGATION): Finding[] {
    checkInput("checkSubnetDelegation", { subnetName: [subnetName, shape.string], delegations: [delegations, shape.list(shape.string)], service: [service, shape.string] });
    const flex = service.toLowerCase() === APP_ENVIRONMENTS_DELEGATION.toLowerCase();
    const provider = flex ? " The subscription needs the Microsoft.App resource provider registered." : "";
    const foreign = delegations.filter((d) => d.toLowerCase() !== service.toLowerCase());
    if (foreign.length > 0) {
        const why = flex ? "a Flex Consumption plan integrates with a subnet delegated to" : "regional VNet Integration needs a subnet delegated to";
        return [
            {
                code: "VNI-R13",
                message: `subnet ${subnetName} is delegated to ${foreign.join(", ")}; ${why} ${service} only.${provider} Fix: delegate it to ${service} alone, or integrate with another subnet.`,
            },
        ];
    }
    if (delegations.length === 0) {
        return [
            {
                code: "VNI-R13",
                message: `subnet ${subnetName} has no delegation; Azure attaches apps only to a subnet delegated to ${service}.${provider} Fix: add delegations: [{ name: "delegation", serviceName: "${service}" }] to the subnet.`,
            },
        ];
    }
    return [];
}

/** The most DNS servers a site's dnsConfiguration takes (a VNet may hold up to 20). */
export const SITE_DNS_SERVER_LIMIT = 5;

/**
 * VNI-R14: a site's `dnsConfiguration.dnsServers` takes at most 5 servers. `siteDnsServers` are
 * the ones picked for the site; without a pick the site uses the VNet's DNS servers as integrated
 * apps do (overview-vnet-integration, DNS), which no site limit applies to: nothing to check.
 * `vnetDnsServers` stay an argument for the callers that have them (checked as addresses).
 */
export function checkSiteDnsServers(
    site: string,
    vnetName: string,
    vnetDnsServers: readonly string[],
    siteDnsServers?: readonly string[],
    pickWith = "the site's dnsConfiguration.dnsServers",
): Finding[] {
    const misplaced = checkInput("checkSiteDnsServers", {
        site: [site, shape.string],
        vnetName: [vnetName, shape.string],
        vnetDnsServers: [vnetDnsServers, shape.addresses],
        siteDnsServers: [siteDnsServers, shape.optional(shape.addresses)],
    });
    if (misplaced.length > 0) return misplaced;
    const servers = siteDnsServers ?? [];
    if (servers.length <= SITE_DNS_SERVER_LIMIT) return [];
    return [
        {
            code: "VNI-R14",
            message:
                `${site}: its dnsConfiguration lists ${servers.length} DNS servers (${servers.join(", ")}); a site takes at most ${SITE_DNS_SERVER_LIMIT}. ` +
                `Fix: pick at most ${SITE_DNS_SERVER_LIMIT} in ${pickWith}, or pick none and let the app use virtual network ${vnetName}'s DNS servers.`,
        },
    ];
}

/** Resolves the subnet prefix (allocating when asked) and checks size, capacity and placement. */
function checkSubnet(facts: RegionalFacts, profile: LimitsProfile, blocks: Map<string, Cidr>, maxInstances: number, claims: ProgramClaims, windowsContainerApps: number) {
    const findings: Finding[] = [];
    // Each instance takes one address, and one more per Windows container app (overview-vnet-integration, Windows Containers).
    const perInstance = 1 + windowsContainerApps;
    const needed = maxInstances * perInstance;
    const takes = windowsContainerApps > 0 ? `each instance takes ${perInstance}: one, and one per Windows container app` : "each instance takes one";
    const vnet = facts.virtualNetwork;
    const spaces = vnet.addressSpace.map((p) => blocks.get(p)!);
    const reserved = facts.reservedAddressPrefixes.map((p) => blocks.get(p)!);
    const library = claims.subnetsIn(facts.vnetKey);
    const subnet = facts.subnet;

    let block: Cidr | undefined;
    if (subnet.kind === "allocate") {
        const wanted = subnet.prefixLength ?? Math.min(profile.maxSubnetPrefixLength, smallestPrefixLengthFor(2 * needed) ?? 0);
        // The program's subnets as they are (no copy: linear over a program), and this one's reserved prefixes.
        block = allocate(spaces, [library.union, new RangeUnion(reserved)], wanted);
        if (!block) {
            const around = [...reserved.map((b) => b.text), ...library.texts];
            findings.push({
                code: "VNI-R07",
                message:
                    `no free /${wanted} block is left in address space ${vnet.addressSpace.join(", ")} of virtual network ${vnet.name} ` +
                    `after reservedAddressPrefixes and subnets made by this library (${listed(around) || "none"}). ` +
                    `Fix: add address space to the VNet, free a block, or ask for a smaller prefix.`,
            });
            return { findings, block };
        }
    } else {
        block = blocks.get(subnet.addressPrefix)!;
        if (!insideAny(block, spaces)) {
            findings.push({
                code: "VNI-R07",
                message: `subnet ${block.text} is not inside address space ${vnet.addressSpace.join(", ")} of virtual network ${vnet.name}. Fix: choose a prefix inside the VNet, or add address space to it.`,
            });
        }
        const ownClaim = (other: Cidr) => subnet.kind === "adopt" && other.text === block!.text;
        for (const other of reserved) {
            if (overlaps(block, other) && !ownClaim(other)) {
                findings.push({
                    code: "VNI-R07",
                    message: `subnet ${block.text} overlaps ${other.text}, already taken in virtual network ${vnet.name} (reservedAddressPrefixes). Fix: choose a free prefix, or give { prefixLength } to allocate one.`,
                });
            }
        }
        const reported = new Set<string>();
        for (const { block: other, value: claim } of library.index.overlapping(block)) {
            // The same prefix as a regional claim is sharing (VNI-R06) or a second creator (checkSameSubnetTwice);
            // the same prefix as another library subnet (a GatewaySubnet, otherLibrarySubnets) is a collision.
            if ((other.text === block.text && (claim !== undefined || (facts.programGatewaySubnets ?? []).includes(other.text))) || reported.has(other.text)) continue;
            reported.add(other.text);
            findings.push({
                code: "VNI-R07",
                message:
                    other.text === block.text
                        ? `subnet ${block.text} is a subnet another integration of this program makes in virtual network ${vnet.name}. Fix: choose a free prefix, or give { prefixLength } to allocate one.`
                        : `subnet ${block.text} overlaps subnet ${other.text} made by another integration of this program in virtual network ${vnet.name}. Fix: choose a free prefix, or give { prefixLength } to allocate one.`,
            });
        }
        findings.push(...checkSameSubnetTwice(facts, block, claims));
    }

    const usable = usableAddresses(block.prefixLength);
    if (block.prefixLength > profile.maxSubnetPrefixLength) {
        const other = otherProfile(profile);
        const otherNote =
            other.maxSubnetPrefixLength >= block.prefixLength ? ` (the ${other.name} limits profile allows /${other.maxSubnetPrefixLength})` : "";
        findings.push({
            code: "VNI-R02",
            message:
                `subnet ${block.text} has ${block.size} addresses; regional VNet Integration needs a /${profile.maxSubnetPrefixLength} ` +
                `(${2 ** (32 - profile.maxSubnetPrefixLength)} addresses) or larger under limits profile ${profile.name}${otherNote}. ` +
                `Fix: use a /${profile.maxSubnetPrefixLength} or larger prefix.`,
        });
    }
    if (needed > usable) {
        findings.push({
            code: "VNI-R03",
            message:
                `plan ${facts.plan.name} may scale to ${maxInstances} instances but subnet ${block.text} has ${usable} usable addresses ` +
                `(Azure keeps 5; ${takes}${perInstance > 1 ? `, ${needed} in all` : ""}). Fix: use ${prefixHint(2 * needed)}, or lower maxInstances.`,
        });
    } else if (usable < 2 * needed) {
        findings.push({
            code: "VNI-R03",
            severity: "warning",
            message:
                `subnet ${block.text} has ${usable} usable addresses, less than twice the ${needed} addresses plan ${facts.plan.name} may take at ${maxInstances} instances (${takes}); ` +
                `scale operations briefly need both old and new instances' addresses. Fix: use ${prefixHint(2 * needed)}.`,
        });
    }
    return { findings, block };
}

/**
 * VNI-R07 for a prefix the program already uses in full: the GatewaySubnet a gateway
 * integration creates, or a subnet another integration creates while this one creates it too
 * (plans share a subnet by one creating it and the others adopting it).
 */
function checkSameSubnetTwice(facts: RegionalFacts, block: Cidr, claims: ProgramClaims): Finding[] {
    const findings: Finding[] = [];
    const vnet = facts.virtualNetwork;
    if ((facts.programGatewaySubnets ?? []).includes(block.text)) {
        findings.push({
            code: "VNI-R07",
            message: `subnet ${block.text} is the GatewaySubnet a gateway integration of this program creates in virtual network ${vnet.name}; a VPN gateway's subnet holds nothing else. Fix: choose a free prefix, or give { prefixLength } to allocate one.`,
        });
    }
    if (facts.subnet.kind === "create") {
        for (const other of claims.claimsAt(facts.vnetKey, block).filter((o) => o.createsSubnet === true)) {
            findings.push({
                code: "VNI-R07",
                message:
                    `subnet ${block.text} of virtual network ${vnet.name} is also created by component ${other.component}; Azure refuses a second subnet on one prefix. ` +
                    `Fix: let one component create it and the others adopt it ({ id, addressPrefix }), or choose another prefix.`,
            });
        }
    }
    return findings;
}

function checkExclusive(facts: RegionalFacts, profile: LimitsProfile, block: Cidr | undefined, claims: ProgramClaims): Finding[] {
    const findings: Finding[] = [];
    const subnet = facts.subnet;
    if (RESERVED_SUBNET_NAMES.some((n) => n.toLowerCase() === subnet.name.toLowerCase())) {
        findings.push({
            code: "VNI-R06",
            message: `subnet name ${subnet.name} is reserved by Azure for its own service and cannot be delegated to App Service. Fix: use another subnet name.`,
        });
    }
    // The adopted subnet's delegations are VNI-R13's (checkSubnetDelegation), not read twice.
    if (subnet.kind === "adopt") {
        if (subnet.usedBy && subnet.usedBy.length > 0) {
            findings.push({
                code: "VNI-R06",
                message: `subnet ${subnet.name} already holds ${subnet.usedBy.join(", ")}; the integration subnet cannot be used for anything else. Fix: use an empty subnet.`,
            });
        }
    }
    if (!block) return findings;
    const sharing = claims.claimsAt(facts.vnetKey, block).filter((o) => o.planKey !== facts.planKey);
    for (const other of sharing) {
        if (other.planSubscriptionId && facts.planSubscriptionId && other.planSubscriptionId.toLowerCase() !== facts.planSubscriptionId.toLowerCase()) {
            findings.push({
                code: "VNI-R06",
                message:
                    `subnet ${block.text} of virtual network ${facts.virtualNetwork.name} is already used by plan ${other.planName} (component ${other.component}) of subscription ${other.planSubscriptionId}; ` +
                    `plans sharing a subnet must be in one subscription, and plan ${facts.plan.name} is in ${facts.planSubscriptionId}. Fix: give plan ${facts.plan.name} its own subnet.`,
            });
            continue;
        }
        const multiPlan = profile.multiPlanSubnetMaxPrefixLength;
        if (multiPlan !== undefined && block.prefixLength <= multiPlan) continue;
        const allowance =
            multiPlan !== undefined
                ? `limits profile ${profile.name} lets plans share a subnet of /${multiPlan} or larger only`
                : `limits profile ${profile.name} allows one plan per subnet (azure-2026 allows multi-plan subnet join at /26 or larger)`;
        findings.push({
            code: "VNI-R06",
            message:
                `subnet ${block.text} of virtual network ${facts.virtualNetwork.name} is already used by plan ${other.planName} (component ${other.component}); ` +
                `${allowance}. Fix: give plan ${facts.plan.name} its own subnet.`,
        });
    }
    return findings;
}

function checkOnePerPlan(facts: RegionalFacts, profile: LimitsProfile, block: Cidr | undefined, claims: ProgramClaims): Finding[] {
    if (!block) return [];
    const samePlan = claims.claimsOfPlan(facts.planKey);
    const subnets = new Set([...samePlan.map((o) => `${o.vnetKey}|${o.addressPrefix}`), `${facts.vnetKey}|${block.text}`]);
    const limit = facts.plan.linux ? profile.regionalIntegrationsPerLinuxPlan : profile.regionalIntegrationsPerWindowsPlan;
    if (subnets.size <= limit) return [];
    const others = samePlan.filter((o) => !(o.vnetKey === facts.vnetKey && o.addressPrefix === block.text));
    return [
        {
            code: "VNI-R05",
            message:
                `plan ${facts.plan.name} already has a regional integration with subnet ${others.map((o) => `${o.addressPrefix} (component ${o.component})`).join(", ")}; ` +
                `limits profile ${profile.name} allows ${limit} regional integration(s) per ${facts.plan.linux ? "Linux" : "Windows"} plan and all apps of a plan share it. ` +
                `Fix: list every app of the plan in one RegionalVnetIntegration, or move these apps to another plan.`,
        },
    ];
}

/** Route-all: the app's application traffic to every destination enters the VNet, not only RFC 1918. */
export function routesAllTraffic(routing: RoutingFacts): boolean {
    checkInput("routesAllTraffic", { routing: [routing, ROUTING] });
    return routing.allTraffic === true || routing.applicationTraffic === true;
}

function checkDestinations(facts: RegionalFacts, profile: LimitsProfile, blocks: Map<string, Cidr>): Finding[] {
    const findings: Finding[] = [];
    const vnet = facts.virtualNetwork;
    const routedAll = routesAllTraffic(facts.routing);
    const destinations = [
        ...vnet.addressSpace.map((p) => ({ prefix: p, what: `address space of virtual network ${vnet.name}` })),
        ...facts.peeredNetworks.flatMap((peer) => peer.addressPrefixes.map((p) => ({ prefix: p, what: `peered network ${peer.name}` }))),
        ...facts.onPremisesPrefixes.map((p) => ({ prefix: p, what: "on-premises range" })),
    ];
    for (const destination of destinations) {
        const block = blocks.get(destination.prefix);
        if (!block || isRfc1918(block)) continue;
        if (profile.routeAllReachesAnyDestination && routedAll) continue;
        findings.push({
            code: "VNI-R08",
            message: profile.routeAllReachesAnyDestination
                ? `${destination.what} ${block.text} is outside RFC 1918; without route-all, apps send only RFC 1918 traffic into the VNet. Fix: set routing.applicationTraffic to true.`
                : `${destination.what} ${block.text} is outside RFC 1918 (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16); under limits profile documented regional integration reaches RFC 1918 addresses only ` +
                  `(azure-2026 reaches any destination with route-all). Fix: use RFC 1918 addresses, or choose limits: "azure-2026" with routing.applicationTraffic.`,
        });
    }
    if (!profile.globalPeeringReachable) {
        for (const peer of facts.peeredNetworks) {
            if (normalizeRegion(peer.location) !== normalizeRegion(vnet.location)) {
                findings.push({
                    code: "VNI-R09",
                    message:
                        `peered network ${peer.name} is in ${peer.location}, virtual network ${vnet.name} in ${vnet.location}: a global peering, which regional integration cannot reach ` +
                        `under limits profile documented (azure-2026 reaches it). Fix: peer a VNet in ${vnet.location}, or choose limits: "azure-2026".`,
                });
            }
        }
    }
    if (!profile.customRoutesAllowed && facts.subnet.routeTable) {
        findings.push({
            code: "VNI-R10",
            message:
                `subnet ${facts.subnet.name} has a route table, but routes cannot be set on traffic from the app into the VNet under limits profile documented ` +
                `(azure-2026 applies route tables on the integration subnet). Fix: remove the route table, or choose limits: "azure-2026".`,
        });
    }
    return findings;
}

/**
 * VNI-R08 per app the component attaches: the component's `routing` goes into `siteArgs` only,
 * so an attached app routes as its owners set it. Error when the component's route-all is what
 * lets the destinations through and the app does not route all; a warning when routing is asked
 * for and the app's own is not declared.
 */
function checkAttachedAppRouting(facts: RegionalFacts, profile: LimitsProfile, blocks: Map<string, Cidr>, app: AppFacts): Finding[] {
    if (!app.attachedByComponent) return [];
    const asked = Object.values(facts.routing).some((v) => v !== undefined);
    const vnet = facts.virtualNetwork;
    const outside = [
        ...vnet.addressSpace,
        ...facts.peeredNetworks.flatMap((peer) => peer.addressPrefixes),
        ...facts.onPremisesPrefixes,
    ].filter((p) => {
        const block = blocks.get(p);
        return block !== undefined && !isRfc1918(block);
    });
    // The app's own routing is read only when it matters: it is unknown at preview for an app resource that does not set it.
    const needsRouteAll = profile.routeAllReachesAnyDestination && routesAllTraffic(facts.routing) && outside.length > 0;
    if (!needsRouteAll && !asked) return [];
    const own = app.routing;
    if (needsRouteAll && !(own && routesAllTraffic(own))) {
        return [
            {
                code: "VNI-R08",
                message:
                    `app ${app.label} is attached through \`apps\`, which does not carry routing: it routes ${own ? "as declared, without route-all" : "as Azure does by default (RFC 1918 only)"}, ` +
                    `so ${outside.join(", ")} outside RFC 1918 ${outside.length === 1 ? "is" : "are"} not reached through the VNet. ` +
                    `Fix: set outboundVnetRouting.applicationTraffic on the app itself and declare it (routing: { applicationTraffic: true } in its facts), or create the app here with siteArgs.`,
            },
        ];
    }
    if (asked && own === undefined) {
        return [
            {
                code: "VNI-R08",
                severity: "warning",
                message:
                    `routing reaches only apps that spread siteArgs; app ${app.label} is attached through \`apps\` and keeps its own outboundVnetRouting (not declared: Azure's default, RFC 1918 only). ` +
                    `Fix: set the routing on the app itself and declare it in its facts (routing), or create the app here with siteArgs.`,
            },
        ];
    }
    return [];
}

/** VNI-X02 for the VNet's DNS servers: read apart, they are unknown at a new VNet's preview. */
function checkDnsServers(facts: RegionalFacts): Finding[] {
    const reader = new AddressReader();
    facts.virtualNetwork.dnsServers.forEach((server) => reader.address(server, `DNS server of virtual network ${facts.virtualNetwork.name}`));
    (facts.siteDns?.picked ?? []).forEach((server) => reader.address(server, "dnsServers"));
    return reader.findings;
}

/** VNI-R14 over what siteArgs carries: the picked servers only (the VNet's are not copied into it). */
function checkSiteDns(facts: RegionalFacts): Finding[] {
    const site = facts.siteDns;
    if (!site || !site.picked || site.picked.length === 0) return [];
    // A pick is judged alone: the VNet's servers (unknown at a new VNet's preview) are not read.
    return checkSiteDnsServers(site.label, facts.virtualNetwork.name, [], site.picked, "the component's dnsServers argument");
}

/** VNI-R13 for an adopted subnet whose delegations are known, against the plan's service. */
function checkAdoptedDelegation(facts: RegionalFacts): Finding[] {
    const subnet = facts.subnet;
    return subnet.kind === "adopt" && subnet.delegations !== undefined ? checkSubnetDelegation(subnet.name, subnet.delegations, integrationDelegation(facts.plan)) : [];
}

/** Azure's DNS (the virtual public IP that resolves private DNS zones linked to the VNet). */
export const AZURE_DNS = "168.63.129.16";

/**
 * VNI-R16 (warning), for declared private endpoints: with custom DNS servers the apps resolve their names through them;
 * unless they forward the privatelink zones to Azure DNS (or hold the records), a private endpoint
 * resolves to its public address (overview-vnet-integration, Private endpoints).
 */
function checkPrivateEndpointDns(facts: RegionalFacts): Finding[] {
    const endpoints = facts.privateEndpoints ?? [];
    if (endpoints.length === 0) return [];
    const picked = facts.siteDns?.picked && facts.siteDns.picked.length > 0 ? facts.siteDns.picked : undefined;
    const servers = picked ?? facts.virtualNetwork.dnsServers;
    if (servers.length === 0 || servers.includes(AZURE_DNS)) return [];
    const whose = picked ? "the picked DNS servers" : `the DNS servers of virtual network ${facts.virtualNetwork.name}`;
    return [
        {
            code: "VNI-R16",
            severity: "warning",
            message:
                `the apps resolve names with ${whose} (${servers.join(", ")}), not Azure DNS: private endpoint ${endpoints.join(", ")} resolves to its private address only if these servers ` +
                `forward the privatelink zones to Azure DNS (${AZURE_DNS}) or hold its records, else the app reaches the public address. ` +
                `Fix: forward privatelink.* zones to ${AZURE_DNS} on those servers (npm run doctor checks a name), then suppress VNI-R16 with that reason.`,
        },
    ];
}

/**
 * VNI-R17 (warning): a NAT gateway on the integration subnet sees only traffic routed into the VNet:
 * without route-all that is RFC 1918 traffic, so it gives the apps no static outbound address. (A
 * route table is not judged: its routes may well be for private ranges only.)
 */
function checkOutboundWithoutRouteAll(facts: RegionalFacts): Finding[] {
    if (routesAllTraffic(facts.routing)) return [];
    const findings: Finding[] = [];
    const subnet = facts.subnet;
    if (subnet.natGateway === true) {
        findings.push({
            code: "VNI-R17",
            severity: "warning",
            message:
                `subnet ${subnet.name} has a NAT gateway, but without route-all only RFC 1918 traffic enters the VNet: the apps' internet traffic does not use it and gets no static outbound address. ` +
                `Fix: set routing.applicationTraffic (route-all) for the apps.`,
        });
    }
    return findings;
}

/** VNI-R18: an integration subnet cannot have service endpoint policies (overview-vnet-integration, Limitations). */
function checkServiceEndpointPolicies(facts: RegionalFacts): Finding[] {
    const subnet = facts.subnet;
    if (subnet.kind !== "adopt" || subnet.serviceEndpointPolicies !== true) return [];
    return [
        {
            code: "VNI-R18",
            message: `subnet ${subnet.name} has service endpoint policies, which Azure does not allow on an integration subnet. Fix: remove them from the subnet, or integrate with another subnet.`,
        },
    ];
}

/**
 * VNI-R19 (warning): a VNet in another subscription than the plan needs the Microsoft.Web resource
 * provider registered in the VNet's subscription.
 */
function checkCrossSubscription(facts: RegionalFacts): Finding[] {
    const plan = facts.planSubscriptionId;
    const vnet = facts.virtualNetwork.subscriptionId;
    if (!plan || !vnet || plan.toLowerCase() === vnet.toLowerCase()) return [];
    return [
        {
            code: "VNI-R19",
            severity: "warning",
            message:
                `virtual network ${facts.virtualNetwork.name} is in subscription ${vnet}, plan ${facts.plan.name} in ${plan}: regional integration across subscriptions needs the ` +
                `Microsoft.Web resource provider registered in ${vnet}, and every plan sharing the subnet in one subscription. Fix: az provider register --namespace Microsoft.Web --subscription ${vnet}.`,
        },
    ];
}

/** Attached Windows container apps known to be so: each takes one more address per instance. Unknown ones count as none (no wait). */
function windowsContainerApps(facts: RegionalFacts): number {
    const apps = facts.apps as unknown;
    if (!Array.isArray(apps)) return 0;
    return apps.filter((app) => typeof app === "object" && app !== null && !isUnknown(app) && (app as AppFacts).windowsContainer === true).length;
}

/** Prefixes listed in a message: the first 20, then how many more. */
function listed(texts: readonly string[]): string {
    return texts.length <= 20 ? texts.join(", ") : `${texts.slice(0, 20).join(", ")} and ${texts.length - 20} more`;
}

/**
 * The earlier claims as an index: the program's own (which holds its library subnets), or
 * one built from the lists given; `otherLibrarySubnets` join it in this VNet either way.
 * Read from the facts as given: the index defers a question that reads an unknown prefix.
 */
function programClaimsOf(facts: RegionalFacts): ProgramClaims {
    const extra = (facts.otherLibrarySubnets ?? []).map((prefix) => ({ vnetKey: facts.vnetKey, prefix }));
    if (isProgramClaims(facts.others)) return extra.length === 0 ? facts.others : facts.others.withSubnets(extra);
    return ProgramClaims.of(facts.others, extra);
}

const ROUTING = shape.record({
    allTraffic: shape.optional(shape.boolean),
    applicationTraffic: shape.optional(shape.boolean),
    imagePullTraffic: shape.optional(shape.boolean),
    contentShareTraffic: shape.optional(shape.boolean),
    backupRestoreTraffic: shape.optional(shape.boolean),
});
const APP = shape.record({
    label: shape.string,
    key: shape.optional(shape.string),
    location: shape.optional(shape.string),
    ownSubnetId: shape.optional(shape.string),
    attachedByComponent: shape.boolean,
    linuxContainer: shape.boolean,
    windowsContainer: shape.optional(shape.boolean),
    listensOnPortSetting: shape.boolean,
    routing: shape.optional(ROUTING),
});
const VIRTUAL_NETWORK = shape.record({ name: shape.string, location: shape.string, addressSpace: shape.addresses, dnsServers: shape.addresses, subscriptionId: shape.optional(shape.string) });
const SUBNET = shape.union('a subnet request { kind: "create" | "allocate" | "adopt", name, ... }', [
    shape.record({ kind: shape.oneOf("create"), name: shape.string, addressPrefix: shape.any, routeTable: shape.boolean, natGateway: shape.optional(shape.boolean) }),
    shape.record({ kind: shape.oneOf("allocate"), name: shape.string, prefixLength: shape.any, routeTable: shape.boolean, natGateway: shape.optional(shape.boolean) }),
    shape.record({
        kind: shape.oneOf("adopt"),
        name: shape.string,
        addressPrefix: shape.any,
        routeTable: shape.boolean,
        natGateway: shape.optional(shape.boolean),
        serviceEndpointPolicies: shape.optional(shape.boolean),
        delegations: shape.optional(shape.list(shape.string)),
        usedBy: shape.optional(shape.list(shape.string)),
    }),
]);
const REGIONAL_FACTS = shape.record({
    plan: PLAN,
    planKey: shape.string,
    planSubscriptionId: shape.optional(shape.string),
    maxInstances: shape.any, // VNI-R03 says what is wrong with it
    virtualNetwork: VIRTUAL_NETWORK,
    vnetKey: shape.string,
    subnet: SUBNET,
    reservedAddressPrefixes: shape.addresses,
    peeredNetworks: shape.list(shape.record({ name: shape.string, location: shape.string, addressPrefixes: shape.addresses })),
    onPremisesPrefixes: shape.addresses,
    routing: ROUTING,
    apps: shape.list(APP),
    others: shape.opaqueOr(shape.list(INTEGRATION_CLAIM)),
    otherLibrarySubnets: shape.optional(shape.addresses),
    siteDns: shape.optional(shape.record({ label: shape.string, picked: shape.optional(shape.addresses) })),
    programGatewaySubnets: shape.optional(shape.addresses),
    privateEndpoints: shape.optional(shape.list(shape.string)),
});

/** A number as a message shows it: NaN and Infinity by name, not as JSON's null. */
function shownNumber(value: unknown): string {
    return shown(value);
}

/** `a /26 or larger`, or what to do when no IPv4 subnet holds that many. */
function prefixHint(addresses: number): string {
    const length = smallestPrefixLengthFor(addresses);
    return length === undefined ? `a larger subnet than any IPv4 subnet can be (${addresses} addresses)` : `a /${length} or larger`;
}

const SUBNET_RULES: readonly RuleCode[] = ["VNI-R02", "VNI-R03", "VNI-R05", "VNI-R06", "VNI-R07"];

/**
 * Every regional rule over one integration's facts. Pure: the same facts give the same
 * findings and the same allocated prefix. Never throws for bad input; it reports it.
 *
 * Facts may hold `Unknown`s (at preview): each rule runs when what it reads is known and is
 * listed in `deferred` otherwise; with plain facts nothing is deferred.
 */
export function checkRegional(plainOrPartial: RegionalFacts, profile: LimitsProfile): RegionalOutcome {
    // Junk of any type: misplaced addresses are VNI-X02 findings, the rest one InvalidInputError.
    const misplaced = checkInput("checkRegional", { facts: [plainOrPartial, REGIONAL_FACTS], profile: profileInput(profile) });
    if (misplaced.length > 0) return { findings: misplaced, deferred: [], maxInstances: 1 };
    const facts = viewOf(plainOrPartial);
    const run = new RuleRun();
    const maxInstances = run.compute(["VNI-R03"], (findings) => {
        const wanted = facts.maxInstances ?? facts.plan.capacity ?? 1;
        if (!(Number.isSafeInteger(wanted) && wanted >= 1)) {
            findings.push({ code: "VNI-R03", message: `maxInstances ${shownNumber(wanted)} is not a whole number of at least 1. Fix: give the most instances the plan may scale to.` });
            return undefined;
        }
        if (smallestPrefixLengthFor(wanted) === undefined) {
            findings.push({ code: "VNI-R03", message: `maxInstances ${wanted} is more instances than any IPv4 subnet has addresses for. Fix: give the most instances the plan may really scale to.` });
            return undefined;
        }
        return wanted;
    });
    run.check(["VNI-R01"], () => checkRegionalPlanTier(facts, profile));
    run.check(["VNI-R04"], () => checkRegionalRegion(facts));
    checkApps(run, () => facts.apps, facts.virtualNetwork, profile.linuxContainerPortRule !== false);
    const earlier = isProgramClaims(plainOrPartial.others) ? plainOrPartial.others.all : plainOrPartial.others;
    const appCount = run.compute(["VNI-R15"], () => facts.apps.length) ?? 0;
    for (let i = 0; i < appCount; i++) run.check(["VNI-R15"], () => checkAppOnce(facts.apps[i], earlier));
    run.check(["VNI-X02"], () => checkDnsServers(facts));
    run.check(["VNI-R14"], () => checkSiteDns(facts));
    run.check(["VNI-R13"], () => checkAdoptedDelegation(facts));
    run.check(["VNI-R16"], () => checkPrivateEndpointDns(facts));
    run.check(["VNI-R17"], () => checkOutboundWithoutRouteAll(facts));
    run.check(["VNI-R18"], () => checkServiceEndpointPolicies(facts));
    run.check(["VNI-R19"], () => checkCrossSubscription(facts));
    const addresses = run.compute(["VNI-X02", "VNI-R20", ...SUBNET_RULES, "VNI-R08"], (findings) => {
        const checked = checkAddresses(facts);
        findings.push(...checked.findings);
        return checked;
    });
    const outcome = { findings: run.findings, deferred: run.deferred, maxInstances: maxInstances ?? 1 };
    if (!addresses || addresses.findings.length > 0 || maxInstances === undefined) {
        // The subnet cannot be settled: its rules wait with whatever they wait for.
        if (addresses && addresses.findings.length === 0 && maxInstances === undefined) {
            const waiting = run.deferred.find((d) => d.codes.includes("VNI-R03"));
            if (waiting) run.defer(SUBNET_RULES, waiting.why);
        }
        return outcome;
    }
    const claims = programClaimsOf(plainOrPartial);
    const block = run.compute(SUBNET_RULES, (findings) => {
        const subnet = checkSubnet(facts, profile, addresses.blocks, maxInstances, claims, windowsContainerApps(plainOrPartial));
        findings.push(...subnet.findings);
        return subnet.block;
    });
    run.check(["VNI-R06"], () => checkExclusive(facts, profile, block, claims));
    run.check(["VNI-R05"], () => checkOnePerPlan(facts, profile, block, claims));
    run.check(["VNI-R08", "VNI-R09", "VNI-R10"], () => checkDestinations(facts, profile, addresses.blocks));
    const apps = run.compute(["VNI-R08"], () => facts.apps.length) ?? 0;
    for (let i = 0; i < apps; i++) run.check(["VNI-R08"], () => checkAttachedAppRouting(facts, profile, addresses.blocks, facts.apps[i]));
    return { ...outcome, addressPrefix: block?.text, usableAddresses: block ? usableAddresses(block.prefixLength) : undefined };
}
