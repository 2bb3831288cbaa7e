/**
 * The policy pack over raw azure-native resources, offline: stacks written by hand as the
 * engine would hand them to `validateStack` (good, one bad per rule, unknown at preview), and
 * stacks built with the components, which the pack must pass.
 */
import * as web from "@pulumi/azure-native/web";
import { spawn } from "child_process";
import fc from "fast-check";
import * as path from "path";
import type { PolicyResource } from "@pulumi/policy";
import { dependsOn, offlineResource, OfflineReport, policies, UNKNOWN, validateStackOffline } from "../components/policy";
import { runProgram } from "../components/testing";
import { scenarios } from "../examples/scenarios";

const RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers";
const PLAN_ID = `${RG}/Microsoft.Web/serverfarms/apps-plan`;
const subnetId = (vnet: string, subnet: string) => `${RG}/Microsoft.Network/virtualNetworks/${vnet}/subnets/${subnet}`;
const vnetId = (vnet: string) => `${RG}/Microsoft.Network/virtualNetworks/${vnet}`;

type Spec = { type: string; props: Record<string, any> };
type Stack = Record<string, Spec>;

const T = {
    plan: "azure-native:web:AppServicePlan",
    app: "azure-native:web:WebApp",
    swift: "azure-native:web:WebAppSwiftVirtualNetworkConnection",
    connection: "azure-native:web:WebAppVnetConnection",
    route: "azure-native:web:AppServicePlanRouteForVnet",
    vnet: "azure-native:network:VirtualNetwork",
    subnet: "azure-native:network:Subnet",
    gateway: "azure-native:network:VirtualNetworkGateway",
    peering: "azure-native:network:VirtualNetworkPeering",
};

const serverFarms = [{ name: "delegation", serviceName: "Microsoft.Web/serverFarms" }];

/** Regional integration done right: a Linux P1v3 plan of 3, a delegated /26, one app per form. */
function regionalStack(): Stack {
    return {
        plan: { type: T.plan, props: { name: "apps-plan", resourceGroupName: "rg", location: "westeurope", kind: "linux", reserved: true, sku: { name: "P1v3", tier: "PremiumV3", capacity: 3 } } },
        hub: {
            type: T.vnet,
            props: { virtualNetworkName: "hub", resourceGroupName: "rg", location: "westeurope", addressSpace: { addressPrefixes: ["10.0.0.0/16"] }, dhcpOptions: { dnsServers: ["10.0.0.4", "10.0.0.5"] } },
        },
        apps: { type: T.subnet, props: { subnetName: "apps", virtualNetworkName: "hub", resourceGroupName: "rg", addressPrefix: "10.0.1.0/26", delegations: serverFarms } },
        data: { type: T.subnet, props: { subnetName: "data", virtualNetworkName: "hub", resourceGroupName: "rg", addressPrefix: "10.0.2.0/24" } },
        orders: {
            type: T.app,
            props: { name: "orders", resourceGroupName: "rg", location: "westeurope", serverFarmId: PLAN_ID, virtualNetworkSubnetId: subnetId("hub", "apps"), siteConfig: { linuxFxVersion: "NODE|20-lts" } },
        },
        billing: { type: T.app, props: { name: "billing", resourceGroupName: "rg", location: "westeurope", serverFarmId: PLAN_ID } },
        billingLink: { type: T.swift, props: { name: "billing", resourceGroupName: "rg", subnetResourceId: subnetId("hub", "apps") } },
    };
}

/** Gateway integration done right: a Windows S1 plan, an SSTP VpnGw1AZ gateway, one peer with both peerings and its route. */
function gatewayStack(): Stack {
    return {
        plan: { type: T.plan, props: { name: "apps-plan", resourceGroupName: "rg", location: "westeurope", sku: { name: "S1", tier: "Standard", capacity: 2 } } },
        orders: { type: T.app, props: { name: "orders", resourceGroupName: "rg", location: "westeurope", serverFarmId: PLAN_ID } },
        hub: { type: T.vnet, props: { virtualNetworkName: "remote", resourceGroupName: "rg", location: "northeurope", addressSpace: { addressPrefixes: ["10.50.0.0/16"] } } },
        gatewaySubnet: { type: T.subnet, props: { subnetName: "GatewaySubnet", virtualNetworkName: "remote", resourceGroupName: "rg", addressPrefix: "10.50.255.0/27" } },
        gateway: {
            type: T.gateway,
            props: {
                virtualNetworkGatewayName: "remote-gw",
                resourceGroupName: "rg",
                location: "northeurope",
                gatewayType: "Vpn",
                vpnType: "RouteBased",
                sku: { name: "VpnGw1AZ", tier: "VpnGw1AZ" },
                ipConfigurations: [{ name: "default", subnet: { id: subnetId("remote", "GatewaySubnet") } }],
                vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: ["172.16.201.0/24"] }, vpnClientProtocols: ["SSTP"] },
            },
        },
        connection: { type: T.connection, props: { name: "orders", resourceGroupName: "rg", vnetName: "remote", vnetResourceId: vnetId("remote"), isSwift: false } },
        data: { type: T.vnet, props: { virtualNetworkName: "data", resourceGroupName: "rg", location: "northeurope", addressSpace: { addressPrefixes: ["10.60.0.0/16"] } } },
        hubToData: {
            type: T.peering,
            props: {
                virtualNetworkName: "remote",
                resourceGroupName: "rg",
                virtualNetworkPeeringName: "to-data",
                remoteVirtualNetwork: { id: vnetId("data") },
                allowVirtualNetworkAccess: true,
                allowForwardedTraffic: true,
                allowGatewayTransit: true,
                useRemoteGateways: false,
            },
        },
        dataToHub: {
            type: T.peering,
            props: {
                virtualNetworkName: "data",
                resourceGroupName: "rg",
                virtualNetworkPeeringName: "to-remote",
                remoteVirtualNetwork: { id: vnetId("remote") },
                allowVirtualNetworkAccess: true,
                allowForwardedTraffic: true,
                allowGatewayTransit: false,
                useRemoteGateways: true,
            },
        },
        route: { type: T.route, props: { name: "apps-plan", resourceGroupName: "rg", vnetName: "remote", routeName: "10-60-0-0-16", startAddress: "10.60.0.0/16", routeType: "STATIC" } },
    };
}

function resources(stack: Stack): PolicyResource[] {
    return Object.entries(stack).map(([name, spec]) => offlineResource({ type: spec.type, name, props: spec.props }));
}

/**
 * Runs the pack. Most stacks here are about the 2019 page's limits, so every policy gets
 * `limits: "documented"` unless the config names its own (the pack's default is azure-2026,
 * tested on its own below).
 */
async function check(stack: Stack | PolicyResource[], config: Record<string, Record<string, unknown>> = {}): Promise<OfflineReport[]> {
    const documented = Object.fromEntries(policies.map((p) => [p.name, { limits: "documented", ...config[p.name] }]));
    return validateStackOffline(policies, Array.isArray(stack) ? stack : resources(stack), documented);
}

const mandatory = (reports: OfflineReport[]) => reports.filter((r) => r.enforcementLevel === "mandatory");
const codes = (reports: OfflineReport[]) => [...new Set(reports.map((r) => r.message.slice(0, 7)))].sort();
/** The same config for every policy of the pack, as a config file would give it. */
const everyPolicy = (config: Record<string, unknown>) => Object.fromEntries(policies.map((p) => [p.name, config]));

describe("stacks of raw resources done right", () => {
    test("regional: no policy reports anything", async () => {
        expect(await check(regionalStack())).toEqual([]);
    });

    test("gateway with a peer: nothing mandatory; the advisory warnings are the retirement and the SSTP gateway", async () => {
        const reports = await check(gatewayStack());
        expect(mandatory(reports)).toEqual([]);
        expect(codes(reports)).toEqual(["VNI-G14", "VNI-G17"]);
        expect(reports.every((r) => r.policy === "vni-warnings")).toBe(true);
    });
});

/** A bad stack per rule: the rule's own policy reports it, mandatory, message first code, then a fix. */
const bad: [string, () => Stack, Record<string, unknown>?][] = [
    ["VNI-R01", () => with_(regionalStack(), (s) => (s.plan.props.sku = { name: "B1", tier: "Basic", capacity: 1 }))],
    ["VNI-R02", () => with_(regionalStack(), (s) => (s.apps.props.addressPrefix = "10.0.1.0/28"))],
    ["VNI-R03", () => with_(regionalStack(), (s) => (s.plan.props.sku.capacity = 60))],
    ["VNI-R04", () => with_(regionalStack(), (s) => (s.hub.props.location = "northeurope"))],
    [
        "VNI-R05",
        () =>
            with_(regionalStack(), (s) => {
                s.apps2 = { type: T.subnet, props: { ...s.apps.props, subnetName: "apps2", addressPrefix: "10.0.3.0/26" } };
                s.billing.props.virtualNetworkSubnetId = subnetId("hub", "apps2");
                delete s.billingLink;
            }),
    ],
    [
        "VNI-R06",
        () =>
            with_(regionalStack(), (s) => {
                s.plan2 = { type: T.plan, props: { ...s.plan.props, name: "other-plan" } };
                s.billing.props.serverFarmId = `${RG}/Microsoft.Web/serverfarms/other-plan`;
            }),
    ],
    ["VNI-R07", () => with_(regionalStack(), (s) => (s.apps.props.addressPrefix = "10.0.2.0/26"))],
    ["VNI-R12", () => with_(regionalStack(), (s) => (s.billing.props.virtualNetworkSubnetId = subnetId("hub", "apps")))],
    ["VNI-R13", () => with_(regionalStack(), (s) => (s.apps.props.delegations = [...serverFarms, { name: "sql", serviceName: "Microsoft.Sql/managedInstances" }]))],
    // Issue 17: only a site's own dnsConfiguration is judged (the VNet's servers are inherited, with no site limit).
    ["VNI-R14", () => with_(regionalStack(), (s) => (s.orders.props.dnsConfiguration = { dnsServers: ["10.0.0.4", "10.0.0.5", "10.0.0.6", "10.0.0.7", "10.0.0.8", "10.0.0.9"] }))],
    ["VNI-X02", () => with_(regionalStack(), (s) => (s.hub.props.addressSpace.addressPrefixes = ["10.0.0.0/33"]))],
    ["VNI-G01", () => with_(gatewayStack(), (s) => (s.plan.props.sku = { name: "B1", tier: "Basic" }))],
    ["VNI-G02", () => with_(gatewayStack(), (s) => (s.plan.props.reserved = true))],
    ["VNI-G05", () => with_(gatewayStack(), (s) => (s.gateway.props.vpnClientConfiguration.vpnClientAddressPool.addressPrefixes = ["100.64.0.0/24"]))],
    ["VNI-G06", () => with_(gatewayStack(), (s) => (s.gateway.props.vpnClientConfiguration.vpnClientAddressPool.addressPrefixes = ["10.60.200.0/24"]))],
    ["VNI-G07", () => with_(gatewayStack(), (s) => (s.gateway.props.vpnType = "PolicyBased"))],
    ["VNI-G08", () => with_(gatewayStack(), (s) => (s.gateway.props.vpnClientConfiguration.vpnClientProtocols = ["IkeV2", "SSTP"]))],
    ["VNI-G11", () => with_(gatewayStack(), (s) => (s.gatewaySubnet.props.addressPrefix = "10.50.255.0/30"))],
    ["VNI-G15", () => with_(gatewayStack(), (s) => (s.gateway.props.sku = { name: "Basic", tier: "Basic" }))],
    [
        "VNI-G16",
        () =>
            with_(gatewayStack(), (s) => {
                s.gateway2 = { type: T.gateway, props: { ...s.gateway.props, virtualNetworkGatewayName: "remote-gw-2" } };
            }),
    ],
    ["VNI-G17", () => gatewayStack(), { limits: "azure-2026" }],
    ["VNI-P01", () => with_(gatewayStack(), (s) => (s.hubToData.props.allowGatewayTransit = false))],
    ["VNI-P02", () => with_(gatewayStack(), (s) => (s.dataToHub.props.useRemoteGateways = false))],
    ["VNI-P03", () => with_(gatewayStack(), (s) => delete s.route)],
    [
        "VNI-P04",
        () =>
            with_(gatewayStack(), (s) => {
                s.data.props.addressSpace.addressPrefixes = ["10.50.128.0/20"];
                s.route.props.startAddress = "10.50.128.0/20";
            }),
    ],
    [
        "VNI-P05",
        () =>
            with_(gatewayStack(), (s) => {
                s.dataGatewaySubnet = { type: T.subnet, props: { subnetName: "GatewaySubnet", virtualNetworkName: "data", resourceGroupName: "rg", addressPrefix: "10.60.255.0/27" } };
                s.dataGateway = {
                    type: T.gateway,
                    props: { ...s.gateway.props, virtualNetworkGatewayName: "data-gw", ipConfigurations: [{ name: "default", subnet: { id: subnetId("data", "GatewaySubnet") } }], vpnClientConfiguration: undefined },
                };
            }),
    ],
];

function with_(stack: Stack, change: (s: Stack) => unknown): Stack {
    change(stack);
    return stack;
}

describe("a stack that breaks a rule gets a message starting with its code", () => {
    test.each(bad.map(([code]) => code))("%s", async (code) => {
        const [, stack, config] = bad.find(([c]) => c === code)!;
        const reports = await check(stack(), config ? everyPolicy(config) : {});
        const own = mandatory(reports).filter((r) => r.message.startsWith(`${code} `));
        expect(own.length).toBeGreaterThan(0);
        for (const report of own) {
            expect(report.policy.startsWith(code.toLowerCase())).toBe(true);
            expect(report.message).toMatch(/Fix: /);
            expect(report.urn).toMatch(/^urn:pulumi:/);
        }
        // No policy reports a code other than its own.
        for (const report of mandatory(reports)) expect(report.policy.startsWith(report.message.slice(0, 7).toLowerCase())).toBe(true);
    });

    test("the bad stacks break only the rule they are about, or rules it implies", async () => {
        // A pool inside a peer's space is both the pool's overlap (G06) and the peer's (P04).
        const implied: Record<string, string[]> = { "VNI-G06": ["VNI-G06", "VNI-P04"] };
        for (const [code, stack, config] of bad) {
            const reports = mandatory(await check(stack(), config ? everyPolicy(config) : {}));
            expect({ code, reported: codes(reports) }).toEqual({ code, reported: implied[code] ?? [code] });
        }
    });
});

describe("what the rules allow", () => {
    test("with no config the pack enforces azure-2026: a Basic plan on a /28 passes, a new SSTP gateway is refused", async () => {
        const basic = with_(regionalStack(), (s) => {
            s.plan.props.sku = { name: "B1", tier: "Basic", capacity: 3 };
            s.apps.props.addressPrefix = "10.0.1.0/28";
        });
        expect(await validateStackOffline(policies, resources(basic), {})).toEqual([]);
        const gateway = mandatory(await validateStackOffline(policies, resources(gatewayStack()), {}));
        expect(codes(gateway)).toEqual(["VNI-G17"]);
    });

    test("a site that picks 5 of the VNet's 6 DNS servers passes VNI-R14", async () => {
        const stack = regionalStack();
        stack.hub.props.dhcpOptions.dnsServers = ["10.0.0.4", "10.0.0.5", "10.0.0.6", "10.0.0.7", "10.0.0.8", "10.0.0.9"];
        delete stack.billingLink;
        stack.orders.props.dnsConfiguration = { dnsServers: ["10.0.0.4", "10.0.0.5", "10.0.0.6", "10.0.0.7", "10.0.0.8"] };
        expect(await check(stack)).toEqual([]);
    });

    test("a Basic plan and a /28 pass under azure-2026 and fail under documented, the message naming the other profile", async () => {
        const stack = () =>
            with_(regionalStack(), (s) => {
                s.plan.props.sku = { name: "B1", tier: "Basic", capacity: 3 };
                s.apps.props.addressPrefix = "10.0.1.0/28";
            });
        expect(await check(stack(), everyPolicy({ limits: "azure-2026" }))).toEqual([]);
        const documented = mandatory(await check(stack()));
        expect(codes(documented)).toEqual(["VNI-R01", "VNI-R02"]);
        expect(documented.find((r) => r.message.startsWith("VNI-R02"))!.message).toContain("azure-2026 limits profile allows /28");
    });

    test("two plans on one /26 subnet: VNI-R06 under documented, allowed under azure-2026 (multi-plan subnet join)", async () => {
        const [, stack] = bad.find(([code]) => code === "VNI-R06")!;
        expect(codes(mandatory(await check(stack())))).toEqual(["VNI-R06"]);
        expect(mandatory(await check(stack(), everyPolicy({ limits: "azure-2026" })))).toEqual([]);
    });

    test("a slot without its own serverFarmId runs on its app's plan: its swift connection is checked", async () => {
        const stack = with_(regionalStack(), (s) => {
            delete s.billingLink;
            s.apps.props.addressPrefix = "10.0.1.0/28";
            delete s.orders.props.virtualNetworkSubnetId;
            s.staging = { type: "azure-native:web:WebAppSlot", props: { name: "orders", slot: "staging", resourceGroupName: "rg", location: "westeurope" } };
            s.stagingLink = { type: "azure-native:web:WebAppSwiftVirtualNetworkConnectionSlot", props: { name: "orders", slot: "staging", resourceGroupName: "rg", subnetResourceId: subnetId("hub", "apps") } };
        });
        const reports = mandatory(await check(stack));
        expect(codes(reports)).toEqual(["VNI-R02"]);
        expect(reports[0].urn).toContain("stagingLink");
    });

    test("a subnet declared inline on its VNet is read like a standalone one", async () => {
        const stack = with_(regionalStack(), (s) => {
            s.hub.props.subnets = [{ name: "apps", addressPrefix: "10.0.1.0/28", delegations: serverFarms }];
            delete s.apps;
        });
        expect(codes(mandatory(await check(stack)))).toEqual(["VNI-R02"]);
    });

    test("a subnet with no delegation is VNI-R13, and the fix names the delegation", async () => {
        const stack = with_(regionalStack(), (s) => delete s.apps.props.delegations);
        const [report] = mandatory(await check(stack));
        expect(report.message).toMatch(/^VNI-R13 subnet-delegation: subnet apps has no delegation.*Fix: .*Microsoft\.Web\/serverFarms/);
    });
});

describe("suppressions and config", () => {
    test("a suppression with a reason silences its rule; other rules still report", async () => {
        const [, stack] = bad.find(([code]) => code === "VNI-R02")!;
        const broken = with_(stack(), (s) => (s.hub.props.location = "northeurope"));
        const reports = await check(broken, everyPolicy({ suppress: { "VNI-R02": "Azure allows /28 since 2021" } }));
        expect(codes(mandatory(reports))).toEqual(["VNI-R04"]);
    });

    test("a suppression without a reason or of an unknown code is VNI-X01, and suppresses nothing", async () => {
        const [, stack] = bad.find(([code]) => code === "VNI-R02")!;
        const reports = mandatory(await check(stack(), { "vni-r02-subnet-size": { suppress: { "VNI-R02": " ", "VNI-R99": "typo" } } }));
        expect(reports.map((r) => r.message.slice(0, 7)).sort()).toEqual(["VNI-R02", "VNI-X01", "VNI-X01"]);
        expect(reports.filter((r) => r.message.startsWith("VNI-X01")).every((r) => r.urn === undefined)).toBe(true);
    });

    test("a policy disabled in the config reports nothing", async () => {
        const [, stack] = bad.find(([code]) => code === "VNI-R02")!;
        expect(await check(stack(), { "vni-r02-subnet-size": { enforcementLevel: "disabled" } })).toEqual([]);
    });
});

describe("at preview, unknown values make a policy advisory, never a false pass or a false failure", () => {
    test("an unknown subnet prefix: the subnet rules can't run; nothing mandatory is reported", async () => {
        const stack = with_(regionalStack(), (s) => (s.apps.props.addressPrefix = UNKNOWN.string));
        const reports = await check(stack);
        expect(mandatory(reports)).toEqual([]);
        const r02 = reports.filter((r) => r.policy === "vni-r02-subnet-size");
        expect(r02).toEqual([{ policy: "vni-r02-subnet-size", enforcementLevel: "advisory", message: expect.stringMatching(/^can't run policy 'vni-r02-subnet-size' during preview: string value at \.addressPrefix/) }]);
        // Policies that read nothing unknown still pass in silence (the delegation is known).
        expect(reports.filter((r) => r.policy === "vni-r13-subnet-delegation")).toEqual([]);
    });

    test("an unknown subnet prefix defers the subnet rules only: a Basic plan and a second attachment form still fail", async () => {
        const stack = with_(regionalStack(), (s) => {
            s.apps.props.addressPrefix = UNKNOWN.string;
            s.plan.props.sku = { name: "B1", tier: "Basic", capacity: 1 };
            s.billing.props.virtualNetworkSubnetId = subnetId("hub", "apps");
        });
        const reports = await check(stack);
        expect(codes(mandatory(reports))).toEqual(["VNI-R01", "VNI-R12"]);
        const advisory = reports.filter((r) => r.enforcementLevel === "advisory").map((r) => r.policy);
        expect(advisory).toEqual(expect.arrayContaining(["vni-r02-subnet-size", "vni-r03-subnet-capacity", "vni-r07-subnet-placement"]));
        expect(advisory).not.toContain("vni-r01-plan-tier");
    });

    test("an unknown value in one integration does not hide a violation in another", async () => {
        const gateway = with_(gatewayStack(), (s) => {
            s.gateway.props.vpnClientConfiguration.vpnClientAddressPool.addressPrefixes = ["100.64.0.0/24"];
            s.plan.props.name = "windows-plan";
            s.orders.props = { ...s.orders.props, name: "legacy", serverFarmId: `${RG}/Microsoft.Web/serverfarms/windows-plan` };
            s.connection.props.name = "legacy";
            s.route.props.name = "windows-plan";
        });
        const stack = { ...regionalStack(), ...prefixed("gw-", gateway) };
        stack.apps.props.addressPrefix = UNKNOWN.string;
        const reports = await check(stack);
        expect(codes(mandatory(reports))).toEqual(["VNI-G05"]);
        expect(reports.some((r) => r.policy === "vni-r02-subnet-size" && r.enforcementLevel === "advisory")).toBe(true);
    });

    test("an app's subnet id unknown at preview is joined through its property dependency: a bad subnet still fails", async () => {
        const stack = with_(regionalStack(), (s) => {
            s.apps.props.addressPrefix = "10.0.1.0/28";
            s.orders.props.virtualNetworkSubnetId = UNKNOWN.string;
            s.billingLink.props.subnetResourceId = UNKNOWN.string;
        });
        const list = resources(stack);
        const subnet = list.find((r) => r.name === "apps")!;
        dependsOn(list.find((r) => r.name === "orders")!, "virtualNetworkSubnetId", subnet);
        dependsOn(list.find((r) => r.name === "billingLink")!, "subnetResourceId", subnet);
        const reports = await check(list);
        expect(codes(mandatory(reports))).toEqual(["VNI-R02"]);
        expect(reports.filter((r) => r.enforcementLevel === "advisory")).toEqual([]);
    });

    test("an unknown subnet id with no dependency to follow: advisory, not a pass", async () => {
        const stack = with_(regionalStack(), (s) => {
            s.apps.props.addressPrefix = "10.0.1.0/28";
            s.orders.props.virtualNetworkSubnetId = UNKNOWN.string;
        });
        const reports = await check(stack);
        const r02 = reports.filter((r) => r.policy === "vni-r02-subnet-size");
        // The swift connection's known id still joins billing: R02 fails for it, and orders' unknown join is said out loud.
        expect(r02.map((r) => r.enforcementLevel).sort()).toEqual(["advisory", "mandatory"]);
        expect(r02.find((r) => r.enforcementLevel === "advisory")!.message).toMatch(/can't run .* during preview: string value at \.virtualNetworkSubnetId/);
    });

    test("an unknown gateway SKU: the gateway device rules can't run; the plan's rules and the regional ones still do", async () => {
        const stack = with_(gatewayStack(), (s) => {
            s.gateway.props.sku = UNKNOWN.object;
            s.plan.props.reserved = true;
        });
        const reports = await check(stack);
        expect(codes(mandatory(reports))).toEqual(["VNI-G02"]);
        expect(reports.filter((r) => r.policy === "vni-g08-sstp-only")).toEqual([expect.objectContaining({ enforcementLevel: "advisory", message: expect.stringMatching(/^can't run policy/) })]);
        expect(reports.filter((r) => r.policy.startsWith("vni-r"))).toEqual([]);
    });
});

describe("the pack never throws on what a stack holds", () => {
    const stacks: Record<string, () => Stack> = { regional: regionalStack, gateway: gatewayStack };
    const slots = Object.entries(stacks).flatMap(([stack, make]) => Object.entries(make()).flatMap(([resource, spec]) => Object.keys(spec.props).map((prop) => ({ stack, resource, prop }))));
    const value = fc.oneof(fc.anything(), fc.constantFrom(...Object.values(UNKNOWN)), fc.constantFrom("10.0.1.0/28", "not-a-cidr", "", "::1/64"), fc.constant(undefined));

    test("any property replaced by anything: every report is a rule line or a can't-run advisory", async () => {
        await fc.assert(
            fc.asyncProperty(fc.constantFrom(...Object.keys(stacks)), fc.array(fc.tuple(fc.constantFrom(...slots), value), { maxLength: 4 }), async (name, changes) => {
                const stack = stacks[name]();
                for (const [slot, v] of changes) if (slot.stack === name) stack[slot.resource].props[slot.prop] = v;
                const reports = await check(stack);
                for (const r of reports) {
                    if (r.enforcementLevel === "mandatory") expect(r.message).toMatch(/^VNI-[RGPX]\d\d [a-z0-9-]+: .+/);
                    else expect(r.message).toMatch(/^(VNI-[RGPX]\d\d [a-z0-9-]+: |can't run policy '[a-z0-9-]+' during preview: )/);
                }
            }),
            { numRuns: 150 },
        );
    });
});

function prefixed(prefix: string, stack: Stack): Stack {
    return Object.fromEntries(Object.entries(stack).map(([name, spec]) => [`${prefix}${name}`, spec]));
}

describe("the components and the pack agree", () => {
    // The Azure name azure-native's Check gives an autonamed resource (the mocks use the logical name): the last segment of its id.
    const NAME_INPUT: Record<string, string> = { [T.vnet]: "virtualNetworkName", [T.subnet]: "subnetName", [T.gateway]: "virtualNetworkGatewayName", [T.peering]: "virtualNetworkPeeringName" };
    /** What the engine would hand over: each registered resource with its inputs, names filled in, ids as the mocks answered. */
    async function programResources(scenario: string, change: (type: string, props: Record<string, any>) => Record<string, any> | undefined = (_, p) => p) {
        const run = await runProgram(scenarios[scenario]);
        expect(run.errors).toEqual([]);
        const list: PolicyResource[] = [];
        for (const r of run.mocks.registrations) {
            const nameInput = NAME_INPUT[r.type] ?? "name";
            const props = change(r.type, { [nameInput]: r.id.split("/").pop(), ...r.inputs });
            if (props) list.push(offlineResource({ type: r.type, name: r.name, props }));
        }
        return { run, list };
    }

    test.each(Object.keys(scenarios))("the %s example, built with the components, passes the pack", async (scenario) => {
        const { run, list } = await programResources(scenario);
        expect(list.some((r) => r.isType(web.AppServicePlan))).toBe(true);
        const reports = await check(list);
        expect(mandatory(reports)).toEqual([]);
        expect(reports.filter((r) => r.message.startsWith("can't run"))).toEqual([]);
        // The pack's warnings are the components' (the retirement of gateway integration), plus VNI-G17 for the gateway the example creates.
        const componentWarnings = new Set<string>(run.violations.map((v) => v.code));
        for (const code of codes(reports)) expect(componentWarnings.has(code) || code === "VNI-G17").toBe(true);
    });

    // The same programs broken by hand after the components checked them: the pack sees through the components' resources.
    const broken: [string, string, (type: string, props: Record<string, any>) => Record<string, any> | undefined, string[]][] = [
        ["regional", "its subnet shrunk to a /28", (type, p) => (type === T.subnet ? { ...p, addressPrefix: String(p.addressPrefix).replace(/\/\d+$/, "/28") } : p), ["VNI-R02"]],
        ["regional", "its plan on Basic", (type, p) => (type === T.plan ? { ...p, sku: { name: "B1", tier: "Basic", capacity: 3 } } : p), ["VNI-R01"]],
        [
            // The example that creates its gateway: the adopting one registers no gateway to read.
            "gateway-documented",
            "its pool moved out of RFC 1918",
            (type, p) => (type === T.gateway ? { ...p, vpnClientConfiguration: { ...p.vpnClientConfiguration, vpnClientAddressPool: { addressPrefixes: ["100.64.0.0/24"] } } } : p),
            ["VNI-G05"],
        ],
        ["peered", "its plan routes dropped", (type, p) => (type === T.route ? undefined : p), ["VNI-P03"]],
    ];
    test.each(broken.map(([scenario, what]) => `${scenario}: ${what}`))("the %s fails the pack", async (title) => {
        const [scenario, , change, expected] = broken.find(([s, w]) => `${s}: ${w}` === title)!;
        const { list } = await programResources(scenario, change);
        expect(codes(mandatory(await check(list)))).toEqual(expected);
    });
});

test("the runnable pack (policy-pack/) loads and serves its policies, as the engine starts it", async () => {
    // PolicyPack validates names and config schemas, then serves over gRPC and prints its port.
    const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "index.ts"], { cwd: path.join(__dirname, "..", "policy-pack"), stdio: ["ignore", "pipe", "pipe"] });
    try {
        const outcome = await new Promise<{ port?: string; stderr: string }>((resolve) => {
            let stdout = "";
            let stderr = "";
            child.stdout.on("data", (d) => {
                stdout += d;
                const port = /^(\d+)\s*$/m.exec(stdout)?.[1];
                if (port) resolve({ port, stderr });
            });
            child.stderr.on("data", (d) => (stderr += d));
            child.on("exit", () => resolve({ stderr }));
        });
        expect(outcome).toEqual({ port: expect.stringMatching(/^\d+$/), stderr: "" });
    } finally {
        child.kill();
    }
});
