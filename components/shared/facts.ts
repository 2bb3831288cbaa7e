/**
 * Turns the arguments every component shares (plan, apps, VNet: resources, facts or
 * Outputs) into the facts the rules read: the one place where Pulumi values become facts.
 *
 * Each fact is read on its own (`fact`), so one unknown output (a new plan's `kind` at
 * preview) leaves the others known. `settleFacts` gives plain facts at once, and otherwise a
 * promise of facts in which what Pulumi does not know yet is an `Unknown` naming it.
 */
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { parseResourceId } from "../azure";
import { appNameKey, legacyAppNameKey } from "../names";
import { appKey, identityOf } from "../program";
import { isUnknown, Maybe, Unknown, whenKnown } from "../rules/known";
import type { AppFacts, PlanFacts, VirtualNetworkFacts } from "../rules/regional";
import type { AppInput, PlanInput, VirtualNetworkInput } from "./args";

const SOURCE = Symbol.for("appservice-vnet-integration/fact");

/** A fact read from a Pulumi value: `why` names it while unknown; `fallback` stands in when it is unknown or unset (labels). */
export interface FactSource<T> {
    readonly [SOURCE]: true;
    readonly input: pulumi.Input<T> | undefined;
    readonly why: string;
    readonly fallback?: T;
}

export function fact<T>(input: pulumi.Input<T> | undefined, why: string, fallback?: T): FactSource<T> {
    return { [SOURCE]: true, input, why, fallback };
}

function isFactSource(value: unknown): value is FactSource<unknown> {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[SOURCE] === true;
}

function isAsync(value: unknown): boolean {
    return pulumi.Output.isInstance(value) || value instanceof Promise || (typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function");
}

function isRecord(value: unknown): value is Record<string, unknown> {
    if (typeof value !== "object" || value === null) return false;
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
}

/** True when `value` holds no Output or Promise anywhere: it can be checked right now. */
function isPlain(value: unknown): boolean {
    if (isFactSource(value)) return isPlain(value.input);
    if (isAsync(value)) return false;
    if (Array.isArray(value)) return value.every(isPlain);
    if (isRecord(value)) return Object.values(value).every(isPlain);
    return true;
}

/** Facts as the rules get them: every source replaced by its value, or an Unknown while Pulumi does not know it. */
export type Settled<S> =
    S extends FactSource<infer T>
        ? Maybe<T>
        : S extends pulumi.OutputInstance<infer T>
          ? Maybe<T>
          : S extends Promise<infer T>
            ? Maybe<T>
            : S extends readonly (infer E)[]
              ? Settled<E>[]
              : S extends pulumi.Resource
                ? S
                : S extends object
                  ? { [K in keyof S]: Settled<S[K]> }
                  : S;

/** Replaces Pulumi's unknown markers inside a partly known value by Unknowns. */
function markUnknowns(value: unknown, why: string): unknown {
    if (pulumi.isUnknown(value)) return new Unknown(why);
    if (Array.isArray(value)) return value.map((v) => markUnknowns(v, why));
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, markUnknowns(v, why)]));
    return value;
}

async function settleAsync(value: unknown, why: string, outputs: pulumi.Output<unknown>[]): Promise<unknown> {
    if (isFactSource(value)) {
        const settled = await settleAsync(value.input, value.why, outputs);
        return settled === undefined || isUnknown(settled) ? (value.fallback ?? settled) : settled;
    }
    if (isAsync(value)) {
        // An Output is read as it is: pulumi.output() would wrap it in two more Outputs (a copy and
        // an apply), each a dozen promises, for every fact of every component.
        const output = (pulumi.Output.isInstance(value) ? value : pulumi.output(value as pulumi.Input<unknown>)) as pulumi.Output<unknown>;
        outputs.push(output);
        // isKnown and promise(withUnknowns) are internal to Pulumi's Output but long stable.
        const internal = output as unknown as { isKnown: Promise<boolean>; promise(withUnknowns?: boolean): Promise<unknown> };
        const [isKnown, resolved] = await Promise.all([internal.isKnown, internal.promise(true)]);
        if (!isKnown && (resolved === undefined || pulumi.isUnknown(resolved))) return new Unknown(why);
        return settleAsync(markUnknowns(resolved, why), why, outputs);
    }
    if (Array.isArray(value)) return Promise.all(value.map((v, i) => settleAsync(v, `${why}[${i}]`, outputs)));
    if (isRecord(value)) {
        const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await settleAsync(v, `${why}.${k}`, outputs)] as const));
        return Object.fromEntries(entries);
    }
    return value;
}

function settleNow(value: unknown): unknown {
    if (isFactSource(value)) return value.input ?? value.fallback;
    if (Array.isArray(value)) return value.map(settleNow);
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, settleNow(v)]));
    return value;
}

/**
 * The facts of `sources`: plain at once when nothing in them waits on Pulumi, else a promise
 * that resolves when every source has (known or not). `outputs` are the sources read, whose
 * dependencies the component's children must keep.
 */
export function settleFacts<S>(sources: S): { facts: Settled<S> | Promise<Settled<S>>; outputs: pulumi.Output<unknown>[] } {
    if (isPlain(sources)) return { facts: settleNow(sources) as Settled<S>, outputs: [] };
    const outputs: pulumi.Output<unknown>[] = [];
    return { facts: settleAsync(sources, "an input", outputs) as Promise<Settled<S>>, outputs };
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

/** The same record with every field possibly unknown: facts as they are settled. */
export type MaybeOf<T> = { [K in keyof T]: Maybe<T[K]> };

// ---- plan -------------------------------------------------------------------------

export interface RawPlan {
    readonly key?: string;
    readonly id?: string;
    readonly name?: string;
    readonly resourceGroupName?: string;
    readonly location?: string;
    readonly sku?: { name?: string; tier?: string; capacity?: number };
    readonly reserved?: boolean;
    readonly kind?: string;
}

export function rawPlan(plan: PlanInput): FactsOf<RawPlan> {
    if (pulumi.CustomResource.isInstance(plan)) {
        const p = plan as web.AppServicePlan;
        const label = logicalName(p);
        return {
            key: identityOf(p),
            id: fact(p.id, `the id of plan ${label}`),
            name: fact(p.name, `the name of plan ${label}`, label),
            resourceGroupName: fact(echoedInput(p, "resourceGroupName"), `the resource group of plan ${label}`),
            location: fact(p.location, `the location of plan ${label}`),
            sku: fact(p.sku as pulumi.Output<RawPlan["sku"]>, `the SKU of plan ${label}`),
            reserved: fact(p.reserved, `the reserved (Linux) flag of plan ${label}`),
            kind: fact(p.kind, `the kind of plan ${label}`),
        };
    }
    // Facts of an existing plan: its id is its identity, or the object while the id is an Output.
    return { ...plan, key: typeof plan.id === "string" ? plan.id.toLowerCase() : identityOf(plan) } as FactsOf<RawPlan>;
}

/** Name and resource group of the plan: what plan-level routes address. */
export function planAddress(raw: MaybeOf<RawPlan>): { name: Maybe<string>; resourceGroupName: Maybe<string> } {
    const parts = typeof raw.id === "string" ? parseResourceId(raw.id) : undefined;
    return { name: raw.name ?? parts?.name ?? raw.id ?? "", resourceGroupName: raw.resourceGroupName ?? parts?.resourceGroupName ?? new Unknown("the resource group of the plan") };
}

/** Linux: `reserved: true`, or a kind containing `linux`; unknown while either could still say so. */
function isLinuxPlan(reserved: Maybe<boolean | undefined>, kind: Maybe<string | undefined>): Maybe<boolean> {
    if (reserved === true || (typeof kind === "string" && /linux/i.test(kind))) return true;
    if (isUnknown(reserved)) return reserved;
    if (isUnknown(kind)) return kind;
    return false;
}

/** The plan as the rules read it; any field may be Unknown (see rules/known.ts). */
export function planFacts(raw: MaybeOf<RawPlan>): { plan: PlanFacts; planKey: string } {
    const idName = typeof raw.id === "string" ? parseResourceId(raw.id)?.name : undefined;
    const name = typeof raw.name === "string" ? raw.name : (idName ?? (typeof raw.id === "string" ? raw.id : "(unnamed plan)"));
    const sku = raw.sku;
    const plan = {
        name,
        location: raw.location ?? new Unknown(`the location of plan ${name} (not set: it comes from its resource group)`),
        skuName: whenKnown([sku], (s) => s?.name),
        skuTier: whenKnown([sku], (s) => s?.tier),
        capacity: whenKnown([sku], (s) => s?.capacity),
        linux: isLinuxPlan(raw.reserved, raw.kind),
    };
    return { planKey: typeof raw.key === "string" ? raw.key : String(raw.id ?? name).toLowerCase(), plan: plan as unknown as PlanFacts };
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

export function rawVirtualNetwork(vnet: VirtualNetworkInput): FactsOf<RawVirtualNetwork> {
    if (pulumi.CustomResource.isInstance(vnet)) {
        const v = vnet as import("@pulumi/azure-native/network").VirtualNetwork;
        const label = logicalName(v);
        return {
            key: identityOf(v),
            id: fact(v.id, `the id of virtual network ${label}`),
            // `name` is the ARM name; an input `virtualNetworkName` is known at preview already.
            name: fact(pulumi.all([v.name, echoedInput(v, "virtualNetworkName")]).apply(([n, input]) => (n ?? input)!), `the name of virtual network ${label}`, label),
            resourceGroupName: fact(echoedInput(v, "resourceGroupName") as pulumi.Output<string>, `the resource group of virtual network ${label}`),
            location: fact(v.location as pulumi.Output<string>, `the location of virtual network ${label}`),
            addressSpace: fact(v.addressSpace.apply((a) => a?.addressPrefixes ?? []), `the address space of virtual network ${label}`),
            dnsServers: fact(v.dhcpOptions.apply((d) => d?.dnsServers ?? []), `the DNS servers (dhcpOptions) of virtual network ${label}`),
        };
    }
    const facts = vnet as InputsOf<RawVirtualNetwork>;
    return { ...facts, key: typeof facts.id === "string" ? facts.id.toLowerCase() : identityOf(vnet) };
}

export function virtualNetworkFacts(raw: MaybeOf<RawVirtualNetwork>): { virtualNetwork: VirtualNetworkFacts; vnetKey: string } {
    const name = typeof raw.name === "string" ? raw.name : (typeof raw.id === "string" ? parseResourceId(raw.id)?.name : undefined) ?? "(unnamed virtual network)";
    const virtualNetwork = {
        name,
        location: raw.location ?? new Unknown(`the location of virtual network ${name}`),
        addressSpace: raw.addressSpace ?? [],
        dnsServers: raw.dnsServers ?? [],
    };
    return { vnetKey: typeof raw.key === "string" ? raw.key : String(raw.id).toLowerCase(), virtualNetwork: virtualNetwork as unknown as VirtualNetworkFacts };
}

// ---- apps ----------------------------------------------------------------------------

export interface RawApp {
    /** Stable key for the child's logical name. */
    readonly key: string;
    /** Identity within the program while the app's name is not known (a resource at preview). */
    readonly identity: string;
    readonly name: string;
    readonly resourceGroupName: string;
    readonly slot?: string;
    readonly location?: string;
    readonly virtualNetworkSubnetId?: string;
    readonly linuxFxVersion?: string;
    readonly appSettingNames?: string[];
    /** The app's own outbound routing; undefined: Azure's default. */
    readonly routing?: { allTraffic?: boolean; applicationTraffic?: boolean };
}

/** A deployment slot: a WebAppSlot resource, or facts that name a slot. */
export function isSlotApp(app: AppInput): boolean {
    if (pulumi.CustomResource.isInstance(app)) return web.WebAppSlot.isInstance(app);
    return (app as { slot?: unknown }).slot !== undefined;
}

export function rawApp(app: AppInput, index: number): FactsOf<RawApp> {
    if (pulumi.CustomResource.isInstance(app)) {
        const a = app as web.WebApp;
        const label = logicalName(a);
        const slot = web.WebAppSlot.isInstance(app);
        // A slot's ARM name is `app/slot`; its input `name` is the app's.
        const armName = pulumi.all([a.name, echoedInput(a, "name")]).apply(([n, input]) => (slot ? (input ?? n?.split("/")[0]) : (n ?? input)));
        return {
            key: label,
            identity: identityOf(a),
            name: fact(armName, `the name of app ${label}`),
            resourceGroupName: fact(pulumi.all([echoedInput(a, "resourceGroupName"), a.resourceGroup]).apply(([input, rg]) => input ?? rg), `the resource group of app ${label}`),
            slot: slot ? fact(pulumi.all([echoedInput(a, "slot"), a.name]).apply(([input, n]) => input ?? n?.split("/")[1]), `the slot name of ${label}`) : undefined,
            location: fact(a.location, `the location of app ${label}`),
            virtualNetworkSubnetId: fact(a.virtualNetworkSubnetId, `the virtualNetworkSubnetId of app ${label}`),
            linuxFxVersion: fact(a.siteConfig.apply((c) => c?.linuxFxVersion), `the siteConfig of app ${label}`),
            routing: fact(
                // outboundVnetRouting alone (not the legacy siteConfig.vnetRouteAllEnabled): known at preview when the program sets it.
                a.outboundVnetRouting.apply((r) => ({ allTraffic: r?.allTraffic ?? undefined, applicationTraffic: r?.applicationTraffic ?? undefined })),
                `the outboundVnetRouting of app ${label}`,
            ),
            // ARM does not return app settings with the site; the echoed input (or undefined) is all there is.
            appSettingNames: fact(
                a.siteConfig.apply((c) => (c as { appSettings?: { name?: string }[] } | undefined)?.appSettings?.map((s) => s.name ?? "")),
                `the siteConfig of app ${label}`,
            ),
        };
    }
    const plain = typeof app.name === "string" && (app.slot === undefined || typeof app.slot === "string");
    const key = plain ? appNameKey(app.name as string, app.slot as string | undefined) : `app${index}`;
    return { ...app, key, identity: plain && typeof app.resourceGroupName === "string" ? appKey(app as RawApp) : identityOf(app) } as FactsOf<RawApp>;
}

/** The key a slot given as facts had in child names before `appNameKey` (`orders-staging`), for aliases; undefined otherwise. */
export function legacyAppKey(app: AppInput): string | undefined {
    if (pulumi.CustomResource.isInstance(app)) return undefined;
    return typeof app.name === "string" && typeof app.slot === "string" ? legacyAppNameKey(app.name, app.slot) : undefined;
}

/** How components of one program recognise an app: `resourcegroup/app[/slot]` when known, else its identity. */
export function appIdentity(raw: MaybeOf<RawApp>): string {
    return typeof raw.name === "string" && typeof raw.resourceGroupName === "string" && !isUnknown(raw.slot)
        ? appKey({ name: raw.name, resourceGroupName: raw.resourceGroupName, slot: raw.slot as string | undefined })
        : (raw.identity as string);
}

/** `app` or `app/slot`, as messages show it. */
export function appLabel(raw: MaybeOf<RawApp>): string {
    const name = typeof raw.name === "string" ? raw.name : (raw.key as string);
    return typeof raw.slot === "string" ? `${name}/${raw.slot}` : name;
}

export function appFacts(raw: MaybeOf<RawApp>): AppFacts {
    const settings = whenKnown([raw.appSettingNames], (names) => names?.map((n) => n.toUpperCase()));
    const facts = {
        label: appLabel(raw),
        location: raw.location,
        ownSubnetId: whenKnown([raw.virtualNetworkSubnetId], (id) => id || undefined),
        attachedByComponent: true,
        linuxContainer: whenKnown([raw.linuxFxVersion], (fx) => /^(docker|compose)\|/i.test(fx ?? "")),
        // Unknown settings (ARM does not return them with the site) count as present: no false warning.
        listensOnPortSetting: whenKnown([settings], (names) => names === undefined || names.includes("PORT") || names.includes("WEBSITES_PORT")),
        routing: raw.routing,
    };
    return facts as unknown as AppFacts;
}

/** Facts as sources: each field a plain value, an Input, or a `fact` read on its own. */
export type FactsOf<T> = { [K in keyof T]: pulumi.Input<T[K]> | FactSource<T[K]> };
