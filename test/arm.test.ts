import * as fc from "fast-check";
import { ArmClient, ArmError, MAX_DETAIL_CHARS, scrubDetail } from "../components/arm/client";
import { tokenSource } from "../components/arm/token";
import { addRootCertificate, generateVpnClientPackage, NETWORK_API_VERSION, removeRootCertificate } from "../components/arm/gateway";
import { FakeArm, PACKAGE_URL } from "./support/fakeArm";

const GATEWAY = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net/providers/Microsoft.Network/virtualNetworkGateways/remote-gw";

let arm: FakeArm;
let sleeps: number[];
let tokens: string[];

function client(overrides: Partial<ConstructorParameters<typeof ArmClient>[0]> = {}) {
    let issued = 0;
    return new ArmClient({
        endpoint: arm.url,
        token: async () => {
            const token = tokens[Math.min(issued++, tokens.length - 1)];
            return token;
        },
        sleep: async (ms) => {
            sleeps.push(ms);
        },
        maxRetries: 3,
        timeoutMs: 2_000,
        ...overrides,
    });
}

beforeEach(async () => {
    arm = new FakeArm();
    await arm.start();
    arm.addGateway(GATEWAY, [
        { name: "corp-root", data: "Q09SUA==" },
        { name: "partner-root", data: "UEFSVE5FUg==" },
    ]);
    sleeps = [];
    tokens = ["token-1"];
});
afterEach(() => arm.stop());

describe("VPN client package", () => {
    test("POSTs generatevpnclientpackage, polls Location, unquotes the URL", async () => {
        expect(await generateVpnClientPackage(client(), GATEWAY)).toBe(PACKAGE_URL);
        expect(arm.requests.map((r) => `${r.method} ${r.path.replace(GATEWAY, "{gw}")} ${r.apiVersion ?? "-"}`)).toEqual([
            `POST {gw}/generatevpnclientpackage ${NETWORK_API_VERSION}`,
            "GET /locations/package/1 -",
            "GET /locations/package/1 -",
        ]);
        expect(arm.requests[0].body).toEqual({ processorArchitecture: "Amd64" });
        expect(arm.requests.every((r) => r.authorization === "Bearer token-1")).toBe(true);
    });
});

describe("root certificates on an adopted gateway", () => {
    test("adding one keeps every other certificate, with If-Match and the async operation followed", async () => {
        await addRootCertificate(client(), GATEWAY, "appservice-remote", "QVBQ");
        expect(arm.certificates(GATEWAY)).toEqual(["corp-root", "partner-root", "appservice-remote"]);
        const put = arm.requests.find((r) => r.method === "PUT")!;
        expect(put.ifMatch).toBe('W/"1"');
        expect(put.apiVersion).toBe(NETWORK_API_VERSION);
        expect((put.body as any).properties.vpnClientConfiguration.vpnClientProtocols).toEqual(["SSTP"]);
        expect(arm.requests.map((r) => `${r.method} ${r.path.startsWith("/operations") ? "/operations" : "{gw}"}`)).toEqual([
            "GET {gw}",
            "PUT {gw}",
            "GET /operations",
            "GET /operations",
            "GET {gw}",
        ]);
    });

    test("adding the same certificate again writes nothing", async () => {
        await addRootCertificate(client(), GATEWAY, "corp-root", "Q09SUA==");
        expect(arm.requests.map((r) => r.method)).toEqual(["GET"]);
    });

    test("removing one keeps the others", async () => {
        await removeRootCertificate(client(), GATEWAY, "corp-root");
        expect(arm.certificates(GATEWAY)).toEqual(["partner-root"]);
    });

    test("a concurrent change (412) is read again and merged, not overwritten", async () => {
        const c = client();
        const original = arm.gateways.get(GATEWAY.toLowerCase())!;
        // Someone else adds a certificate between our read and our write.
        arm.inject("PUT", "remote-gw", { kind: "status", status: 412, code: "PreconditionFailed" });
        original.document.properties.vpnClientConfiguration.vpnClientRootCertificates.push({ name: "late", properties: { publicCertData: "TEFURQ==" } });
        await addRootCertificate(c, GATEWAY, "appservice-remote", "QVBQ");
        expect(arm.certificates(GATEWAY)).toEqual(["corp-root", "partner-root", "late", "appservice-remote"]);
    });

    test("a write that keeps failing leaves the gateway as it was", async () => {
        arm.inject("PUT", "remote-gw", { kind: "status", status: 500, code: "InternalServerError" }, 10);
        await expect(addRootCertificate(client(), GATEWAY, "appservice-remote", "QVBQ")).rejects.toThrow(
            "add root certificate appservice-remote failed (HTTP 500 InternalServerError): injected 500 (after 4 attempts)",
        );
        expect(arm.certificates(GATEWAY)).toEqual(["corp-root", "partner-root"]);
    });
});

describe("faults", () => {
    test("429 waits for Retry-After, then succeeds", async () => {
        arm.inject("GET", "remote-gw", { kind: "status", status: 429, code: "TooManyRequests", retryAfter: "7" });
        await removeRootCertificate(client(), GATEWAY, "corp-root");
        expect(sleeps[0]).toBe(7_000);
        expect(arm.certificates(GATEWAY)).toEqual(["partner-root"]);
    });

    test("500 backs off exponentially and retries", async () => {
        arm.inject("POST", "generatevpnclientpackage", { kind: "status", status: 500 }, 2);
        expect(await generateVpnClientPackage(client({ backoffMs: 100 }), GATEWAY)).toBe(PACKAGE_URL);
        expect(sleeps.slice(0, 2)).toEqual([100, 200]);
    });

    test("409 AnotherOperationInProgress is retried; another 409 is not", async () => {
        arm.inject("PUT", "remote-gw", { kind: "status", status: 409, code: "AnotherOperationInProgress" });
        await addRootCertificate(client(), GATEWAY, "appservice-remote", "QVBQ");
        expect(arm.certificates(GATEWAY)).toContain("appservice-remote");
        arm.inject("PUT", "remote-gw", { kind: "status", status: 409, code: "InUseSubnetCannotBeDeleted" });
        await expect(removeRootCertificate(client(), GATEWAY, "appservice-remote")).rejects.toMatchObject({ status: 409, code: "InUseSubnetCannotBeDeleted" });
    });

    test("a hung response times out and is retried", async () => {
        arm.inject("POST", "generatevpnclientpackage", { kind: "hang" });
        expect(await generateVpnClientPackage(client({ timeoutMs: 300 }), GATEWAY)).toBe(PACKAGE_URL);
        expect(arm.requests.filter((r) => r.method === "POST")).toHaveLength(2);
    });

    test("retries are bounded: the error names the operation and ARM's code", async () => {
        arm.inject("GET", "remote-gw", { kind: "status", status: 503, code: "ServiceUnavailable" }, 100);
        const error = await removeRootCertificate(client(), GATEWAY, "corp-root").catch((e) => e);
        expect(error).toBeInstanceOf(ArmError);
        expect(error).toMatchObject({ operation: "remove root certificate corp-root (read gateway)", status: 503, code: "ServiceUnavailable" });
        expect(arm.requests).toHaveLength(4);
    });

    test("an expired token (401) is replaced by a fresh one on the next attempt", async () => {
        tokens = ["stale", "fresh"];
        arm.expiredTokens.add("stale");
        expect(await generateVpnClientPackage(client(), GATEWAY)).toBe(PACKAGE_URL);
        expect(arm.requests.map((r) => r.authorization)).toEqual(["Bearer stale", "Bearer fresh", "Bearer fresh", "Bearer fresh"]);
    });
});

/** A client on a virtual clock: sleeps advance it, so deadlines are tested without waiting. */
function clocked(overrides: Partial<ConstructorParameters<typeof ArmClient>[0]> = {}) {
    let now = 1_000_000;
    return client({
        now: () => now,
        sleep: async (ms) => {
            sleeps.push(ms);
            now += ms;
        },
        ...overrides,
    });
}

const MISSING = GATEWAY.replace("remote-gw", "deleted-gw");

describe("every byte of a response inside the retry guard", () => {
    test("a connection reset mid-body is retried", async () => {
        arm.inject("GET", "remote-gw", { kind: "reset" });
        await removeRootCertificate(client(), GATEWAY, "corp-root");
        expect(arm.certificates(GATEWAY)).toEqual(["partner-root"]);
        expect(arm.requests.filter((r) => r.method === "GET" && r.path === GATEWAY)).toHaveLength(3); // reset, read, result after the PUT
    });

    test("a reset that persists is an ArmError naming the operation, not a raw TypeError", async () => {
        arm.inject("GET", "remote-gw", { kind: "reset" }, 10);
        const error = await removeRootCertificate(client({ maxRetries: 1 }), GATEWAY, "corp-root").catch((e) => e);
        expect(error).toBeInstanceOf(ArmError);
        expect(error).toMatchObject({ operation: "remove root certificate corp-root (read gateway)", code: "ConnectionFailed" });
        expect(error.message).toMatch(/connection failed: .*\(after 2 attempts\)/);
        expect(arm.requests).toHaveLength(2);
    });

    test("a body that stalls times out and is retried; one that always stalls is a named timeout", async () => {
        arm.inject("GET", "remote-gw", { kind: "stall" });
        await addRootCertificate(client({ timeoutMs: 300 }), GATEWAY, "appservice-remote", "QVBQ");
        expect(arm.certificates(GATEWAY)).toContain("appservice-remote");

        arm.inject("GET", "remote-gw", { kind: "stall" }, 2);
        const error = await removeRootCertificate(client({ timeoutMs: 300, maxRetries: 1 }), GATEWAY, "corp-root").catch((e) => e);
        expect(error).toBeInstanceOf(ArmError);
        expect(error.message).toBe("remove root certificate corp-root (read gateway) failed (ConnectionFailed): no complete answer within 300 ms (after 2 attempts)");
    });
});

describe("bodies parsed defensively", () => {
    test("removing the certificate of a gateway that is gone is done (pulumi destroy goes on)", async () => {
        await removeRootCertificate(client(), MISSING, "appservice-remote", "QVBQ");
        expect(arm.requests.map((r) => r.method)).toEqual(["GET"]);
    });

    test("adding a certificate to a gateway that is gone still fails, with ARM's code", async () => {
        await expect(addRootCertificate(client(), MISSING, "appservice-remote", "QVBQ")).rejects.toMatchObject({ status: 404, code: "ResourceNotFound" });
    });

    test("a 200 with an empty body is a named error, not a TypeError", async () => {
        arm.inject("GET", "remote-gw", { kind: "raw", status: 200, body: "" });
        const error = await addRootCertificate(client(), GATEWAY, "appservice-remote", "QVBQ").catch((e) => e);
        expect(error).toBeInstanceOf(ArmError);
        expect(error).toMatchObject({ code: "InvalidResponse" });
        expect(error.message).toMatch(/empty body/);
    });

    test("malformed JSON is called that, not 'no point-to-site configuration'", async () => {
        arm.inject("GET", "remote-gw", { kind: "raw", status: 200, body: '{"properties": {"vpnClientConfiguration": ' });
        const error = await addRootCertificate(client(), GATEWAY, "appservice-remote", "QVBQ").catch((e) => e);
        expect(error).toMatchObject({ code: "InvalidResponse" });
        expect(error.message).toMatch(/not JSON/);
        expect(error.message).not.toMatch(/point-to-site/);
        expect(arm.certificates(GATEWAY)).toEqual(["corp-root", "partner-root"]);
    });

    test("an operation status that is not a status document is named", async () => {
        arm.inject("GET", "/operations/", { kind: "raw", status: 200, body: "<html>gateway timeout</html>", contentType: "text/html" });
        await expect(addRootCertificate(client(), GATEWAY, "appservice-remote", "QVBQ")).rejects.toMatchObject({ code: "InvalidResponse", operation: "add root certificate appservice-remote (status)" });
    });
});

describe("deadlines bound the whole operation, sleeps included", () => {
    test("Retry-After: 3600 against a 1.5 s deadline fails at once instead of sleeping an hour", async () => {
        arm.inject("GET", "remote-gw", { kind: "status", status: 429, code: "TooManyRequests", retryAfter: "3600" });
        const error = await removeRootCertificate(clocked({ operationTimeoutMs: 1_500 }), GATEWAY, "corp-root").catch((e) => e);
        expect(error).toMatchObject({ code: "OperationTimedOut" });
        expect(error.message).toMatch(/HTTP 429 TooManyRequests; the next attempt is due in 3600000 ms, past the operation deadline/);
        expect(sleeps).toEqual([]);
    });

    test("a poll's Retry-After past the deadline fails at once too", async () => {
        arm.lro = { ...arm.lro, pollRetryAfter: "3600" };
        const error = await generateVpnClientPackage(clocked({ operationTimeoutMs: 1_500, pollIntervalMs: 100 }), GATEWAY).catch((e) => e);
        expect(error).toMatchObject({ code: "OperationTimedOut", operation: "generate VPN client package" });
        expect(sleeps).toEqual([]);
    });

    test("Retry-After: 0 waits the poll interval, not a busy loop", async () => {
        arm.lro = { ...arm.lro, pollsUntilDone: 3, pollRetryAfter: "0" };
        expect(await generateVpnClientPackage(clocked({ pollIntervalMs: 2_000 }), GATEWAY)).toBe(PACKAGE_URL);
        expect(sleeps).toEqual([2_000, 2_000, 2_000, 2_000]);
    });

    test("a Retry-After longer than the poll interval is honoured", async () => {
        arm.lro = { ...arm.lro, pollsUntilDone: 1, pollRetryAfter: "30" };
        await generateVpnClientPackage(clocked({ pollIntervalMs: 2_000 }), GATEWAY);
        expect(sleeps).toEqual([30_000, 30_000]);
    });

    test("an operation that never ends stops at its deadline, polls and sleeps included", async () => {
        arm.lro = { ...arm.lro, pollsUntilDone: 1_000, pollRetryAfter: undefined };
        const error = await generateVpnClientPackage(clocked({ pollIntervalMs: 1_000, operationTimeoutMs: 5_500 }), GATEWAY).catch((e) => e);
        expect(error).toMatchObject({ code: "OperationTimedOut" });
        expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(5_500);
        expect(arm.requests.filter((r) => r.path.startsWith("/locations/"))).toHaveLength(5);
    });

    test("retries stop at the deadline even when retries are left", async () => {
        arm.inject("GET", "remote-gw", { kind: "status", status: 503, code: "ServiceUnavailable" }, 100);
        const error = await removeRootCertificate(clocked({ maxRetries: 50, backoffMs: 1_000, operationTimeoutMs: 10_000 }), GATEWAY, "corp-root").catch((e) => e);
        expect(error).toMatchObject({ code: "OperationTimedOut" });
        expect(sleeps).toEqual([1_000, 2_000, 4_000]); // the next (8 s) would end past 10 s
        expect(arm.requests).toHaveLength(4);
    });

    test("one deadline covers a read-modify-write: read, write and its polls", async () => {
        arm.lro = { ...arm.lro, pollsUntilDone: 1_000, pollRetryAfter: undefined };
        const error = await addRootCertificate(clocked({ pollIntervalMs: 1_000, operationTimeoutMs: 3_500 }), GATEWAY, "appservice-remote", "QVBQ").catch((e) => e);
        expect(error).toMatchObject({ code: "OperationTimedOut", operation: "add root certificate appservice-remote" });
        expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(3_500);
    });

    test("options out of their domain are refused by name", () => {
        expect(() => client({ timeoutMs: 0 })).toThrow("ARM option timeoutMs must be a positive number of milliseconds, got 0");
        expect(() => client({ maxRetries: -1 })).toThrow("ARM option maxRetries must be a whole number, 0 or more, got -1");
        expect(() => client({ operationTimeoutMs: Number.NaN })).toThrow(/operationTimeoutMs/);
    });
});

describe("error messages", () => {
    test("a 5 MB HTML 502 gives a short message", async () => {
        const html = `<html><body>${"<p>Bad gateway</p>".repeat(300_000)}</body></html>`;
        arm.inject("GET", "remote-gw", { kind: "raw", status: 502, body: html, contentType: "text/html" }, 10);
        const error = await removeRootCertificate(client({ maxRetries: 1 }), GATEWAY, "corp-root").catch((e) => e);
        expect(error).toMatchObject({ status: 502 });
        expect(error.message.length).toBeLessThan(MAX_DETAIL_CHARS + 200);
        expect(error.message).toMatch(/\.\.\. \(\d+ more characters\)/);
    });

    test("an ARM message that echoes the request body loses the package URL's signature", async () => {
        const connection = "/subscriptions/s/resourceGroups/apps/providers/Microsoft.Web/sites/orders/virtualNetworkConnections/remote/gateways/primary";
        arm.inject("PUT", "/gateways/primary", { kind: "status", status: 400, code: "BadRequest", echoBody: true });
        const error = (await client()
            .longRunning("write VPN package", "PUT", connection, "2024-11-01", { properties: { vnetName: "remote", vpnPackageUri: PACKAGE_URL } })
            .catch((e: unknown) => e)) as ArmError;
        expect(error).toMatchObject({ status: 400, code: "BadRequest" });
        expect(error.message).toContain("https://wsprodweu.blob.core.windows.net/vpnclient/package.zip?[signature removed]");
        expect(error.message).not.toContain("SECRET");
    });

    test("property: scrubbed details never carry a signature and never exceed the cap", () => {
        const signature = fc.stringMatching(/^[A-Za-z0-9%+/=]{8,40}$/);
        const noise = fc.string({ maxLength: 2_000 });
        fc.assert(
            fc.property(noise, signature, noise, fc.constantFrom("sig", "Sig", "signature"), fc.boolean(), (before, sig, after, key, asUrl) => {
                const secret = `${key}=${sig}`;
                const text = `${before} ${asUrl ? `https://acct.blob.core.windows.net/c/p.zip?sv=2024-01-01&${secret}&se=2030` : secret} ${after}`;
                const out = scrubDetail(text);
                // The noise may hold the same characters by chance (fast-check favours words like "toString"):
                // what must go is the signature's own occurrence.
                const count = (haystack: string) => haystack.split(sig).length - 1;
                expect(count(out)).toBeLessThanOrEqual(count(`${before} ${after}`));
                expect(out.length).toBeLessThanOrEqual(MAX_DETAIL_CHARS + " more characters)".length + 20);
            }),
            { numRuns: 300 },
        );
    });
});

describe("401: the token is renewed once, then the error says what to do", () => {
    test("a refused token is renewed at once, without a retry sleep", async () => {
        arm.expiredTokens.add("stale");
        const asked: boolean[] = [];
        const c = client({
            token: async (renew) => {
                asked.push(renew === true);
                return renew ? "fresh" : "stale";
            },
        });
        expect((await c.call("read gateway", "GET", GATEWAY, NETWORK_API_VERSION)).status).toBe(200);
        expect(arm.requests.map((r) => r.authorization)).toEqual(["Bearer stale", "Bearer fresh"]);
        expect(asked).toEqual([false, true]);
        expect(sleeps).toEqual([]);
    });

    test("a renewed token refused too fails after two requests, saying how to sign in", async () => {
        arm.expiredTokens.add("stale").add("also-stale");
        const c = client({ token: async (renew) => (renew ? "also-stale" : "stale") });
        const error = await removeRootCertificate(c, GATEWAY, "corp-root").catch((e) => e);
        expect(error).toMatchObject({ status: 401, code: "ExpiredAuthenticationToken" });
        expect(error.message).toMatch(/renewed token too.*az login/);
        expect(arm.requests).toHaveLength(2);
        expect(sleeps).toEqual([]);
    });

    test("with no new token to be had, the error says so after one request", async () => {
        arm.expiredTokens.add("stale");
        const c = client({ token: tokenSource("stale", async () => undefined) });
        const error = await removeRootCertificate(c, GATEWAY, "corp-root").catch((e) => e);
        expect(error).toMatchObject({ code: "NoToken" });
        expect(error.message).toMatch(/ARM refused the stored token and no new one is available: sign in again/);
        expect(arm.requests).toHaveLength(1);
    });

    test("tokenSource keeps the renewed token for the calls that follow", async () => {
        const source = tokenSource("stored", async () => "renewed");
        expect(await source()).toBe("stored");
        expect(await source(true)).toBe("renewed");
        expect(await source()).toBe("renewed");
    });
});

describe("long-running operations as Azure's specification declares them", () => {
    test.each([200, 201] as const)("a gateway PUT answered %i with Azure-AsyncOperation is awaited before the package", async (status) => {
        arm.lro = { ...arm.lro, gatewayPut: status, pollsUntilDone: 3 };
        const c = client();
        await addRootCertificate(c, GATEWAY, "appservice-remote", "QVBQ");
        expect(await generateVpnClientPackage(c, GATEWAY)).toBe(PACKAGE_URL);
        expect(arm.busyAnswers).toBe(0);
        const kinds = arm.requests.map((r) => (r.path.startsWith("/operations/") ? "status" : r.path.startsWith("/locations/") ? "location" : `${r.method} ${r.path.replace(GATEWAY, "{gw}")}`));
        expect(kinds).toEqual(["GET {gw}", "PUT {gw}", "status", "status", "status", "status", "GET {gw}", "POST {gw}/generatevpnclientpackage", "location", "location", "location", "location"]);
    });

    test("the package answered 202 with Azure-AsyncOperation and Location: status polled, result from Location", async () => {
        arm.lro = { ...arm.lro, packageAnswer: "202-async", pollsUntilDone: 2 };
        expect(await generateVpnClientPackage(client(), GATEWAY)).toBe(PACKAGE_URL);
        expect(arm.requests.map((r) => r.path.split("/")[1])).toEqual(["subscriptions", "operations", "operations", "operations", "locations"]);
    });

    test("the package answered 200 at once needs no polling", async () => {
        arm.lro = { ...arm.lro, packageAnswer: "200" };
        expect(await generateVpnClientPackage(client(), GATEWAY)).toBe(PACKAGE_URL);
        expect(arm.requests).toHaveLength(1);
    });
});

describe("certificates matched by their data", () => {
    test("the same data under another name is not added twice", async () => {
        await addRootCertificate(client(), GATEWAY, "appservice-remote", "Q09SUA==");
        expect(arm.certificates(GATEWAY)).toEqual(["corp-root", "partner-root"]);
        expect(arm.requests.map((r) => r.method)).toEqual(["GET"]);
    });

    test("removal by data removes it under any name and keeps the rest", async () => {
        await removeRootCertificate(client(), GATEWAY, "appservice-remote", "UEFSVE5FUg==");
        expect(arm.certificates(GATEWAY)).toEqual(["corp-root"]);
    });

    test("property: adding keeps every other certificate and holds the data exactly once", async () => {
        const base64 = fc.stringMatching(/^[A-Za-z0-9+/]{4,12}={0,2}$/);
        await fc.assert(
            fc.asyncProperty(fc.uniqueArray(fc.record({ name: fc.stringMatching(/^[a-z]{1,8}$/), data: base64 }), { selector: (c) => c.name, maxLength: 4 }), base64, async (existing, data) => {
                arm.addGateway(GATEWAY, existing);
                await addRootCertificate(client(), GATEWAY, "appservice-remote", data);
                const after = arm.certificateData(GATEWAY);
                expect(after.filter((c) => c.data === data)).toHaveLength(1);
                for (const c of existing.filter((e) => e.name !== "appservice-remote")) expect(after).toContainEqual(c);
            }),
            { numRuns: 25 },
        );
    });
});
