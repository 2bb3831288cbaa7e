/**
 * Reads the raw azure-native resources of a stack, as the policy engine hands them over, into
 * plain entities joined by ARM id (or name and resource group). No rule lives here.
 *
 * Values the engine does not know yet (at preview) are never guessed: reading one keeps the
 * engine's own UnknownValueError, and whoever needs that value throws it again, so the engine
 * reports the policy as advisory ("can't run ... during preview") instead of passing or failing.
 */
import { isLinuxContainer, listensOnPortSetting } from "../rules/container";
import type { PolicyResource } from "@pulumi/policy";
import { UnknownValueError } from "@pulumi/policy";
// The engine's own proxy over resource properties (internal to @pulumi/policy, pinned): unknown values throw.
import * as policyProxy from "@pulumi/policy/proxy";

const engineProxy = policyProxy as unknown as {
    unknownCheckingProxy(props: object): Record<string, any>;
} & Record<"unknownStringValue" | "unknownNumberValue" | "unknownBooleanValue" | "unknownArrayValue" | "unknownObjectValue" | "unknownAssetValue" | "unknownArchiveValue", string>;
import { parseResourceId } from "../azure";

/** What a stack policy reads of one resource: the engine's `PolicyResource`, or the part of it tests build. */
export type StackResource = Pick<PolicyResource, "type" | "props" | "urn" | "name"> & {
    readonly propertyDependencies?: Readonly<Record<string, readonly StackResource[]>>;
};

/** azure-native type tokens the pack reads. */
export const TYPES = {
    plan: "azure-native:web:AppServicePlan",
    app: "azure-native:web:WebApp",
    slot: "azure-native:web:WebAppSlot",
    swift: "azure-native:web:WebAppSwiftVirtualNetworkConnection",
    swiftSlot: "azure-native:web:WebAppSwiftVirtualNetworkConnectionSlot",
    vnetConnection: "azure-native:web:WebAppVnetConnection",
    vnetConnectionSlot: "azure-native:web:WebAppVnetConnectionSlot",
    planRoute: "azure-native:web:AppServicePlanRouteForVnet",
    vnet: "azure-native:network:VirtualNetwork",
    subnet: "azure-native:network:Subnet",
    gateway: "azure-native:network:VirtualNetworkGateway",
    peering: "azure-native:network:VirtualNetworkPeering",
    nic: "azure-native:network:NetworkInterface",
    privateEndpoint: "azure-native:network:PrivateEndpoint",
} as const;

/** A value the engine does not know yet; `need` throws the engine's error again. */
export class Deferred {
    constructor(public readonly error: Error) {}
}

export type Maybe<T> = T | Deferred;

/** The value, or the engine's UnknownValueError when it is not known yet. */
export function need<T>(value: Maybe<T>): T {
    if (value instanceof Deferred) throw value.error;
    return value;
}

/** Reads `read()` through the engine's proxy; an unknown value becomes Deferred. */
export function tolerant<T>(read: () => T): Maybe<T> {
    try {
        return read();
    } catch (error) {
        if (error instanceof UnknownValueError) return new Deferred(error as Error);
        throw error;
    }
}

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

function readString(props: Record<string, any>, ...keys: string[]): Maybe<string | undefined> {
    return tolerant(() => {
        for (const key of keys) {
            const value = str(props[key]);
            if (value !== undefined) return value;
        }
        return undefined;
    });
}

/** Case-folded `resourceGroup/type/name[/type/name]`: how the pack matches ids and names (subscriptions ignored). */
function keyOf(resourceGroup: string, path: readonly (readonly [string, string])[]): string {
    return [resourceGroup, ...path.flat()].join("/").toLowerCase();
}

function keyOfId(id: string): string | undefined {
    const parts = parseResourceId(id);
    return parts ? keyOf(parts.resourceGroupName, parts.path) : undefined;
}

interface Entity {
    readonly resource: StackResource;
    /** Identity for joins; Deferred when its names are not known yet. */
    readonly key: Maybe<string | undefined>;
}

export interface Plan extends Entity {
    readonly name: string;
    readonly location: Maybe<string | undefined>;
    readonly skuName: Maybe<string | undefined>;
    readonly skuTier: Maybe<string | undefined>;
    readonly capacity: Maybe<number | undefined>;
    readonly linux: Maybe<boolean>;
}

export interface App extends Entity {
    /** `orders` or `orders/staging`. */
    readonly label: string;
    readonly location: Maybe<string | undefined>;
    readonly planKey: Maybe<string | undefined>;
    /** Its own `virtualNetworkSubnetId` (form A), as a join key and as written. */
    readonly ownSubnet: Maybe<{ key: string | undefined; id: string } | undefined>;
    readonly siteDnsServers: Maybe<string[] | undefined>;
    readonly linuxContainer: Maybe<boolean>;
    readonly listensOnPortSetting: Maybe<boolean>;
}

export interface Vnet extends Entity {
    readonly name: string;
    readonly location: Maybe<string | undefined>;
    readonly addressSpace: Maybe<string[]>;
    readonly dnsServers: Maybe<string[]>;
}

export interface Subnet extends Entity {
    readonly name: string;
    readonly vnetKey: Maybe<string | undefined>;
    readonly addressPrefix: Maybe<string | undefined>;
    readonly delegations: Maybe<string[]>;
    readonly routeTable: Maybe<boolean>;
}

export interface SwiftConnection extends Entity {
    readonly appKey: Maybe<string | undefined>;
    readonly appLabel: string;
    readonly subnetKey: Maybe<string | undefined>;
}

export interface GatewayConnection extends Entity {
    readonly appKey: Maybe<string | undefined>;
    readonly appLabel: string;
    readonly vnetKey: Maybe<string | undefined>;
    /** The connection's name: the plan routes' `vnetName`. */
    readonly vnetName: Maybe<string | undefined>;
}

export interface Gateway extends Entity {
    readonly name: string;
    readonly subnetKeys: Maybe<(string | undefined)[]>;
    readonly gatewayType: Maybe<string | undefined>;
    readonly vpnType: Maybe<string | undefined>;
    readonly skuName: Maybe<string | undefined>;
    readonly pointToSite: Maybe<{ addressPool: string[]; protocols: string[] } | undefined>;
}

export interface Peering extends Entity {
    readonly name: string;
    readonly localKey: Maybe<string | undefined>;
    readonly remoteKey: Maybe<string | undefined>;
    readonly flags: Maybe<{ allowVirtualNetworkAccess?: boolean; allowForwardedTraffic?: boolean; allowGatewayTransit?: boolean; useRemoteGateways?: boolean }>;
}

export interface PlanRoute extends Entity {
    readonly planKey: Maybe<string | undefined>;
    readonly vnetName: Maybe<string | undefined>;
    readonly startAddress: Maybe<string | undefined>;
    readonly endAddress: Maybe<string | undefined>;
}

/** Something else that sits in a subnet (a NIC, a private endpoint): the subnet is not exclusive. */
export interface SubnetUser {
    readonly resource: StackResource;
    readonly what: string;
    readonly subnetKeys: Maybe<(string | undefined)[]>;
}

export interface StackModel {
    readonly plans: Plan[];
    readonly apps: App[];
    readonly vnets: Vnet[];
    readonly subnets: Subnet[];
    readonly swiftConnections: SwiftConnection[];
    readonly gatewayConnections: GatewayConnection[];
    readonly gateways: Gateway[];
    readonly peerings: Peering[];
    readonly planRoutes: PlanRoute[];
    readonly subnetUsers: SubnetUser[];
}

/**
 * A reference held by `prop` (an ARM id at `path` inside it): the key of the id when it is
 * known, else the key of the one resource of `types` the property depends on, else Deferred.
 */
function reference(resource: StackResource, prop: string, read: (props: Record<string, any>) => unknown, types: readonly string[], keys: Map<StackResource, Maybe<string | undefined>>): Maybe<string | undefined> {
    const value = tolerant(() => read(resource.props));
    if (!(value instanceof Deferred)) return typeof value === "string" ? keyOfId(value) : undefined;
    const candidates = (resource.propertyDependencies?.[prop] ?? []).filter((d) => types.includes(d.type));
    if (candidates.length === 1) return keys.get(candidates[0]) ?? value;
    return value;
}

function rgOf(props: Record<string, any>): Maybe<string | undefined> {
    return readString(props, "resourceGroupName", "resourceGroup");
}

/** Builds a key from the resource group and names; Deferred when any of them is unknown. */
function composeKey(parts: Maybe<string | undefined>[], path: (names: string[]) => [string, string][]): Maybe<string | undefined> {
    const deferred = parts.find((p): p is Deferred => p instanceof Deferred);
    if (deferred) return deferred;
    const values = parts as (string | undefined)[];
    if (values.some((v) => v === undefined)) return undefined;
    const [rg, ...names] = values as string[];
    return keyOf(rg, path(names));
}

const labelOf = (r: StackResource, ...names: Maybe<string | undefined>[]) =>
    names.every((n) => typeof n === "string") ? (names as string[]).join("/") : r.name;

/**
 * Under the engine a stack policy reads each resource's outputs. At preview an output the program did not set
 * (a VNet's dhcpOptions, an app's siteConfig) is unknown because the provider computes it: it is read as not
 * set when no property dependency feeds it. A value the program set from another resource's output keeps its
 * dependency, and stays unknown.
 */
function withoutComputedUnknowns(resources: readonly StackResource[]): readonly StackResource[] {
    const views = new Map<StackResource, StackResource>();
    for (const r of resources) {
        const props = r.props as Record<string, unknown>;
        if (props["__isSpecialProxy"] !== true) continue;
        const raw = props["__getSpecialProxyTarget"] as Record<string, unknown>;
        // Inputs carry resourceGroupName: the pack's offline harness, and the engine's per-resource policies.
        if (raw === null || typeof raw !== "object" || "resourceGroupName" in raw) continue;
        const fed = r.propertyDependencies ?? {};
        const kept = Object.entries(raw).filter(([name, value]) => !(isUnknownValue(value) && !(fed[name]?.length > 0)));
        if (kept.length === Object.keys(raw).length) continue;
        views.set(r, { ...r, props: engineProxy.unknownCheckingProxy(Object.fromEntries(kept)) });
    }
    if (views.size === 0) return resources;
    // Fresh objects throughout, so property dependencies point at the views the pack joins on.
    const copies = new Map<StackResource, { -readonly [K in keyof StackResource]: StackResource[K] }>(resources.map((r) => [r, { ...(views.get(r) ?? r) }]));
    for (const [r, copy] of copies) {
        if (r.propertyDependencies) copy.propertyDependencies = Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, list]) => [k, list.map((d) => copies.get(d) ?? d)]));
    }
    return [...copies.values()];
}

const UNKNOWN_VALUES: ReadonlySet<unknown> = new Set((["unknownStringValue", "unknownNumberValue", "unknownBooleanValue", "unknownArrayValue", "unknownObjectValue", "unknownAssetValue", "unknownArchiveValue"] as const).map((k) => engineProxy[k]));
const isUnknownValue = (value: unknown) => UNKNOWN_VALUES.has(value);

/** Reads every resource the pack knows into entities; never throws for unknown values. */
export function readStack(engineResources: readonly StackResource[]): StackModel {
    const resources = withoutComputedUnknowns(engineResources);
    const of = (...types: string[]) => resources.filter((r) => types.includes(r.type));
    const keys = new Map<StackResource, Maybe<string | undefined>>();

    /**
     * Under the engine a stack policy reads each resource's outputs, not its inputs: no resourceGroupName, no
     * virtualNetworkName, and at a new stack's preview no id and often no name. A resource read from its outputs
     * is then known by its ARM id, or, while that is unknown, by its URN: references to it through property
     * dependencies still join, and literal ids to it join once it exists.
     */
    const identity = (r: StackResource, fromInputs: Maybe<string | undefined>): Maybe<string | undefined> => {
        if (typeof fromInputs === "string") return fromInputs;
        const props = r.props as Record<string, unknown>;
        const raw = (props["__isSpecialProxy"] === true ? props["__getSpecialProxyTarget"] : props) as Record<string, unknown>;
        if (raw === undefined || raw === null || "resourceGroupName" in raw) return fromInputs;
        const id = tolerant(() => str(r.props.id));
        if (typeof id === "string") return keyOfId(id) ?? fromInputs;
        return `urn:${r.urn}`.toLowerCase();
    };
    // Own identities first, so references through property dependencies can use them.
    for (const r of of(TYPES.plan)) keys.set(r, identity(r, composeKey([rgOf(r.props), readString(r.props, "name")], ([n]) => [["serverfarms", n]])));
    for (const r of of(TYPES.app)) keys.set(r, identity(r, composeKey([rgOf(r.props), readString(r.props, "name")], ([n]) => [["sites", n]])));
    for (const r of of(TYPES.slot)) keys.set(r, identity(r, composeKey([rgOf(r.props), readString(r.props, "name"), readString(r.props, "slot")], ([n, s]) => [["sites", n], ["slots", s]])));
    for (const r of of(TYPES.vnet)) keys.set(r, identity(r, composeKey([rgOf(r.props), readString(r.props, "virtualNetworkName", "name")], ([n]) => [["virtualnetworks", n]])));
    for (const r of of(TYPES.gateway)) keys.set(r, identity(r, composeKey([rgOf(r.props), readString(r.props, "virtualNetworkGatewayName", "name")], ([n]) => [["virtualnetworkgateways", n]])));
    for (const r of of(TYPES.subnet)) {
        const vnetName = readString(r.props, "virtualNetworkName");
        const viaDependency = vnetName === undefined || vnetName instanceof Deferred ? (r.propertyDependencies?.virtualNetworkName ?? []).find((d) => d.type === TYPES.vnet) : undefined;
        const key = viaDependency
            ? (() => {
                  const vnetKey = keys.get(viaDependency);
                  const name = readString(r.props, "subnetName", "name");
                  if (vnetKey instanceof Deferred) return vnetKey;
                  if (name instanceof Deferred) return name;
                  return vnetKey && name ? `${vnetKey}/subnets/${name}`.toLowerCase() : undefined;
              })()
            : composeKey([rgOf(r.props), vnetName, readString(r.props, "subnetName", "name")], ([v, n]) => [["virtualnetworks", v], ["subnets", n]]);
        keys.set(r, identity(r, key));
    }
    const key = (r: StackResource) => keys.get(r) ?? undefined;
    const nameOf = (r: StackResource, ...props: string[]) => {
        const value = readString(r.props, ...props);
        return typeof value === "string" ? value : r.name;
    };

    const plans: Plan[] = of(TYPES.plan).map((r) => ({
        resource: r,
        key: key(r),
        name: nameOf(r, "name"),
        location: readString(r.props, "location"),
        skuName: tolerant(() => str(r.props.sku?.name)),
        skuTier: tolerant(() => str(r.props.sku?.tier)),
        capacity: tolerant(() => (typeof r.props.sku?.capacity === "number" ? r.props.sku.capacity : undefined)),
        // reserved alone: Azure makes a Windows plan of kind "linux" without reserved (issue 17).
        linux: tolerant(() => r.props.reserved === true),
    }));

    const apps: App[] = of(TYPES.app, TYPES.slot).map((r) => {
        const ownSubnet = tolerant(() => str(r.props.virtualNetworkSubnetId));
        const ownSubnetKey = reference(r, "virtualNetworkSubnetId", (p) => p.virtualNetworkSubnetId, [TYPES.subnet], keys);
        return {
            resource: r,
            key: key(r),
            label: labelOf(r, readString(r.props, "name"), ...(r.type === TYPES.slot ? [readString(r.props, "slot")] : [])),
            location: readString(r.props, "location"),
            planKey: reference(r, "serverFarmId", (p) => p.serverFarmId, [TYPES.plan], keys),
            ownSubnet:
                ownSubnetKey instanceof Deferred
                    ? ownSubnetKey
                    : ownSubnet instanceof Deferred
                      ? // Unknown id, joined through the dependency on the subnet resource.
                        { key: ownSubnetKey, id: `(the id of subnet ${ownSubnetKey})` }
                      : ownSubnet === undefined
                        ? undefined
                        : { key: ownSubnetKey, id: ownSubnet },
            siteDnsServers: tolerant(() => (r.props.dnsConfiguration?.dnsServers === undefined ? undefined : strings(r.props.dnsConfiguration.dnsServers))),
            // The components' reading (rules/container.ts): compose apps are containers; settings not given count as set.
            linuxContainer: tolerant(() => isLinuxContainer(str(r.props.siteConfig?.linuxFxVersion))),
            listensOnPortSetting: tolerant(() =>
                listensOnPortSetting(Array.isArray(r.props.siteConfig?.appSettings) ? r.props.siteConfig.appSettings.map((s: any) => str(s?.name) ?? "") : undefined),
            ),
        };
    });

    // A slot without its own serverFarmId runs on its app's plan.
    const appsByKey = new Map(apps.filter((a) => typeof a.key === "string").map((a) => [a.key as string, a] as const));
    apps.forEach((app, index) => {
        if (app.resource.type !== TYPES.slot || app.planKey !== undefined || typeof app.key !== "string") return;
        const parent = appsByKey.get(app.key.replace(/\/slots\/[^/]+$/, ""));
        if (parent) apps[index] = { ...app, planKey: parent.planKey };
    });

    const vnets: Vnet[] = of(TYPES.vnet).map((r) => ({
        resource: r,
        key: key(r),
        name: nameOf(r, "virtualNetworkName", "name"),
        location: readString(r.props, "location"),
        addressSpace: tolerant(() => strings(r.props.addressSpace?.addressPrefixes)),
        dnsServers: tolerant(() => strings(r.props.dhcpOptions?.dnsServers)),
    }));

    const subnetOf = (r: StackResource, vnetKey: Maybe<string | undefined>, props: Record<string, any>, name: string, ownKey: Maybe<string | undefined>): Subnet => ({
        resource: r,
        key: ownKey,
        name,
        vnetKey,
        addressPrefix: tolerant(() => str(props.addressPrefix) ?? strings(props.addressPrefixes)[0]),
        delegations: tolerant(() => (Array.isArray(props.delegations) ? props.delegations : []).map((d: any) => str(d?.serviceName) ?? str(d?.properties?.serviceName) ?? "")),
        routeTable: tolerant(() => props.routeTable !== undefined && props.routeTable !== null),
    });
    const subnets: Subnet[] = of(TYPES.subnet).map((r) => {
        const own = key(r);
        const byUrn = typeof own === "string" && own.startsWith("urn:") && !own.includes("/subnets/");
        const vnetDependency = (r.propertyDependencies?.virtualNetworkName ?? []).find((d) => d.type === TYPES.vnet);
        const vnetKey = byUrn ? (vnetDependency ? key(vnetDependency) : undefined) : own instanceof Deferred || own === undefined ? own : own.replace(/\/subnets\/[^/]+$/, "");
        return subnetOf(r, vnetKey, r.props, nameOf(r, "subnetName", "name"), own);
    });
    // Subnets declared inline on a VNet resource.
    for (const vnet of vnets) {
        const inline = tolerant(() => (Array.isArray(vnet.resource.props.subnets) ? (vnet.resource.props.subnets as any[]) : []));
        if (inline instanceof Deferred) continue;
        inline.forEach((s, index) => {
            const name = tolerant(() => str(s?.name));
            const subnetName = typeof name === "string" ? name : `subnets[${index}]`;
            const own = vnet.key instanceof Deferred || vnet.key === undefined ? vnet.key : `${vnet.key}/subnets/${subnetName}`.toLowerCase();
            subnets.push(subnetOf(vnet.resource, vnet.key, s ?? {}, subnetName, own));
        });
    }

    const appRef = (r: StackResource, slotted: boolean): Maybe<string | undefined> => {
        const parts = [rgOf(r.props), readString(r.props, "name"), ...(slotted ? [readString(r.props, "slot")] : [])];
        const composed = composeKey(parts, ([n, s]) => (slotted ? [["sites", n], ["slots", s]] : [["sites", n]]));
        if (!(composed instanceof Deferred)) return composed;
        const app = (r.propertyDependencies?.name ?? []).find((d) => d.type === (slotted ? TYPES.slot : TYPES.app));
        return app ? (keys.get(app) ?? composed) : composed;
    };
    const appLabel = (r: StackResource, slotted: boolean) => labelOf(r, readString(r.props, "name"), ...(slotted ? [readString(r.props, "slot")] : []));

    const swiftConnections: SwiftConnection[] = of(TYPES.swift, TYPES.swiftSlot).map((r) => ({
        resource: r,
        key: undefined,
        appKey: appRef(r, r.type === TYPES.swiftSlot),
        appLabel: appLabel(r, r.type === TYPES.swiftSlot),
        subnetKey: reference(r, "subnetResourceId", (p) => p.subnetResourceId, [TYPES.subnet], keys),
    }));

    const gatewayConnections: GatewayConnection[] = of(TYPES.vnetConnection, TYPES.vnetConnectionSlot).map((r) => ({
        resource: r,
        key: undefined,
        appKey: appRef(r, r.type === TYPES.vnetConnectionSlot),
        appLabel: appLabel(r, r.type === TYPES.vnetConnectionSlot),
        vnetKey: reference(r, "vnetResourceId", (p) => p.vnetResourceId, [TYPES.vnet], keys),
        vnetName: readString(r.props, "vnetName"),
    }));

    const ipConfigurationSubnets = (r: StackResource, prop: string, list: (props: Record<string, any>) => unknown): Maybe<(string | undefined)[]> => {
        const ids = tolerant(() => {
            const items = list(r.props);
            return (Array.isArray(items) ? items : []).map((c: any) => str(c?.subnet?.id));
        });
        if (!(ids instanceof Deferred)) return ids.map((id) => (id ? keyOfId(id) : undefined));
        const viaDependency = (r.propertyDependencies?.[prop] ?? []).filter((d) => d.type === TYPES.subnet);
        if (viaDependency.length === 0) return ids;
        const found = viaDependency.map((d) => keys.get(d));
        const deferred = found.find((k): k is Deferred => k instanceof Deferred);
        return deferred ?? (found as (string | undefined)[]);
    };

    const gateways: Gateway[] = of(TYPES.gateway).map((r) => ({
        resource: r,
        key: key(r),
        name: nameOf(r, "virtualNetworkGatewayName", "name"),
        subnetKeys: ipConfigurationSubnets(r, "ipConfigurations", (p) => p.ipConfigurations),
        gatewayType: readString(r.props, "gatewayType"),
        vpnType: readString(r.props, "vpnType"),
        skuName: tolerant(() => str(r.props.sku?.name)),
        pointToSite: tolerant(() => {
            const config = r.props.vpnClientConfiguration;
            if (!config) return undefined;
            return { addressPool: strings(config.vpnClientAddressPool?.addressPrefixes), protocols: strings(config.vpnClientProtocols) };
        }),
    }));

    const peerings: Peering[] = of(TYPES.peering).map((r) => {
        const vnetName = readString(r.props, "virtualNetworkName");
        let localKey = composeKey([rgOf(r.props), vnetName], ([n]) => [["virtualnetworks", n]]);
        if (localKey instanceof Deferred || localKey === undefined) {
            const vnet = (r.propertyDependencies?.virtualNetworkName ?? []).find((d) => d.type === TYPES.vnet);
            if (vnet) localKey = keys.get(vnet) ?? localKey;
        }
        return {
            resource: r,
            key: undefined,
            name: nameOf(r, "virtualNetworkPeeringName", "name"),
            localKey,
            remoteKey: reference(r, "remoteVirtualNetwork", (p) => p.remoteVirtualNetwork?.id, [TYPES.vnet], keys),
            flags: tolerant(() => ({
                allowVirtualNetworkAccess: r.props.allowVirtualNetworkAccess,
                allowForwardedTraffic: r.props.allowForwardedTraffic,
                allowGatewayTransit: r.props.allowGatewayTransit,
                useRemoteGateways: r.props.useRemoteGateways,
            })),
        };
    });

    const planRoutes: PlanRoute[] = of(TYPES.planRoute).map((r) => {
        let planKey = composeKey([rgOf(r.props), readString(r.props, "name")], ([n]) => [["serverfarms", n]]);
        if (planKey instanceof Deferred) {
            const plan = (r.propertyDependencies?.name ?? []).find((d) => d.type === TYPES.plan);
            if (plan) planKey = keys.get(plan) ?? planKey;
        }
        return {
            resource: r,
            key: undefined,
            planKey,
            vnetName: readString(r.props, "vnetName"),
            startAddress: readString(r.props, "startAddress"),
            endAddress: readString(r.props, "endAddress"),
        };
    });

    const subnetUsers: SubnetUser[] = [
        ...of(TYPES.nic).map((r) => ({ resource: r, what: `network interface ${r.name}`, subnetKeys: ipConfigurationSubnets(r, "ipConfigurations", (p) => p.ipConfigurations) })),
        ...of(TYPES.privateEndpoint).map((r) => ({ resource: r, what: `private endpoint ${r.name}`, subnetKeys: ipConfigurationSubnets(r, "subnet", (p) => [{ subnet: p.subnet }]) })),
        ...gateways.map((g) => ({ resource: g.resource, what: `gateway ${g.name}`, subnetKeys: g.subnetKeys })),
    ];

    return { plans, apps, vnets, subnets, swiftConnections, gatewayConnections, gateways, peerings, planRoutes, subnetUsers };
}

/**
 * The entity of `list` a reference points at: the entity, `undefined` when it is outside the
 * stack, or Deferred when the reference, or the identity of an entity it might be, is unknown.
 */
export function resolve<T extends Entity>(list: readonly T[], ref: Maybe<string | undefined>): Maybe<T | undefined> {
    if (ref instanceof Deferred) return ref;
    if (ref === undefined) return undefined;
    const index = indexOf(list);
    return index.byKey.get(ref) ?? index.unknownIdentity;
}

interface Index<T> {
    readonly byKey: Map<string, T>;
    /** An entity whose identity is unknown yet: a reference that matches nothing else may be it. */
    readonly unknownIdentity?: Deferred;
}
const indexes = new WeakMap<readonly Entity[], Index<Entity>>();

function indexOf<T extends Entity>(list: readonly T[]): Index<T> {
    let index = indexes.get(list) as Index<T> | undefined;
    if (!index) {
        const byKey = new Map<string, T>();
        let unknownIdentity: Deferred | undefined;
        for (const entity of list) {
            if (entity.key instanceof Deferred) unknownIdentity ??= entity.key;
            else if (entity.key !== undefined && !byKey.has(entity.key)) byKey.set(entity.key, entity);
        }
        index = { byKey, unknownIdentity };
        indexes.set(list, index as Index<Entity>);
    }
    return index;
}
