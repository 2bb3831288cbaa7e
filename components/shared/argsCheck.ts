/**
 * The components' arguments, checked before anything reads them (issue 10): a null plan, a
 * string where a list goes, a route as a bare string become the component's own error (a
 * VnetIntegrationError for misplaced addresses and routes, a ResourceError for the rest),
 * never a TypeError from deep inside. Outputs, promises and resources pass as they are: their
 * values are checked by the rules once known.
 */
import * as pulumi from "@pulumi/pulumi";
import { VnetIntegrationError } from "../errors";
import { violation } from "../rules/engine";
import { checkInput, InvalidInputError, Shape, shape } from "../rules/input";
import { Unknown } from "../rules/known";

/** `args` with every Output, promise and resource replaced by an Unknown (which every shape accepts). */
function skeleton(value: unknown): unknown {
    if (pulumi.Output.isInstance(value) || pulumi.Resource.isInstance(value) || value instanceof Promise) return new Unknown("an input");
    if (Array.isArray(value)) return value.map(skeleton);
    if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, skeleton(v)]));
    }
    return value;
}

/** Throws the component's error for arguments of the wrong shape. */
export function checkArgs(component: pulumi.Resource, name: string, args: unknown, argsShape: Shape): void {
    let misplaced;
    try {
        misplaced = checkInput(name, { args: [skeleton(args), argsShape] });
    } catch (error) {
        if (InvalidInputError.isInvalidInputError(error)) throw new pulumi.ResourceError(`${name}: invalid arguments: ${error.problems.join("; ")}`, component);
        throw error;
    }
    if (misplaced.length > 0) throw new VnetIntegrationError(name, misplaced.map(violation), component);
}

/**
 * Runs `check`, turning an InvalidInputError of the rules (facts of the wrong type that only
 * a settled Output showed) into the component's ResourceError.
 */
export function asComponentError<T>(component: pulumi.Resource, name: string, check: () => T): T {
    try {
        return check();
    } catch (error) {
        if (InvalidInputError.isInvalidInputError(error)) throw new pulumi.ResourceError(`${name}: invalid arguments: ${error.problems.join("; ")}`, component);
        throw error;
    }
}

const text = shape.optional(shape.string);
const flag = shape.optional(shape.boolean);
const addresses = shape.optional(shape.addresses);

const PLAN = shape.record({
    id: shape.string,
    name: text,
    resourceGroupName: text,
    location: shape.string,
    sku: shape.record({ name: text, tier: text, capacity: shape.optional(shape.number) }),
    reserved: flag,
    kind: text,
});
const VIRTUAL_NETWORK = shape.record({ id: shape.string, name: shape.string, resourceGroupName: shape.string, location: shape.string, addressSpace: shape.addresses, dnsServers: addresses });
/** Routes as the components take them: plain texts, since each names a child route (VNI-P06 otherwise). */
const routeText = { kind: "string", code: "VNI-P06" } as Shape;
const ROUTE_TEXTS = shape.list(
    shape.union('a route { cidr: "10.60.0.0/16" } or { startAddress, endAddress }', [shape.record({ cidr: routeText }), shape.record({ startAddress: routeText, endAddress: shape.optional(routeText) })], "VNI-P06"),
    "VNI-P06",
);
const APPS = shape.optional(
    shape.list(
        shape.record({
            name: shape.string,
            resourceGroupName: shape.string,
            slot: text,
            location: text,
            virtualNetworkSubnetId: text,
            linuxFxVersion: text,
            windowsFxVersion: text,
            appSettingNames: shape.optional(shape.list(shape.string)),
        }),
    ),
);
const LIMITS = shape.optional(shape.oneOf("documented", "azure-2026"));
const FLAGS = shape.optional(
    shape.record({ allowVirtualNetworkAccess: flag, allowForwardedTraffic: flag, allowGatewayTransit: flag, useRemoteGateways: flag }),
);

export const REGIONAL_ARGS = shape.record({
    plan: PLAN,
    apps: APPS,
    virtualNetwork: VIRTUAL_NETWORK,
    subnet: shape.optional(
        shape.record({
            name: text,
            addressPrefix: shape.any, // VNI-X02 says what is wrong with it
            prefixLength: shape.any, // VNI-X02 too
            id: text,
            delegations: shape.optional(shape.list(shape.string)),
            usedBy: shape.optional(shape.list(shape.string)),
            routeTable: flag,
            natGateway: flag,
            serviceEndpointPolicies: flag,
            serviceEndpoints: shape.optional(shape.list(shape.any)),
        }),
    ),
    reservedAddressPrefixes: addresses,
    maxInstances: shape.any, // VNI-R03 says what is wrong with it
    routing: shape.optional(shape.record({ allTraffic: flag, applicationTraffic: flag, imagePullTraffic: flag, contentShareTraffic: flag, backupRestoreTraffic: flag })),
    destinations: shape.optional(
        shape.record({
            peeredNetworks: shape.optional(shape.list(shape.record({ name: shape.string, location: shape.string, addressPrefixes: shape.addresses }))),
            onPremisesPrefixes: addresses,
            privateEndpoints: shape.optional(shape.list(shape.string)),
        }),
    ),
    limits: LIMITS,
});

export const GATEWAY_ARGS = shape.record({
    plan: PLAN,
    apps: APPS,
    virtualNetwork: VIRTUAL_NETWORK,
    gateway: shape.union("a new gateway { addressPool, ... } or an existing one { id, skuName, gatewaySubnetPrefix, ... }", [
        shape.record({
            addressPool: shape.addresses,
            sku: text,
            zones: shape.optional(shape.list(shape.string)),
            gatewaySubnetPrefix: shape.any,
            gatewaySubnetPrefixLength: shape.any, // VNI-X02 says what is wrong with it
            reservedAddressPrefixes: addresses,
            rootCertificates: shape.optional(shape.list(shape.record({ name: shape.string, publicCertData: shape.string }))),
        }),
        shape.record({
            id: shape.string,
            skuName: shape.string,
            gatewayType: text,
            vpnType: text,
            pointToSite: shape.optional(shape.record({ addressPool: shape.addresses, protocols: shape.list(shape.string) })),
            gatewaySubnetPrefix: shape.any,
            gatewaySubnetName: text,
            removeCertificateOnDelete: flag,
        }),
    ]),
    expressRouteGateway: flag,
    peers: shape.optional(shape.list(shape.record({ name: shape.string, addressPrefixes: shape.addresses }))),
    onPremises: shape.optional(shape.record({ prefixes: shape.addresses, bgpEnabled: flag })),
    armEndpoint: text,
    limits: LIMITS,
});

export const PEERING_ARGS = shape.record({
    hub: shape.record({
        virtualNetwork: VIRTUAL_NETWORK,
        gatewayId: shape.string,
        gatewaySku: shape.string,
        pointToSiteAddressPool: shape.addresses,
        plan: shape.record({ name: shape.string, resourceGroupName: shape.string }),
    }),
    peers: shape.list(
        shape.record({
            virtualNetwork: shape.union("a VirtualNetwork resource or the facts of one { id, name, resourceGroupName, location, addressSpace }", [VIRTUAL_NETWORK]),
            addressPrefixes: shape.optional(shape.addressTexts), // plain: each names its route
            hasGateway: flag,
            existingPeerings: shape.optional(shape.record({ hubToPeer: FLAGS, peerToHub: FLAGS })),
        }),
    ),
    routes: shape.optional(ROUTE_TEXTS),
    limits: LIMITS,
});
