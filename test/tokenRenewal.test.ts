/**
 * Token renewal the way azure-native is configured (issue 21 item 11, issue 17 item 8): the
 * cloud comes from the ARM endpoint (four known clouds, else the endpoint's metadata), and
 * the credentials from azure-native's ARM_* environment: client secret, OIDC, managed identity.
 * A stand-in `fetch` records each request and answers as Entra ID, the CI and IMDS do.
 */
import { cloudOf, newToken, tokenSource } from "../components/arm/token";

interface Seen {
    readonly url: string;
    readonly headers: Record<string, string>;
    readonly form: Record<string, string>;
}

function standIn(answers: (url: URL) => unknown): { fetch: typeof fetch; seen: Seen[] } {
    const seen: Seen[] = [];
    const fake = (async (input: string | URL, init?: RequestInit) => {
        const url = new URL(String(input));
        seen.push({ url: url.toString(), headers: Object.fromEntries(Object.entries((init?.headers as Record<string, string>) ?? {})), form: Object.fromEntries(new URLSearchParams(String(init?.body ?? ""))) });
        const body = answers(url);
        return new Response(JSON.stringify(body ?? {}), { status: body === undefined ? 404 : 200, headers: { "content-type": "application/json" } });
    }) as typeof fetch;
    return { fetch: fake, seen };
}

const NO_CLI = { PATH: "/nonexistent" };

test.each([
    ["https://management.azure.com/", "https://login.microsoftonline.com", "https://management.azure.com/"],
    ["https://management.usgovcloudapi.net", "https://login.microsoftonline.us", "https://management.core.usgovcloudapi.net/"],
    ["https://management.chinacloudapi.cn/", "https://login.chinacloudapi.cn", "https://management.core.chinacloudapi.cn/"],
])("a known cloud by its ARM endpoint %s: authority %s, audience %s", async (endpoint, authority, audience) => {
    expect(await cloudOf(endpoint, standIn(() => undefined).fetch)).toEqual({ authority, audience });
});

test("another endpoint (Azure Stack Hub): its metadata endpoint names the authority and audience", async () => {
    const arm = standIn((url) =>
        url.pathname === "/metadata/endpoints" ? { authentication: { loginEndpoint: "https://adfs.local.azurestack.external/adfs/", audiences: ["https://management.adfs.azurestack.local/abc"] } } : undefined,
    );
    expect(await cloudOf("https://management.local.azurestack.external", arm.fetch)).toEqual({ authority: "https://adfs.local.azurestack.external/adfs", audience: "https://management.adfs.azurestack.local/abc" });
    expect(arm.seen[0].url).toBe("https://management.local.azurestack.external/metadata/endpoints?api-version=2022-09-01");
});

test("a client secret in US Government: the token is asked of login.microsoftonline.us for its ARM audience", async () => {
    const entra = standIn(() => ({ access_token: "gov-token" }));
    const env = { ...NO_CLI, ARM_CLIENT_ID: "app", ARM_CLIENT_SECRET: "s3cret", ARM_TENANT_ID: "tenant" };
    expect(await newToken(env, "https://management.usgovcloudapi.net/", entra.fetch)).toBe("gov-token");
    expect(entra.seen[0].url).toBe("https://login.microsoftonline.us/tenant/oauth2/v2.0/token");
    expect(entra.seen[0].form).toMatchObject({ grant_type: "client_credentials", client_id: "app", scope: "https://management.core.usgovcloudapi.net/.default" });
});

test("OIDC in GitHub Actions (no secret): a fresh federated token from the CI, exchanged as a client assertion", async () => {
    const both = standIn((url) => (url.host === "ci.example" ? { value: "federated-jwt" } : url.host === "login.microsoftonline.com" ? { access_token: "oidc-token" } : undefined));
    const env = { ...NO_CLI, ARM_USE_OIDC: "true", ARM_CLIENT_ID: "app", ARM_TENANT_ID: "tenant", ACTIONS_ID_TOKEN_REQUEST_URL: "https://ci.example/token?x=1", ACTIONS_ID_TOKEN_REQUEST_TOKEN: "ci-bearer" };
    expect(await newToken(env, "https://management.azure.com/", both.fetch)).toBe("oidc-token");
    expect(both.seen[0]).toMatchObject({ url: "https://ci.example/token?x=1&audience=api%3A%2F%2FAzureADTokenExchange", headers: { authorization: "Bearer ci-bearer" } });
    expect(both.seen[1].form).toMatchObject({ client_assertion: "federated-jwt", client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", client_id: "app" });
});

test("a managed identity: the instance metadata service, for the cloud's audience", async () => {
    const imds = standIn((url) => (url.host === "169.254.169.254" ? { access_token: "msi-token" } : undefined));
    expect(await newToken({ ...NO_CLI, ARM_USE_MSI: "true" }, "https://management.chinacloudapi.cn/", imds.fetch)).toBe("msi-token");
    expect(imds.seen[0].url).toBe("http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fmanagement.core.chinacloudapi.cn%2F");
    expect(imds.seen[0].headers).toEqual({ metadata: "true" });
});

test("a dynamic resource's stored token an hour later: renewed for the cloud of its ARM endpoint", async () => {
    const expired = `e30.${Buffer.from(JSON.stringify({ exp: Date.now() / 1000 - 3600 })).toString("base64url")}.sig`;
    const endpoints: string[] = [];
    const token = tokenSource(expired, async () => (endpoints.push("renewed"), "fresh"));
    expect(await token()).toBe("fresh");
    expect(endpoints).toEqual(["renewed"]);
});
