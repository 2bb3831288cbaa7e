/**
 * A local stand-in for Azure Resource Manager on loopback, speaking the protocol the ARM
 * client meets: gateway GET/PUT with etags and Azure-AsyncOperation, the
 * generatevpnclientpackage long-running POST with Location polling, and injected faults.
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
    | { kind: "status"; status: number; code?: string; retryAfter?: string }
    | { kind: "hang" }
    | { kind: "expired-token" };

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
                return send(rule.fault.status, { error: { code: rule.fault.code ?? `Http${rule.fault.status}`, message: `injected ${rule.fault.status}` } }, headers);
            }
        }

        const operation = /^\/operations\/(\d+)$/.exec(url.pathname);
        if (operation) {
            // Each operation answers InProgress once, then Succeeded.
            const polled = this.requests.filter((r) => r.path === url.pathname).length;
            return send(200, { status: polled > 1 ? "Succeeded" : "InProgress" }, { "retry-after": "0" });
        }
        const packageLocation = /^\/locations\/package\/(\d+)$/.exec(url.pathname);
        if (packageLocation) {
            const polled = this.requests.filter((r) => r.path === url.pathname).length;
            // ARM sends the URL as a JSON string; here it is quoted once more, as seen in the wild.
            return polled > 1 ? send(200, JSON.stringify(PACKAGE_URL)) : send(202, undefined, { location: `${this.url}${url.pathname}`, "retry-after": "0" });
        }
        if (url.pathname.endsWith("/generatevpnclientpackage") && req.method === "POST") {
            return send(202, undefined, { location: `${this.url}/locations/package/${++this.operations}`, "retry-after": "0" });
        }
        if (url.pathname.endsWith("/gateways/primary") && req.method === "PUT") return send(200, { id: url.pathname, properties: (record.body as any)?.properties });
        const gateway = this.gateways.get(url.pathname.toLowerCase());
        if (!gateway) return send(404, { error: { code: "ResourceNotFound", message: `${url.pathname} not found` } });
        if (req.method === "GET") return send(200, { ...gateway.document, etag: gateway.etag });
        if (req.method === "PUT") {
            if (record.ifMatch && record.ifMatch !== gateway.etag) return send(412, { error: { code: "PreconditionFailed", message: "etag mismatch" } });
            const { etag: _ignored, ...document } = record.body as any;
            gateway.document = document;
            gateway.etag = this.nextEtag();
            return send(201, { ...document, etag: gateway.etag }, { "azure-asyncoperation": `${this.url}/operations/${++this.operations}` });
        }
        return send(405, { error: { code: "MethodNotAllowed", message: req.method } });
    }
}
