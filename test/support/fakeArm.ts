/**
 * A local stand-in for Azure Resource Manager on loopback (127.0.0.1 only), speaking the
 * protocol the ARM client meets as Azure's network specification declares it: a gateway PUT
 * answers 200 (update) or 201 (create) with Azure-AsyncOperation and keeps updating until the
 * operation is polled to Succeeded, and a write meanwhile is 409 AnotherOperationInProgress;
 * generatevpnclientpackage answers 202 with Location (or with Azure-AsyncOperation too, or 200
 * at once); and injected faults, each bounded in count.
 */
import * as http from "http";
import type { AddressInfo } from "net";

export interface RecordedRequest {
    readonly method: string;
    readonly path: string;
    readonly apiVersion: string | null;
    readonly authorization: string | undefined;
    readonly ifMatch: string | undefined;
    readonly body: unknown;
}

export type Fault =
    /** An ARM error document; `echoBody` puts the request body in the message, as some ARM errors do. */
    | { kind: "status"; status: number; code?: string; retryAfter?: string; echoBody?: boolean }
    /** Any status and body text as given (empty, not JSON, HTML). */
    | { kind: "raw"; status: number; body: string; contentType?: string }
    /** No answer at all. */
    | { kind: "hang" }
    /** Status and headers, part of the body, then the connection is reset. */
    | { kind: "reset"; status?: number }
    /** Status and headers, part of the body, then nothing more. */
    | { kind: "stall"; status?: number };

/** How long-running operations answer (vary it across tests: Azure does all of these). */
export interface LroStyle {
    /** Status of a gateway PUT: 200 (update of an existing gateway, Azure's answer here) or 201. @default 200 */
    gatewayPut: 200 | 201;
    /** generatevpnclientpackage: 202 with Location; 202 with Azure-AsyncOperation and Location; or 200 with the URL at once. @default "202-location" */
    packageAnswer: "202-location" | "202-async" | "200";
    /** Polls that answer InProgress (or 202) before the operation ends. @default 1 */
    pollsUntilDone: number;
    /** Retry-After sent with each poll answer; undefined sends none. @default "0" */
    pollRetryAfter: string | undefined;
}

interface Operation {
    polls: number;
    /** The gateway it keeps busy until done. */
    gateway?: string;
    done: boolean;
}

interface Rule {
    readonly method: string;
    readonly pathIncludes: string;
    readonly fault: Fault;
    times: number;
}

export const PACKAGE_URL = "https://wsprodweu.blob.core.windows.net/vpnclient/package.zip?sv=2024&sig=SECRET";

export class FakeArm {
    public readonly requests: RecordedRequest[] = [];
    public readonly gateways = new Map<string, { etag: string; document: any }>();
    /** Tokens the server takes as expired (answers 401 ExpiredAuthenticationToken). */
    public readonly expiredTokens = new Set<string>();
    private readonly rules: Rule[] = [];
    private readonly hung: http.ServerResponse[] = [];
    private server?: http.Server;
    private readonly operationsById = new Map<number, Operation>();
    public lro: LroStyle = { gatewayPut: 200, packageAnswer: "202-location", pollsUntilDone: 1, pollRetryAfter: "0" };
    private operations = 0;
    private etags = 0;
    public url = "";

    async start(): Promise<void> {
        this.server = http.createServer((req, res) => this.handle(req, res));
        await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    }

    async stop(): Promise<void> {
        for (const res of this.hung) res.destroy();
        this.server?.closeAllConnections();
        await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    }

    /** The next `times` requests that match fail as `fault`. */
    inject(method: string, pathIncludes: string, fault: Fault, times = 1): void {
        this.rules.push({ method, pathIncludes, fault, times });
    }

    addGateway(id: string, certificates: { name: string; data: string }[]): void {
        this.gateways.set(id.toLowerCase(), {
            etag: this.nextEtag(),
            document: {
                id,
                name: id.split("/").pop(),
                properties: {
                    gatewayType: "Vpn",
                    vpnType: "RouteBased",
                    vpnClientConfiguration: {
                        vpnClientAddressPool: { addressPrefixes: ["172.16.201.0/24"] },
                        vpnClientProtocols: ["SSTP"],
                        vpnClientRootCertificates: certificates.map((c) => ({ name: c.name, properties: { publicCertData: c.data } })),
                    },
                },
            },
        });
    }

    certificates(id: string): string[] {
        return this.gateways.get(id.toLowerCase())!.document.properties.vpnClientConfiguration.vpnClientRootCertificates.map((c: any) => c.name);
    }

    /** Name and data of each root certificate. */
    certificateData(id: string): { name: string; data: string }[] {
        return this.gateways.get(id.toLowerCase())!.document.properties.vpnClientConfiguration.vpnClientRootCertificates.map((c: any) => ({ name: c.name, data: c.properties.publicCertData }));
    }

    /** Requests answered 409 AnotherOperationInProgress because a gateway was still updating. */
    get busyAnswers(): number {
        return this.busy;
    }

    private busy = 0;

    private startOperation(gateway?: string): number {
        const id = ++this.operations;
        this.operationsById.set(id, { polls: 0, gateway, done: false });
        return id;
    }

    private gatewayBusy(key: string): boolean {
        return [...this.operationsById.values()].some((o) => !o.done && o.gateway === key);
    }

    private answerBusy(send: (status: number, body?: unknown) => void): void {
        this.busy++;
        send(409, { error: { code: "AnotherOperationInProgress", message: "Another operation on this or dependent resource is in progress." } });
    }

    private nextEtag(): string {
        return `W/"${++this.etags}"`;
    }

    private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const text = Buffer.concat(chunks).toString("utf8");
        const url = new URL(req.url!, this.url);
        const record: RecordedRequest = {
            method: req.method!,
            path: url.pathname,
            apiVersion: url.searchParams.get("api-version"),
            authorization: req.headers.authorization,
            ifMatch: req.headers["if-match"] as string | undefined,
            body: text ? JSON.parse(text) : undefined,
        };
        this.requests.push(record);
        const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
            res.writeHead(status, { "content-type": "application/json", ...headers });
            res.end(body === undefined ? "" : JSON.stringify(body));
        };
        const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
        if (this.expiredTokens.has(token)) return send(401, { error: { code: "ExpiredAuthenticationToken", message: "The access token expiry UTC time is in the past." } });

        const rule = this.rules.find((r) => r.times > 0 && r.method === req.method && url.pathname.includes(r.pathIncludes));
        if (rule) {
            rule.times--;
            if (rule.fault.kind === "hang") {
                this.hung.push(res);
                return;
            }
            if (rule.fault.kind === "status") {
                const headers: Record<string, string> = rule.fault.retryAfter !== undefined ? { "retry-after": rule.fault.retryAfter } : {};
                const message = rule.fault.echoBody ? `injected ${rule.fault.status}: the request body ${text} is invalid` : `injected ${rule.fault.status}`;
                return send(rule.fault.status, { error: { code: rule.fault.code ?? `Http${rule.fault.status}`, message } }, headers);
            }
            if (rule.fault.kind === "raw") {
                res.writeHead(rule.fault.status, { "content-type": rule.fault.contentType ?? "application/json" });
                return void res.end(rule.fault.body);
            }
            // reset and stall: headers and the first bytes of a long body, then a reset or silence.
            res.writeHead(rule.fault.status ?? 200, { "content-type": "application/json", "content-length": "100000" });
            res.write('{"id":"');
            if (rule.fault.kind === "reset") {
                setTimeout(() => res.socket?.destroy(), 20);
                return;
            }
            this.hung.push(res);
            return;
        }

        const pollHeaders = (extra: Record<string, string> = {}) => (this.lro.pollRetryAfter !== undefined ? { "retry-after": this.lro.pollRetryAfter, ...extra } : extra);
        const operationMatch = /^\/operations\/(\d+)$/.exec(url.pathname);
        if (operationMatch) {
            // Each operation answers InProgress `pollsUntilDone` times, then Succeeded.
            const operation = this.operationsById.get(Number(operationMatch[1]))!;
            operation.done = operation.done || ++operation.polls > this.lro.pollsUntilDone;
            return send(200, { status: operation.done ? "Succeeded" : "InProgress" }, pollHeaders());
        }
        const packageLocation = /^\/locations\/package\/(\d+)$/.exec(url.pathname);
        if (packageLocation) {
            const operation = this.operationsById.get(Number(packageLocation[1]))!;
            operation.done = operation.done || ++operation.polls > this.lro.pollsUntilDone;
            // ARM sends the URL as a JSON string; here it is quoted once more, as seen in the wild.
            return operation.done ? send(200, JSON.stringify(PACKAGE_URL)) : send(202, undefined, pollHeaders({ location: `${this.url}${url.pathname}` }));
        }
        if (url.pathname.endsWith("/generatevpnclientpackage") && req.method === "POST") {
            const key = url.pathname.slice(0, -"/generatevpnclientpackage".length).toLowerCase();
            if (this.gatewayBusy(key)) return this.answerBusy(send);
            if (this.lro.packageAnswer === "200") return send(200, PACKAGE_URL);
            const id = this.startOperation();
            const location = `${this.url}/locations/package/${id}`;
            return send(202, undefined, pollHeaders(this.lro.packageAnswer === "202-async" ? { location, "azure-asyncoperation": `${this.url}/operations/${id}` } : { location }));
        }
        if (url.pathname.endsWith("/gateways/primary") && req.method === "PUT") return send(200, { id: url.pathname, properties: (record.body as any)?.properties });
        const key = url.pathname.toLowerCase();
        const gateway = this.gateways.get(key);
        if (!gateway) return send(404, { error: { code: "ResourceNotFound", message: `${url.pathname} not found` } });
        if (req.method === "GET") return send(200, { ...gateway.document, etag: gateway.etag });
        if (req.method === "PUT") {
            if (this.gatewayBusy(key)) return this.answerBusy(send);
            if (record.ifMatch && record.ifMatch !== gateway.etag) return send(412, { error: { code: "PreconditionFailed", message: "etag mismatch" } });
            const { etag: _ignored, ...document } = record.body as any;
            gateway.document = document;
            gateway.etag = this.nextEtag();
            const id = this.startOperation(key);
            return send(this.lro.gatewayPut, { ...document, etag: gateway.etag, properties: { ...document.properties, provisioningState: "Updating" } }, {
                "azure-asyncoperation": `${this.url}/operations/${id}`,
            });
        }
        return send(405, { error: { code: "MethodNotAllowed", message: req.method } });
    }
}
