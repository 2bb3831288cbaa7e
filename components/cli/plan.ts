/**
 * `plan`: runs a program under the Azure mocks as the first `pulumi preview` of a new stack (no
 * ids, outputs the program did not set unknown) and prints what it would create, which rules
 * wait for `up`, and the rule errors. `--up` runs it as an update instead, every value known.
 * Exit code 1 when a rule error stops the program.
 */
import * as pulumi from "@pulumi/pulumi";
import type { PlannedResource, ProgramRun } from "../testing/program";
import { Parsed, UsageError } from "./args";
import { NamedPrograms, runTarget } from "./programs";
import { drawTo, planDiagram } from "./diagram";

// Inputs worth a glance per resource; the full inputs are in --json.
const KEY_INPUTS = [
    "location",
    "sku.name",
    "reserved",
    "addressSpace.addressPrefixes",
    "dhcpOptions.dnsServers",
    "virtualNetworkName",
    "subnetName",
    "addressPrefix",
    "delegations.serviceName",
    "serviceEndpoints.service",
    "name",
    "slot",
    "subnetResourceId",
    "serverFarmId",
    "virtualNetworkSubnetId",
    "outboundVnetRouting",
    "dnsConfiguration.dnsServers",
    "vnetName",
    "vnetResourceId",
    "publicIPAllocationMethod",
    "vpnType",
    "vpnClientConfiguration.vpnClientAddressPool.addressPrefixes",
    "vpnClientConfiguration.vpnClientProtocols",
    "vpnClientConfiguration.vpnClientRootCertificates.name",
    "gatewayId",
    "certificateName",
    "connectionId",
    "virtualNetworkPeeringName",
    "remoteVirtualNetwork.id",
    "allowGatewayTransit",
    "useRemoteGateways",
    "routeName",
    "startAddress",
    "endAddress",
];

function pick(value: unknown, keyPath: string): unknown {
    let current: unknown = value;
    for (const key of keyPath.split(".")) {
        if (Array.isArray(current)) current = current.map((item) => (item as Record<string, unknown>)?.[key]);
        else current = (current as Record<string, unknown> | undefined)?.[key];
    }
    return current;
}

function shortId(value: unknown): unknown {
    return typeof value === "string" && value.startsWith("/subscriptions/") ? `…/${value.split("/").slice(-2).join("/")}` : value;
}

function describe(resource: PlannedResource): string {
    const parts: string[] = [];
    for (const key of KEY_INPUTS) {
        const value = shortId(pick(resource.inputs, key));
        if (value === undefined || (Array.isArray(value) && value.every((v) => v === undefined))) continue;
        parts.push(`${key}=${typeof value === "string" ? value : JSON.stringify(value, (_, v) => (pulumi.isUnknown(v) ? "(known after create)" : v))}`);
    }
    return parts.join(" ");
}

function printTree(run: ProgramRun): void {
    const children = new Map<string | undefined, PlannedResource[]>();
    for (const r of run.resources) children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
    const walk = (parent: string | undefined, depth: number) => {
        for (const r of children.get(parent) ?? []) {
            const indent = "  ".repeat(depth);
            console.log(`${indent}+ ${r.type} ${r.name}`);
            const details = describe(r);
            if (details) console.log(`${indent}    ${details}`);
            if (r.dependsOn.length > 0) console.log(`${indent}    after: ${r.dependsOn.join(", ")}`);
            if (r.type.startsWith("appservice-vnet-integration:")) walk(r.name, depth + 1);
        }
    };
    walk(undefined, 0);
}

export async function plan(args: Parsed<"plan">, programs: NamedPrograms, defaultTarget?: string): Promise<number> {
    const json = args.values.json === true;
    const mode = args.values.up === true ? "up" : "preview";
    const target = args.target ?? defaultTarget;
    if (target === undefined) throw new UsageError("plan: which program? give a .ts or .js file");
    // The plan prints the rule findings and deferrals itself: other log lines go to stderr.
    const run = await runTarget(target, programs, mode, (line) => !/VNI-[A-Z]\d\d|checked at pulumi up/.test(line));
    const custom = run.resources.filter((r) => !r.type.startsWith("appservice-vnet-integration:"));
    const warnings = run.violations.filter((v) => v.severity === "warning");
    if (json) {
        console.log(JSON.stringify({ mode, resources: run.resources, violations: run.violations, deferred: run.deferred, errors: run.errors.map((e) => e.message) }, null, 2));
    } else {
        console.log(
            mode === "preview"
                ? `Offline plan of ${JSON.stringify(target)}, as the first \`pulumi preview\` of a new stack (Azure mocks; no ids yet, outputs the program did not set unknown)\n`
                : `Offline plan of ${JSON.stringify(target)}, as \`pulumi up\` (Azure mocks; every value known)\n`,
        );
        printTree(run);
        if (run.deferred.length > 0) {
            console.log("\nRules checked at `pulumi up`, once their facts are known:");
            for (const d of run.deferred) console.log(`  ${d.component}: ${d.codes.join(", ")} ${d.codes.length === 1 ? "waits" : "wait"} for ${d.why}`);
        }
        if (run.violations.length > 0) {
            console.log("\nRule findings:");
            for (const v of run.violations) console.log(`  ${v.component}: ${v.code} ${v.name} (${v.severity}): ${v.message}`);
        }
        for (const error of run.errors) console.error(`\nerror: ${error.message}`);
        console.log(
            `\n${custom.length} resources to create, ${run.resources.length - custom.length} components, ` +
                `${warnings.length} warnings, ${run.errors.length} errors`,
        );
    }
    if (args.values.diagram) await drawTo(args.values.diagram, planDiagram(run, `plan ${target} (${mode})`));
    return run.errors.length > 0 ? 1 : 0;
}
