/** The dynamic providers' own behaviour: what they send to ARM, and what counts as a change. */
import { rootCertificateProvider, vpnPackageProvider, WEB_API_VERSION } from "../components/gateway/providers";
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

test("the certificate resource adds on create and removes on delete, leaving the other certificates", async () => {
    const inputs = { endpoint: arm.url, token: "token-1", gatewayId: GATEWAY, certificateName: "appservice-shared", publicCertData: "QVBQ" };
    const created = await rootCertificateProvider.create(inputs);
    expect(arm.certificates(GATEWAY)).toEqual(["corp-root", "appservice-shared"]);
    await rootCertificateProvider.delete!(created.id, inputs);
    expect(arm.certificates(GATEWAY)).toEqual(["corp-root"]);
    expect(await rootCertificateProvider.diff!("id", inputs, { ...inputs, token: "token-2" })).toMatchObject({ changes: false });
});
