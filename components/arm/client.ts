/**
 * A small Azure Resource Manager client for the calls azure-native has no resource for
 * (VPN client package, certificates on an adopted gateway). Node's fetch; every byte of every
 * response read inside the retry guard; long-running operations (Azure-AsyncOperation on 200,
 * 201 or 202; Location on 202); Retry-After honoured between the poll interval and the
 * operation's deadline; bounded retries with backoff on 429, 5xx, busy resources and broken
 * connections; one deadline over the whole operation, sleeps included; a 401 renews the token
 * once; errors that name the operation and ARM's error code, capped and scrubbed of signed URLs.
 */

/**
 * @internal Pulumi's closure serializer copies a module that says this into a dynamic
 * provider's code instead of writing `require("<package>/<file>")`: the providers stay
 * self-contained when the package is installed (see components/gateway/providers.ts).
 */
export const deploymentOnlyModule = true;

/**
 * Time limits and retries of the ARM calls a component makes beside azure-native
 * (https://learn.microsoft.com/azure/azure-resource-manager/management/async-operations).
 * Every value is a positive number of milliseconds (`maxRetries`: a whole number, 0 or more).
 */
export interface ArmCallOptions {
    /** Time limit of one HTTP attempt, response body included. @default 60_000 (gateway steps: 120_000) */
    readonly timeoutMs?: number;
    /**
     * Retries of one call after the first attempt, on 429, 5xx, 409 busy codes and broken
     * connections; never past `operationTimeoutMs`. @default 4 (gateway steps: 60)
     */
    readonly maxRetries?: number;
    /** Least wait between polls of a long-running operation; a shorter Retry-After is raised to it. @default 5_000 (gateway steps: 15_000) */
    readonly pollIntervalMs?: number;
    /**
     * Deadline of one whole operation: every attempt, retry, poll and sleep. A Retry-After that
     * would end past it fails at once instead of sleeping. @default 2_700_000 (45 minutes: gateway updates take tens of minutes)
     */
    readonly operationTimeoutMs?: number;
}

export interface ArmClientOptions extends ArmCallOptions {
    /**
     * Returns a bearer token; called for every attempt, so an expired token is replaced.
     * Called with `renew: true` once after ARM answers 401: it must then return a new token.
     */
    readonly token: (renew?: boolean) => Promise<string>;
    /** @default "https://management.azure.com" */
    readonly endpoint?: string;
    /** First backoff; doubles per retry, capped at 30 s; a longer Retry-After wins. @default 1_000 */
    readonly backoffMs?: number;
    /** For tests: how to wait. @default setTimeout */
    readonly sleep?: (ms: number) => Promise<void>;
    /** For tests: the clock deadlines are measured on. @default Date.now */
    readonly now?: () => number;
    readonly fetch?: typeof fetch;
}

export interface ArmResponse {
    readonly status: number;
    readonly headers: Headers;
    /** Parsed JSON; the text itself when it is not JSON; undefined when empty. */
    readonly body: unknown;
    /** The body as received. */
    readonly text: string;
}

/** Per call: extra headers, and the deadline of the operation the call belongs to (ms, on the client's clock). */
export interface CallOptions {
    readonly headers?: Record<string, string>;
    readonly deadline?: number;
}

/** Longest error detail an ArmError carries; the rest is counted, not kept. */
export const MAX_DETAIL_CHARS = 600;

/**
 * Error text fit for logs: URLs carrying a signature (SAS `sig=`, `signature=`) lose their
 * query string, any other signature parameter its value, and the text is capped.
 */
export function scrubDetail(text: string, max = MAX_DETAIL_CHARS): string {
    const scrubbed = text
        .replace(/https?:\/\/[^\s"'<>\\]+/gi, (url) => (/[?&](sig|signature)=/i.test(url) ? `${url.split("?")[0]}?[signature removed]` : url))
        .replace(/\b(sig|signature)=[^&\s"'<>\\]+/gi, "$1=[removed]")
        .replace(/\s+/g, " ")
        .trim();
    return scrubbed.length <= max ? scrubbed : `${scrubbed.slice(0, max)}... (${scrubbed.length - max} more characters)`;
}

/** A call that failed for good: what was attempted, what ARM said (scrubbed and capped). */
export class ArmError extends Error {
    constructor(
        public readonly operation: string,
        public readonly status: number | undefined,
        public readonly code: string | undefined,
        detail: string,
    ) {
        super(`${operation} failed${status ? ` (HTTP ${status}${code ? ` ${code}` : ""})` : code ? ` (${code})` : ""}: ${scrubDetail(detail)}`);
        this.name = "ArmError";
    }
}

const RETRYABLE_CODES = new Set(["AnotherOperationInProgress", "RetryableError", "Conflict"]);
const DEFAULTS = { timeoutMs: 60_000, maxRetries: 4, pollIntervalMs: 5_000, operationTimeoutMs: 45 * 60_000 };

function errorOf(body: unknown): { code?: string; message?: string } {
    const error = body !== null && typeof body === "object" ? (body as { error?: unknown }).error : undefined;
    if (error === null || typeof error !== "object") return {};
    const { code, message } = error as { code?: unknown; message?: unknown };
    return { code: typeof code === "string" ? code : undefined, message: typeof message === "string" ? message : undefined };
}

/** Retry-After in ms (seconds or an HTTP date), or undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
    const value = headers.get("retry-after")?.trim();
    if (!value) return undefined;
    if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function parseBody(text: string): unknown {
    if (!text) return undefined;
    try {
        return JSON.parse(text);
    } catch {
        return text; // Not JSON: keep the text; callers that need a document say so by name.
    }
}

function transportFailure(error: unknown, timeoutMs: number): string {
    const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
    if (e?.name === "TimeoutError" || e?.name === "AbortError") return `no complete answer within ${timeoutMs} ms`;
    const cause = e?.cause?.code ?? e?.cause?.message;
    return `connection failed: ${e?.message ?? String(error)}${cause ? ` (${cause})` : ""}`;
}

/** Throws a RangeError naming the first option out of its domain. */
export function checkArmCallOptions(options: ArmCallOptions): void {
    for (const key of ["timeoutMs", "pollIntervalMs", "operationTimeoutMs"] as const) {
        const value = options[key];
        if (value !== undefined && !(Number.isFinite(value) && value > 0)) throw new RangeError(`ARM option ${key} must be a positive number of milliseconds, got ${value}`);
    }
    const retries = options.maxRetries;
    if (retries !== undefined && !(Number.isInteger(retries) && retries >= 0)) throw new RangeError(`ARM option maxRetries must be a whole number, 0 or more, got ${retries}`);
}

export class ArmClient {
    private readonly endpoint: string;
    private readonly timeoutMs: number;
    private readonly maxRetries: number;
    private readonly backoffMs: number;
    private readonly pollIntervalMs: number;
    private readonly operationTimeoutMs: number;
    private readonly sleepImpl: (ms: number) => Promise<void>;
    private readonly now: () => number;
    private readonly fetchImpl: typeof fetch;

    constructor(private readonly options: ArmClientOptions) {
        checkArmCallOptions(options);
        this.endpoint = (options.endpoint ?? "https://management.azure.com").replace(/\/$/, "");
        this.timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
        this.maxRetries = options.maxRetries ?? DEFAULTS.maxRetries;
        this.backoffMs = options.backoffMs ?? 1_000;
        this.pollIntervalMs = options.pollIntervalMs ?? DEFAULTS.pollIntervalMs;
        this.operationTimeoutMs = options.operationTimeoutMs ?? DEFAULTS.operationTimeoutMs;
        this.sleepImpl = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
        this.now = options.now ?? Date.now;
        this.fetchImpl = options.fetch ?? fetch;
    }

    /** The deadline of an operation that starts now: pass it to every call the operation makes. */
    deadline(): number {
        return this.now() + this.operationTimeoutMs;
    }

    /** One ARM call with retries. `path` is an ARM id path or a full URL (polling). */
    async call(operation: string, method: string, path: string, apiVersion?: string, body?: unknown, options: CallOptions = {}): Promise<ArmResponse> {
        const url = this.url(path, apiVersion);
        const deadline = options.deadline ?? this.deadline();
        let renewed = false;
        let renew = false;
        for (let attempt = 0; ; attempt++) {
            const left = deadline - this.now();
            if (left <= 0) throw new ArmError(operation, undefined, "OperationTimedOut", `no answer before the operation deadline (${this.operationTimeoutMs} ms)`);
            const timeoutMs = Math.min(this.timeoutMs, left);
            let token: string;
            try {
                token = await this.options.token(renew);
            } catch (error) {
                throw new ArmError(operation, undefined, "NoToken", `no bearer token${renew ? " after ARM refused the last one" : ""}: ${(error as Error).message ?? error}`);
            }
            renew = false;
            let response: Response;
            let text: string;
            try {
                response = await this.fetchImpl(url, {
                    method,
                    headers: {
                        authorization: `Bearer ${token}`,
                        ...(body !== undefined ? { "content-type": "application/json" } : {}),
                        ...options.headers,
                    },
                    body: body !== undefined ? JSON.stringify(body) : undefined,
                    signal: AbortSignal.timeout(timeoutMs),
                });
                // The body is part of the answer: a reset or a stall while reading it is retried like one before the headers.
                text = await response.text();
            } catch (error) {
                const failure = transportFailure(error, timeoutMs);
                if (attempt >= this.maxRetries) throw new ArmError(operation, undefined, "ConnectionFailed", `${failure} (after ${attempt + 1} attempts)`);
                await this.sleepWithin(operation, this.backoff(attempt), deadline, failure);
                continue;
            }
            const parsed = parseBody(text);
            if (response.ok) return { status: response.status, headers: response.headers, body: parsed, text };
            const { code, message } = errorOf(parsed);
            const detail = message ?? (text || response.statusText);
            if (response.status === 401) {
                // An expired or revoked token: renew once, at once; a second 401 is for a person to fix.
                if (!renewed) {
                    renewed = renew = true;
                    attempt--;
                    continue;
                }
                throw new ArmError(operation, 401, code, `ARM refused a renewed token too: ${detail}. Sign in again (az login) or set ARM_CLIENT_ID, ARM_CLIENT_SECRET and ARM_TENANT_ID`);
            }
            const retryable = response.status === 429 || response.status >= 500 || (response.status === 409 && RETRYABLE_CODES.has(code ?? ""));
            if (!retryable || attempt >= this.maxRetries) {
                throw new ArmError(operation, response.status, code, `${detail}${attempt > 0 ? ` (after ${attempt + 1} attempts)` : ""}`);
            }
            const asked = retryAfterMs(response.headers, this.now());
            await this.sleepWithin(operation, Math.max(asked ?? 0, this.backoff(attempt)), deadline, `HTTP ${response.status}${code ? ` ${code}` : ""}`);
        }
    }

    /**
     * A call that may start a long-running operation. An `Azure-AsyncOperation` header (on 200,
     * 201 or 202: a gateway PUT answers 200 and keeps updating) is polled until its status
     * document says Succeeded, Failed or Canceled; a 202 with `Location` is polled until it
     * answers something else than 202. Returns the final result.
     */
    async longRunning(operation: string, method: string, path: string, apiVersion: string, body?: unknown, options: CallOptions = {}): Promise<unknown> {
        const deadline = options.deadline ?? this.deadline();
        const first = await this.call(operation, method, path, apiVersion, body, { ...options, deadline });
        const asyncUrl = first.headers.get("azure-asyncoperation");
        const location = first.headers.get("location");
        if (!asyncUrl && !(first.status === 202 && location)) return first.body;
        let wait = this.pollWait(first.headers);
        for (;;) {
            await this.sleepWithin(operation, wait, deadline, "the operation is still running");
            if (asyncUrl) {
                const poll = await this.call(`${operation} (status)`, "GET", asyncUrl, undefined, undefined, { deadline });
                const document = poll.body !== null && typeof poll.body === "object" ? (poll.body as { status?: unknown; properties?: { output?: unknown } }) : undefined;
                if (!document || typeof document.status !== "string") {
                    throw new ArmError(`${operation} (status)`, poll.status, "InvalidResponse", `the operation status is not a status document: ${poll.text ? poll.text : "empty body"}`);
                }
                const status = document.status;
                wait = this.pollWait(poll.headers);
                if (/^succeeded$/i.test(status)) {
                    if (location) return (await this.call(`${operation} (result)`, "GET", location, undefined, undefined, { deadline })).body;
                    if (method === "PUT" || method === "PATCH") return (await this.call(`${operation} (result)`, "GET", path, apiVersion, undefined, { deadline })).body;
                    return document.properties?.output ?? document;
                }
                if (/^(failed|canceled|cancelled)$/i.test(status)) {
                    const { code, message } = errorOf(document);
                    throw new ArmError(operation, poll.status, code ?? status, message ?? `operation ${status}`);
                }
            } else {
                const poll = await this.call(`${operation} (status)`, "GET", location!, undefined, undefined, { deadline });
                if (poll.status !== 202) return poll.body;
                wait = this.pollWait(poll.headers);
            }
        }
    }

    /** Retry-After, but never below the poll interval (Retry-After: 0 would poll in a loop). */
    private pollWait(headers: Headers): number {
        return Math.max(retryAfterMs(headers, this.now()) ?? 0, this.pollIntervalMs);
    }

    /** Sleeps `ms` unless that ends past the deadline: then fails now, saying what it waited for. */
    private async sleepWithin(operation: string, ms: number, deadline: number, waitingFor: string): Promise<void> {
        const left = deadline - this.now();
        if (ms >= left) {
            throw new ArmError(operation, undefined, "OperationTimedOut", `${waitingFor}; the next attempt is due in ${Math.round(ms)} ms, past the operation deadline (${Math.max(0, Math.round(left))} ms left of ${this.operationTimeoutMs} ms)`);
        }
        await this.sleepImpl(ms);
    }

    private url(path: string, apiVersion?: string): string {
        const base = /^https?:\/\//.test(path) ? path : `${this.endpoint}${path}`;
        if (!apiVersion) return base;
        return `${base}${base.includes("?") ? "&" : "?"}api-version=${apiVersion}`;
    }

    /** The wait before retry `attempt` (0-based) when ARM gives no Retry-After: doubles from `backoffMs`, capped at 30 s. */
    public backoff(attempt: number): number {
        return Math.min(30_000, this.backoffMs * 2 ** attempt);
    }
}
