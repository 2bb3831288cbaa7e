/**
 * The gateway examples under the real engine: adopting today's SSTP gateways (the default profile), and the
 * 2019 page's path (a new VNet and a new SSTP gateway, `documented`) on an Azure whose clock is before
 * 31 March 2026, when Azure still let gateways enable SSTP. The gateway's ARM steps (root certificate, VPN
 * package) run as dynamic providers in the engine's provider process against the stand-in's loopback ARM.
 */
import { AzureModel } from "../azure-standin/model";
import { EngineHome, Stack } from "./harness";
import { seedGateway } from "./seeds";

let home: EngineHome;
let azure: AzureModel;

beforeAll(async () => {
    home = await EngineHome.create("gateway");
    azure = new AzureModel(home.stateFile);
    seedGateway(azure);
});
afterAll(() => home?.close());

const gateway = (name: string) => azure.list("Microsoft.Network/virtualNetworkGateways").find((g) => g.name === name);
const rootCertificates = (name: string): Array<{ name: string }> => gateway(name)?.properties.vpnClientConfiguration?.vpnClientRootCertificates ?? [];
const vnetConnections = () => azure.list().filter((r) => /\/virtualNetworkConnections\/[^/]+$/i.test(r.id) && /Microsoft.Web\/sites/i.test(r.id));

describe("gateway example, adopting the VNets' SSTP gateways (scenario gateway)", () => {
    let stack: Stack;
    beforeAll(async () => {
        stack = await Stack.init(home, ".", "gateway", { scenario: "gateway" });
    });

    test("a new stack's preview plans the connections and the certificate, and creates nothing", async () => {
        const before = azure.ids().length;
        const run = await stack.preview();
        expect(run.code).toBe(0);
        expect(run.output).toMatch(/\+ .*azure-native:web:WebAppVnetConnection/);
        expect(run.output).toMatch(/VNI-G14/); // the retirement warning on every use
        expect(azure.ids()).toHaveLength(before);
    });

    test("pulumi up: the dynamic providers add the apps' certificate to the adopted gateway and sync each VPN package", async () => {
        const run = await stack.must(["up", "--yes", "--skip-preview"]);
        expect(run.output).toMatch(/pulumi-nodejs:dynamic\/appservice-vnet-integration:GatewayRootCertificate remote-vnet-certificate created/);
        expect(run.output).toMatch(/pulumi-nodejs:dynamic\/appservice-vnet-integration:VpnPackageSync .* created/);
        expect(rootCertificates("remote-gw").length).toBe(1);
        expect(vnetConnections().length).toBeGreaterThanOrEqual(4);
        await stack.must(["preview", "--expect-no-changes"]);
        await stack.must(["refresh", "--yes", "--skip-preview"]);
        await stack.must(["preview", "--expect-no-changes"]);
    });

    test("stack export: the ARM token and the VPN package URLs are secrets, never plain text", async () => {
        const { text } = await stack.exportState();
        expect(text).not.toMatch(/standin\.blob\.core\.windows\.net[^"]*sig=/i);
        expect(text).not.toMatch(/"token":\s*"[^"]/);
        expect(text).toMatch(/4dabf18193072939515e22adb298388d/); // Pulumi's secret signature: secrets are there, encrypted
    });

    test("pulumi destroy removes what the stack made and keeps the adopted gateways and their shared certificate", async () => {
        await stack.must(["destroy", "--yes", "--skip-preview"]);
        expect(vnetConnections()).toHaveLength(0);
        expect(gateway("remote-gw")).toBeDefined();
        expect(gateway("shared-gw")).toBeDefined();
        expect(azure.list("Microsoft.Web/sites")).toHaveLength(0);
        // The certificate is shared by every app of the plan on that gateway: kept unless removeCertificateOnDelete.
        expect(rootCertificates("remote-gw").length).toBe(1);
    });
});

describe("gateway example on the 2019 page's path: a new SSTP gateway (scenario gateway-documented)", () => {
    const beforeSstpRetirement = { AZURE_STANDIN_NOW: "2026-01-15T00:00:00Z" };
    let stack: Stack;
    beforeAll(async () => {
        stack = await Stack.init(home, ".", "gateway-documented", { scenario: "gateway-documented" });
    });

    test("today's Azure refuses the new SSTP gateway at up, as VNI-G17 says under azure-2026", async () => {
        const run = await stack.up();
        expect(run.code).not.toBe(0);
        expect(run.output).toMatch(/SSTP/);
        await stack.must(["destroy", "--yes", "--skip-preview"]);
    });

    test("before 31 March 2026 it deploys, converges, and destroys to nothing but the adopted gateway", async () => {
        await stack.must(["up", "--yes", "--skip-preview"], { env: beforeSstpRetirement });
        expect(azure.list("Microsoft.Network/virtualNetworkGateways").length).toBe(3);
        await stack.must(["preview", "--expect-no-changes"], { env: beforeSstpRetirement });
        await stack.must(["destroy", "--yes", "--skip-preview"], { env: beforeSstpRetirement });
        expect(azure.list("Microsoft.Network/virtualNetworkGateways").map((g) => g.name).sort()).toEqual(["remote-gw", "shared-gw"]);
    });
});
