/**
 * Turns the arguments every component shares (plan, apps, VNet: resources, facts or
 * Outputs) into the plain facts the rules read. Reading a resource goes through its
 * outputs; a plain fact is used as given, so a program of plain facts is validated in the
 * constructor.
 */
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { parseResourceId } from "../azure";
import { identityOf } from "../program";
import type { AppFacts, PlanFacts, VirtualNetworkFacts } from "../rules/regional";
import type { AppInput, PlanInput, VirtualNetworkInput } from "./args";

/** True when `value` holds no Output or Promise anywhere: it can be checked right now. */
export function isPlain(value: unknown): boolean {
    if (pulumi.Output.isInstance(value)) return false;
    if (value instanceof Promise || (typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function")) return false;
    if (Array.isArray(value)) return value.every(isPlain);
    if (typeof value === "object" && value !== null) return Object.values(value).every(isPlain);
    return true;
}

/** Untyped output that azure-native sets from an input of the same name (resourceGroupName, slot). */
export function echoedInput(resource: pulumi.Resource, key: string): pulumi.Output<string | undefined> {
    const value = (resource as unknown as Record<string, unknown>)[key];
    return pulumi.Output.isInstance(value) ? (value as pulumi.Output<string | undefined>) : pulumi.output(undefined);
}

export function logicalName(resource: pulumi.Resource): string {
    return (resource as unknown as { __name?: string }).__name ?? identityOf(resource);
}

/** The same record with every field an Input: what a resource's outputs or facts provide. */
export type InputsOf<T> = { [K in keyof T]: pulumi.Input<T[K]> };

// ---- plan -------------------------------------------------------------------------

export interface RawPlan {
    readonly key?: string;
    readonly id?: string;
    readonly name?: string;
    readonly resourceGroupName?: string;
    readonly location: string;
    readonly sku?: { name?: string; tier?: string; capacity?: number };
    readonly reserved?: boolean;
    readonly kind?: string;
}

export function rawPlan(plan: PlanInput): InputsOf<RawPlan> {
    if (pulumi.CustomResource.isInstance(plan)) {
        const p = plan as web.AppServicePlan;
        return {
            key: identityOf(p),
            id: p.id,
            name: p.name.apply((n) => n ?? logicalName(p)),
            resourceGroupName: pulumi.all([p.id, echoedInput(p, "resourceGroupName")]).apply(([id, rg]) => parseResourceId(id)?.resourceGroupName ?? rg),
            location: p.location,
            sku: p.sku as pulumi.Output<RawPlan["sku"]>,
            reserved: p.reserved,
            kind: p.kind,
        };
    }
    return plan as InputsOf<RawPlan>;
}

/** Name and resource group of the plan: what plan-level routes address. */
export function planAddress(raw: RawPlan): { name: string; resourceGroupName: string } {
    const parts = parseResourceId(raw.id);
    return { name: raw.name ?? parts?.name ?? String(raw.id), resourceGroupName: raw.resourceGroupName ?? parts?.resourceGroupName ?? "" };
}

export function planFacts(raw: RawPlan): { plan: PlanFacts; planKey: string } {
    const name = raw.name ?? parseResourceId(raw.id)?.name ?? raw.id ?? "(unnamed plan)";
    return {
        planKey: raw.key ?? String(raw.id ?? name).toLowerCase(),
        plan: {
            name,
            location: raw.location,
            skuName: raw.sku?.name,
            skuTier: raw.sku?.tier,
            capacity: raw.sku?.capacity,
            linux: raw.reserved === true || /linux/i.test(raw.kind ?? ""),
        },
    };
}

// ---- virtual network -----------------------------------------------------------------

export interface RawVirtualNetwork {
    readonly key?: string;
    readonly id: string;
    readonly name: string;
    readonly resourceGroupName: string;
    readonly location: string;
    readonly addressSpace: string[];
    readonly dnsServers?: string[];
}

export function rawVirtualNetwork(vnet: VirtualNetworkInput): InputsOf<RawVirtualNetwork> {
    if (pulumi.CustomResource.isInstance(vnet)) {
        const v = vnet as import("@pulumi/azure-native/network").VirtualNetwork;
        return {
            key: identityOf(v),
            id: v.id,
            // `name` is the ARM name; mocks that only echo inputs have `virtualNetworkName`.
            name: pulumi.all([v.id, v.name, echoedInput(v, "virtualNetworkName")]).apply(([id, name, input]) => name ?? input ?? parseResourceId(id)?.name ?? logicalName(v)),
            resourceGroupName: pulumi.all([v.id, echoedInput(v, "resourceGroupName")]).apply(([id, rg]) => parseResourceId(id)?.resourceGroupName ?? rg ?? ""),
            location: v.location.apply((l) => l ?? ""),
            addressSpace: v.addressSpace.apply((a) => a?.addressPrefixes ?? []),
            dnsServers: v.dhcpOptions.apply((d) => d?.dnsServers ?? []),
        };
    }
    return vnet as InputsOf<RawVirtualNetwork>;
}

export function virtualNetworkFacts(raw: RawVirtualNetwork): { virtualNetwork: VirtualNetworkFacts; vnetKey: string } {
    return {
        vnetKey: raw.key ?? String(raw.id).toLowerCase(),
        virtualNetwork: { name: raw.name, location: raw.location, addressSpace: raw.addressSpace ?? [], dnsServers: raw.dnsServers ?? [] },
    };
}

// ---- apps ----------------------------------------------------------------------------

export interface RawApp {
    /** Stable key for the child's logical name. */
    readonly key: string;
    readonly name: string;
    readonly resourceGroupName: string;
    readonly slot?: string;
    readonly location?: string;
    readonly virtualNetworkSubnetId?: string;
    readonly linuxFxVersion?: string;
    readonly appSettingNames?: string[];
}

/** A deployment slot: a WebAppSlot resource, or facts that name a slot. */
export function isSlotApp(app: AppInput): boolean {
    if (pulumi.CustomResource.isInstance(app)) return web.WebAppSlot.isInstance(app);
    return (app as { slot?: unknown }).slot !== undefined;
}

export function rawApp(app: AppInput, index: number): InputsOf<RawApp> {
    if (pulumi.CustomResource.isInstance(app)) {
        const a = app as web.WebApp;
        const identity = pulumi.all([a.id, a.name, echoedInput(a, "resourceGroupName"), a.resourceGroup, echoedInput(a, "slot")]).apply(([id, name, rgInput, rg, slotInput]) => {
            const parts = parseResourceId(id);
            if (parts && parts.path[0]?.[0].toLowerCase() === "sites") {
                return { name: parts.path[0][1], resourceGroupName: parts.resourceGroupName, slot: parts.path[1]?.[1] };
            }
            const [appName, slotFromName] = (name ?? logicalName(a)).split("/");
            return { name: appName, resourceGroupName: rgInput ?? rg ?? "", slot: slotFromName ?? slotInput };
        });
        return {
            key: logicalName(a),
            name: identity.name,
            resourceGroupName: identity.resourceGroupName,
            slot: identity.slot,
            location: a.location,
            virtualNetworkSubnetId: a.virtualNetworkSubnetId,
            linuxFxVersion: a.siteConfig.apply((c) => c?.linuxFxVersion),
            // ARM does not return app settings with the site; the echoed input (or undefined) is all there is.
            appSettingNames: a.siteConfig.apply((c) => (c as { appSettings?: { name?: string }[] } | undefined)?.appSettings?.map((s) => s.name ?? "")),
        };
    }
    const key = typeof app.name === "string" && (app.slot === undefined || typeof app.slot === "string") ? [app.name, app.slot].filter(Boolean).join("-") : `app${index}`;
    return { ...app, key } as InputsOf<RawApp>;
}

export function appFacts(raw: RawApp): AppFacts {
    const settings = raw.appSettingNames?.map((n) => n.toUpperCase());
    return {
        label: raw.slot ? `${raw.name}/${raw.slot}` : raw.name,
        location: raw.location,
        ownSubnetId: raw.virtualNetworkSubnetId || undefined,
        attachedByComponent: true,
        linuxContainer: /^(docker|compose)\|/i.test(raw.linuxFxVersion ?? ""),
        // Unknown settings (ARM does not return them with the site) count as present: no false warning.
        listensOnPortSetting: settings === undefined || settings.includes("PORT") || settings.includes("WEBSITES_PORT"),
    };
}

