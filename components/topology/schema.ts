/**
 * The topology model's one schema: the shapes the doctor, the planner and the facts.json
 * reader check before they read, and `readTopologies`, which turns a facts.json into
 * topologies or says, per entry and per value, what does not fit. docs/topology.md documents it.
 */
import { checkInput, InvalidInputError, PEERINGS, ROUTES, Shape, shape, shown } from "../rules/input";
import type { IntegrationTopology } from "./model";

const LIMITS = shape.optional(shape.oneOf("documented", "azure-2026"));
const ROUTING = shape.optional(shape.record({ allTraffic: shape.optional(shape.boolean), applicationTraffic: shape.optional(shape.boolean) }));
const FINDINGS = shape.optional(shape.list(shape.record({ code: shape.string, severity: shape.oneOf("error", "warning"), message: shape.string, name: shape.optional(shape.string), suppressed: shape.optional(shape.boolean), component: shape.optional(shape.string) })));
const DEFERRED = shape.optional(shape.list(shape.record({ codes: shape.list(shape.string), why: shape.string, component: shape.optional(shape.string) })));
const JUDGED = { component: shape.optional(shape.string), limits: LIMITS, findings: FINDINGS, deferred: DEFERRED };

/** An app of either kind. */
export const TOPOLOGY_APP = shape.record({
    name: shape.string,
    resourceGroupName: shape.optional(shape.string),
    slot: shape.optional(shape.string),
    routing: ROUTING,
    key: shape.optional(shape.string),
    attachment: shape.optional(shape.oneOf("site-args", "connection")),
});

/** A gateway topology; `addresses`: what its address lists must be (read one by one, or plain texts). */
function gatewayShape(addresses: Shape, strict: boolean): Shape {
    return shape.record({
        ...JUDGED,
        kind: shape.optional(shape.oneOf("gateway")),
        plan: shape.record({
            name: shape.string,
            resourceGroupName: shape.string,
            location: shape.string,
            skuName: shape.string,
            skuTier: shape.optional(shape.string),
            linux: shape.boolean,
            peakInstances: shape.integer,
        }),
        apps: shape.list(TOPOLOGY_APP),
        hub: shape.record({
            name: shape.string,
            id: shape.string,
            resourceGroupName: shape.string,
            location: shape.string,
            addressSpace: addresses,
            dnsServers: addresses,
            subnets: addresses,
        }),
        pointToSitePool: addresses,
        peers: shape.list(shape.record({ name: shape.string, id: shape.string, resourceGroupName: shape.string, location: shape.string, addressPrefixes: addresses, peerings: PEERINGS })),
        planRoutes: strict ? shape.list(shape.union('a route { cidr: "10.60.0.0/16" } or { startAddress, endAddress }', [shape.record({ cidr: shape.string }), shape.record({ startAddress: shape.string, endAddress: shape.optional(shape.string) })])) : ROUTES,
        onPremisesPrefixes: addresses,
        gatewaySku: shape.optional(shape.string),
        gateway: shape.optional(shape.record({ name: shape.optional(shape.string), created: shape.boolean, protocols: shape.optional(shape.list(shape.string)) })),
        onPremisesBgp: shape.optional(shape.boolean),
    });
}

function regionalShape(addresses: Shape): Shape {
    return shape.record({
        ...JUDGED,
        kind: shape.oneOf("regional"),
        plan: shape.optional(
            shape.record({
                name: shape.string,
                resourceGroupName: shape.optional(shape.string),
                location: shape.optional(shape.string),
                skuName: shape.optional(shape.string),
                skuTier: shape.optional(shape.string),
                linux: shape.optional(shape.boolean),
                peakInstances: shape.optional(shape.integer),
            }),
        ),
        apps: shape.list(TOPOLOGY_APP),
        virtualNetwork: shape.record({ name: shape.string, id: shape.optional(shape.string), resourceGroupName: shape.optional(shape.string), location: shape.string, addressSpace: addresses, dnsServers: addresses }),
        subnet: shape.string,
        subnetDetails: shape.optional(shape.record({ name: shape.optional(shape.string), created: shape.boolean, delegation: shape.string, usableAddresses: shape.optional(shape.integer) })),
        otherSubnets: shape.optional(addresses),
        peers: shape.list(shape.record({ name: shape.string, id: shape.optional(shape.string), resourceGroupName: shape.optional(shape.string), location: shape.string, addressPrefixes: addresses, peerings: PEERINGS })),
        onPremisesPrefixes: addresses,
    });
}

/** A gateway topology as the planner and the doctor read it: each address is read (and reported) on its own. */
export const GATEWAY_TOPOLOGY = gatewayShape(shape.addresses, false);

/** A gateway topology as a program is written from it: every address a string. */
export const GATEWAY_TOPOLOGY_TEXTS = gatewayShape(shape.list(shape.string), false);

/** A regional topology as the doctor reads it. */
export const REGIONAL_TOPOLOGY = regionalShape(shape.addresses);

/** Either kind, told apart by `kind`. */
export const INTEGRATION_TOPOLOGY = shape.union('a regional topology (kind: "regional") or a gateway topology', [REGIONAL_TOPOLOGY, GATEWAY_TOPOLOGY]);

/** A list of topologies. */
export const TOPOLOGIES = shape.list(INTEGRATION_TOPOLOGY);

/**
 * A facts.json's content as topologies: one topology or a list. Each entry is checked against
 * the schema of its `kind` (`"regional"`, else gateway) with every address a string; a value
 * that does not fit is an InvalidInputError naming the file, the entry and the value's path.
 */
export function readTopologies(parsed: unknown, source = "facts"): IntegrationTopology[] {
    const list = Array.isArray(parsed) ? parsed : [parsed];
    const problems: string[] = [];
    list.forEach((entry, i) => {
        const where = Array.isArray(parsed) ? `[${i}]` : "";
        if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
            problems.push(`${where || "the file"} is ${shown(entry)}, expected a topology object (see docs/topology.md)`);
            return;
        }
        const kind = (entry as { kind?: unknown }).kind;
        if (kind !== undefined && kind !== "regional" && kind !== "gateway") {
            problems.push(`${where}.kind is ${shown(kind)}, expected "regional" or "gateway" (or no kind: gateway)`);
            return;
        }
        const schema = kind === "regional" ? regionalShape(shape.list(shape.string)) : gatewayShape(shape.list(shape.string), true);
        try {
            checkInput(source, { [`${kind === "regional" ? "regional" : "gateway"} topology ${where}`.trim()]: [entry, schema] });
        } catch (error) {
            if (!InvalidInputError.isInvalidInputError(error)) throw error;
            problems.push(...error.problems);
        }
    });
    if (problems.length > 0) throw new InvalidInputError(source, problems);
    return list as IntegrationTopology[];
}
