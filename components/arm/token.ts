/**
 * Bearer tokens for ARM calls that may run hours after the program got its token (update and
 * delete of dynamic resources read it from state). A stored token is used while it has five
 * minutes left; then the same credentials azure-native uses are asked for a new one.
 */
import { execFile } from "child_process";

/**
 * @internal Pulumi's closure serializer copies a module that says this into a dynamic
 * provider's code instead of writing `require("<package>/<file>")`: the providers stay
 * self-contained when the package is installed (see components/gateway/providers.ts).
 */
export const deploymentOnlyModule = true;

const MARGIN_MS = 5 * 60_000;
const RESOURCE = "https://management.azure.com/";

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

async function clientCredentialsToken(env: NodeJS.ProcessEnv): Promise<string | undefined> {
    const { ARM_CLIENT_ID: clientId, ARM_CLIENT_SECRET: secret, ARM_TENANT_ID: tenant } = env;
    if (!clientId || !secret || !tenant) return undefined;
    const response = await fetch(`https://login.microsoftonline.com/${encodeURIComponent(tenant)}/oauth2/v2.0/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: secret, scope: `${RESOURCE}.default` }),
        signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) return undefined;
    return ((await response.json()) as { access_token?: string }).access_token;
}

function azureCliToken(env: NodeJS.ProcessEnv): Promise<string | undefined> {
    return new Promise((resolve) => {
        execFile("az", ["account", "get-access-token", "--resource", RESOURCE, "--output", "json"], { timeout: 30_000, env }, (error, stdout) => {
            if (error) return resolve(undefined);
            try {
                resolve((JSON.parse(stdout) as { accessToken?: string }).accessToken);
            } catch {
                resolve(undefined);
            }
        });
    });
}

/** A new token from ARM_CLIENT_ID / ARM_CLIENT_SECRET / ARM_TENANT_ID, else from the Azure CLI login; undefined when neither gives one. */
export async function newToken(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
    return (await clientCredentialsToken(env).catch(() => undefined)) ?? (await azureCliToken(env));
}

/**
 * A token to call ARM with now: `stored` while it is valid, else one from ARM_CLIENT_ID /
 * ARM_CLIENT_SECRET / ARM_TENANT_ID, else from the Azure CLI login, else `stored` as it is
 * (ARM then answers 401 and the error says so).
 */
export async function currentToken(stored: string | undefined, now = Date.now(), env: NodeJS.ProcessEnv = process.env): Promise<string> {
    const expiry = stored ? tokenExpiry(stored) : undefined;
    if (stored && (expiry === undefined || expiry - now > MARGIN_MS)) return stored;
    const renewed = await newToken(env);
    if (renewed) return renewed;
    if (stored) return stored;
    throw new Error("no Azure token: the stored one expired and neither ARM_CLIENT_ID/ARM_CLIENT_SECRET/ARM_TENANT_ID nor an Azure CLI login gives a new one");
}

/**
 * The `token` of an ArmClient over a stored token: the current one per attempt, and with
 * `renew` (ARM answered 401, so the token is expired or revoked whatever its claims say) a new
 * one, kept for the calls that follow. Renewal that gives nothing throws: the error says how to
 * sign in.
 */
export function tokenSource(stored: string | undefined, renewal: () => Promise<string | undefined> = () => newToken()): (renew?: boolean) => Promise<string> {
    let current = stored;
    return async (renew) => {
        if (renew) {
            const renewed = await renewal().catch(() => undefined);
            if (!renewed || renewed === current) {
                throw new Error("ARM refused the stored token and no new one is available: sign in again (az login) or set ARM_CLIENT_ID, ARM_CLIENT_SECRET and ARM_TENANT_ID");
            }
            current = renewed;
            return current;
        }
        current = await currentToken(current);
        return current;
    };
}
