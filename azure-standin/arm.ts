/**
 * The Azure model served as Azure Resource Manager on loopback (127.0.0.1): what the provider
 * plugin writes, a component's dynamic provider reads, and the reverse. GET, PUT (If-Match),
 * DELETE of ARM ids; POST generatevpnclientpackage and purgeUnusedVirtualNetworkIntegration.
 * Long-running operations answer in ARM's three ways (200 or 201 with Azure-AsyncOperation, 202
 * with Location), chosen per server, per call (`lroFor`) or per request (header
 * `x-standin-lro`); a gateway keeps "updating" until its operation is polled to the end, and a
 * write meanwhile is 409 AnotherOperationInProgress. Any bearer token is accepted.
 *
 * CLI: `ts-node --transpile-only azure-standin/arm.ts --port 0 --state FILE [--lro STYLE] [--package STYLE]
 * [--polls N] [--seed examples]` prints its URL on the first stdout line and serves until killed;
 * `--seed examples` first adds what the examples adopt (fixtures.ts).
 */
import * as http from "http";
import type { AddressInfo } from "net";
import { seedExamples } from "./fixtures";
import { AzureError, AzureModel, parseArmId } from "./model";
import { defaultStatePath } from "./provider";

/** How a long-running PUT or DELETE answers: ARM does each of these, by resource type. */
export type LroAnswer = "200-async" | "201-async" | "202-location" | "sync";
/** How generatevpnclientpackage answers: 202 with Location, 202 with both headers, or 200 with the URL at once. */
export type PackageAnswer = "202-location" | "202-async" | "200";

export interface ArmServerOptions {
    readonly model?: AzureModel;
    /** @default 0 (any free port) */
    readonly port?: number;
    /** PUT and DELETE answers when no header or `lroFor` says otherwise. @default "200-async" (a gateway PUT: 201 on create, as Azure) */
    readonly lro?: LroAnswer;
    readonly packageAnswer?: PackageAnswer;
    /** Per call: the answer of this method and path, or undefined for the default. */
    readonly lroFor?: (method: string, path: string) => LroAnswer | undefined;
    /** Polls answering InProgress (or 202) before an operation ends. @default 1 */
    readonly pollsUntilDone?: number;
    /** Retry-After of poll answers (seconds). @default "0" */
    readonly retryAfter?: string;
}

export interface RecordedCall {
    readonly method: string;
    readonly path: string;
    readonly apiVersion: string | null;
    readonly status: number;
}

interface Operation {
    polls: number;
    done: boolean;
    /** Lower-case id of the gateway kept busy until done. */
    busy?: string;
    /** What the Location URL answers once done. */
    result: () => { status: number; body?: unknown };
}

export class ArmServer {
    public readonly model: AzureModel;
    public url = "";
    public readonly calls: RecordedCall[] = [];
    public options: Required<Omit<ArmServerOptions, "model" | "lroFor">> & Pick<ArmServerOptions, "lroFor">;
    private server?: http.Server;
    private readonly operations = new Map<number, Operation>();
    private nextOperation = 0;

    constructor(options: ArmServerOptions = {}) {
        this.model = options.model ?? new AzureModel();
        this.options = { port: 0, lro: "200-async", packageAnswer: "202-location", pollsUntilDone: 1, retryAfter: "0", ...options };
    }

    async start(): Promise<string> {
        this.server = http.createServer((req, res) => {
            this.handle(req, res).catch((error) => {
                res.writeHead(500, { "content-type": "application/json" });
                res.end(JSON.stringify({ error: { code: "InternalServerError", message: String(error?.message ?? error) } }));
            });
        });
        await new Promise<void>((resolve) => this.server!.listen(this.options.port, "127.0.0.1", resolve));
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        return this.url;
    }

    async stop(): Promise<void> {
        if (!this.server) return;
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    }

    /** True while an operation on this gateway has not been polled to its end. */
    busy(id: string): boolean {
        return [...this.operations.values()].some((o) => !o.done && o.busy === id.toLowerCase());
    }

    private startOperation(result: Operation["result"], busy?: string): number {
        const id = ++this.nextOperation;
        this.operations.set(id, { polls: 0, done: false, busy: busy?.toLowerCase(), result });
        return id;
    }

    private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const text = Buffer.concat(chunks).toString("utf8");
        const url = new URL(req.url ?? "/", this.url);
        const method = req.method ?? "GET";
        const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
            this.calls.push({ method, path: url.pathname, apiVersion: url.searchParams.get("api-version"), status });
            res.writeHead(status, { "content-type": "application/json; charset=utf-8", "x-ms-request-id": `standin-${this.calls.length}`, ...headers });
            res.end(body === undefined ? "" : JSON.stringify(body));
        };
        const fail = (error: AzureError) => send(error.status, error.body);
        if (!/^Bearer \S+/.test(req.headers.authorization ?? "")) {
            return send(401, { error: { code: "AuthenticationFailed", message: "Authentication failed. The 'Authorization' header is missing." } });
        }
        const poll = { "retry-after": this.options.retryAfter };

        // Operation status (Azure-AsyncOperation) and result (Location) URLs.
        const status = /^\/standin\/operations\/(\d+)$/.exec(url.pathname);
        if (status) {
            const operation = this.operations.get(Number(status[1]));
            if (!operation) return send(404, { error: { code: "OperationNotFound", message: `operation ${status[1]} not found` } });
            operation.done ||= ++operation.polls > this.options.pollsUntilDone;
            return send(200, { status: operation.done ? "Succeeded" : "InProgress" }, poll);
        }
        const location = /^\/standin\/locations\/(\d+)$/.exec(url.pathname);
        if (location) {
            const operation = this.operations.get(Number(location[1]));
            if (!operation) return send(404, { error: { code: "OperationNotFound", message: `operation ${location[1]} not found` } });
            operation.done ||= ++operation.polls > this.options.pollsUntilDone;
            if (!operation.done) return send(202, undefined, { ...poll, location: `${this.url}${url.pathname}` });
            const result = operation.result();
            return send(result.status, result.body);
        }

        const body = text ? safeJson(text) : undefined;
        if (text && body === undefined) return send(400, { error: { code: "InvalidRequestContent", message: "The request content was invalid and could not be deserialized." } });

        if (method === "POST") {
            if (/\/purgeUnusedVirtualNetworkIntegration$/i.test(url.pathname)) {
                const subnet = String((body as { subnetResourceId?: unknown })?.subnetResourceId ?? "");
                this.model.mutate((resources) => {
                    const used = Object.values(resources).some((r) => /\/networkconfig$/i.test(r.type) && String(r.properties.subnetResourceId ?? "").toLowerCase() === subnet.toLowerCase());
                    if (!used) delete resources[`${subnet}/serviceAssociationLinks/AppServiceLink`.toLowerCase()];
                });
                return send(200);
            }
            const action = /^(.*)\/([^/]+)$/.exec(url.pathname)!;
            const [, target, name] = action;
            if (this.busy(target)) return this.anotherOperation(send);
            let result: unknown;
            try {
                result = this.model.action(target, name, body);
            } catch (error) {
                if (error instanceof AzureError) return fail(error);
                throw error;
            }
            if (this.options.packageAnswer === "200") return send(200, result);
            const id = this.startOperation(() => ({ status: 200, body: result }));
            const headers: Record<string, string> = { ...poll, location: `${this.url}/standin/locations/${id}` };
            if (this.options.packageAnswer === "202-async") headers["azure-asyncoperation"] = `${this.url}/standin/operations/${id}`;
            return send(202, undefined, headers);
        }

        const id = url.pathname.replace(/\/+$/, "");
        if (!parseArmId(id)) return send(404, { error: { code: "InvalidResourceType", message: `No ARM resource at ${id}.` } });
        const style = (req.headers["x-standin-lro"] as LroAnswer | undefined) ?? this.options.lroFor?.(method, id) ?? this.options.lro;

        if (method === "GET") {
            const doc = this.model.get(id);
            return doc ? send(200, doc, doc.etag ? { etag: String(doc.etag) } : {}) : send(404, { error: { code: "ResourceNotFound", message: `The Resource '${id}' was not found.` } });
        }

        if (method === "PUT") {
            const gateway = /\/virtualNetworkGateways\/[^/]+$/i.test(id);
            if (gateway && this.busy(id)) return this.anotherOperation(send);
            let answer;
            try {
                answer = this.model.put(id, (body ?? {}) as Record<string, unknown>, { ifMatch: req.headers["if-match"] as string | undefined });
            } catch (error) {
                if (error instanceof AzureError) return fail(error);
                throw error;
            }
            const { resource, created } = answer;
            const final = () => {
                const doc = this.model.get(id);
                return doc ? { status: 200, body: doc } : { status: 404, body: { error: { code: "ResourceNotFound", message: `The Resource '${id}' was not found.` } } };
            };
            if (style === "sync") return send(created ? 201 : 200, resource);
            const operation = this.startOperation(final, gateway ? id : undefined);
            const inProgress = { ...resource, properties: { ...resource.properties, provisioningState: created ? "Creating" : "Updating" } };
            if (style === "202-location") return send(202, undefined, { ...poll, location: `${this.url}/standin/locations/${operation}` });
            const statusCode = style === "201-async" || (gateway && created) ? 201 : 200;
            return send(statusCode, inProgress, { ...poll, "azure-asyncoperation": `${this.url}/standin/operations/${operation}` });
        }

        if (method === "DELETE") {
            if (/\/virtualNetworkGateways\/[^/]+$/i.test(id) && this.busy(id)) return this.anotherOperation(send);
            let existed: boolean;
            try {
                existed = this.model.delete(id);
            } catch (error) {
                if (error instanceof AzureError) return fail(error);
                throw error;
            }
            if (!existed || style === "sync") return send(existed ? 200 : 204);
            const operation = this.startOperation(() => ({ status: 204 }));
            if (style === "202-location") return send(202, undefined, { ...poll, location: `${this.url}/standin/locations/${operation}` });
            return send(202, undefined, { ...poll, location: `${this.url}/standin/locations/${operation}`, "azure-asyncoperation": `${this.url}/standin/operations/${operation}` });
        }
        return send(405, { error: { code: "MethodNotAllowed", message: `${method} is not supported here.` } });
    }

    private anotherOperation(send: (status: number, body?: unknown) => void): void {
        send(409, { error: { code: "AnotherOperationInProgress", message: "Another operation on this or dependent resource is in progress. To retrieve status of the operation use uri: (standin). For more information please see aka.ms/azure-network-operationinprogress." } });
    }
}

function safeJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}

function argument(args: string[], name: string): string | undefined {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
}

/** The CLI: the URL on the first stdout line, then serve until killed. */
export async function cli(args: string[]): Promise<ArmServer> {
    const state = argument(args, "state");
    const server = new ArmServer({
        // The plugin's Azure unless told otherwise (AZURE_STANDIN_STATE, else under PULUMI_HOME).
        model: new AzureModel({ statePath: state ?? defaultStatePath() }),
        port: Number(argument(args, "port") ?? 0),
        lro: (argument(args, "lro") as LroAnswer | undefined) ?? "200-async",
        packageAnswer: (argument(args, "package") as PackageAnswer | undefined) ?? "202-location",
        pollsUntilDone: Number(argument(args, "polls") ?? 1),
    });
    if (argument(args, "seed") === "examples") seedExamples(server.model);
    const url = await server.start();
    process.stdout.write(`${url}\n`);
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void server.stop());
    return server;
}

if (require.main === module) {
    cli(process.argv.slice(2)).catch((error) => {
        console.error(error);
        process.exitCode = 1;
    });
}
