/**
 * Issue 10, item 2, for the components: arguments of any wrong type (null, numbers, objects,
 * strings where lists go, routes as bare strings) are the component's own error, a
 * VnetIntegrationError or a ResourceError naming the component, never a TypeError.
 */
import fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { GatewayVnetIntegration, PeeredGatewayRoutes, RegionalVnetIntegration, VnetIntegrationError } from "../components";
import { runProgram } from "../components/testing";
import { pathsOf, replaced } from "./support/junk";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups";
const vnet = (name: string, space: string[]) => ({ id: `${SUB}/net/providers/Microsoft.Network/virtualNetworks/${name}`, name, resourceGroupName: "net", location: "westeurope", addressSpace: space, dnsServers: ["10.0.0.4"] });
const plan = (sku: string) => ({ id: `${SUB}/apps/providers/Microsoft.Web/serverfarms/plan`, location: "westeurope", sku: { name: sku, capacity: 3 } });

const components: Record<string, { args: () => Record<string, unknown>; make: (args: never) => unknown }> = {
    RegionalVnetIntegration: {
        args: () => ({
            plan: plan("P1v3"),
            virtualNetwork: vnet("hub", ["10.0.0.0/16"]),
            subnet: { addressPrefix: "10.0.1.0/26" },
            reservedAddressPrefixes: ["10.0.0.0/24"],
            destinations: { peeredNetworks: [{ name: "data", location: "westeurope", addressPrefixes: ["10.1.0.0/16"] }], onPremisesPrefixes: ["192.168.0.0/16"] },
            routing: { applicationTraffic: true },
            apps: [{ name: "orders", resourceGroupName: "apps" }],
            limits: "azure-2026",
        }),
        make: (args) => new RegionalVnetIntegration("int", args),
    },
    GatewayVnetIntegration: {
        args: () => ({
            plan: plan("S1"),
            virtualNetwork: vnet("remote", ["10.50.0.0/16"]),
            gateway: { id: `${SUB}/net/providers/Microsoft.Network/virtualNetworkGateways/gw`, skuName: "VpnGw1AZ", gatewaySubnetPrefix: "10.50.255.0/27", pointToSite: { addressPool: ["172.16.201.0/24"], protocols: ["SSTP"] } },
            peers: [{ name: "data", addressPrefixes: ["10.60.0.0/16"] }],
            onPremises: { prefixes: ["192.168.0.0/16"], bgpEnabled: false },
            apps: [{ name: "orders", resourceGroupName: "apps" }],
        }),
        make: (args) => new GatewayVnetIntegration("gw", args),
    },
    PeeredGatewayRoutes: {
        args: () => ({
            hub: { virtualNetwork: vnet("hub", ["10.50.0.0/16"]), gatewayId: `${SUB}/net/providers/Microsoft.Network/virtualNetworkGateways/gw`, gatewaySku: "VpnGw1AZ", pointToSiteAddressPool: ["172.16.201.0/24"], plan: { name: "plan", resourceGroupName: "apps" } },
            peers: [{ virtualNetwork: vnet("data", ["10.60.0.0/16"]), addressPrefixes: ["10.60.0.0/16"] }],
            routes: [{ cidr: "192.168.10.0/24" }],
        }),
        make: (args) => new PeeredGatewayRoutes("peers", args),
    },
};

const junk: fc.Arbitrary<unknown> = fc.constantFrom(null, undefined, 0, NaN, 1e12, true, "", "junk", "10.0.0.0/16, 10.1.0.0/16", "192.168.10.0/24", {}, [], [null], [42]);


/** Errors of one program: what the constructor threw and what the run reported. */
async function errorsOf(make: () => unknown): Promise<Error[]> {
    const thrown: Error[] = [];
    const run = await runProgram(() => {
        try {
            make();
        } catch (error) {
            thrown.push(error as Error);
        }
    });
    return [...thrown, ...run.errors];
}

const ownError = (name: string) => (e: Error) => (VnetIntegrationError.isVnetIntegrationError(e) || e instanceof pulumi.ResourceError) && e.message.includes(name) && !/\[object Object\]|is not a function|Cannot read prop|is not iterable/.test(e.message);

describe.each(Object.keys(components))("%s", (component) => {
    const { args, make } = components[component];

    test("its valid arguments register without error", async () => {
        expect(await errorsOf(() => make(args() as never))).toEqual([]);
    });

    test("junk in any argument: the component's own error, never a TypeError", async () => {
        const paths = pathsOf(args());
        await fc.assert(
            fc.asyncProperty(fc.integer({ min: 0, max: paths.length - 1 }), junk, async (at, value) => {
                const errors = await errorsOf(() => make(replaced(args(), paths[at], value) as never));
                return errors.every(ownError(component === "RegionalVnetIntegration" ? "int" : component === "GatewayVnetIntegration" ? "gw" : "peers"));
            }),
            { numRuns: Number(process.env.JUNK_RUNS ?? 25) },
        );
    }, 60_000);
});

test("a route given as a bare string in PeeredGatewayRoutes is VNI-P06, said before any child registers", async () => {
    const { args, make } = components.PeeredGatewayRoutes;
    const errors = await errorsOf(() => make({ ...args(), routes: ["192.168.10.0/24"] } as never));
    expect(errors).toHaveLength(1);
    expect(VnetIntegrationError.isVnetIntegrationError(errors[0])).toBe(true);
    expect((errors[0] as VnetIntegrationError).violations.map((v) => v.code)).toEqual(["VNI-P06"]);
    expect(errors[0].message).toContain('(a bare string: write { cidr: "192.168.10.0/24" })');
});

test("a null plan is a ResourceError that names the argument", async () => {
    const { args, make } = components.RegionalVnetIntegration;
    const errors = await errorsOf(() => make({ ...args(), plan: null } as never));
    expect(errors.map((e) => e.message)).toEqual(["int: invalid arguments: args.plan is null, expected an object"]);
});

test("junk that only a settled Output shows is the component's error too", async () => {
    const { args, make } = components.RegionalVnetIntegration;
    const base = args() as { virtualNetwork: Record<string, unknown> };
    const errors = await errorsOf(() => make({ ...base, virtualNetwork: { ...base.virtualNetwork, location: pulumi.output(42), addressSpace: pulumi.output("10.0.0.0/16, 10.1.0.0/16") } } as never));
    expect(errors.map((e) => e.message)).toEqual([
        "int: invalid arguments: facts.virtualNetwork.location is 42, expected a string; VNI-X02 facts.virtualNetwork.addressSpace is \"10.0.0.0/16, 10.1.0.0/16\", expected a list (a string where a list goes: write [\"10.0.0.0/16\", \"10.1.0.0/16\"]). Fix: give a list",
    ]);
    expect(errors[0]).toBeInstanceOf(pulumi.ResourceError);
});
