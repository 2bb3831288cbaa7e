/**
 * Benchmark: N integrations written with a component against the same Azure resources
 * written by hand, each variant in a fresh process under the same mocks. Prints time and
 * peak RSS per variant and their ratios.
 *
 * A third variant, "bare", puts the hand-written resources inside an empty ComponentResource:
 * the cost of being a component at all (one more registration per integration), so
 * component / bare is what the library's own logic costs.
 *
 *   npm run bench [-- regional|resources|gateway|peered [N ...]]
 *   (default: regional 10 100 300, resources 10 100 at preview and at up, gateway 10 100,
 *   peered 50: one hub, 50 peers of 4 prefixes)
 *
 * "resources" is what preview-time checking costs: plan, VNet and app are resources of the
 * same program, so the component reads each fact from their outputs and runs its rules as
 * soon as they are known; it runs as the first `pulumi preview` of a new stack and as `up`.
 *   BENCH_ROUNDS=3: runs per variant; the best is kept.
 */
import { execFileSync } from "child_process";
import * as pulumi from "@pulumi/pulumi";

type Variant = "component" | "hand" | "bare";
type Scenario = "regional" | "resources" | "gateway" | "peered";
type Mode = "preview" | "up";

class Bare extends pulumi.ComponentResource {
    constructor(name: string) {
        super("bench:index:Bare", name, {}, {});
    }
    done(): void {
        this.registerOutputs({});
    }
}

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups";

/** One regional integration: a delegated subnet and one app link. */
async function regional(variant: Variant, i: number): Promise<void> {
    const network = await import("@pulumi/azure-native/network");
    const web = await import("@pulumi/azure-native/web");
    const { RegionalVnetIntegration } = await import("../components");
    const vnet = { id: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/vnet${i}`, name: `vnet${i}`, resourceGroupName: "net", location: "westeurope" };
    const app = { name: `app${i}`, resourceGroupName: "apps" };
    const prefix = `10.${i % 256}.${Math.floor(i / 256)}.0/26`;
    if (variant === "component") {
        new RegionalVnetIntegration(`int${i}`, {
            plan: { id: `${SUB}/apps/providers/Microsoft.Web/serverfarms/plan${i}`, location: "westeurope", sku: { name: "P1v3" } },
            virtualNetwork: { ...vnet, addressSpace: ["10.0.0.0/8"] },
            subnet: { addressPrefix: prefix },
            apps: [app],
        });
        return;
    }
    const parent = variant === "bare" ? new Bare(`int${i}`) : undefined;
    const subnet = new network.Subnet(
        `int${i}-subnet`,
        { resourceGroupName: "net", virtualNetworkName: vnet.name, subnetName: `int${i}`, addressPrefix: prefix, delegations: [{ name: "delegation", serviceName: "Microsoft.Web/serverFarms" }] },
        { parent },
    );
    new web.WebAppSwiftVirtualNetworkConnection(`int${i}-${app.name}`, { ...app, subnetResourceId: subnet.id }, { dependsOn: [subnet], parent });
    parent?.done();
}

/** One regional integration whose plan, VNet and app are resources of the program (facts read from their outputs). */
async function resources(variant: Variant, i: number): Promise<void> {
    const network = await import("@pulumi/azure-native/network");
    const web = await import("@pulumi/azure-native/web");
    const { RegionalVnetIntegration } = await import("../components");
    const plan = new web.AppServicePlan(`plan${i}`, { resourceGroupName: "apps", location: "westeurope", kind: "app", reserved: false, sku: { name: "P1v3", capacity: 3 } });
    const vnet = new network.VirtualNetwork(`vnet${i}`, { resourceGroupName: "net", virtualNetworkName: `vnet${i}`, location: "westeurope", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
    const app = new web.WebApp(`app${i}`, { resourceGroupName: "apps", name: `app${i}`, location: "westeurope", serverFarmId: plan.id });
    if (variant === "component") {
        new RegionalVnetIntegration(`int${i}`, { plan, virtualNetwork: vnet, subnet: { addressPrefix: "10.0.1.0/26" }, apps: [app] });
        return;
    }
    const parent = variant === "bare" ? new Bare(`int${i}`) : undefined;
    const subnet = new network.Subnet(
        `int${i}-subnet`,
        { resourceGroupName: "net", virtualNetworkName: vnet.name, subnetName: `int${i}`, addressPrefix: "10.0.1.0/26", delegations: [{ name: "delegation", serviceName: "Microsoft.Web/serverFarms" }] },
        { parent },
    );
    new web.WebAppSwiftVirtualNetworkConnection(`int${i}-app${i}`, { name: app.name, resourceGroupName: "apps", subnetResourceId: subnet.id }, { dependsOn: [subnet], parent });
    parent?.done();
}

/** One gateway integration: connection, GatewaySubnet, public IP, gateway with the certificate, package. */
async function gateway(variant: Variant, i: number): Promise<void> {
    const network = await import("@pulumi/azure-native/network");
    const web = await import("@pulumi/azure-native/web");
    const { GatewayVnetIntegration, VpnPackageSync } = await import("../components");
    const vnet = { id: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/remote${i}`, name: `remote${i}`, resourceGroupName: "net", location: "eastus", addressSpace: ["10.50.0.0/16"] };
    // One plan per integration: a plan may use five VNets at most (VNI-G03).
    const plan = { id: `${SUB}/apps/providers/Microsoft.Web/serverfarms/win${i}`, location: "westeurope", sku: { name: "S1" } };
    const app = { name: `app${i}`, resourceGroupName: "apps" };
    if (variant === "component") {
        new GatewayVnetIntegration(`gw${i}`, { plan, apps: [app], virtualNetwork: vnet, gateway: { addressPool: ["172.16.201.0/24"], gatewaySubnetPrefix: "10.50.255.0/27" }, limits: "documented" }); // a new gateway: documented only (VNI-G17)
        return;
    }
    const parent = variant === "bare" ? new Bare(`gw${i}`) : undefined;
    const connection = new web.WebAppVnetConnection(`gw${i}-${app.name}`, { ...app, vnetName: vnet.name, vnetResourceId: vnet.id, isSwift: false }, { parent });
    const subnet = new network.Subnet(`gw${i}-gateway-subnet`, { resourceGroupName: "net", virtualNetworkName: vnet.name, subnetName: "GatewaySubnet", addressPrefix: "10.50.255.0/27" }, { parent });
    const ip = new network.PublicIPAddress(`gw${i}-gateway-ip`, { resourceGroupName: "net", location: "eastus", sku: { name: "Standard", tier: "Regional" }, publicIPAllocationMethod: "Static", publicIPAddressVersion: "IPv4" }, { parent });
    const gw = new network.VirtualNetworkGateway(
        `gw${i}-gateway`,
        {
            resourceGroupName: "net",
            location: "eastus",
            gatewayType: "Vpn",
            vpnType: "RouteBased",
            enableBgp: false,
            activeActive: false,
            sku: { name: "VpnGw1AZ", tier: "VpnGw1AZ" },
            ipConfigurations: [{ name: "default", privateIPAllocationMethod: "Dynamic", subnet: { id: subnet.id }, publicIPAddress: { id: ip.id } }],
            vpnClientConfiguration: {
                vpnClientAddressPool: { addressPrefixes: ["172.16.201.0/24"] },
                vpnClientProtocols: ["SSTP"],
                vpnAuthenticationTypes: ["Certificate"],
                vpnClientRootCertificates: [{ name: `appservice-${vnet.name}`, publicCertData: connection.certBlob.apply((b) => b ?? "") }],
            },
        },
        { parent, dependsOn: [connection], customTimeouts: { create: "75m", update: "75m", delete: "75m" } },
    );
    new VpnPackageSync(
        `gw${i}-${app.name}-package`,
        { gatewayId: gw.id, connectionId: connection.id, vnetName: vnet.name, certificateThumbprint: connection.certThumbprint, dnsServers: [], endpoint: "https://management.azure.com", token: "" },
        { parent, dependsOn: [connection, gw] },
    );
    parent?.done();
}

/** One hub with a created gateway and one app, and `n` peers of 4 prefixes each: 2n peerings, 4n routes. */
async function peered(variant: Variant, n: number): Promise<void> {
    const network = await import("@pulumi/azure-native/network");
    const web = await import("@pulumi/azure-native/web");
    const { GatewayVnetIntegration, PeeredGatewayRoutes } = await import("../components");
    const vnet = (name: string, space: string[]) => ({ id: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/${name}`, name, resourceGroupName: "net", location: "eastus", addressSpace: space });
    // Peer i: four /20s in 10.(60 + i/4).(64 * (i % 4)).0/18, clear of the hub and of each other.
    const peers = Array.from({ length: n }, (_, i) => vnet(`peer${i}`, [0, 1, 2, 3].map((q) => `10.${60 + Math.floor(i / 4)}.${(i % 4) * 64 + q * 16}.0/20`)));
    const hub = new GatewayVnetIntegration("hub", {
        plan: { id: `${SUB}/apps/providers/Microsoft.Web/serverfarms/win`, location: "westeurope", sku: { name: "S1" } },
        apps: [{ name: "orders", resourceGroupName: "apps" }],
        virtualNetwork: vnet("hub", ["10.50.0.0/16"]),
        gateway: { addressPool: ["172.16.201.0/24"], gatewaySubnetPrefix: "10.50.255.0/27" },
        limits: "documented", // a new gateway: documented only (VNI-G17)
    });
    if (variant === "component") {
        new PeeredGatewayRoutes("peers", { hub, peers: peers.map((p) => ({ virtualNetwork: p })) });
        return;
    }
    const parent = variant === "bare" ? new Bare("peers") : undefined;
    const after = hub.hub.dependencies;
    for (const p of peers) {
        const out = new network.VirtualNetworkPeering(
            `peers-${p.name}-hub-to-peer`,
            { resourceGroupName: "net", virtualNetworkName: "hub", virtualNetworkPeeringName: `to-${p.name}`, remoteVirtualNetwork: { id: p.id }, allowVirtualNetworkAccess: true, allowForwardedTraffic: true, allowGatewayTransit: true, useRemoteGateways: false },
            { parent },
        );
        new network.VirtualNetworkPeering(
            `peers-${p.name}-peer-to-hub`,
            { resourceGroupName: "net", virtualNetworkName: p.name, virtualNetworkPeeringName: "to-hub", remoteVirtualNetwork: { id: vnet("hub", []).id }, allowVirtualNetworkAccess: true, allowForwardedTraffic: true, allowGatewayTransit: false, useRemoteGateways: true },
            { parent, dependsOn: [...after, out] },
        );
        for (const prefix of p.addressSpace) {
            const label = `${p.name}-${prefix.replace(/[^0-9]+/g, "-")}`;
            new web.AppServicePlanRouteForVnet(`peers-${label}`, { name: "win", resourceGroupName: "apps", vnetName: "hub", routeName: label, startAddress: prefix, routeType: "STATIC" }, { parent, dependsOn: after });
        }
    }
    parent?.done();
}

/** Each scenario builds a whole program of size n. */
const SCENARIOS: Record<Scenario, (variant: Variant, n: number) => Promise<void>> = {
    regional: async (variant, n) => {
        for (let i = 0; i < n; i++) await regional(variant, i);
    },
    resources: async (variant, n) => {
        for (let i = 0; i < n; i++) await resources(variant, i);
    },
    gateway: async (variant, n) => {
        for (let i = 0; i < n; i++) await gateway(variant, i);
    },
    peered,
};

async function runVariant(scenario: Scenario, variant: Variant, n: number, mode: Mode): Promise<void> {
    const { runProgram } = await import("../components/testing");
    // Load every module before the clock starts.
    await Promise.all([import("@pulumi/azure-native/network"), import("@pulumi/azure-native/web"), import("../components")]);
    const started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    const run = await runProgram(
        async () => {
            await SCENARIOS[scenario](variant, n);
        },
        { mode },
    );
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    const cpu = process.cpuUsage(cpuBefore);
    // Peak resident set size of the whole process: monotone, unlike sampled heap use.
    const peak = process.resourceUsage().maxRSS * 1024;
    if (run.errors.length > 0) throw run.errors[0];
    console.log(JSON.stringify({ ms: elapsed, cpuMs: (cpu.user + cpu.system) / 1000, peakMiB: peak / 2 ** 20, resources: run.mocks.registrations.length }));
}

interface Measurement {
    ms: number;
    cpuMs: number;
    peakMiB: number;
    resources: number;
}

function measure(scenario: Scenario, variant: Variant, n: number, mode: Mode): Measurement {
    const out = execFileSync(process.execPath, [require.resolve("ts-node/dist/bin"), "--transpile-only", __filename, "--variant", scenario, variant, String(n), mode], {
        cwd: `${__dirname}/..`,
        encoding: "utf8",
        maxBuffer: 64 * 2 ** 20,
        stdio: ["ignore", "pipe", "ignore"],
    });
    return JSON.parse(out.trim().split("\n").pop()!);
}

const METRICS = [
    ["ms", "wall ms"],
    ["cpuMs", "CPU ms"],
    ["peakMiB", "peak RSS MiB"],
] as const;

function table(scenario: Scenario, sizes: number[], rounds: number, mode: Mode): void {
    console.log(`\n${scenario} at ${mode === "preview" ? "a new stack's first preview" : "up"}: best of ${rounds} interleaved runs per variant, each in a fresh process`);
    console.log("  c = component, b = the same resources in a bare ComponentResource (the floor of any component), h = by hand");
    for (const n of sizes) {
        const runs: Record<Variant, Measurement[]> = { component: [], bare: [], hand: [] };
        for (let round = 0; round < rounds; round++) {
            for (const variant of ["component", "bare", "hand"] as const) runs[variant].push(measure(scenario, variant, n, mode));
        }
        const best = (variant: Variant, key: (typeof METRICS)[number][0]) => Math.min(...runs[variant].map((r) => r[key]));
        const cells = METRICS.map(([key, label]) => {
            const [c, b, h] = [best("component", key), best("bare", key), best("hand", key)];
            return `${label} c ${c.toFixed(0)} b ${b.toFixed(0)} h ${h.toFixed(0)}: c/h ${(c / h).toFixed(2)} b/h ${(b / h).toFixed(2)} c/b ${(c / b).toFixed(2)}`;
        });
        console.log(`N=${n} (${runs.component[0].resources} vs ${runs.hand[0].resources} registrations)\n  ${cells.join("\n  ")}`);
    }
}

async function main(): Promise<void> {
    const argv = process.argv.slice(2);
    const at = argv.indexOf("--variant");
    if (at >= 0) return runVariant(argv[at + 1] as Scenario, argv[at + 2] as Variant, Number(argv[at + 3]), (argv[at + 4] as Mode) ?? "up");
    const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
    const chosen = argv[0] as Scenario | undefined;
    if (chosen && !(chosen in SCENARIOS)) throw new Error(`unknown scenario ${chosen}; use ${Object.keys(SCENARIOS).join(", ")}`);
    const sizes = argv.slice(1).map(Number);
    const plan: [Scenario, number[], Mode][] = chosen
        ? [[chosen, sizes.length > 0 ? sizes : [10, 100], chosen === "resources" ? "preview" : "up"]]
        : [
              ["regional", [10, 100, 300], "up"],
              ["resources", [10, 100], "preview"],
              ["resources", [10, 100], "up"],
              ["gateway", [10, 100], "up"],
              ["peered", [50], "up"],
          ];
    for (const [scenario, ns, mode] of plan) table(scenario, ns, rounds, mode);
}

main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
});
