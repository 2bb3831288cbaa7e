/**
 * A small Azure Resource Manager client for the calls azure-native has no resource for
 * (VPN client package, certificates on an adopted gateway). Node's fetch, a fresh bearer
 * token per attempt, long-running operations (Azure-AsyncOperation / Location), Retry-After,
 * bounded retries with backoff on 429, 5xx and busy resources, a timeout on every call, and
 * errors that name the operation and ARM's error code.
 */

export interface ArmClientOptions {
    /** Returns a bearer token; called for every attempt, so an expired token is replaced. */
    readonly token: () => Promise<string>;
    /** @default "https://management.azure.com" */
    readonly endpoint?: string;
    /** Time limit of one HTTP call. @default 60_000 */
    readonly timeoutMs?: number;
    /** Retries of one call after the first attempt. @default 4 */
    readonly maxRetries?: number;
    /** First backoff; doubles per retry, capped at 30 s, unless the server sends Retry-After. @default 1_000 */
    readonly backoffMs?: number;
    /** Wait between polls of a long-running operation without Retry-After. @default 5_000 */
    readonly pollIntervalMs?: number;
    /** Give up on a long-running operation after this long. @default 45 minutes (gateways are slow) */
    readonly operationTimeoutMs?: number;
    /** For tests: how to wait. @default setTimeout */
    readonly sleep?: (ms: number) => Promise<void>;
    readonly fetch?: typeof fetch;
}

export interface ArmResponse {
    readonly status: number;
    readonly headers: Headers;
    readonly body: unknown;
}

/** A call that failed for good: what was attempted, what ARM said. */
export class ArmError extends Error {
    constructor(
        public readonly operation: string,
        public readonly status: number | undefined,
        public readonly code: string | undefined,
        detail: string,
    ) {
        super(`${operation} failed${status ? ` (HTTP ${status}${code ? ` ${code}` : ""})` : ""}: ${detail}`);
        this.name = "ArmError";
    }
}

const RETRYABLE_CODES = new Set(["AnotherOperationInProgress", "RetryableError", "Conflict"]);

function errorOf(body: unknown): { code?: string; message?: string } {
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    return { code: error?.code, message: error?.message };
}

function retryAfterMs(headers: Headers): number | undefined {
    const value = headers.get("retry-after");
    if (!value) return undefined;
    const seconds = Number(value);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export class ArmClient {
    private readonly endpoint: string;
    private readonly timeoutMs: number;
    private readonly maxRetries: number;
    private readonly backoffMs: number;
    private readonly pollIntervalMs: number;
    private readonly operationTimeoutMs: number;
    private readonly sleep: (ms: number) => Promise<void>;
    private readonly fetchImpl: typeof fetch;

    constructor(private readonly options: ArmClientOptions) {
        this.endpoint = (options.endpoint ?? "https://management.azure.com").replace(/\/$/, "");
        this.timeoutMs = options.timeoutMs ?? 60_000;
        this.maxRetries = options.maxRetries ?? 4;
        this.backoffMs = options.backoffMs ?? 1_000;
        this.pollIntervalMs = options.pollIntervalMs ?? 5_000;
        this.operationTimeoutMs = options.operationTimeoutMs ?? 45 * 60_000;
        this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
        this.fetchImpl = options.fetch ?? fetch;
    }

    /** One ARM call with retries. `path` is an ARM id path or a full URL (polling). */
    async call(operation: string, method: string, path: string, apiVersion?: string, body?: unknown, headers: Record<string, string> = {}): Promise<ArmResponse> {
        const url = this.url(path, apiVersion);
        let lastFailure = "";
        for (let attempt = 0; ; attempt++) {
            let response: Response;
            try {
                response = await this.fetchImpl(url, {
                    method,
                    headers: {
                        authorization: `Bearer ${await this.options.token()}`,
                        ...(body !== undefined ? { "content-type": "application/json" } : {}),
                        ...headers,
                    },
                    body: body !== undefined ? JSON.stringify(body) : undefined,
                    signal: AbortSignal.timeout(this.timeoutMs),
                });
            } catch (error) {
                lastFailure = (error as Error).name === "TimeoutError" ? `no answer within ${this.timeoutMs} ms` : String((error as Error).message ?? error);
                if (attempt >= this.maxRetries) throw new ArmError(operation, undefined, undefined, `${lastFailure} (after ${attempt + 1} attempts)`);
                await this.sleep(this.backoff(attempt));
                continue;
            }
            const text = await response.text();
            let parsed: unknown = text;
            try {
                parsed = text ? JSON.parse(text) : undefined;
            } catch {
                // Not JSON: keep the text.
            }
            if (response.ok) return { status: response.status, headers: response.headers, body: parsed };
            const { code, message } = errorOf(parsed);
            const retryable = response.status === 429 || response.status >= 500 || response.status === 401 || (response.status === 409 && RETRYABLE_CODES.has(code ?? ""));
            if (!retryable || attempt >= this.maxRetries) {
                throw new ArmError(operation, response.status, code, `${message ?? (text || response.statusText)}${attempt > 0 ? ` (after ${attempt + 1} attempts)` : ""}`);
            }
            await this.sleep(retryAfterMs(response.headers) ?? this.backoff(attempt));
        }
    }

    /**
     * A call that may start a long-running operation: follows Azure-AsyncOperation (status
     * document) or Location (final result) until it ends, and returns the final result.
     */
    async longRunning(operation: string, method: string, path: string, apiVersion: string, body?: unknown, headers?: Record<string, string>): Promise<unknown> {
        const first = await this.call(operation, method, path, apiVersion, body, headers);
        const asyncUrl = first.headers.get("azure-asyncoperation");
        const location = first.headers.get("location");
        if (first.status !== 201 && first.status !== 202) return first.body;
        if (!asyncUrl && !location) return first.body;
        const deadline = Date.now() + this.operationTimeoutMs;
        let wait = retryAfterMs(first.headers) ?? this.pollIntervalMs;
        for (;;) {
            if (Date.now() > deadline) throw new ArmError(operation, undefined, "OperationTimedOut", `still running after ${this.operationTimeoutMs} ms`);
            await this.sleep(wait);
            if (asyncUrl) {
                const poll = await this.call(`${operation} (status)`, "GET", asyncUrl);
                const status = String((poll.body as { status?: string } | undefined)?.status ?? "");
                wait = retryAfterMs(poll.headers) ?? this.pollIntervalMs;
                if (/^(succeeded)$/i.test(status)) {
                    if (location) return (await this.call(`${operation} (result)`, "GET", location)).body;
                    if (method === "PUT" || method === "PATCH") return (await this.call(`${operation} (result)`, "GET", path, apiVersion)).body;
                    return (poll.body as { properties?: { output?: unknown } }).properties?.output ?? poll.body;
                }
                if (/^(failed|canceled|cancelled)$/i.test(status)) {
                    const { code, message } = errorOf(poll.body);
                    throw new ArmError(operation, poll.status, code ?? status, message ?? `operation ${status}`);
                }
            } else {
                const poll = await this.call(`${operation} (status)`, "GET", location!);
                if (poll.status !== 202) return poll.body;
                wait = retryAfterMs(poll.headers) ?? this.pollIntervalMs;
            }
        }
    }

    private url(path: string, apiVersion?: string): string {
        const base = /^https?:\/\//.test(path) ? path : `${this.endpoint}${path}`;
        if (!apiVersion) return base;
        return `${base}${base.includes("?") ? "&" : "?"}api-version=${apiVersion}`;
    }

    private backoff(attempt: number): number {
        return Math.min(30_000, this.backoffMs * 2 ** attempt);
    }
}
