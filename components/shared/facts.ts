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
import { parseResourceId, slotOfId } from "../azure";
import { appNameKey, legacyAppNameKey } from "../identity";
import { appIdentity, appKey, identityOf } from "../identity";
export { appIdentity } from "../identity";
import { InvalidInputError } from "../invalidInput";
import { resourceName, settledOutput } from "../sdk";
import { isLinuxContainer, listensOnPortSetting } from "../rules/container";
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
    /** Further places the same fact may be read from, in order: the first known and set one wins. */
    readonly alternatives?: ReadonlyArray<pulumi.Input<T | undefined> | undefined>;
    /** Only rules read it, no child input is made from it: its secrecy stays with it (an app's siteConfig with a secret setting). */
    readonly ruleOnly?: boolean;
}

export function fact<T>(input: pulumi.Input<T> | undefined, why: string, fallback?: T): FactSource<T> {
    return { [SOURCE]: true, input, why, fallback };
}

/**
 * A fact with several sources, read in order: the first that is known and set wins. Under the engine a
 * resource's Output for an input that azure-native does not return as an output (a VNet's
 * `resourceGroupName`, a slot's `slot`) is unknown at every preview of an update, while the id (from
 * state) is known: reading them with `pulumi.all` made the whole fact unknown and every child replaced.
 */
export function firstKnown<T>(sources: ReadonlyArray<pulumi.Input<T | undefined> | undefined>, why: string, fallback?: T): FactSource<T> {
    return { [SOURCE]: true, input: undefined, why, fallback, alternatives: sources };
}

/** The resource group named by an ARM id Output (undefined while it is not an ARM id). */
export function groupOfId(id: pulumi.Input<string> | undefined): pulumi.Output<string | undefined> {
    return pulumi.output(id).apply((value) => (typeof value === "string" ? parseResourceId(value)?.resourceGroupName : undefined));
}

/** A fact only the rules read: the children keep its dependency, not its secrecy. */
export function ruleFact<T>(input: pulumi.Input<T> | undefined, why: string, fallback?: T): FactSource<T> {
    return { [SOURCE]: true, input, why, fallback, ruleOnly: true };
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
    if (isFactSource(value)) return value.alternatives ? value.alternatives.every(isPlain) : isPlain(value.input);
    if (isAsync(value)) return false;
    if (Array.isArray(value)) return value.every(isPlain);
    if (isRecord(value)) return Object.values(value).every(isPlain);
    return true;
}

/** Facts as the rules get them: every source replaced by its value, or an Unknown while Pulumi does not know it. */
export type SettledFacts<S> =
    S extends FactSource<infer T>
        ? Maybe<T>
        : S extends pulumi.OutputInstance<infer T>
          ? Maybe<T>
          : S extends Promise<infer T>
            ? Maybe<T>
            : S extends readonly (infer E)[]
              ? SettledFacts<E>[]
              : S extends pulumi.Resource
                ? S
                : S extends object
                  ? { [K in keyof S]: SettledFacts<S[K]> }
                  : S;

/** Replaces Pulumi's unknown markers inside a partly known value by Unknowns. */
function markUnknowns(value: unknown, why: string): unknown {
    if (pulumi.isUnknown(value)) return new Unknown(why);
    if (Array.isArray(value)) return value.map((v) => markUnknowns(v, why));
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, markUnknowns(v, why)]));
    return value;
}

async function settleAsync(value: unknown, why: string, outputs: pulumi.Output<unknown>[], ruleOnly = false): Promise<unknown> {
    if (isFactSource(value) && value.alternatives) {
        const settled = await Promise.all(value.alternatives.map((v) => settleAsync(v, value.why, outputs, value.ruleOnly === true)));
        return settled.find((v) => v !== undefined && !isUnknown(v)) ?? value.fallback ?? new Unknown(value.why);
    }
    if (isFactSource(value)) {
        const settled = await settleAsync(value.input, value.why, outputs, value.ruleOnly === true);
        return settled === undefined || isUnknown(settled) ? (value.fallback ?? settled) : settled;
    }
    if (isAsync(value)) {
        // An Output is read as it is: pulumi.output() would wrap it in two more Outputs (a copy and
        // an apply), each a dozen promises, for every fact of every component.
        const output = (pulumi.Output.isInstance(value) ? value : pulumi.output(value as pulumi.Input<unknown>)) as pulumi.Output<unknown>;
        // The children wait for every source; only sources they are built from pass their secrecy on.
        outputs.push(ruleOnly ? pulumi.unsecret(output) : output);
        const [isKnown, resolved] = await settledOutput(output);
        if (!isKnown && (resolved === undefined || pulumi.isUnknown(resolved))) return new Unknown(why);
        return settleAsync(markUnknowns(resolved, why), why, outputs, ruleOnly);
    }
    if (Array.isArray(value)) return Promise.all(value.map((v, i) => settleAsync(v, `${why}[${i}]`, outputs, ruleOnly)));
    if (isRecord(value)) {
        const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await settleAsync(v, `${why}.${k}`, outputs, ruleOnly)] as const));
        return Object.fromEntries(entries);
    }
    return value;
}

function settleNow(value: unknown): unknown {
    if (isFactSource(value) && value.alternatives) return value.alternatives.find((v) => v !== undefined) ?? value.fallback;
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
export function settleFacts<S>(sources: S): { facts: SettledFacts<S> | Promise<SettledFacts<S>>; outputs: pulumi.Output<unknown>[] } {
    if (isPlain(sources)) return { facts: settleNow(sources) as SettledFacts<S>, outputs: [] };
    const outputs: pulumi.Output<unknown>[] = [];
    return { facts: settleAsync(sources, "an input", outputs) as Promise<SettledFacts<S>>, outputs };
}

/** Untyped output that azure-native sets from an input of the same name (resourceGroupName, slot). */
export function echoedInput(resource: pulumi.Resource, key: string): pulumi.Output<string | undefined> {
    const value = (resource as unknown as Record<string, unknown>)[key];
    return pulumi.Output.isInstance(value) ? (value as pulumi.Output<string | undefined>) : pulumi.output(undefined);
}

export function logicalName(resource: pulumi.Resource): string {
    return resourceName(resource) ?? identityOf(resource);
}

/** The same record with every field an Input: what a resource's outputs or facts provide. */
export type InputsOf<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/** The same record with every field possibly unknown: facts as they are settled. */
export type MaybeOf<T> = { [K in keyof T]: Maybe<T[K]> };

// ---- plan -------------------------------------------------------------------------

export interface RawPlan {
    /** The object's identity in the run: the plan's key while its id is not known. */
    readonly key?: string;
    /** What messages call it while its name is not known: its logical name. Never a child input. */
    readonly label?: string;
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
            name: fact(p.name, `the name of plan ${label}`),
            label,
            resourceGroupName: firstKnown<string>([groupOfId(p.id), echoedInput(p, "resourceGroupName")], `the resource group of plan ${label}`),
            location: ruleFact(p.location, `the location of plan ${label}`),
            sku: ruleFact(p.sku as pulumi.Output<RawPlan["sku"]>, `the SKU of plan ${label}`),
            // Not set: a Windows plan, whatever its kind (the kind is not read for a resource).
            reserved: ruleFact(p.reserved.apply((r) => r === true), `the reserved (Linux) flag of plan ${label}`),
        };
    }
    // Facts of an existing plan: its id, once settled, is its identity (planFacts); the object stands in until then.
    return { ...plan, key: identityOf(plan) } as FactsOf<RawPlan>;
}

/** Name and resource group of the plan: what plan-level routes address. */
export function planAddress(raw: MaybeOf<RawPlan>): { name: Maybe<string>; resourceGroupName: Maybe<string> } {
    const parts = typeof raw.id === "string" ? parseResourceId(raw.id) : undefined;
    return { name: raw.name ?? parts?.name ?? raw.id ?? "", resourceGroupName: raw.resourceGroupName ?? parts?.resourceGroupName ?? new Unknown("the resource group of the plan") };
}

/**
 * Linux: `reserved: true`. `reserved: false` is Windows whatever the kind (Azure makes a Windows
 * plan of `kind: "linux"` without `reserved`); unknown while `reserved` is, and the wait names it.
 * Only facts of an existing plan that give no `reserved` are read by their kind (ARM reports
 * `linux` in the kind of every Linux plan); a plan resource's kind is never read.
 */
function isLinuxPlan(reserved: Maybe<boolean | undefined>, kind: Maybe<string | undefined>): Maybe<boolean> {
    if (reserved === true) return true;
    if (reserved === false) return false;
    if (isUnknown(reserved)) return reserved;
    if (typeof kind === "string") return /linux/i.test(kind);
    if (isUnknown(kind)) return kind;
    return false;
}

/** The plan as the rules read it; any field may be Unknown (see rules/known.ts). */
export function planFacts(raw: MaybeOf<RawPlan>): { plan: PlanFacts; planKey: string } {
    const idName = typeof raw.id === "string" ? parseResourceId(raw.id)?.name : undefined;
    const name = typeof raw.name === "string" ? raw.name : (idName ?? (typeof raw.label === "string" ? raw.label : typeof raw.id === "string" ? raw.id : "(unnamed plan)"));
    const sku = raw.sku;
    const plan = {
        name,
        location: raw.location ?? new Unknown(`the location of plan ${name} (not set: it comes from its resource group)`),
        skuName: whenKnown([sku], (s) => s?.name),
        skuTier: whenKnown([sku], (s) => s?.tier),
        capacity: whenKnown([sku], (s) => s?.capacity),
        linux: isLinuxPlan(raw.reserved, raw.kind),
    };
    return { planKey: armIdentity(raw.id, raw.key, name), plan: plan as unknown as PlanFacts };
}

/** The plan's subscription, from its id, when known. */
export function planSubscriptionOf(raw: MaybeOf<RawPlan>): string | undefined {
    return typeof raw.id === "string" ? parseResourceId(raw.id)?.subscriptionId : undefined;
}

// ---- virtual network -----------------------------------------------------------------

export interface RawVirtualNetwork {
    readonly key?: string;
    /** What messages call it while its name is not known: its logical name. Never a child input. */
    readonly label?: string;
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
            // Unknown while azure-native has not named it: children get Pulumi's unknown, never the label.
            // The name the program set is known at preview though the ARM name is not yet.
            name: firstKnown<string>([v.name, echoedInput(v, "virtualNetworkName")], `the name of virtual network ${label}`),
            label,
            resourceGroupName: firstKnown<string>([groupOfId(v.id), echoedInput(v, "resourceGroupName")], `the resource group of virtual network ${label}`),
            location: fact(v.location as pulumi.Output<string>, `the location of virtual network ${label}`),
            addressSpace: fact(v.addressSpace.apply((a) => a?.addressPrefixes ?? []), `the address space of virtual network ${label}`),
            dnsServers: fact(v.dhcpOptions.apply((d) => d?.dnsServers ?? []), `the DNS servers (dhcpOptions) of virtual network ${label}`),
        };
    }
    const facts = vnet as InputsOf<RawVirtualNetwork>;
    return { ...facts, key: identityOf(vnet) };
}

export function virtualNetworkFacts(raw: MaybeOf<RawVirtualNetwork>): { virtualNetwork: VirtualNetworkFacts; vnetKey: string } {
    const name = typeof raw.name === "string" ? raw.name : ((typeof raw.id === "string" ? parseResourceId(raw.id)?.name : undefined) ?? (typeof raw.label === "string" ? raw.label : "(unnamed virtual network)"));
    const virtualNetwork = {
        name,
        location: raw.location ?? new Unknown(`the location of virtual network ${name}`),
        addressSpace: raw.addressSpace ?? [],
        dnsServers: raw.dnsServers ?? [],
        // From its id when known; a new VNet's id is unknown at preview, and VNI-R19 then has nothing to say.
        ...(typeof raw.id === "string" && parseResourceId(raw.id) ? { subscriptionId: parseResourceId(raw.id)!.subscriptionId } : {}),
    };
    return { vnetKey: armIdentity(raw.id, raw.key, name), virtualNetwork: virtualNetwork as unknown as VirtualNetworkFacts };
}

/**
 * How components of one run recognise a VNet or a plan: its ARM id (case-folded) as soon as it
 * is known, whatever gave it (a resource, a StackReference, `get...Output`, config); the
 * object only while nothing else is (a resource created by this program, at preview).
 */
function armIdentity(id: Maybe<string | undefined>, objectKey: Maybe<string | undefined>, name: string): string {
    if (typeof id === "string" && id !== "") return id.toLowerCase();
    return typeof objectKey === "string" ? objectKey : name.toLowerCase();
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
    readonly windowsFxVersion?: string;
    readonly appSettingNames?: string[];
    /** The app's own outbound routing; undefined: Azure's default. */
    readonly routing?: { allTraffic?: boolean; applicationTraffic?: boolean };
    /** Route-all set the legacy way: `siteConfig.vnetRouteAllEnabled`, or the WEBSITE_VNET_ROUTE_ALL app setting. */
    readonly legacyRouteAll?: boolean;
}

/** Route-all as a site configuration says it the legacy way: `vnetRouteAllEnabled`, or WEBSITE_VNET_ROUTE_ALL=1 (or true). */
export function legacyRouteAllOf(config: { vnetRouteAllEnabled?: boolean; appSettings?: { name?: string; value?: string }[] } | undefined): boolean {
    if (config?.vnetRouteAllEnabled === true) return true;
    const setting = config?.appSettings?.find((s) => (s.name ?? "").toUpperCase() === "WEBSITE_VNET_ROUTE_ALL");
    return setting !== undefined && /^(1|true)$/i.test(String(setting.value ?? "").trim());
}

/**
 * An element of a list given by facts whose naming field is an Output: its children could only
 * be named by position, which replaces them when the list is reordered (ARCHITECTURE.md,
 * Conventions). The component reports it as its error.
 */
export class UnstableChildName extends InvalidInputError {
    constructor(where: string, fields: string) {
        super(where, [
            `${where}: the ${fields} must be plain strings, not Outputs: the children made for it are named after them, and a list position ` +
                `would replace them whenever the list is reordered. Fix: give the ${fields} as plain strings, or pass the resource itself (its logical name is the key)`,
        ]);
    }
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
        // A slot's app and slot names come from its ARM id once known (what ARM's `name` holds for a slot
        // differs by API and tool: "app/slot" or "slot"); before that, from the inputs azure-native echoes.
        const slotId = a.id.apply(slotOfId);
        const armName = slot
            ? firstKnown<string>([slotId.apply((s) => s?.app), echoedInput(a, "name").apply((n) => n?.split("/")[0])], `the name of app ${label}`)
            : fact(a.name, `the name of app ${label}`);
        return {
            key: label,
            identity: identityOf(a),
            name: armName,
            resourceGroupName: firstKnown<string>([echoedInput(a, "resourceGroupName"), a.resourceGroup, groupOfId(a.id)], `the resource group of app ${label}`),
            slot: slot ? firstKnown<string>([slotId.apply((s) => s?.slot), echoedInput(a, "slot")], `the slot name of ${label}`) : undefined,
            location: ruleFact(a.location, `the location of app ${label}`),
            virtualNetworkSubnetId: ruleFact(a.virtualNetworkSubnetId, `the virtualNetworkSubnetId of app ${label}`),
            linuxFxVersion: ruleFact(a.siteConfig.apply((c) => c?.linuxFxVersion), `the siteConfig of app ${label}`),
            // Unknown counts as no Windows container (fallback): the subnet's size never waits for it.
            windowsFxVersion: ruleFact(a.siteConfig.apply((c) => c?.windowsFxVersion), `the siteConfig of app ${label}`, ""),
            routing: ruleFact(
                // Known at preview when the program sets it; the legacy settings are read apart (legacyRouteAll).
                a.outboundVnetRouting.apply((r) => ({ allTraffic: r?.allTraffic ?? undefined, applicationTraffic: r?.applicationTraffic ?? undefined })),
                `the outboundVnetRouting of app ${label}`,
            ),
            // siteConfig.vnetRouteAllEnabled and WEBSITE_VNET_ROUTE_ALL still mean route-all (configure-vnet-integration-routing).
            // Unknown (a new app that sets no siteConfig, at preview) counts as not set: the program would have set it.
            legacyRouteAll: ruleFact(a.siteConfig.apply(legacyRouteAllOf), `the siteConfig of app ${label}`, false),
            // ARM does not return app settings with the site; the echoed input (or undefined) is all there is.
            appSettingNames: ruleFact(
                a.siteConfig.apply((c) => (c as { appSettings?: { name?: string }[] } | undefined)?.appSettings?.map((s) => s.name ?? "")),
                `the siteConfig of app ${label}`,
            ),
        };
    }
    const plain = typeof app.name === "string" && (app.slot === undefined || typeof app.slot === "string");
    // A child's logical name is its state's key: a list position would replace links when the list is reordered.
    if (!plain) throw new UnstableChildName(`apps[${index}]`, "name and slot");
    const key = appNameKey(app.name as string, app.slot as string | undefined);
    return { ...app, key, identity: plain && typeof app.resourceGroupName === "string" ? appKey(app as RawApp) : identityOf(app) } as FactsOf<RawApp>;
}

/** The key a slot given as facts had in child names before `appNameKey` (`orders-staging`), for aliases; undefined otherwise. */
export function legacyAppKey(app: AppInput): string | undefined {
    if (pulumi.CustomResource.isInstance(app)) return undefined;
    return typeof app.name === "string" && typeof app.slot === "string" ? legacyAppNameKey(app.name, app.slot) : undefined;
}

/** `app` or `app/slot`, as messages show it. */
export function appLabel(raw: MaybeOf<RawApp>): string {
    const name = typeof raw.name === "string" ? raw.name : (raw.key as string);
    return typeof raw.slot === "string" ? `${name}/${raw.slot}` : name;
}

/** The app's routing with the legacy route-all folded in as `applicationTraffic`. */
function withLegacyRouteAll(routing: Maybe<RawApp["routing"]>, legacy: Maybe<boolean | undefined>): Maybe<RawApp["routing"]> {
    if (legacy !== true) return routing;
    return { ...(isUnknown(routing) ? {} : (routing ?? {})), applicationTraffic: true };
}

export function appFacts(raw: MaybeOf<RawApp>): AppFacts {
    const facts = {
        label: appLabel(raw),
        key: appIdentity(raw),
        location: raw.location,
        ownSubnetId: whenKnown([raw.virtualNetworkSubnetId], (id) => id || undefined),
        attachedByComponent: true,
        // One reading with the policy pack (rules/container.ts).
        linuxContainer: whenKnown([raw.linuxFxVersion], (fx) => isLinuxContainer(fx)),
        windowsContainer: isUnknown(raw.windowsFxVersion) ? false : /^(docker|compose)\|/i.test((raw.windowsFxVersion as string | undefined) ?? ""),
        listensOnPortSetting: whenKnown([raw.appSettingNames], (names) => listensOnPortSetting(names)),
        routing: withLegacyRouteAll(raw.routing, raw.legacyRouteAll),
    };
    return facts as unknown as AppFacts;
}

/** Facts as sources: each field a plain value, an Input, or a `fact` read on its own. */
export type FactsOf<T> = { [K in keyof T]: pulumi.Input<T[K]> | FactSource<T[K]> };
