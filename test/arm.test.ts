import { ArmClient, ArmError } from "../components/arm/client";
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
