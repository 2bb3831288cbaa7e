/**
 * The dynamic providers as Pulumi stores them: serialized the way `pulumi.dynamic.Resource`
 * does, the code must need nothing but Node built-ins (an installed package has no deep
 * imports in `exports`, and a resource outlives the version that made it), and the stored
 * code must still talk to ARM. tools/consumer-check.sh runs the same from the packed tarball.
 */
import { isBuiltin } from "module";
import * as pulumi from "@pulumi/pulumi";
import { rootCertificateProvider, vpnPackageProvider } from "../components/gateway/providers";
import { FakeArm, PACKAGE_URL } from "./support/fakeArm";

const GATEWAY = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net/providers/Microsoft.Network/virtualNetworkGateways/shared-gw";
const CONNECTION = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/apps/providers/Microsoft.Web/sites/orders/virtualNetworkConnections/shared";

/** What the engine's dynamic provider host does with the stored text: evaluate it as a module. */
async function stored<T>(provider: T): Promise<{ text: string; requires: string[]; provider: T }> {
    const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    const requires: string[] = [];
    const module = { exports: {} as Record<string, () => T> };
    const sandboxRequire = (name: string) => {
        requires.push(name);
        if (!isBuiltin(name)) throw new Error(`the stored provider requires ${name}`);
        return require(name);
    };
    new Function("exports", "require", "module", serialized.text)(module.exports, sandboxRequire, module);
    return { text: serialized.text, requires, provider: module.exports[serialized.exportName]() };
}

let arm: FakeArm;
beforeEach(async () => {
    arm = new FakeArm();
    await arm.start();
    arm.addGateway(GATEWAY, [{ name: "corp-root", data: "Q09SUA==" }]);
});
afterEach(() => arm.stop());

test("the stored providers require only Node built-ins, never a file of this package", async () => {
    for (const provider of [rootCertificateProvider, vpnPackageProvider]) {
        const { text, requires } = await stored(provider);
        expect(text).not.toMatch(/require\(["'](\.|appservice-vnet-integration|@pulumi)/);
        expect(requires.filter((name) => !isBuiltin(name))).toEqual([]);
    }
});

test("the stored certificate provider adds the certificate through ARM", async () => {
    const { provider } = await stored(rootCertificateProvider);
    const inputs = { endpoint: arm.url, token: "token-1", gatewayId: GATEWAY, certificateName: "appservice-shared", publicCertData: "QVBQ", armOptions: { pollIntervalMs: 5 } };
    await provider.create(inputs);
    expect(arm.certificates(GATEWAY)).toEqual(["corp-root", "appservice-shared"]);
});

test("the stored package provider generates the package and writes its URL", async () => {
    const { provider } = await stored(vpnPackageProvider);
    const created = await provider.create({
        endpoint: arm.url,
        token: "token-1",
        gatewayId: GATEWAY,
        connectionId: CONNECTION,
        vnetName: "shared",
        certificateThumbprint: "AB12",
        dnsServers: ["10.60.0.4"],
        armOptions: { pollIntervalMs: 5 },
    });
    expect(created.outs?.packageUri).toBe(PACKAGE_URL);
});
