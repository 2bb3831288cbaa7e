/** The dynamic providers' own behaviour: what they send to ARM, and what counts as a change. */
import { GATEWAY_CALL_DEFAULTS } from "../components/arm/gateway";
import { clientFor, rootCertificateProvider, RootCertificateInputs, vpnPackageProvider, WEB_API_VERSION } from "../components/gateway/providers";
import { FakeArm, PACKAGE_URL } from "./support/fakeArm";

const GATEWAY = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net/providers/Microsoft.Network/virtualNetworkGateways/shared-gw";
const CONNECTION = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/apps/providers/Microsoft.Web/sites/orders/virtualNetworkConnections/shared";

let arm: FakeArm;
beforeEach(async () => {
    arm = new FakeArm();
    await arm.start();
    arm.addGateway(GATEWAY, [{ name: "corp-root", data: "Q09SUA==" }]);
});
afterEach(() => arm.stop());

const packageInputs = () => ({
    endpoint: arm.url,
    token: "token-1",
    gatewayId: GATEWAY,
    connectionId: CONNECTION,
    vnetName: "shared",
    certificateThumbprint: "AB12",
    dnsServers: ["10.60.0.4"],
    // The loopback ARM answers at once: poll it every few ms, not every 15 s.
    armOptions: { pollIntervalMs: 5 },
});

test("the package is generated, then its URL is written to gateways/primary", async () => {
    const created = await vpnPackageProvider.create(packageInputs());
    expect(created.id).toBe(`${CONNECTION}/gateways/primary`);
    expect(created.outs?.packageUri).toBe(PACKAGE_URL);
    const put = arm.requests.find((r) => r.method === "PUT")!;
    expect(put).toMatchObject({ path: `${CONNECTION}/gateways/primary`, apiVersion: WEB_API_VERSION, body: { properties: { vnetName: "shared", vpnPackageUri: PACKAGE_URL } } });
    expect(arm.requests.findIndex((r) => r.method === "PUT")).toBeGreaterThan(arm.requests.findIndex((r) => r.path.endsWith("/generatevpnclientpackage")));
});

test("a DNS or certificate change re-syncs in place; a new token alone is no change", async () => {
    const olds = packageInputs();
    const diff = (news: ReturnType<typeof packageInputs>) => vpnPackageProvider.diff!("id", { ...olds, packageUri: "x", syncedAt: "t" } as never, news);
    expect(await diff({ ...olds, dnsServers: ["10.60.0.5"] })).toMatchObject({ changes: true, replaces: [] });
    expect(await diff({ ...olds, certificateThumbprint: "CD34" })).toMatchObject({ changes: true, replaces: [] });
    expect(await diff({ ...olds, token: "token-2" })).toMatchObject({ changes: false });
    expect(await diff({ ...olds, connectionId: `${CONNECTION}2` })).toMatchObject({ changes: true, replaces: ["connectionId"] });
});

test("the certificate resource adds on create and removes on delete when asked, leaving the other certificates", async () => {
    const inputs = { endpoint: arm.url, token: "token-1", gatewayId: GATEWAY, certificateName: "appservice-shared", publicCertData: "QVBQ", removeOnDelete: true, armOptions: { pollIntervalMs: 5 } };
    const created = await rootCertificateProvider.create(inputs);
    expect(arm.certificates(GATEWAY)).toEqual(["corp-root", "appservice-shared"]);
    await rootCertificateProvider.delete!(created.id, inputs);
    expect(arm.certificates(GATEWAY)).toEqual(["corp-root"]);
    expect(await rootCertificateProvider.diff!("id", inputs, { ...inputs, token: "token-2" })).toMatchObject({ changes: false });
});

const certificateInputs = (overrides: Partial<RootCertificateInputs> = {}): RootCertificateInputs => ({
    endpoint: arm.url,
    token: "token-1",
    gatewayId: GATEWAY,
    certificateName: "appservice-shared",
    publicCertData: "QVBQ",
    armOptions: { pollIntervalMs: 5 },
    ...overrides,
});

describe("the shared app certificate (one per subscription and VNet)", () => {
    test("two plans adopting one gateway, by default: plan A's stack destroyed, plan B's certificate stays, once, untouched", async () => {
        // Run 1: plan A's stack. Run 2: plan B's stack, same VNet, so Azure gave it the same certificate.
        const planA = await rootCertificateProvider.create(certificateInputs());
        await rootCertificateProvider.create(certificateInputs());
        const shared = [
            { name: "corp-root", data: "Q09SUA==" },
            { name: "appservice-shared", data: "QVBQ" },
        ];
        expect(arm.certificateData(GATEWAY)).toEqual(shared);
        const writesBefore = arm.requests.filter((r) => r.method === "PUT").length;
        // Run 3: plan A's stack is destroyed.
        await rootCertificateProvider.delete!(planA.id, certificateInputs());
        expect(arm.certificateData(GATEWAY)).toEqual(shared);
        expect(arm.requests.filter((r) => r.method === "PUT")).toHaveLength(writesBefore);
    });

    test("removeOnDelete: true while plan B's stack still uses the certificate: it is removed, as its TSDoc warns (ARM cannot tell)", async () => {
        const planA = await rootCertificateProvider.create(certificateInputs({ removeOnDelete: true }));
        await rootCertificateProvider.create(certificateInputs());
        await rootCertificateProvider.delete!(planA.id, certificateInputs({ removeOnDelete: true }));
        expect(arm.certificateData(GATEWAY)).toEqual([{ name: "corp-root", data: "Q09SUA==" }]);
    });

    test("the same data already there under another name is adopted, not added twice", async () => {
        arm.addGateway(GATEWAY, [{ name: "added-by-hand", data: "QVBQ" }]);
        await rootCertificateProvider.create(certificateInputs());
        expect(arm.certificates(GATEWAY)).toEqual(["added-by-hand"]);
        expect(arm.requests.filter((r) => r.method === "PUT")).toHaveLength(0);
    });

    test("asked to remove it, delete removes it under any name; a gateway already gone does not block destroy", async () => {
        arm.addGateway(GATEWAY, [{ name: "corp-root", data: "Q09SUA==" }, { name: "added-by-hand", data: "QVBQ" }]);
        await rootCertificateProvider.delete!("id", certificateInputs({ removeOnDelete: true }));
        expect(arm.certificates(GATEWAY)).toEqual(["corp-root"]);
        await expect(rootCertificateProvider.delete!("id", certificateInputs({ removeOnDelete: true, gatewayId: `${GATEWAY}-deleted` }))).resolves.toBeUndefined();
    });

    test("turning removeOnDelete on is an in-place change, never a replacement", async () => {
        expect(await rootCertificateProvider.diff!("id", certificateInputs(), certificateInputs({ removeOnDelete: true }))).toMatchObject({ changes: true, replaces: [] });
    });
});

describe("gateway steps in order, as Azure answers", () => {
    test.each([200, 201] as const)("the certificate update (PUT answered %i, still updating) is awaited before the package: no AnotherOperationInProgress", async (status) => {
        arm.lro = { ...arm.lro, gatewayPut: status, pollsUntilDone: 3 };
        await rootCertificateProvider.create(certificateInputs());
        const created = await vpnPackageProvider.create(packageInputs());
        expect(created.outs?.packageUri).toBe(PACKAGE_URL);
        expect(arm.busyAnswers).toBe(0);
    });

    test("an ARM error echoing the package URL does not put its signature in the message", async () => {
        arm.inject("PUT", "/gateways/primary", { kind: "status", status: 400, code: "BadRequest", echoBody: true });
        const error = await vpnPackageProvider.create(packageInputs()).catch((e: Error) => e);
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message).toMatch(/write VPN package to gateways\/primary failed \(HTTP 400 BadRequest\)/);
        expect((error as Error).message).not.toContain("SECRET");
    });
});

describe("armOptions", () => {
    test("are used by the providers' calls: maxRetries 0 gives up after one attempt", async () => {
        arm.inject("POST", "generatevpnclientpackage", { kind: "status", status: 500 }, 1);
        await expect(vpnPackageProvider.create({ ...packageInputs(), armOptions: { pollIntervalMs: 5, maxRetries: 0 } })).rejects.toMatchObject({ status: 500 });
        expect(arm.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    });

    test("are not diffed: a longer timeout alone changes nothing in Azure", async () => {
        const olds = packageInputs();
        expect(await vpnPackageProvider.diff!("id", { ...olds, packageUri: "x", syncedAt: "t" } as never, { ...olds, armOptions: { operationTimeoutMs: 90 * 60_000 } })).toMatchObject({ changes: false });
        expect(await rootCertificateProvider.diff!("id", certificateInputs(), certificateInputs({ armOptions: { maxRetries: 1 } }))).toMatchObject({ changes: false });
    });

    test("unset, gateway steps get budgets in minutes, not seconds", () => {
        const client = clientFor({ endpoint: arm.url, token: "t" });
        expect(client.deadline() - Date.now()).toBeGreaterThanOrEqual(30 * 60_000);
        expect(GATEWAY_CALL_DEFAULTS.operationTimeoutMs).toBeGreaterThanOrEqual(30 * 60_000);
        expect(GATEWAY_CALL_DEFAULTS.timeoutMs).toBeGreaterThanOrEqual(60_000);
        // A gateway busy for 20 minutes is outlasted by the client's own retries (its backoff, its retry count).
        const retries = Array.from({ length: GATEWAY_CALL_DEFAULTS.maxRetries }, (_, i) => client.backoff(i));
        expect(retries.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(20 * 60_000);
        expect(Math.max(...retries)).toBeLessThanOrEqual(30_000);
    });

    test("unset values keep their defaults beside the ones given", () => {
        const client = clientFor({ endpoint: arm.url, token: "t", armOptions: { maxRetries: 2, operationTimeoutMs: undefined } });
        expect(client.deadline() - Date.now()).toBeGreaterThanOrEqual(30 * 60_000);
    });
});
