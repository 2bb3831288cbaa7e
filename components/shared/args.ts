/** Argument types every component shares: the plan, its apps and the VNet, as resources or facts. */
import type * as network from "@pulumi/azure-native/network";
import type * as web from "@pulumi/azure-native/web";
import type * as pulumi from "@pulumi/pulumi";

/** Facts of an App Service plan this program does not create. */
export interface ExistingAppServicePlan {
    /** ARM id of the plan. */
    readonly id: pulumi.Input<string>;
    /** Plan name for messages and plan-level routes. @default the last segment of `id` */
    readonly name?: pulumi.Input<string>;
    /** Resource group of the plan, for plan-level routes. @default the one in `id` */
    readonly resourceGroupName?: pulumi.Input<string>;
    /** Azure region, e.g. `westeurope` or `West Europe`. */
    readonly location: pulumi.Input<string>;
    /** SKU as ARM reports it; the tier is derived from the name when omitted (`P1v3` is PremiumV3). */
    readonly sku: pulumi.Input<{ name?: pulumi.Input<string>; tier?: pulumi.Input<string>; capacity?: pulumi.Input<number> }>;
    /** `true` for a Linux plan. @default false */
    readonly reserved?: pulumi.Input<boolean>;
    /** ARM kind; one containing `linux` marks a Linux plan too. */
    readonly kind?: pulumi.Input<string>;
}

/** Facts of an app (or slot) this program does not create; the component attaches it (form B). */
export interface ExistingApp {
    readonly name: pulumi.Input<string>;
    readonly resourceGroupName: pulumi.Input<string>;
    /** Deployment slot; integration is per slot and does not swap. @default the production slot */
    readonly slot?: pulumi.Input<string>;
    /** Region, when known, for the same-region rule (VNI-R04). */
    readonly location?: pulumi.Input<string>;
    /** The app's own `virtualNetworkSubnetId`, when it sets one; attaching it again is VNI-R12. */
    readonly virtualNetworkSubnetId?: pulumi.Input<string>;
    /** `siteConfig.linuxFxVersion`, when known; `DOCKER|...` marks a custom container (VNI-R11). */
    readonly linuxFxVersion?: pulumi.Input<string>;
    /** Names of the app settings, when known (VNI-R11 looks for PORT / WEBSITES_PORT). */
    readonly appSettingNames?: pulumi.Input<pulumi.Input<string>[]>;
}

/** Facts of a virtual network this program does not create. */
export interface ExistingVirtualNetwork {
    readonly id: pulumi.Input<string>;
    readonly name: pulumi.Input<string>;
    readonly resourceGroupName: pulumi.Input<string>;
    readonly location: pulumi.Input<string>;
    readonly addressSpace: pulumi.Input<pulumi.Input<string>[]>;
    /** Custom DNS servers; empty means Azure DNS. @default [] */
    readonly dnsServers?: pulumi.Input<pulumi.Input<string>[]>;
}

export type PlanInput = web.AppServicePlan | ExistingAppServicePlan;
export type AppInput = web.WebApp | web.WebAppSlot | ExistingApp;
export type VirtualNetworkInput = network.VirtualNetwork | ExistingVirtualNetwork;

