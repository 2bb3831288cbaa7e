/**
 * Bearer tokens for ARM calls that may run hours after the program got its token (update and
 * delete of dynamic resources read it from state). A stored token is used while it has five
 * minutes left; then the same credentials azure-native uses (its ARM_* environment: client
 * secret, OIDC, managed identity; else the az CLI) are asked for a new one, for the cloud of
 * the ARM endpoint (one of the four known clouds, else the endpoint's metadata).
 */
import { execFile } from "child_process";
import { readFile } from "fs/promises";

/**
 * @internal Pulumi's closure serializer copies a module that says this into a dynamic
 * provider's code instead of writing `require("<package>/<file>")`: the providers stay
 * self-contained when the package is installed (see components/gateway/providers.ts).
 */
export const deploymentOnlyModule = true;

const MARGIN_MS = 5 * 60_000;
const PUBLIC_ARM = "https://management.azure.com/";

/** Where tokens for one ARM endpoint come from: the cloud's sign-in authority and the audience its tokens are for. */
export interface Cloud {
    /** e.g. https://login.microsoftonline.com */
    readonly authority: string;
    /** The resource a token must be for (its `aud`), e.g. https://management.core.windows.net/ */
    readonly audience: string;
}

/**
 * The four clouds azure-native knows (its `environment`: public, usgovernment, china, and the
 * retired germany), by ARM host.
 * @see https://learn.microsoft.com/azure/azure-government/documentation-government-developer-guide
 * @see https://learn.microsoft.com/azure/china/resources-developer-guide
 */
const KNOWN_CLOUDS: Readonly<Record<string, Cloud>> = {
    "management.azure.com": { authority: "https://login.microsoftonline.com", audience: "https://management.azure.com/" },
    "management.usgovcloudapi.net": { authority: "https://login.microsoftonline.us", audience: "https://management.core.usgovcloudapi.net/" },
    "management.chinacloudapi.cn": { authority: "https://login.chinacloudapi.cn", audience: "https://management.core.chinacloudapi.cn/" },
    "management.microsoftazure.de": { authority: "https://login.microsoftonline.de", audience: "https://management.core.cloudapi.de/" },
};

type Fetch = typeof fetch;

/**
 * The cloud of an ARM endpoint: one of the four known clouds, else what the endpoint's own
 * metadata says (`GET {endpoint}/metadata/endpoints?api-version=2022-09-01`, as Azure Stack
 * Hub and the az CLI read it); undefined when neither answers.
 */
export async function cloudOf(armEndpoint: string = PUBLIC_ARM, fetchFn: Fetch = fetch): Promise<Cloud | undefined> {
    let url: URL;
    try {
        url = new URL(armEndpoint);
    } catch {
        return undefined;
    }
    const known = KNOWN_CLOUDS[url.host.toLowerCase()];
    if (known) return known;
    try {
        const response = await fetchFn(new URL("/metadata/endpoints?api-version=2022-09-01", url).toString(), { signal: AbortSignal.timeout(30_000) });
        if (!response.ok) return undefined;
        const body = (await response.json()) as { authentication?: { loginEndpoint?: string; audiences?: string[] } } | { authentication?: { loginEndpoint?: string; audiences?: string[] } }[];
        const metadata = Array.isArray(body) ? body[0] : body;
        const login = metadata?.authentication?.loginEndpoint;
        const audience = metadata?.authentication?.audiences?.[0];
        return login && audience ? { authority: login.replace(/\/+$/, ""), audience } : undefined;
    } catch {
        return undefined;
    }
}

const scopeOf = (cloud: Cloud) => `${cloud.audience.replace(/\/+$/, "")}/.default`;

/** Expiry of a JWT access token (ms since epoch), or undefined when it is not a JWT. */
export function tokenExpiry(token: string): number | undefined {
    const payload = token.split(".")[1];
    if (!payload) return undefined;
    try {
        const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { exp?: number };
        return typeof claims.exp === "number" ? claims.exp * 1000 : undefined;
    } catch {
        return undefined;
    }
}

async function tokenRequest(cloud: Cloud, tenant: string, form: Record<string, string>, fetchFn: Fetch): Promise<string | undefined> {
    const response = await fetchFn(`${cloud.authority}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ ...form, scope: scopeOf(cloud) }),
        signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) return undefined;
    return ((await response.json()) as { access_token?: string }).access_token;
}

/** A service principal's secret: ARM_CLIENT_ID, ARM_CLIENT_SECRET, ARM_TENANT_ID (azure-native's clientId/clientSecret/tenantId). */
async function clientSecretToken(cloud: Cloud, env: NodeJS.ProcessEnv, fetchFn: Fetch): Promise<string | undefined> {
    const { ARM_CLIENT_ID: clientId, ARM_CLIENT_SECRET: secret, ARM_TENANT_ID: tenant } = env;
    if (!clientId || !secret || !tenant) return undefined;
    return tokenRequest(cloud, tenant, { grant_type: "client_credentials", client_id: clientId, client_secret: secret }, fetchFn);
}

/**
 * Workload identity federation (azure-native's useOidc): a federated token from ARM_OIDC_TOKEN,
 * ARM_OIDC_TOKEN_FILE_PATH (AZURE_FEDERATED_TOKEN_FILE), or asked of the CI
 * (ARM_OIDC_REQUEST_URL/TOKEN, GitHub's ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN) anew each time,
 * exchanged for an ARM token.
 * @see https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow#third-case-access-token-request-with-a-federated-credential
 */
async function oidcToken(cloud: Cloud, env: NodeJS.ProcessEnv, fetchFn: Fetch): Promise<string | undefined> {
    const clientId = env.ARM_CLIENT_ID ?? env.AZURE_CLIENT_ID;
    const tenant = env.ARM_TENANT_ID ?? env.AZURE_TENANT_ID;
    if (env.ARM_USE_OIDC !== "true" || !clientId || !tenant) return undefined;
    const assertion = await federatedToken(env, fetchFn);
    if (!assertion) return undefined;
    return tokenRequest(
        cloud,
        tenant,
        { grant_type: "client_credentials", client_id: clientId, client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", client_assertion: assertion },
        fetchFn,
    );
}

async function federatedToken(env: NodeJS.ProcessEnv, fetchFn: Fetch): Promise<string | undefined> {
    if (env.ARM_OIDC_TOKEN) return env.ARM_OIDC_TOKEN;
    const file = env.ARM_OIDC_TOKEN_FILE_PATH ?? env.AZURE_FEDERATED_TOKEN_FILE;
    if (file) return (await readFile(file, "utf8")).trim();
    const url = env.ARM_OIDC_REQUEST_URL ?? env.ACTIONS_ID_TOKEN_REQUEST_URL;
    const bearer = env.ARM_OIDC_REQUEST_TOKEN ?? env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    if (!url || !bearer) return undefined;
    const request = new URL(url);
    request.searchParams.set("audience", "api://AzureADTokenExchange");
    const response = await fetchFn(request.toString(), { headers: { authorization: `Bearer ${bearer}` }, signal: AbortSignal.timeout(30_000) });
    if (!response.ok) return undefined;
    return ((await response.json()) as { value?: string }).value;
}

/**
 * A managed identity (azure-native's useMsi): ARM_USE_MSI=true; the App Service / Functions
 * identity endpoint (IDENTITY_ENDPOINT + IDENTITY_HEADER), ARM_MSI_ENDPOINT, else the VM's
 * instance metadata service. ARM_CLIENT_ID picks a user-assigned identity.
 * @see https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/how-to-use-vm-token
 */
async function managedIdentityToken(cloud: Cloud, env: NodeJS.ProcessEnv, fetchFn: Fetch): Promise<string | undefined> {
    if (env.ARM_USE_MSI !== "true") return undefined;
    const appService = env.IDENTITY_ENDPOINT && env.IDENTITY_HEADER;
    const endpoint = new URL(env.ARM_MSI_ENDPOINT ?? (appService ? env.IDENTITY_ENDPOINT! : "http://169.254.169.254/metadata/identity/oauth2/token"));
    endpoint.searchParams.set("api-version", appService && !env.ARM_MSI_ENDPOINT ? "2019-08-01" : "2018-02-01");
    endpoint.searchParams.set("resource", cloud.audience);
    if (env.ARM_CLIENT_ID) endpoint.searchParams.set("client_id", env.ARM_CLIENT_ID);
    const headers: Record<string, string> = appService && !env.ARM_MSI_ENDPOINT ? { "x-identity-header": env.IDENTITY_HEADER! } : { metadata: "true" };
    const response = await fetchFn(endpoint.toString(), { headers, signal: AbortSignal.timeout(30_000) });
    if (!response.ok) return undefined;
    return ((await response.json()) as { access_token?: string }).access_token;
}

function azureCliToken(cloud: Cloud, env: NodeJS.ProcessEnv): Promise<string | undefined> {
    return new Promise((resolve) => {
        execFile("az", ["account", "get-access-token", "--resource", cloud.audience, "--output", "json"], { timeout: 30_000, env }, (error, stdout) => {
            if (error) return resolve(undefined);
            try {
                resolve((JSON.parse(stdout) as { accessToken?: string }).accessToken);
            } catch {
                resolve(undefined);
            }
        });
    });
}

/**
 * A new token for `armEndpoint`, asked the way azure-native is configured (its ARM_*
 * environment: a client secret, OIDC, a managed identity), else from the Azure CLI login, of
 * the endpoint's cloud; undefined when none gives one.
 */
export async function newToken(env: NodeJS.ProcessEnv = process.env, armEndpoint: string = PUBLIC_ARM, fetchFn: Fetch = fetch): Promise<string | undefined> {
    const cloud = await cloudOf(armEndpoint, fetchFn);
    if (!cloud) return undefined;
    for (const source of [clientSecretToken, oidcToken, managedIdentityToken]) {
        const token = await source(cloud, env, fetchFn).catch(() => undefined);
        if (token) return token;
    }
    return azureCliToken(cloud, env);
}

const SIGN_IN = "sign in again (az login), or set ARM_CLIENT_ID/ARM_CLIENT_SECRET/ARM_TENANT_ID, ARM_USE_OIDC with a federated token, or ARM_USE_MSI, as azure-native reads them";

/**
 * A token to call ARM with now: `stored` while it is valid, else one from ARM_CLIENT_ID /
 * ARM_CLIENT_SECRET / ARM_TENANT_ID, else from the Azure CLI login, else `stored` as it is
 * (ARM then answers 401 and the error says so).
 */
export async function currentToken(stored: string | undefined, now = Date.now(), env: NodeJS.ProcessEnv = process.env, renewal: () => Promise<string | undefined> = () => newToken(env)): Promise<string> {
    const expiry = stored ? tokenExpiry(stored) : undefined;
    if (stored && (expiry === undefined || expiry - now > MARGIN_MS)) return stored;
    const renewed = await renewal().catch(() => undefined);
    if (renewed) return renewed;
    if (stored) return stored;
    throw new Error(`no Azure token: the stored one expired and nothing gives a new one: ${SIGN_IN}`);
}

/**
 * The `token` of an ArmClient over a stored token: the current one per attempt, and with
 * `renew` (ARM answered 401, so the token is expired or revoked whatever its claims say) a new
 * one, kept for the calls that follow. Renewal that gives nothing throws: the error says how to
 * sign in.
 */
export function tokenSource(stored: string | undefined, renewalOrEndpoint: (() => Promise<string | undefined>) | string = PUBLIC_ARM): (renew?: boolean) => Promise<string> {
    // An ARM endpoint: renew for its cloud.
    const renewal = typeof renewalOrEndpoint === "string" ? () => newToken(process.env, renewalOrEndpoint) : renewalOrEndpoint;
    let current = stored;
    return async (renew) => {
        if (renew) {
            const renewed = await renewal().catch(() => undefined);
            if (!renewed || renewed === current) {
                throw new Error(`ARM refused the stored token and no new one is available: ${SIGN_IN}`);
            }
            current = renewed;
            return current;
        }
        current = await currentToken(current, Date.now(), process.env, renewal);
        return current;
    };
}
