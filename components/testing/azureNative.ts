/**
 * azure-native's shapes of the resources the library uses: type tokens, ARM paths, which inputs
 * are path parameters, and the SDK shape (flattened `properties`) to and from ARM documents.
 * Shared by the stand-in provider plugin (azure-standin/provider.ts) and AzureMocks, so both
 * put the same documents into the Azure model (azureModel.ts).
 */
import type { ArmBody, ArmResource, AzureError } from "./azureModel";

/** Pulumi's wire marker of an unknown value. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

/** One azure-native resource type: its ARM path (path parameters in braces) and API version. */
export interface ResourceType {
    readonly token: string;
    readonly path: string;
    readonly apiVersion: string;
    /** The path parameter azure-native names after the logical name when unset. */
    readonly autoName?: string;
    /** Inputs besides the path parameters whose change replaces the resource. */
    readonly replaceOn?: readonly string[];
    /** Envelope-looking inputs that ARM keeps under `properties` for this type (a gateway's `sku`). */
    readonly inProperties?: readonly string[];
}

const NET = "2024-05-01";
const WEB = "2024-11-01";
const RG = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}";
const NETWORK = `${RG}/providers/Microsoft.Network`;
const SITES = `${RG}/providers/Microsoft.Web/sites/{name}`;

export const RESOURCE_TYPES: Record<string, ResourceType> = Object.fromEntries(
    (
        [
            { token: "azure-native:resources:ResourceGroup", path: RG, apiVersion: "2024-03-01", autoName: "resourceGroupName" },
            { token: "azure-native:network:VirtualNetwork", path: `${NETWORK}/virtualNetworks/{virtualNetworkName}`, apiVersion: NET, autoName: "virtualNetworkName" },
            { token: "azure-native:network:Subnet", path: `${NETWORK}/virtualNetworks/{virtualNetworkName}/subnets/{subnetName}`, apiVersion: NET, autoName: "subnetName" },
            {
                token: "azure-native:network:VirtualNetworkPeering",
                path: `${NETWORK}/virtualNetworks/{virtualNetworkName}/virtualNetworkPeerings/{virtualNetworkPeeringName}`,
                apiVersion: NET,
                autoName: "virtualNetworkPeeringName",
            },
            { token: "azure-native:network:PublicIPAddress", path: `${NETWORK}/publicIPAddresses/{publicIpAddressName}`, apiVersion: NET, autoName: "publicIpAddressName", replaceOn: ["zones"] },
            { token: "azure-native:network:VirtualNetworkGateway", path: `${NETWORK}/virtualNetworkGateways/{virtualNetworkGatewayName}`, apiVersion: NET, autoName: "virtualNetworkGatewayName", inProperties: ["sku"] },
            { token: "azure-native:network:NetworkSecurityGroup", path: `${NETWORK}/networkSecurityGroups/{networkSecurityGroupName}`, apiVersion: NET, autoName: "networkSecurityGroupName" },
            { token: "azure-native:network:RouteTable", path: `${NETWORK}/routeTables/{routeTableName}`, apiVersion: NET, autoName: "routeTableName" },
            { token: "azure-native:network:NatGateway", path: `${NETWORK}/natGateways/{natGatewayName}`, apiVersion: NET, autoName: "natGatewayName" },
            { token: "azure-native:web:AppServicePlan", path: `${RG}/providers/Microsoft.Web/serverfarms/{name}`, apiVersion: WEB, autoName: "name" },
            { token: "azure-native:web:WebApp", path: SITES, apiVersion: WEB, autoName: "name" },
            { token: "azure-native:web:WebAppSlot", path: `${SITES}/slots/{slot}`, apiVersion: WEB, autoName: "slot" },
            { token: "azure-native:web:WebAppSwiftVirtualNetworkConnection", path: `${SITES}/networkConfig/virtualNetwork`, apiVersion: WEB },
            { token: "azure-native:web:WebAppSwiftVirtualNetworkConnectionSlot", path: `${SITES}/slots/{slot}/networkConfig/virtualNetwork`, apiVersion: WEB },
            { token: "azure-native:web:WebAppVnetConnection", path: `${SITES}/virtualNetworkConnections/{vnetName}`, apiVersion: WEB, autoName: "vnetName" },
            { token: "azure-native:web:WebAppVnetConnectionSlot", path: `${SITES}/slots/{slot}/virtualNetworkConnections/{vnetName}`, apiVersion: WEB, autoName: "vnetName" },
            {
                token: "azure-native:web:AppServicePlanRouteForVnet",
                path: `${RG}/providers/Microsoft.Web/serverfarms/{name}/virtualNetworkConnections/{vnetName}/routes/{routeName}`,
                apiVersion: WEB,
                autoName: "routeName",
            },
        ] as ResourceType[]
    ).map((t) => [t.token, t]),
);

/** Inputs azure-native sends outside `properties` (the ARM envelope). */
const ENVELOPE = new Set(["location", "tags", "sku", "kind", "zones", "identity", "extendedLocation", "managedBy"]);
/** Arrays of sub-resources whose `properties` azure-native flattens. */
const SUB_RESOURCES = new Set(["delegations", "ipConfigurations", "vpnClientRootCertificates", "vpnClientRevokedCertificates", "subnets", "virtualNetworkPeerings", "serviceAssociationLinks", "natRules", "routes", "securityRules"]);
/** Envelope keys of a sub-resource. */
const SUB_ENVELOPE = new Set(["id", "name", "type", "etag"]);
/** Query parameters, never part of the body. */
const QUERY = new Set(["syncRemoteAddressSpace"]);

export function pathParams(type: ResourceType): string[] {
    return [...type.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((p) => p !== "subscriptionId");
}

export function typeOfUrn(urn: string): ResourceType {
    const token = urn.split("::")[2]?.split("$").pop() ?? "";
    const type = RESOURCE_TYPES[token];
    if (!type) throw new Error(`azure stand-in: resource type ${token} is not modelled (modelled: ${Object.keys(RESOURCE_TYPES).join(", ")})`);
    return type;
}

// ---- values: secrets and unknowns as the provider protocol carries them ------------------

export function isSecret(value: unknown): value is { value: unknown } {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG] === SECRET_VALUE;
}

export function secret(value: unknown): Record<string, unknown> {
    return { [SECRET_SIG]: SECRET_VALUE, value };
}

/** The value with every secret wrapper removed. */
export function reveal(value: unknown): any {
    if (isSecret(value)) return reveal(value.value);
    if (Array.isArray(value)) return value.map(reveal);
    if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
    return value;
}

export function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (typeof value === "object" && value !== null) return Object.values(value).some(containsUnknown);
    return false;
}

export function stripUndefined(value: unknown): any {
    if (Array.isArray(value)) return value.map(stripUndefined);
    if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, stripUndefined(v)]));
    return value;
}

// ---- SDK shape <-> ARM shape ---------------------------------------------------------------

function toArmValue(keyName: string, value: any): any {
    if (Array.isArray(value)) {
        if (!SUB_RESOURCES.has(keyName)) return value.map((v) => toArmValue("", v));
        return value.map((item) => {
            if (typeof item !== "object" || item === null) return item;
            const envelope: Record<string, unknown> = {};
            const properties: Record<string, unknown> = {};
            for (const [k, v] of Object.entries(item)) (SUB_ENVELOPE.has(k) ? envelope : properties)[k] = toArmValue(k, v);
            return Object.keys(properties).length > 0 ? { ...envelope, properties } : envelope;
        });
    }
    if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toArmValue(k, v)]));
    return value;
}

/** The ARM body of azure-native inputs: path parameters dropped, the rest under `properties`. */
export function toArm(type: ResourceType, inputs: Record<string, any>): ArmBody {
    const params = new Set(pathParams(type));
    const body: ArmBody = {};
    const properties: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(stripUndefined(inputs))) {
        if (params.has(k) || QUERY.has(k) || k === "__inputs") continue;
        if ((ENVELOPE.has(k) && !type.inProperties?.includes(k)) || k === "name" || k === "id") body[k] = toArmValue(k, v);
        else properties[k] = toArmValue(k, v);
    }
    // A subnet's or peering's body `name` is the resource name; keep only the envelope fields ARM reads.
    delete body.name;
    delete body.id;
    body.properties = properties;
    return body;
}

function fromArmValue(keyName: string, value: any): any {
    if (Array.isArray(value)) {
        return value.map((item) => {
            if (SUB_RESOURCES.has(keyName) && typeof item === "object" && item !== null && typeof item.properties === "object") {
                const { properties, ...envelope } = item;
                return fromArmValue("", { ...envelope, ...properties });
            }
            return fromArmValue("", item);
        });
    }
    if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromArmValue(k, v)]));
    return value;
}

/** azure-native's outputs of an ARM document: `properties` flattened, sub-resources flattened. */
export function fromArm(type: ResourceType, doc: ArmResource): Record<string, any> {
    const { properties, ...envelope } = doc;
    const outputs: Record<string, any> = { ...fromArmValue("", envelope), ...fromArmValue("", properties ?? {}) };
    outputs.azureApiVersion = type.apiVersion;
    return stripUndefined(outputs);
}

// ---- ids, names ------------------------------------------------------------------------------

/** The ARM id of a resource from its inputs, in `subscription`; undefined while a path parameter is unknown or missing. */
export function armIdIn(subscription: string, type: ResourceType, inputs: Record<string, any>): string | undefined {
    let missing = false;
    const id = type.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        const value = name === "subscriptionId" ? subscription : reveal(inputs[name]);
        if (typeof value !== "string" || value === "" || value === UNKNOWN) missing = true;
        return String(value);
    });
    return missing ? undefined : id;
}

/** The error azure-native reports for a refused ARM call (azcore's ResponseError text). */
export function azureNativeFailure(method: string, id: string, apiVersion: string, error: AzureError): Error {
    const rule = "-".repeat(80);
    const statusText: Record<number, string> = { 400: "Bad Request", 404: "Not Found", 409: "Conflict", 412: "Precondition Failed" };
    return new Error(
        `${method} https://management.azure.com${id}\n${rule}\nRESPONSE ${error.status}: ${error.status} ${statusText[error.status] ?? ""}\nERROR CODE: ${error.code}\n${rule}\n${JSON.stringify(error.body, null, 2)}\n${rule}\n(api-version ${apiVersion})`,
    );
}
