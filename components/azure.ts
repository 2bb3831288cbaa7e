/**
 * The one place that knows Azure's shapes: ARM ids and the azure-native arguments the
 * components register (shared/spec/azure-mapping.md). Components decide what to create;
 * this module decides how it looks to Azure.
 */
import type * as network from "@pulumi/azure-native/network";
import type * as web from "@pulumi/azure-native/web";
import type { web as webInputs } from "@pulumi/azure-native/types/input";
import * as pulumi from "@pulumi/pulumi";

/** The delegation regional VNet Integration needs on its subnet. */
export const SERVER_FARMS_SERVICE = "Microsoft.Web/serverFarms";

/** The parts of an ARM resource id the library needs. */
export interface ResourceIdParts {
    readonly subscriptionId: string;
    readonly resourceGroupName: string;
    /** `type/name` pairs after the provider namespace, e.g. [["sites","orders"],["slots","staging"]]. */
    readonly path: readonly (readonly [string, string])[];
    readonly name: string;
}

/** Parses `/subscriptions/{s}/resourceGroups/{g}/providers/{ns}/{type}/{name}[/{type}/{name}...]`. */
export function parseResourceId(id: unknown): ResourceIdParts | undefined {
    if (typeof id !== "string") return undefined;
    const match = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/[^/]+\/(.+)$/i.exec(id);
    if (!match) return undefined;
    const rest = match[3].split("/");
    if (rest.length % 2 !== 0 || rest.some((s) => s === "")) return undefined;
    const path: [string, string][] = [];
    for (let i = 0; i < rest.length; i += 2) path.push([rest[i], rest[i + 1]]);
    return { subscriptionId: match[1], resourceGroupName: match[2], path, name: rest[rest.length - 1] };
}

/** A slot's app and slot names from its ARM id (`.../sites/{app}/slots/{slot}`); undefined for other ids. */
export function slotOfId(id: unknown): { app: string; slot: string } | undefined {
    const path = parseResourceId(id)?.path;
    if (path?.length !== 2 || path[0][0].toLowerCase() !== "sites" || path[1][0].toLowerCase() !== "slots") return undefined;
    return { app: path[0][1], slot: path[1][1] };
}

/** The subnet's name: the last segment of its id (`.../subnets/{name}`). */
export function subnetNameFromId(id: string): string | undefined {
    const parts = parseResourceId(id);
    const last = parts?.path[parts.path.length - 1];
    return last && last[0].toLowerCase() === "subnets" ? last[1] : undefined;
}

export interface IntegrationSubnetShape {
    readonly resourceGroupName: pulumi.Input<string>;
    readonly virtualNetworkName: pulumi.Input<string>;
    readonly subnetName: string;
    readonly addressPrefix: pulumi.Input<string>;
    readonly networkSecurityGroupId?: pulumi.Input<string>;
    readonly routeTableId?: pulumi.Input<string>;
    readonly natGatewayId?: pulumi.Input<string>;
    readonly serviceEndpoints?: pulumi.Input<string>[];
    /** The delegation: Microsoft.Web/serverFarms, or Microsoft.App/environments for Flex Consumption. @default Microsoft.Web/serverFarms */
    readonly delegationService?: pulumi.Input<string>;
}

/**
 * A standalone subnet delegated to the plan's service (Microsoft.Web/serverFarms, or
 * Microsoft.App/environments for Flex Consumption). azure-native flattens the delegation's
 * `properties`; `subnetName` is explicit so the Azure name never drifts.
 */
export function integrationSubnetArgs(shape: IntegrationSubnetShape): network.SubnetArgs {
    return {
        resourceGroupName: shape.resourceGroupName,
        virtualNetworkName: shape.virtualNetworkName,
        subnetName: shape.subnetName,
        addressPrefix: shape.addressPrefix,
        delegations: [{ name: "delegation", serviceName: shape.delegationService ?? SERVER_FARMS_SERVICE }],
        ...(shape.networkSecurityGroupId ? { networkSecurityGroup: { id: shape.networkSecurityGroupId } } : {}),
        ...(shape.routeTableId ? { routeTable: { id: shape.routeTableId } } : {}),
        ...(shape.natGatewayId ? { natGateway: { id: shape.natGatewayId } } : {}),
        ...(shape.serviceEndpoints ? { serviceEndpoints: shape.serviceEndpoints.map((service) => ({ service })) } : {}),
    };
}

/**
 * Form B of the mapping: the site's `networkConfig/virtualNetwork` child. Never
 * `WebAppVnetConnection` with `isSwift`, which silently does nothing.
 */
export function swiftConnectionArgs(
    app: { name: pulumi.Input<string>; resourceGroupName: pulumi.Input<string> },
    subnetResourceId: pulumi.Input<string>,
): web.WebAppSwiftVirtualNetworkConnectionArgs {
    return { name: app.name, resourceGroupName: app.resourceGroupName, subnetResourceId };
}

export function swiftConnectionSlotArgs(
    app: { name: pulumi.Input<string>; resourceGroupName: pulumi.Input<string>; slot: pulumi.Input<string> },
    subnetResourceId: pulumi.Input<string>,
): web.WebAppSwiftVirtualNetworkConnectionSlotArgs {
    return { name: app.name, resourceGroupName: app.resourceGroupName, slot: app.slot, subnetResourceId };
}

/**
 * Outbound routing of an integrated app: one typed option, mapped to `outboundVnetRouting` only.
 * Every flag defaults to false (Azure routes RFC 1918 traffic only).
 * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration (Routes)
 */
export interface OutboundRouting {
    /** Route every kind of outbound traffic below through the VNet. */
    readonly allTraffic?: boolean;
    /** All application traffic, not only RFC 1918 (formerly `vnetRouteAllEnabled` / `WEBSITE_VNET_ROUTE_ALL`). */
    readonly applicationTraffic?: boolean;
    /** Container image pulls (formerly `vnetImagePullEnabled`). */
    readonly imagePullTraffic?: boolean;
    /** Content share access (formerly `vnetContentShareEnabled`). */
    readonly contentShareTraffic?: boolean;
    /** Backup and restore operations (formerly `vnetBackupRestoreEnabled`). */
    readonly backupRestoreTraffic?: boolean;
}

/**
 * Form A of the mapping: the site arguments that integrate an app the user is writing.
 * @see https://learn.microsoft.com/azure/app-service/configure-vnet-integration-enable
 */
export interface SiteNetworkArgs {
    /** ARM id of the integration subnet. */
    readonly virtualNetworkSubnetId: pulumi.Output<string>;
    /** The routing flags of `routing`; absent when none is set. */
    readonly outboundVnetRouting?: pulumi.Output<webInputs.OutboundVnetRoutingArgs>;
    /**
     * The DNS servers picked with the component's `dnsServers` argument; empty otherwise, so the app
     * uses the VNet's DNS as integrated apps do by default.
     */
    readonly dnsConfiguration?: pulumi.Output<webInputs.SiteDnsConfigArgs>;
}

export function siteNetworkArgs(
    subnetId: pulumi.Output<string>,
    routing: OutboundRouting | undefined,
    pickedDnsServers: pulumi.Output<string[]> | undefined,
): SiteNetworkArgs {
    const outboundVnetRouting = routing ? pulumi.output(outboundVnetRoutingOf(routing)) : undefined;
    return {
        virtualNetworkSubnetId: subnetId,
        ...(outboundVnetRouting ? { outboundVnetRouting } : {}),
        // Only a pick: copying the VNet's servers would pin them in the site (and a VNet may hold 20, a site 5).
        ...(pickedDnsServers
            ? { dnsConfiguration: pickedDnsServers.apply((servers): webInputs.SiteDnsConfigArgs => (servers.length > 0 ? { dnsServers: servers } : {})) }
            : {}),
    };
}

function outboundVnetRoutingOf(routing: OutboundRouting): webInputs.OutboundVnetRoutingArgs {
    const shape: { -readonly [K in keyof OutboundRouting]: boolean } = {};
    for (const key of ["allTraffic", "applicationTraffic", "imagePullTraffic", "contentShareTraffic", "backupRestoreTraffic"] as const) {
        if (routing[key] !== undefined) shape[key] = routing[key];
    }
    return shape;
}

// ---- gateway-required integration (shared/spec/azure-mapping.md, section 2) -------------

/** The subnet a VPN gateway lives in: Azure requires exactly this name. */
export const GATEWAY_SUBNET_NAME = "GatewaySubnet";
/** Gateways take 30 to 45 minutes to create, update or delete. */
export const GATEWAY_TIMEOUTS: pulumi.CustomTimeouts = { create: "75m", update: "75m", delete: "75m" };

export function gatewaySubnetArgs(resourceGroupName: pulumi.Input<string>, virtualNetworkName: pulumi.Input<string>, addressPrefix: pulumi.Input<string>): network.SubnetArgs {
    // No NSG and no delegation on a gateway subnet.
    return { resourceGroupName, virtualNetworkName, subnetName: GATEWAY_SUBNET_NAME, addressPrefix };
}

/** The zones a zone-redundant gateway's public IP spans by default. */
export const DEFAULT_GATEWAY_ZONES: readonly string[] = ["1", "2", "3"];

/**
 * The zones of a created gateway's public IP: an AZ SKU (VpnGw1AZ...) needs them
 * (`VmssVpnGatewayPublicIpsMustHaveZonesConfigured`), any other SKU must have none
 * (`RegionalVmssVpnGatewayPublicIpsMustNotHaveZonesConfigured`). `zones` is the user's pick; an
 * empty pick (a region without availability zones) means none.
 */
export function gatewayPublicIpZones(skuName: string, zones: readonly string[] | undefined): string[] {
    if (!/AZ$/i.test(skuName)) return [];
    return [...(zones ?? DEFAULT_GATEWAY_ZONES)];
}

/** A Standard, static public IP: what zone-redundant (AZ) gateway SKUs require, with their zones. */
export function gatewayPublicIpArgs(resourceGroupName: pulumi.Input<string>, location: pulumi.Input<string>, zones: readonly string[] = []): network.PublicIPAddressArgs {
    return {
        resourceGroupName,
        location,
        sku: { name: "Standard", tier: "Regional" },
        publicIPAllocationMethod: "Static",
        publicIPAddressVersion: "IPv4",
        ...(zones.length > 0 ? { zones: [...zones] } : {}),
    };
}

export interface RootCertificateShape {
    /** The certificate's name in the gateway's point-to-site configuration. */
    readonly name: pulumi.Input<string>;
    /** Base64 DER public certificate: App Service's `certBlob` is in this form already. */
    readonly publicCertData: pulumi.Input<string>;
}

export interface PointToSiteGatewayShape {
    readonly resourceGroupName: pulumi.Input<string>;
    readonly location: pulumi.Input<string>;
    readonly skuName: string;
    readonly subnetId: pulumi.Input<string>;
    readonly publicIpId: pulumi.Input<string>;
    readonly addressPool: pulumi.Input<pulumi.Input<string>[]>;
    readonly rootCertificates: pulumi.Input<pulumi.Input<RootCertificateShape>[]>;
}

/** A route-based VPN gateway with SSTP-only, certificate-authenticated point-to-site. */
export function pointToSiteGatewayArgs(shape: PointToSiteGatewayShape): network.VirtualNetworkGatewayArgs {
    return {
        resourceGroupName: shape.resourceGroupName,
        location: shape.location,
        gatewayType: "Vpn",
        vpnType: "RouteBased",
        enableBgp: false,
        activeActive: false,
        sku: { name: shape.skuName, tier: shape.skuName },
        ipConfigurations: [{ name: "default", privateIPAllocationMethod: "Dynamic", subnet: { id: shape.subnetId }, publicIPAddress: { id: shape.publicIpId } }],
        vpnClientConfiguration: {
            vpnClientAddressPool: { addressPrefixes: shape.addressPool },
            vpnClientProtocols: ["SSTP"],
            vpnAuthenticationTypes: ["Certificate"],
            vpnClientRootCertificates: shape.rootCertificates,
        },
    };
}

/** Step 1 of the documented sequence: the site's VNet connection, named after the VNet. */
export function gatewayConnectionArgs(
    app: { name: pulumi.Input<string>; resourceGroupName: pulumi.Input<string> },
    vnet: { id: pulumi.Input<string>; name: pulumi.Input<string> },
): web.WebAppVnetConnectionArgs {
    return { name: app.name, resourceGroupName: app.resourceGroupName, vnetName: vnet.name, vnetResourceId: vnet.id, isSwift: false };
}

// ---- peering with gateway-required integration (section 3) ------------------------------

export interface PeeringSide {
    readonly resourceGroupName: pulumi.Input<string>;
    readonly virtualNetworkName: pulumi.Input<string>;
    readonly peeringName: pulumi.Input<string>;
    readonly remoteVirtualNetworkId: pulumi.Input<string>;
}

/**
 * One direction of a peering. `transit` is the side's role with the hub's gateway: the hub
 * offers it (`allowGatewayTransit`), a peer uses it (`useRemoteGateways`), or neither.
 */
export function peeringArgs(side: PeeringSide, transit: "offer" | "use" | "none"): network.VirtualNetworkPeeringArgs {
    return {
        resourceGroupName: side.resourceGroupName,
        virtualNetworkName: side.virtualNetworkName,
        virtualNetworkPeeringName: side.peeringName,
        remoteVirtualNetwork: { id: side.remoteVirtualNetworkId },
        allowVirtualNetworkAccess: true,
        allowForwardedTraffic: true,
        allowGatewayTransit: transit === "offer",
        useRemoteGateways: transit === "use",
    };
}

/** A static route on the plan's gateway VNet integration: a CIDR start, or a start/end range. */
export function planRouteArgs(
    plan: { name: pulumi.Input<string>; resourceGroupName: pulumi.Input<string> },
    vnetName: pulumi.Input<string>,
    routeName: string,
    range: { startAddress: string; endAddress?: string },
): web.AppServicePlanRouteForVnetArgs {
    return {
        name: plan.name,
        resourceGroupName: plan.resourceGroupName,
        vnetName,
        routeName,
        startAddress: range.startAddress,
        ...(range.endAddress ? { endAddress: range.endAddress } : {}),
        routeType: "STATIC",
    };
}

/** A route name Azure accepts, made from what it routes: `10.60.0.0/16` gives `10-60-0-0-16`. */
export function routeNameOf(text: string): string {
    return text.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "");
}
