/** Argument types every component shares: the plan, its apps and the VNet, as resources or facts. */
import type * as network from "@pulumi/azure-native/network";
import type * as web from "@pulumi/azure-native/web";
import type * as pulumi from "@pulumi/pulumi";
import type { OutboundRouting } from "../azure";

/**
 * Facts of an App Service plan this program does not create.
 * @see https://learn.microsoft.com/azure/app-service/overview-hosting-plans
 */
export interface ExistingAppServicePlan {
    /** ARM id of the plan. */
    readonly id: pulumi.Input<string>;
    /** Plan name for messages and plan-level routes. @default the last segment of `id` */
    readonly name?: pulumi.Input<string>;
    /** Resource group of the plan, for plan-level routes. @default the one in `id` */
    readonly resourceGroupName?: pulumi.Input<string>;
    /** Azure region, e.g. `westeurope` or `West Europe`. */
    readonly location: pulumi.Input<string>;
    /**
     * SKU as ARM reports it; the tier is derived from the name when omitted (`P1v3` is PremiumV3).
     * Constraint: a tier that supports the integration (VNI-R01, VNI-G01); `capacity` is the default `maxInstances`.
     */
    readonly sku: pulumi.Input<{ name?: pulumi.Input<string>; tier?: pulumi.Input<string>; capacity?: pulumi.Input<number> }>;
    /** `true` for a Linux plan; `false` is a Windows plan whatever `kind` says. @default read from `kind` */
    readonly reserved?: pulumi.Input<boolean>;
    /** ARM kind, read only when `reserved` is not given: one containing `linux` (as ARM reports every Linux plan) marks a Linux plan. @default none: Windows */
    readonly kind?: pulumi.Input<string>;
}

/**
 * Facts of an app (or slot) this program does not create; the component attaches it (form B).
 * @see https://learn.microsoft.com/azure/app-service/configure-vnet-integration-enable
 */
export interface ExistingApp {
    /** The app's name. */
    readonly name: pulumi.Input<string>;
    /** The app's resource group. */
    readonly resourceGroupName: pulumi.Input<string>;
    /** Deployment slot; integration is per slot and does not swap. @default the production slot */
    readonly slot?: pulumi.Input<string>;
    /** Region, when known. Constraint: the VNet's region for regional integration (VNI-R04). @default unknown */
    readonly location?: pulumi.Input<string>;
    /** The app's own `virtualNetworkSubnetId`, when it sets one; attaching it again is VNI-R12. @default none */
    readonly virtualNetworkSubnetId?: pulumi.Input<string>;
    /** `siteConfig.linuxFxVersion`, when known; `DOCKER|...` marks a custom container (VNI-R11). @default unknown */
    readonly linuxFxVersion?: pulumi.Input<string>;
    /**
     * `siteConfig.windowsFxVersion`, when known; `DOCKER|...` marks a Windows container, which takes one more
     * subnet address per plan instance (VNI-R03). @default unknown: counted as no container
     * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration (Windows Containers specific limits)
     */
    readonly windowsFxVersion?: pulumi.Input<string>;
    /** Names of the app settings, when known (VNI-R11 looks for PORT / WEBSITES_PORT). @default unknown */
    readonly appSettingNames?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The app's own `outboundVnetRouting`, as its owners set it: a component never sets it on an
     * app it attaches (that would take the site over), so VNI-R08 judges the app by this. An app that
     * routes all the legacy way (`siteConfig.vnetRouteAllEnabled`, or the WEBSITE_VNET_ROUTE_ALL app
     * setting, which still work) declares `{ applicationTraffic: true }`; an app resource is read for both.
     * @default Azure's default: RFC 1918 traffic only
     * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration (Routes)
     */
    readonly routing?: OutboundRouting;
}

/**
 * Facts of a virtual network this program does not create.
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-networks-overview
 */
export interface ExistingVirtualNetwork {
    /** ARM id of the VNet. Constraint: the plan's subscription for gateway integration (VNI-G10). */
    readonly id: pulumi.Input<string>;
    /** The VNet's name. */
    readonly name: pulumi.Input<string>;
    /** The VNet's resource group. */
    readonly resourceGroupName: pulumi.Input<string>;
    /** Azure region. Constraint: the plan's region for regional integration (VNI-R04). */
    readonly location: pulumi.Input<string>;
    /** Address prefixes of the VNet. Constraint: non-empty, IPv4 (VNI-X02); RFC 1918 under documented (VNI-R08). */
    readonly addressSpace: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Custom DNS servers, which integrated apps use; empty means Azure DNS. @default []
     * @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration
     */
    readonly dnsServers?: pulumi.Input<pulumi.Input<string>[]>;
}

/** A plan this program creates, or the facts of one it does not. */
export type PlanInput = web.AppServicePlan | ExistingAppServicePlan;
/** An app or slot this program creates, or the facts of one it does not. */
export type AppInput = web.WebApp | web.WebAppSlot | ExistingApp;
/** A VNet this program creates, or the facts of one it does not. */
export type VirtualNetworkInput = network.VirtualNetwork | ExistingVirtualNetwork;

