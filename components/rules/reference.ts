/**
 * Reference text of each rule for the generated rules page (docs/rules.md, `npm run docs`):
 * when it fires, how to fix it, and the threshold a limits profile sets, read from the profile
 * itself (never a copy of a limit). Keyed by code as text, so an entry may precede its rule in
 * the catalog; the page follows the catalog (`RULES`) and says so where an entry is missing.
 */
import type { LimitsProfile } from "./profiles";

export interface RuleReference {
    /** When the rule fires. */
    readonly when: string;
    /** How to fix it. */
    readonly fix: string;
    /** The threshold the profile sets, for a rule whose threshold differs by profile. */
    readonly threshold?: (profile: LimitsProfile) => string;
}

const list = (items: readonly string[]) => items.join(", ");

export const RULE_REFERENCE: Readonly<Record<string, RuleReference>> = {
    "VNI-R01": {
        when: "the plan's SKU tier does not support regional VNet Integration",
        fix: "scale the plan up to a supported tier (Isolated plans are already in a VNet through their App Service Environment)",
        threshold: (p) => `tiers ${list(p.regionalTiers)}`,
    },
    "VNI-R02": {
        when: "the integration subnet is smaller than the least prefix the profile allows",
        fix: "use a larger prefix, or `{ prefixLength }` to allocate one",
        threshold: (p) => `/${p.maxSubnetPrefixLength} or larger`,
    },
    "VNI-R03": {
        when: "the addresses the plan takes at `maxInstances` (one per instance, plus one per instance for each Windows container app) exceed the subnet's usable addresses (5 are Azure's); a warning below twice that",
        fix: "use a larger subnet, or lower `maxInstances`",
    },
    "VNI-R04": { when: "the plan or an app is in another region than the VNet", fix: "use a VNet in the plan's region, or gateway-required integration" },
    "VNI-R05": {
        when: "a plan has more regional integrations (distinct subnets) than the profile allows",
        fix: "list every app of the plan in one RegionalVnetIntegration",
        threshold: (p) => `${p.regionalIntegrationsPerWindowsPlan} per Windows plan, ${p.regionalIntegrationsPerLinuxPlan} per Linux plan`,
    },
    "VNI-R06": {
        when: "the subnet is used by another plan (or, shared, by a plan of another subscription), holds other resources, or has a reserved name",
        fix: "give the plan its own empty subnet",
        threshold: (p) => (p.multiPlanSubnetMaxPrefixLength === undefined ? "one plan per subnet" : `plans may share a /${p.multiPlanSubnetMaxPrefixLength} or larger`),
    },
    "VNI-R07": {
        when: "the subnet is outside the VNet's address space, overlaps another subnet, is a GatewaySubnet the program creates, or is created by two components",
        fix: "choose a free prefix inside the VNet, or `{ prefixLength }` to allocate one; to share a subnet, create it once and adopt it elsewhere",
    },
    "VNI-R08": {
        when: "a declared destination is outside RFC 1918 where the apps cannot reach it; per app attached through `apps`, by its own routing (warning: `routing` does not reach it)",
        fix: "use RFC 1918 addresses, or `routing.applicationTraffic` under azure-2026",
        threshold: (p) => (p.routeAllReachesAnyDestination ? "any destination with `routing.applicationTraffic`" : "RFC 1918 only"),
    },
    "VNI-R09": {
        when: "a destination is reached over a peering to a VNet in another region",
        fix: "peer a VNet in the same region, or choose azure-2026",
        threshold: (p) => (p.globalPeeringReachable ? "global peering reachable" : "same-region peering only"),
    },
    "VNI-R10": {
        when: "a route table is set on the integration subnet",
        fix: "remove the route table, or choose azure-2026",
        threshold: (p) => (p.customRoutesAllowed ? "route tables apply" : "no route table"),
    },
    "VNI-R11": { when: "a Linux custom container app has no PORT-based listening setting", fix: "listen on $PORT and set WEBSITES_PORT" },
    "VNI-R12": { when: "an app is attached both by its own `virtualNetworkSubnetId` and by a swift connection", fix: "use one form: spread `siteArgs`, or list the app in `apps`" },
    "VNI-R13": {
        when: "a subnet apps integrate with is not delegated to the plan's service only: Microsoft.Web/serverFarms, or Microsoft.App/environments for a Flex Consumption plan",
        fix: "delegate the subnet to that service and nothing else, or let the component create it (Flex Consumption also needs the Microsoft.App resource provider registered)",
    },
    "VNI-R14": { when: "more than 5 DNS servers would reach a site's `dnsConfiguration`", fix: "pick at most 5 with the component's `dnsServers` argument" },
    "VNI-R15": {
        when: "an app (or slot) is attached by two regional integrations of the program: Azure keeps one per site, the second replaces the first",
        fix: "list the app in one RegionalVnetIntegration only",
    },
    "VNI-R16": {
        when: "private endpoints are declared (`destinations.privateEndpoints`) and the apps resolve names with custom DNS servers (the VNet's or picked) without Azure DNS (warning): the names resolve privately only if those servers forward to 168.63.129.16",
        fix: "forward the privatelink zones to 168.63.129.16 on those servers, then suppress with that reason",
    },
    "VNI-R17": {
        when: "a NAT gateway is on the integration subnet without route-all (warning): only RFC 1918 traffic reaches it, so no static outbound address",
        fix: "set `routing.applicationTraffic`",
    },
    "VNI-R18": { when: "an adopted integration subnet has service endpoint policies, which Azure does not allow", fix: "remove the policies, or use another subnet" },
    "VNI-R19": {
        when: "the VNet is in another subscription than the plan (warning): Microsoft.Web must be registered there; plans sharing a subnet must share a subscription (VNI-R06)",
        fix: "register Microsoft.Web in the VNet's subscription",
    },
    "VNI-R20": { when: "the VNet has IPv6 address space, which Azure refuses for regional integration", fix: "integrate with an IPv4-only VNet" },
    "VNI-G01": {
        when: "the plan's SKU tier does not support gateway-required integration",
        fix: "scale the plan up to a supported tier",
        threshold: (p) => `tiers ${list(p.gatewayTiers)}`,
    },
    "VNI-G02": { when: "the plan is a Linux plan", fix: "use RegionalVnetIntegration (peered to the VNet if it is elsewhere)" },
    "VNI-G03": {
        when: "the apps of one plan together use more VNets than allowed (one VNet counts once)",
        fix: "move some apps to another plan",
        threshold: (p) => `${p.gatewayVnetsPerPlan} VNets per plan`,
    },
    "VNI-G04": { when: "an app is connected to more than one VNet, or also has regional integration", fix: "connect each app to one VNet" },
    "VNI-G05": { when: "the point-to-site address pool is outside RFC 1918", fix: "choose an RFC 1918 pool, e.g. 172.16.201.0/24" },
    "VNI-G06": { when: "the point-to-site pool overlaps the VNet, a peer or an on-premises range", fix: "choose a pool that overlaps nothing" },
    "VNI-G07": {
        when: "the gateway is not a route-based VPN gateway with point-to-site configured",
        fix: "use a RouteBased VPN gateway with an SSTP point-to-site pool; under azure-2026 (no SSTP can be enabled) adopt one that has it, or migrate (`npm run migrate`)",
    },
    "VNI-G08": {
        when: "a non-Basic gateway's point-to-site protocols are not exactly SSTP, or a Basic gateway's do not include SSTP",
        fix: "drop IKEv2 where SSTP is there; without SSTP: set SSTP (documented), or adopt a gateway that still has it or migrate (azure-2026: Azure refuses to enable SSTP)",
        threshold: (p) => (p.newSstpGatewaysAllowed ? "SSTP may still be enabled" : "SSTP can no longer be enabled"),
    },
    "VNI-G09": { when: "the VNet has an ExpressRoute gateway", fix: "use regional VNet Integration to reach resources across ExpressRoute" },
    "VNI-G10": { when: "the VNet is in another subscription than the plan", fix: "use a VNet of the plan's subscription" },
    "VNI-G11": {
        when: "the gateway subnet is not named GatewaySubnet, is smaller than /29, lies outside the VNet or on a subnet the program makes (warning below /27)",
        fix: "use a free /27 named GatewaySubnet inside the VNet",
    },
    "VNI-G12": {
        when: "on-premises ranges are reached over a site-to-site connection with BGP (BGP routes do not reach App Service)",
        fix: "documented: use static routes on that connection; azure-2026: advertise the ranges as custom routes of the point-to-site configuration",
        threshold: (p) => (p.bgpRoutesAdvertisedByHand ? "warning: advertise the routes by hand" : "error: no BGP"),
    },
    "VNI-G13": { when: "on-premises ranges are declared (warning)", fix: "route the point-to-site pool back to Azure on the on-premises device" },
    "VNI-G14": { when: "always, for gateway-required integration (warning): Azure retires it on 31 March 2027", fix: "plan the move to regional integration plus peering (`npm run migrate`)" },
    "VNI-G15": {
        when: "peers are declared for a Basic gateway, which has no gateway transit",
        fix: "documented: use a VpnGw1AZ or larger SKU; azure-2026 (a new gateway cannot enable SSTP): reach the peers through regional integration, or adopt a VpnGw gateway with SSTP",
    },
    "VNI-G16": { when: "a second VPN gateway or GatewaySubnet would be made in one VNet", fix: "adopt the VNet's existing gateway" },
    "VNI-G17": {
        when: "a gateway would be created with SSTP, which Azure no longer enables",
        fix: "adopt an existing gateway, or move to regional integration",
        threshold: (p) => (p.newSstpGatewaysAllowed ? "warning: new SSTP gateways allowed" : "error: no new SSTP gateway"),
    },
    "VNI-P01": { when: "the hub-to-peer peering lacks virtual network access, forwarded traffic or gateway transit", fix: "set those flags on the hub side" },
    "VNI-P02": { when: "the peer-to-hub peering lacks virtual network access, forwarded traffic or remote gateways", fix: "set those flags on the peer side" },
    "VNI-P03": { when: "a peer prefix is not covered by the plan's routes", fix: "list the prefix in the peer's `addressPrefixes` or in `routes`" },
    "VNI-P04": { when: "a peer overlaps the hub, another peer or the point-to-site pool", fix: "re-address the peer, or drop it" },
    "VNI-P05": { when: "a peer using the hub's gateway has a gateway of its own, or uses another hub's", fix: "remove the peer's gateway, or peer it with one hub" },
    "VNI-P06": { when: "a route is malformed: bad address, start after end, or an end with a CIDR start", fix: "give a CIDR alone, or two plain addresses in order" },
    "VNI-X01": { when: "a suppression names an unknown code, gives no reason, or suppresses VNI-X01", fix: "name a catalog code and say why it is safe" },
    "VNI-X02": { when: "an address or CIDR does not parse, has host bits set, is IPv6, or an address space is empty", fix: "give IPv4 CIDR blocks like 10.0.0.0/16" },
};
