/**
 * A stand-in for the `azure-native` resource provider plugin (version 3.28.0), on
 * `@pulumi/pulumi/provider`'s `main`, backed by the Azure model (model.ts). It answers as
 * azure-native does where a program can tell:
 *
 * - check: inputs echoed; the name path parameter auto-named (`<logical name><8 hex>`, stable
 *   across updates) when unset, as azure-native names resources;
 * - diff: on the old inputs azure-native keeps in state (`__inputs`, a secret), replacing on the
 *   path parameters (resource group, names) and `location`, updating in place otherwise;
 * - create: refuses an existing resource ("cannot create already existing resource"), as
 *   azure-native does, so a replacement of a fixed-name resource needs deleteBeforeReplace;
 * - preview: outputs are the inputs mapped to the output shape, every other output unknown
 *   (azure-native's PreviewOutputs); path parameters are not outputs;
 * - read (refresh): live outputs; inputs are the old inputs with live values projected onto them.
 *
 * `provider.main`'s Provider interface has no preview flag and says nothing of provider
 * previews: `serve()` wraps the gRPC service it registers so Configure answers
 * `supportsPreview` and Create/Update pass the request's `preview` flag (see `servePatched`).
 */
import { AsyncLocalStorage } from "async_hooks";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type * as provider from "@pulumi/pulumi/provider";
import { armIdIn, containsUnknown, fromArm, isSecret, pathParams, RESOURCE_TYPES, reveal, secret, stripUndefined, toArm, typeOfUrn, UNKNOWN, azureNativeFailure as armFailure, type ResourceType } from "../components/testing/azureNative";
import { AzureError, AzureModel, normalRegion, type ArmResource } from "./model";

export { armFailure, fromArm, isSecret, pathParams, RESOURCE_TYPES, reveal, secret, toArm, typeOfUrn, UNKNOWN, type ResourceType };

export const VERSION = "3.28.0";

export function subscriptionId(): string {
    return process.env.AZURE_STANDIN_SUBSCRIPTION_ID || process.env.ARM_SUBSCRIPTION_ID || "00000000-0000-0000-0000-000000000000";
}

/** The ARM id of a resource from its inputs in this provider's subscription; undefined while a path parameter is unknown or missing. */
export function armIdOf(type: ResourceType, inputs: Record<string, any>): string | undefined {
    return armIdIn(subscriptionId(), type, inputs);
}

function logicalName(urn: string): string {
    return urn.split("::").pop() ?? "resource";
}

/** azure-native's auto-name: the logical name and 8 hex characters (here from the URN: stable across runs of a stack). */
export function autoName(urn: string): string {
    return `${logicalName(urn)}${createHash("sha256").update(urn).digest("hex").slice(0, 8)}`;
}

// ---- schema (from the @pulumi/azure-native package beside us) ----------------------------------

interface Properties {
    inputs: string[];
    outputs: string[];
}

const propertyCache = new Map<string, Properties>();

/** Input and output property names of a type, read from the azure-native SDK's class. */
export function propertiesOf(type: ResourceType): Properties {
    const cached = propertyCache.get(type.token);
    if (cached) return cached;
    let result: Properties = { inputs: pathParams(type), outputs: ["azureApiVersion", "name", "type", "provisioningState"] };
    try {
        const [, module, name] = type.token.split(":");
        const file = require.resolve(`@pulumi/azure-native/${module}/${name[0].toLowerCase()}${name.slice(1)}.js`);
        const text = fs.readFileSync(file, "utf8");
        const split = text.indexOf("else {", text.indexOf("if (!opts.id)"));
        const keys = (part: string, re: RegExp) => [...new Set([...part.matchAll(re)].map((m) => m[1]))];
        result = {
            inputs: keys(text.slice(0, split), /resourceInputs\["(\w+)"\] = args\?\.\w+/g),
            outputs: keys(text.slice(split), /resourceInputs\["(\w+)"\] = undefined/g),
        };
    } catch {
        /* the SDK is not beside us: the fallback above */
    }
    propertyCache.set(type.token, result);
    return result;
}

/** A minimal valid package schema: the modelled resources with loose property types. */
export function schema(): string {
    const any = { $ref: "pulumi.json#/Any" };
    const resources: Record<string, unknown> = {};
    for (const type of Object.values(RESOURCE_TYPES)) {
        const { inputs, outputs } = propertiesOf(type);
        const params = pathParams(type);
        resources[type.token] = {
            description: `${type.token} (azure stand-in)`,
            properties: Object.fromEntries(outputs.map((p) => [p, any])),
            inputProperties: Object.fromEntries(inputs.map((p) => [p, any])),
            requiredInputs: params.filter((p) => p !== type.autoName),
        };
    }
    const token = { type: "string" };
    return JSON.stringify({
        name: "azure-native",
        version: VERSION,
        description: "Offline stand-in for the azure-native provider (appservice-vnet-integration)",
        config: {},
        provider: { description: "The azure-native provider stand-in" },
        resources,
        functions: {
            "azure-native:authorization:getClientConfig": {
                inputs: { properties: {} },
                outputs: { properties: { clientId: token, objectId: token, subscriptionId: token, tenantId: token }, required: ["clientId", "objectId", "subscriptionId", "tenantId"] },
            },
            "azure-native:authorization:getClientToken": {
                inputs: { properties: { endpoint: token } },
                outputs: { properties: { token }, required: ["token"] },
            },
        },
        language: { nodejs: { dependencies: {} } },
    });
}

// ---- the provider ------------------------------------------------------------------------------

/** What a diff found, per property: the engine needs it for `replaceOnChanges` and its display. */
export interface PropertyChange {
    readonly key: string;
    readonly kind: "add" | "delete" | "update";
    readonly replace: boolean;
}

/** Per-call facts `provider.main` does not carry between the engine and the Provider (see patchService). */
export interface CallFacts {
    preview?: boolean;
    /** Set by diff: the changed properties, for DiffResponse.diffs and detailedDiff. */
    changes?: PropertyChange[];
}

export const callContext = new AsyncLocalStorage<CallFacts>();

/** A JWT-shaped bearer token valid for an hour (the components read `exp`); the loopback ARM takes any. */
export function standinToken(now = Date.now()): string {
    const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    return `${part({ alg: "none", typ: "JWT" })}.${part({ aud: "https://management.azure.com/", exp: Math.floor(now / 1000) + 3600, iss: "azure-standin" })}.standin`;
}


/** Live values projected onto the shape of the old inputs: what refresh writes as the new inputs. */
function project(live: unknown, shape: unknown): unknown {
    if (live === undefined || live === null) return shape;
    if (isSecret(shape)) return secret(project(live, shape.value));
    if (Array.isArray(shape) && Array.isArray(live)) return live.map((item, i) => project(item, shape[i] ?? shape[0]));
    if (typeof shape === "object" && shape !== null && typeof live === "object" && !Array.isArray(live)) {
        return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, project((live as Record<string, unknown>)[k], v)]));
    }
    if (typeof shape === "string" && typeof live === "string" && shape.toLowerCase() === live.toLowerCase()) return shape;
    return live;
}

function equalInputs(key: string, a: unknown, b: unknown): boolean {
    const ra = reveal(a);
    const rb = reveal(b);
    if (key === "location" && typeof ra === "string" && typeof rb === "string") return normalRegion(ra) === normalRegion(rb);
    return JSON.stringify(stripUndefined(ra) ?? null) === JSON.stringify(stripUndefined(rb) ?? null);
}

export class StandinProvider implements provider.Provider {
    readonly version = VERSION;

    constructor(public readonly model: AzureModel = new AzureModel({ statePath: defaultStatePath() })) {}

    async getSchema(): Promise<string> {
        return schema();
    }

    async check(urn: string, olds: any, news: any): Promise<provider.CheckResult> {
        const type = typeOfUrn(urn);
        const inputs = { ...news };
        if (type.autoName && (inputs[type.autoName] === undefined || inputs[type.autoName] === null)) {
            inputs[type.autoName] = olds?.[type.autoName] ?? autoName(urn);
        }
        const failures = pathParams(type)
            .filter((p) => inputs[p] === undefined || inputs[p] === null)
            .map((p) => ({ property: p, reason: `missing required property '${p}'` }));
        return { inputs, failures };
    }

    async diff(_id: string, urn: string, olds: any, news: any): Promise<provider.DiffResult> {
        const type = typeOfUrn(urn);
        const oldInputs: Record<string, unknown> = olds?.__inputs ? reveal(olds.__inputs) : (olds ?? {});
        const keys = new Set([...Object.keys(oldInputs), ...Object.keys(news ?? {})]);
        keys.delete("__inputs");
        const changed = [...keys].filter((k) => containsUnknown(news?.[k]) || !equalInputs(k, oldInputs[k], news?.[k]));
        const forceNew = new Set([...pathParams(type), "location", ...(type.replaceOn ?? [])]);
        const replaces = changed.filter((k) => forceNew.has(k));
        const facts = callContext.getStore();
        if (facts) {
            const absent = (v: unknown) => v === undefined || v === null;
            facts.changes = changed.map((k) => ({ key: k, kind: absent(oldInputs[k]) ? "add" : absent(news?.[k]) ? "delete" : "update", replace: forceNew.has(k) }));
        }
        return { changes: changed.length > 0, replaces };
    }

    async create(urn: string, inputs: any): Promise<provider.CreateResult> {
        const type = typeOfUrn(urn);
        if (callContext.getStore()?.preview) return { id: "", outs: this.previewOutputs(type, inputs) };
        const id = armIdOf(type, inputs);
        if (!id) throw new Error(`azure stand-in: cannot build the ARM id of ${urn} from its inputs`);
        if (this.model.get(id)) throw new Error(`cannot create already existing resource '${id}'`);
        const outs = this.write(type, id, inputs, "PUT");
        return { id: outs.id, outs };
    }

    async update(id: string, urn: string, _olds: any, news: any): Promise<provider.UpdateResult> {
        const type = typeOfUrn(urn);
        if (callContext.getStore()?.preview) return { outs: this.previewOutputs(type, news) };
        return { outs: this.write(type, id, news, "PUT") };
    }

    async delete(id: string, urn: string): Promise<void> {
        const type = typeOfUrn(urn);
        try {
            this.model.delete(id);
        } catch (error) {
            if (error instanceof AzureError) throw armFailure("DELETE", id, type.apiVersion, error);
            throw error;
        }
    }

    async read(id: string, urn: string, props?: any): Promise<provider.ReadResult> {
        const type = typeOfUrn(urn);
        const doc = this.model.get(id);
        if (!doc) return { id: "", props: {} };
        const outputs = fromArm(type, doc);
        const oldInputs: Record<string, unknown> | undefined = props?.__inputs ? (isSecret(props.__inputs) ? (props.__inputs.value as Record<string, unknown>) : props.__inputs) : undefined;
        const inputs = oldInputs ? this.refreshedInputs(type, outputs, oldInputs) : this.importInputs(type, id, outputs);
        return { id: doc.id, props: { ...outputs, __inputs: secret(inputs) }, inputs };
    }

    async invoke(token: string, inputs: any): Promise<provider.InvokeResult> {
        switch (token) {
            case "azure-native:network:getVirtualNetwork": {
                // What the regional component reads back to keep allocated prefixes where they are.
                const id = `/subscriptions/${subscriptionId()}/resourceGroups/${inputs?.resourceGroupName}/providers/Microsoft.Network/virtualNetworks/${inputs?.virtualNetworkName}`;
                const vnet = this.model.get(id);
                if (!vnet) throw armFailure("GET", id, "2024-05-01", new AzureError(404, "ResourceNotFound", `The Resource '${id}' was not found.`));
                const prefix = `${vnet.id.toLowerCase()}/subnets/`;
                const subnets = this.model
                    .list("Microsoft.Network/virtualNetworks/subnets")
                    .filter((subnet) => subnet.id.toLowerCase().startsWith(prefix))
                    .map((subnet) => ({ id: subnet.id, name: subnet.name, addressPrefix: subnet.properties.addressPrefix, addressPrefixes: subnet.properties.addressPrefixes }));
                return { outputs: { id: vnet.id, name: vnet.name, location: vnet.location, addressSpace: vnet.properties.addressSpace, subnets } };
            }
            case "azure-native:authorization:getClientConfig":
                return { outputs: { clientId: "standin-client", objectId: "standin-object", subscriptionId: subscriptionId(), tenantId: "11111111-1111-1111-1111-111111111111" } };
            case "azure-native:authorization:getClientToken":
                return { outputs: { token: standinToken() } };
            default:
                throw new Error(`azure stand-in: function ${token} is not modelled`);
        }
    }

    /** azure-native's PreviewOutputs: each output set from the input of that name, the others unknown. */
    previewOutputs(type: ResourceType, inputs: Record<string, unknown>): Record<string, unknown> {
        const { outputs } = propertiesOf(type);
        return Object.fromEntries(outputs.map((k) => [k, k in inputs && inputs[k] !== undefined ? inputs[k] : UNKNOWN]));
    }

    private write(type: ResourceType, id: string, inputs: Record<string, any>, method: string): Record<string, any> {
        const plain = reveal(inputs);
        const body = toArm(type, plain);
        if (body.location === undefined && propertiesOf(type).inputs.includes("location") && type.token !== "azure-native:resources:ResourceGroup") {
            // azure-native takes the resource group's location when none is given.
            const group = this.model.get(`/subscriptions/${subscriptionId()}/resourceGroups/${plain.resourceGroupName}`);
            if (group?.location) body.location = group.location;
        }
        let doc: ArmResource;
        try {
            doc = this.model.put(id, body).resource;
        } catch (error) {
            if (error instanceof AzureError) throw armFailure(method, id, type.apiVersion, error);
            throw error;
        }
        const outputs = fromArm(type, doc);
        // An output whose input was secret stays secret.
        for (const [k, v] of Object.entries(inputs)) if (isSecret(v) && k in outputs) outputs[k] = secret(outputs[k]);
        return { ...outputs, __inputs: secret(inputs) };
    }

    /** The old inputs with live values projected onto them; path parameters (the id's parts) stay as they were. */
    private refreshedInputs(type: ResourceType, outputs: Record<string, unknown>, oldInputs: Record<string, unknown>): Record<string, unknown> {
        const fixed = new Set([...pathParams(type), "id"]);
        return Object.fromEntries(Object.entries(oldInputs).map(([k, v]) => [k, fixed.has(k) ? v : project(outputs[k], v)]));
    }

    /** Inputs of a resource read without old inputs (import): path parameters and the settable outputs. */
    private importInputs(type: ResourceType, id: string, outputs: Record<string, any>): Record<string, unknown> {
        const { inputs } = propertiesOf(type);
        const params = pathParams(type);
        const template = type.path.split("/");
        const parts = id.split("/");
        const values: Record<string, unknown> = {};
        template.forEach((segment, i) => {
            const m = /^\{(\w+)\}$/.exec(segment);
            if (m && m[1] !== "subscriptionId") values[m[1]] = parts[i];
        });
        for (const k of inputs) if (!params.includes(k) && outputs[k] !== undefined && k !== "id") values[k] = outputs[k];
        return values;
    }
}

/** Where the plugin keeps Azure when AZURE_STANDIN_STATE is unset. */
export function defaultStatePath(): string {
    if (process.env.AZURE_STANDIN_STATE) return process.env.AZURE_STANDIN_STATE;
    const home = process.env.PULUMI_HOME || path.join(os.homedir(), ".pulumi");
    return path.join(home, "azure-standin", "state.json");
}

/**
 * Wraps the gRPC service `provider.main` registers where its Provider interface falls short of
 * what the engine needs from azure-native:
 * - Configure answers `supportsPreview`, so the engine calls Create/Update at preview (as with
 *   azure-native) and they learn the request's `preview` flag (through `callContext`);
 * - Diff answers the changed properties (`diffs` and a detailed diff): without them the engine
 *   cannot apply a resource's `replaceOnChanges`, and the Node server sends neither.
 */
export function patchService(implementation: Record<string, (...a: any[]) => unknown>, proto: { PropertyDiff: any }): void {
    const configure = implementation.configure.bind(implementation);
    implementation.configure = (call: any, callback: (err: unknown, resp?: any) => void) =>
        configure(call, (err: unknown, resp: any) => {
            resp?.setSupportspreview?.(true);
            callback(err, resp);
        });
    for (const method of ["create", "update"]) {
        const inner = implementation[method].bind(implementation);
        implementation[method] = (call: any, callback: unknown) => callContext.run({ preview: call.request.getPreview?.() === true }, () => inner(call, callback));
    }
    const diff = implementation.diff.bind(implementation);
    implementation.diff = (call: any, callback: (err: unknown, resp?: any) => void) => {
        const facts: CallFacts = {};
        return callContext.run(facts, () =>
            diff(call, (err: unknown, resp: any) => {
                if (!err && resp && facts.changes) {
                    resp.setDiffsList(facts.changes.map((c) => c.key));
                    const detailed = resp.getDetaileddiffMap();
                    const Kind = proto.PropertyDiff.Kind;
                    for (const change of facts.changes) {
                        const entry = new proto.PropertyDiff();
                        const kind = { add: change.replace ? Kind.ADD_REPLACE : Kind.ADD, delete: change.replace ? Kind.DELETE_REPLACE : Kind.DELETE, update: change.replace ? Kind.UPDATE_REPLACE : Kind.UPDATE }[change.kind];
                        entry.setKind(kind);
                        entry.setInputdiff(true);
                        detailed.set(change.key, entry);
                    }
                    resp.setHasdetaileddiff(true);
                }
                callback(err, resp);
            }),
        );
    };
}

/** `provider.main` serving `impl`, its gRPC service patched (patchService). */
export async function servePatched(impl: provider.Provider, args: string[]): Promise<void> {
    const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] }));
    const proto = require(path.join(pulumiDir, "proto", "provider_pb"));
    const original = grpc.Server.prototype.addService;
    grpc.Server.prototype.addService = function (service: unknown, implementation: Record<string, (...a: any[]) => unknown>) {
        patchService(implementation, proto);
        return original.call(this, service, implementation);
    };
    const { main } = await import("@pulumi/pulumi/provider");
    await main(impl, args);
}

if (require.main === module) {
    servePatched(new StandinProvider(), process.argv.slice(2)).catch((error) => {
        console.error(error);
        process.exitCode = 1;
    });
}
