/**
 * Gateway-required VNet Integration rules (VNI-G01 to VNI-G15, VNI-X02): pure functions over
 * plain facts, with the same contract as the regional family.
 */
import { allocate, Cidr, insideAny, isRfc1918, overlaps, parseCidr } from "../address";
import { Finding } from "./engine";
import { RuleRun, viewOf } from "./known";
import { checkInput, PLAN, profileInput, shape, shown } from "./input";
import { LimitsProfile } from "./profiles";
import { AddressReader, PlanFacts, skuTier } from "./shared";

/** The point-to-site VPN gateway the apps connect through. */
export interface GatewayDeviceFacts {
    readonly name: string;
    /** `Vpn` or `ExpressRoute`. */
    readonly gatewayType: string;
    /** `RouteBased` or `PolicyBased`. */
    readonly vpnType?: string;
    /** `Basic`, `VpnGw1AZ`, ... */
    readonly skuName: string;
    /** Undefined when the gateway has no point-to-site configuration. */
    readonly pointToSite?: { readonly addressPool: readonly string[]; readonly protocols: readonly string[] };
    /** `addressPrefix` is undefined when this program allocates it and no block was free (VNI-G11 says so). */
    readonly subnet: { readonly name: string; readonly addressPrefix?: string };
    /** This program creates the gateway (as opposed to adopting one). */
    readonly created: boolean;
}

/** One gateway integration in a program, as other components of it see it. */
export interface GatewayClaim {
    readonly component: string;
    readonly planKey: string;
    readonly vnetKey: string;
    readonly vnetName: string;
    /** Case-folded `resourceGroup/app[/slot]` of each connected app. */
    readonly appKeys: readonly string[];
    /** The VPN gateway it uses and its GatewaySubnet (VNI-G16). */
    readonly gateway?: GatewayUse;
}

/** A VPN gateway a gateway integration uses: one it creates, or one it adopts (by ARM id). */
export interface GatewayUse {
    /** `created:<component>` for a gateway made here, the case-folded ARM id of an adopted one. */
    readonly key: string;
    readonly name: string;
    readonly created: boolean;
    /** Prefix of its GatewaySubnet (created here when the gateway is). */
    readonly subnetPrefix: string;
}

export interface GatewayFacts {
    readonly plan: PlanFacts;
    readonly planKey: string;
    /** Subscription of the plan, from its resource id, when known. */
    readonly planSubscriptionId?: string;
    readonly virtualNetwork: {
        readonly name: string;
        readonly location: string;
        readonly addressSpace: readonly string[];
        readonly subscriptionId?: string;
        /** The VNet has an ExpressRoute gateway (coexistence or not). */
        readonly expressRouteGateway: boolean;
    };
    readonly vnetKey: string;
    readonly gateway: GatewayDeviceFacts;
    /** VNets peered to this one whose ranges the apps reach through the gateway. */
    readonly peers: readonly { readonly name: string; readonly addressPrefixes: readonly string[] }[];
    /** On-premises ranges reached over a site-to-site connection of the VNet. */
    readonly onPremises: { readonly prefixes: readonly string[]; readonly bgpEnabled: boolean };
    readonly apps: readonly { readonly key: string; readonly label: string }[];
    /** Gateway integrations registered before this one in the same program. */
    readonly otherGateways: readonly GatewayClaim[];
    /** Apps (same keys) already in a regional integration of this program. */
    readonly regionalAppKeys: readonly string[];
}

const GATEWAY_SUBNET = "GatewaySubnet";
const MIGRATION =
    "Move to regional VNet Integration (a subnet in the app's region) plus global peering to this VNet (npm run migrate plans it); see the README section on the retirement.";

function checkPlanTier(facts: GatewayFacts, profile: LimitsProfile): Finding[] {
    const tier = skuTier(facts.plan.skuName, facts.plan.skuTier);
    if (tier && profile.gatewayTiers.some((t) => t.toLowerCase() === tier.toLowerCase())) return [];
    return [
        {
            code: "VNI-G01",
            message: `plan ${facts.plan.name} has SKU tier ${tier ?? `unknown (SKU ${JSON.stringify(facts.plan.skuName)})`}; gateway-required VNet Integration needs one of ${profile.gatewayTiers.join(", ")}. Fix: scale the plan up to a supported tier.`,
        },
    ];
}

/**
 * VNI-G08: App Service connects over SSTP. A non-Basic gateway must offer SSTP alone (IKEv2 off); a
 * Basic one must offer SSTP (Basic supports IKEv2 since November 2025 and new Basic gateways
 * default to it). Under azure-2026 SSTP cannot be enabled any more: the fix is another gateway or
 * the migration, not the protocol setting.
 */
function checkProtocols(gateway: GatewayDeviceFacts, profile: LimitsProfile): Finding[] {
    const protocols = gateway.pointToSite!.protocols.map((p) => p.toUpperCase());
    const basic = gateway.skuName.toLowerCase() === "basic";
    const sstp = protocols.includes("SSTP");
    if (basic ? sstp : protocols.length === 1 && sstp) return [];
    const listed = gateway.pointToSite!.protocols.join(", ") || "none";
    const need = basic ? "App Service needs SSTP on it" : "on a non-Basic SKU App Service needs exactly SSTP (IKEv2 off)";
    let fix: string;
    if (sstp) fix = `remove the other protocols, keeping SSTP: vpnClientProtocols ["SSTP"]`;
    else if (profile.newSstpGatewaysAllowed) fix = `set vpnClientProtocols to ["SSTP"]`;
    else
        fix =
            `Azure refuses to enable SSTP since 31 March 2026, so this gateway cannot serve App Service: adopt a gateway that still has SSTP, ` +
            `or migrate to regional VNet Integration (npm run migrate)`;
    return [
        {
            code: "VNI-G08",
            message: `gateway ${gateway.name} (SKU ${gateway.skuName}) has point-to-site protocols ${listed}; ${need}. Fix: ${fix}.`,
        },
    ];
}

function checkWindows(facts: GatewayFacts): Finding[] {
    if (!facts.plan.linux) return [];
    return [
        {
            code: "VNI-G02",
            message: `plan ${facts.plan.name} is a Linux plan; gateway-required VNet Integration supports Windows apps only. Fix: use RegionalVnetIntegration with a VNet in ${facts.plan.location} (peered to ${facts.virtualNetwork.name} if it is elsewhere).`,
        },
    ];
}

/** VNI-G01, VNI-G02, VNI-G10 over plain facts: the plan's tier, OS and subscription. */
export function checkGatewayPlan(facts: Pick<GatewayFacts, "plan" | "planSubscriptionId" | "virtualNetwork">, profile: LimitsProfile): Finding[] {
    checkInput("checkGatewayPlan", {
        facts: [facts, shape.record({ plan: PLAN, planSubscriptionId: shape.optional(shape.string), virtualNetwork: shape.record({ name: shape.string, subscriptionId: shape.optional(shape.string) }) })],
        profile: profileInput(profile),
    });
    const all = facts as GatewayFacts;
    return [...checkPlanTier(all, profile), ...checkWindows(all), ...checkSubscription(all)];
}

function checkSubscription(facts: GatewayFacts): Finding[] {
    const findings: Finding[] = [];
    if (facts.planSubscriptionId && facts.virtualNetwork.subscriptionId && facts.planSubscriptionId.toLowerCase() !== facts.virtualNetwork.subscriptionId.toLowerCase()) {
        findings.push({
            code: "VNI-G10",
            message: `virtual network ${facts.virtualNetwork.name} is in subscription ${facts.virtualNetwork.subscriptionId} but plan ${facts.plan.name} in ${facts.planSubscriptionId}; the VNet must be in the plan's subscription. Fix: use a VNet of subscription ${facts.planSubscriptionId}.`,
        });
    }
    return findings;
}

function checkProgram(facts: GatewayFacts, profile: LimitsProfile): Finding[] {
    const findings: Finding[] = [];
    const samePlan = facts.otherGateways.filter((o) => o.planKey === facts.planKey);
    const vnets = new Map(samePlan.map((o) => [o.vnetKey, o.vnetName] as const));
    vnets.set(facts.vnetKey, facts.virtualNetwork.name);
    if (vnets.size > profile.gatewayVnetsPerPlan) {
        findings.push({
            code: "VNI-G03",
            message: `the apps of plan ${facts.plan.name} would use ${vnets.size} VNets (${[...vnets.values()].join(", ")}); one plan may use at most ${profile.gatewayVnetsPerPlan} (the same VNet used by several apps counts once). Fix: move some apps to another plan.`,
        });
    }
    // Indexed once: each app is then a look-up, not a scan of every other app (issue 10).
    const elsewhereByApp = new Map<string, GatewayClaim>();
    for (const other of facts.otherGateways) {
        if (other.vnetKey === facts.vnetKey) continue;
        for (const key of other.appKeys) if (!elsewhereByApp.has(key)) elsewhereByApp.set(key, other);
    }
    const regional = new Set(facts.regionalAppKeys);
    for (const app of facts.apps) {
        const elsewhere = elsewhereByApp.get(app.key);
        if (elsewhere) {
            findings.push({
                code: "VNI-G04",
                message: `app ${app.label} is already connected to virtual network ${elsewhere.vnetName} (component ${elsewhere.component}); an app connects to one VNet at a time. Fix: connect it to one VNet only.`,
            });
        }
        if (regional.has(app.key)) {
            findings.push({
                code: "VNI-G04",
                message: `app ${app.label} already has regional VNet Integration in this program; an app uses one form of VNet Integration at a time. Fix: keep either the regional or the gateway integration.`,
            });
        }
    }
    return findings;
}

function checkGateway(facts: GatewayFacts, profile: LimitsProfile, reader: AddressReader): Finding[] {
    const findings: Finding[] = [];
    const gateway = facts.gateway;
    const vnet = facts.virtualNetwork;
    if (gateway.gatewayType.toLowerCase() !== "vpn" || (gateway.vpnType ?? "").toLowerCase() !== "routebased" || !gateway.pointToSite) {
        const what = gateway.gatewayType.toLowerCase() !== "vpn" ? `a gateway of type ${gateway.gatewayType}` : !gateway.pointToSite ? "a gateway with no point-to-site configuration" : `a ${gateway.vpnType ?? "untyped"} VPN gateway`;
        findings.push({
            code: "VNI-G07",
            message:
                `gateway ${gateway.name} is ${what}; gateway-required integration needs a route-based VPN gateway with SSTP point-to-site configured. ` +
                (profile.newSstpGatewaysAllowed
                    ? `Fix: use a RouteBased VPN gateway with a point-to-site address pool and SSTP.`
                    : `Fix: adopt a RouteBased gateway that already has SSTP point-to-site (Azure refuses to enable SSTP since 31 March 2026, so none can be configured now), or migrate to regional VNet Integration (npm run migrate).`),
        });
    }
    if (gateway.pointToSite) findings.push(...checkProtocols(gateway, profile));
    if (vnet.expressRouteGateway) {
        findings.push({
            code: "VNI-G09",
            message: `virtual network ${vnet.name} has an ExpressRoute gateway; gateway-required integration does not work with one, even in coexistence mode. Fix: use regional VNet Integration to reach resources across ExpressRoute.`,
        });
    }
    if (gateway.skuName.toLowerCase() === "basic" && facts.peers.length > 0) {
        findings.push({
            code: "VNI-G15",
            message:
                `gateway ${gateway.name} is Basic, which has no gateway transit, but peers are declared (${facts.peers.map((p) => p.name).join(", ")}). ` +
                (profile.newSstpGatewaysAllowed
                    ? `Fix: use a VpnGw1AZ or larger SKU.`
                    : `Fix: a Basic gateway cannot be resized to VpnGw1AZ and a new gateway cannot enable SSTP (since 31 March 2026): reach the peers from regional VNet Integration instead (npm run migrate), or adopt a VpnGw gateway that still has SSTP.`),
        });
    }
    if (facts.onPremises.prefixes.length > 0 && facts.onPremises.bgpEnabled) {
        findings.push(
            profile.bgpRoutesAdvertisedByHand
                ? {
                      code: "VNI-G12",
                      severity: "warning",
                      message:
                          `on-premises ranges are reached over a site-to-site connection with BGP enabled; routes learnt over BGP are not propagated to App Service. ` +
                          `Fix: advertise ${facts.onPremises.prefixes.join(", ")} by hand as custom routes of gateway ${gateway.name}'s point-to-site configuration ` +
                          `(customRoutes.addressPrefixes; https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-p2s-advertise-custom-routes).`,
                  }
                : {
                      code: "VNI-G12",
                      message: `on-premises ranges are reached over a site-to-site connection with BGP enabled; gateway-required integration cannot use a BGP site-to-site connection (limits profile ${profile.name}). Fix: use static routes on that connection.`,
                  },
        );
    }

    if (vnet.addressSpace.length === 0) {
        // Said once; the gateway subnet and pool are still checked against everything else.
        reader.findings.push({ code: "VNI-X02", message: `virtual network ${vnet.name} has an empty address space. Fix: give its addressSpace.addressPrefixes` });
    }
    const spaces = vnet.addressSpace.map((p) => reader.cidr(p, `address space of virtual network ${vnet.name}`)).filter((b): b is Cidr => b !== undefined);
    const subnet = gateway.subnet.addressPrefix === undefined ? undefined : reader.cidr(gateway.subnet.addressPrefix, `address prefix of gateway subnet ${gateway.subnet.name}`);
    if (gateway.subnet.name !== GATEWAY_SUBNET) {
        findings.push({ code: "VNI-G11", message: `the gateway subnet is named ${gateway.subnet.name}; Azure requires exactly ${GATEWAY_SUBNET}. Fix: name it ${GATEWAY_SUBNET}.` });
    }
    if (subnet) {
        if (subnet.prefixLength > 29) {
            findings.push({ code: "VNI-G11", message: `gateway subnet ${subnet.text} is smaller than /29, the least a gateway subnet may be. Fix: use a /27.` });
        } else if (subnet.prefixLength > 27) {
            findings.push({ code: "VNI-G11", severity: "warning", message: `gateway subnet ${subnet.text} is smaller than the recommended /27, which leaves room for more gateway configurations. Fix: use a /27 where the address space allows.` });
        }
        if (spaces.length > 0 && !insideAny(subnet, spaces)) {
            findings.push({ code: "VNI-G11", message: `gateway subnet ${subnet.text} is outside address space ${vnet.addressSpace.join(", ")} of virtual network ${vnet.name}. Fix: choose a prefix inside the VNet.` });
        }
    }

    const pool = (gateway.pointToSite?.addressPool ?? []).map((p) => reader.cidr(p, `point-to-site address pool of gateway ${gateway.name}`)).filter((b): b is Cidr => b !== undefined);
    const peers = facts.peers.flatMap((peer) => peer.addressPrefixes.map((p) => ({ block: reader.cidr(p, `address space of peer ${peer.name}`), what: `peer ${peer.name}` })));
    const onPremises = facts.onPremises.prefixes.map((p) => ({ block: reader.cidr(p, "on-premises range"), what: "on-premises range" }));
    for (const block of pool) {
        if (!isRfc1918(block)) {
            findings.push({
                code: "VNI-G05",
                message: `point-to-site address pool ${block.text} is outside RFC 1918 (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16); App Service needs an RFC 1918 pool. Fix: choose a pool such as 172.16.201.0/24.`,
            });
        }
        const others = [...spaces.map((b) => ({ block: b, what: `virtual network ${vnet.name}` })), ...peers, ...onPremises];
        for (const other of others) {
            if (other.block && overlaps(block, other.block)) {
                findings.push({
                    code: "VNI-G06",
                    message: `point-to-site address pool ${block.text} overlaps ${other.what} (${other.block.text}); the apps' source addresses must not collide with what they reach. Fix: choose a pool that overlaps nothing.`,
                });
            }
        }
    }
    if (facts.onPremises.prefixes.length > 0 && pool.length > 0) {
        findings.push({
            code: "VNI-G13",
            message: `on-premises ranges are declared: the on-premises VPN device must route the point-to-site pool ${pool.map((b) => b.text).join(", ")} back to Azure, or replies from on-premises never reach the apps. Fix: add those routes on the on-premises gateway.`,
        });
    }
    // A created gateway hears about SSTP from VNI-G17; the retirement warning does not say it twice.
    const sstp = gateway.created ? "" : " Azure no longer lets gateways enable SSTP since 31 March 2026: keep this one's SSTP configuration.";
    findings.push({
        code: "VNI-G14",
        message: `gateway-required VNet Integration is retired by Azure on 31 March 2027.${sstp} ${MIGRATION}`,
    });
    return findings;
}

const GATEWAY_FACTS = shape.record({
    plan: PLAN,
    planKey: shape.string,
    planSubscriptionId: shape.optional(shape.string),
    virtualNetwork: shape.record({ name: shape.string, location: shape.string, addressSpace: shape.addresses, subscriptionId: shape.optional(shape.string), expressRouteGateway: shape.boolean }),
    vnetKey: shape.string,
    gateway: shape.record({
        name: shape.string,
        gatewayType: shape.string,
        vpnType: shape.optional(shape.string),
        skuName: shape.string,
        pointToSite: shape.optional(shape.record({ addressPool: shape.addresses, protocols: shape.list(shape.string) })),
        subnet: shape.record({ name: shape.string, addressPrefix: shape.any }),
        created: shape.boolean,
    }),
    peers: shape.list(shape.record({ name: shape.string, addressPrefixes: shape.addresses })),
    onPremises: shape.record({ prefixes: shape.addresses, bgpEnabled: shape.boolean }),
    apps: shape.list(shape.record({ key: shape.string, label: shape.string })),
    otherGateways: shape.list(shape.record({ component: shape.string, planKey: shape.string, vnetKey: shape.string, vnetName: shape.string, appKeys: shape.list(shape.string) })),
    regionalAppKeys: shape.list(shape.string),
});

/**
 * Every gateway rule over one integration's facts, each deferred while what it reads is unknown
 * (see rules/known.ts). Misplaced addresses are VNI-X02 findings; other junk an InvalidInputError.
 */
export function gatewayRules(partial: GatewayFacts, profile: LimitsProfile, run: RuleRun): void {
    const misplaced = checkInput("checkGatewayIntegration", { facts: [partial, GATEWAY_FACTS], profile: profileInput(profile) });
    if (misplaced.length > 0) {
        run.findings.push(...misplaced);
        return;
    }
    const facts = viewOf(partial);
    run.check(["VNI-G01"], () => checkPlanTier(facts, profile));
    run.check(["VNI-G02"], () => checkWindows(facts));
    run.check(["VNI-G10"], () => checkSubscription(facts));
    run.check(["VNI-G03", "VNI-G04"], () => checkProgram(facts, profile));
    run.check(["VNI-G05", "VNI-G06", "VNI-G07", "VNI-G08", "VNI-G09", "VNI-G11", "VNI-G12", "VNI-G13", "VNI-G14", "VNI-G15", "VNI-X02"], () => {
        const reader = new AddressReader();
        const findings = checkGateway(facts, profile, reader);
        return [...reader.findings, ...findings];
    });
}

/** Every gateway rule over one integration's plain facts. Pure; never throws for bad input. */
export function checkGatewayIntegration(facts: GatewayFacts, profile: LimitsProfile): Finding[] {
    const run = new RuleRun();
    gatewayRules(facts, profile, run);
    return run.findings;
}

/**
 * VNI-G16: one VPN gateway and one GatewaySubnet per VNet. `vpnGateways` and `gatewaySubnets`
 * name every one declared for the VNet (made here or already there).
 */
export function checkOneGatewayPerVnet(vnetName: string, vpnGateways: readonly string[], gatewaySubnets: readonly string[]): Finding[] {
    checkInput("checkOneGatewayPerVnet", { vnetName: [vnetName, shape.string], vpnGateways: [vpnGateways, shape.list(shape.string)], gatewaySubnets: [gatewaySubnets, shape.list(shape.string)] });
    const findings: Finding[] = [];
    if (vpnGateways.length > 1) {
        findings.push({
            code: "VNI-G16",
            message: `virtual network ${vnetName} would have ${vpnGateways.length} VPN gateways (${vpnGateways.join(", ")}); Azure allows one per VNet. Fix: keep one gateway and connect every app through it.`,
        });
    }
    if (gatewaySubnets.length > 1) {
        findings.push({
            code: "VNI-G16",
            message: `virtual network ${vnetName} would have ${gatewaySubnets.length} ${GATEWAY_SUBNET} subnets (${gatewaySubnets.join(", ")}); Azure allows one per VNet. Fix: keep one ${GATEWAY_SUBNET} (a /27) and drop the others.`,
        });
    }
    return findings;
}

/**
 * VNI-G16 over a program's gateway integrations: the gateways and GatewaySubnets they make or
 * adopt in one VNet, `own` being the one checked now. Several integrations adopting one gateway
 * count it once.
 */
export function checkProgramGateways(vnetName: string, vnetKey: string, component: string, own: GatewayUse, others: readonly GatewayClaim[]): Finding[] {
    const uses = [...others.filter((o) => o.vnetKey === vnetKey && o.gateway).map((o) => ({ ...o.gateway!, component: o.component })), { ...own, component }];
    if (!uses.some((u) => u.created)) return [];
    const gateways = new Map(uses.map((u) => [u.key, `${u.name} (${u.created ? "created" : "adopted"} by component ${u.component})`] as const));
    const subnets = new Map(uses.map((u) => [u.created ? `created:${u.key}` : `prefix:${u.subnetPrefix}`, `${typeof u.subnetPrefix === "string" ? u.subnetPrefix : "(allocated)"} (${u.created ? "created" : "existing"})`] as const));
    return checkOneGatewayPerVnet(vnetName, [...gateways.values()], [...subnets.values()]);
}

/** VNI-G11: a GatewaySubnet this program creates on a prefix that overlaps a subnet another integration of it makes. */
export function checkGatewaySubnetFree(prefix: string, librarySubnets: readonly string[], vnetName: string): Finding[] {
    const reader = new AddressReader();
    const subnet = reader.cidr(prefix, "gatewaySubnetPrefix");
    if (!subnet) return [];
    return librarySubnets
        .map((p) => parseCidrOrUndefined(p))
        .filter((other): other is Cidr => other !== undefined && overlaps(subnet, other))
        .map((other) => ({
            code: "VNI-G11" as const,
            message: `gateway subnet ${subnet.text} overlaps subnet ${other.text} made by another integration of this program in virtual network ${vnetName}. Fix: choose a free prefix, or leave gatewaySubnetPrefix out to allocate one.`,
        }));
}

function parseCidrOrUndefined(text: string): Cidr | undefined {
    const parsed = parseCidr(text);
    return parsed.ok ? parsed.value : undefined;
}

/**
 * VNI-G17: Azure has refused to enable SSTP on gateways since 31 March 2026, and App Service
 * needs SSTP. Error for a gateway created with SSTP when the profile no longer allows it
 * (azure-2026), warning otherwise (documented).
 */
export function checkNewSstpGateway(gateway: { readonly name: string; readonly created: boolean; readonly protocols: readonly string[] }, profile: LimitsProfile): Finding[] {
    checkInput("checkNewSstpGateway", { gateway: [gateway, shape.record({ name: shape.string, created: shape.boolean, protocols: shape.list(shape.string) })], profile: profileInput(profile) });
    if (!gateway.created || !gateway.protocols.some((p) => p.toUpperCase() === "SSTP")) return [];
    const allowed = profile.newSstpGatewaysAllowed;
    return [
        {
            code: "VNI-G17",
            severity: allowed ? "warning" : "error",
            message:
                `gateway ${gateway.name} would be created with SSTP, which Azure has refused to enable since 31 March 2026 (App Service needs SSTP)` +
                `${allowed ? `; limits profile ${profile.name} lets it through, azure-2026 refuses it` : ` (limits profile ${profile.name})`}. ` +
                `Fix: adopt an existing SSTP gateway, or move to regional VNet Integration plus peering.`,
        },
    ];
}

/**
 * Picks the GatewaySubnet of a gateway this program creates: the lowest free block of
 * `prefixLength` in the VNet, avoiding `taken`. Reports VNI-G11 when none is left.
 */
export function allocateGatewaySubnet(addressSpace: readonly string[], taken: readonly string[], prefixLength: number, vnetName: string): { prefix?: string; findings: Finding[] } {
    const misplaced = checkInput("allocateGatewaySubnet", { addressSpace: [addressSpace, shape.addresses], taken: [taken, shape.addresses], vnetName: [vnetName, shape.string] });
    if (misplaced.length > 0) return { findings: misplaced };
    const reader = new AddressReader();
    const spaces = addressSpace.map((p) => reader.cidr(p, `address space of virtual network ${vnetName}`)).filter((b): b is Cidr => b !== undefined);
    const blocks = taken.map((p) => reader.cidr(p, "reservedAddressPrefixes")).filter((b): b is Cidr => b !== undefined);
    if (!(Number.isInteger(prefixLength) && prefixLength >= 0 && prefixLength <= 32)) {
        reader.findings.push({ code: "VNI-X02", message: `gatewaySubnetPrefixLength ${shown(prefixLength)} is not a whole number from 0 to 32` });
    }
    if (reader.findings.length > 0) return { findings: reader.findings };
    const block = allocate(spaces, blocks, prefixLength);
    if (!block) {
        return {
            findings: [
                {
                    code: "VNI-G11",
                    message: `no free /${prefixLength} block is left for the GatewaySubnet in address space ${addressSpace.join(", ")} of virtual network ${vnetName}. Fix: add address space, free a block, or give gatewaySubnetPrefix.`,
                },
            ],
        };
    }
    return { prefix: block.text, findings: [] };
}
