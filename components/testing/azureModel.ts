/**
 * One model of Azure for everything that stands in for it offline: the `azure-native` provider
 * plugin (provider.ts), the loopback ARM endpoint (arm.ts) and, opt-in, AzureMocks. Resources are
 * ARM documents keyed by ARM id (case-insensitive, as ARM), kept in a JSON file so several
 * processes (the engine's provider, a dynamic provider's ARM server, a test) share them and a test
 * can change Azure out of band. Refusals carry Azure's error codes and messages; where no public
 * source gives Azure's code the code is marked "stand-in" beside it (see REFUSALS).
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { insideAny, overlaps, parseCidr, type Cidr } from "../address";

/** An ARM resource document, as GET answers it (children embedded where ARM embeds them). */
export interface ArmResource {
    id: string;
    name: string;
    type: string;
    location?: string;
    tags?: Record<string, string>;
    sku?: Record<string, unknown>;
    kind?: string;
    zones?: string[];
    etag?: string;
    properties: Record<string, any>;
    [key: string]: unknown;
}

/** The body of a PUT: what a client sends (id, name, type and read-only properties are ignored). */
export interface ArmBody {
    location?: string;
    tags?: Record<string, string>;
    sku?: Record<string, unknown>;
    kind?: string;
    zones?: string[];
    properties?: Record<string, any>;
    [key: string]: unknown;
}

/** A refusal as ARM sends it: HTTP status and `{ error: { code, message } }`. */
export class AzureError extends Error {
    constructor(
        public readonly status: number,
        public readonly code: string,
        message: string,
    ) {
        super(message);
        this.name = "AzureError";
    }

    /** The ARM error document. */
    get body(): { error: { code: string; message: string } } {
        return { error: { code: this.code, message: this.message } };
    }

    /** How azure-native reports a failed ARM call. */
    toString(): string {
        return `Status=${this.status} Code="${this.code}" Message="${this.message}"`;
    }
}

/**
 * Every refusal the model makes: code -> where the code comes from. "azure" codes were seen in
 * Azure's answers (REST specs, Microsoft Learn, public issue threads); "stand-in" codes are this
 * model's names where no public source gives Azure's.
 */
export const REFUSALS = {
    ResourceGroupNotFound: "azure",
    ParentResourceNotFound: "azure",
    ResourceNotFound: "azure",
    InvalidResourceReference: "azure",
    NetcfgInvalidSubnet: "azure",
    NetcfgSubnetRangeOutsideVnet: "azure",
    NetcfgSubnetRangesOverlap: "azure",
    InUseSubnetCannotBeDeleted: "azure",
    InUseSubnetCannotBeUpdated: "azure",
    SubnetMissingRequiredDelegation: "azure",
    PublicIPAddressCannotBeDeleted: "azure",
    VmssVpnGatewayPublicIpsMustHaveZonesConfigured: "azure",
    RemoteVnetHasNoGateways: "azure",
    /** Azure retired enabling SSTP on 31 March 2026 (Microsoft Learn, "SSTP protocol retirement"); the code is ours. */
    SstpProtocolRetired: "stand-in",
    /** "Only one VPN gateway per VNet" (Microsoft Learn); the code is ours. */
    VirtualNetworkAlreadyHasGateway: "stand-in",
    /** useRemoteGateways on a VNet that has its own gateway (Microsoft Learn, gateway transit); the code is ours. */
    UseRemoteGatewaysNotAllowedWithLocalGateway: "stand-in",
    /** useRemoteGateways when the remote VNet's peering back does not allow gateway transit; the code is ours. */
    RemotePeeringDoesNotAllowGatewayTransit: "stand-in",
    /** App Service answers BadRequest for VNet Integration on a Free or Shared plan. */
    BadRequest: "azure",
    /** A plan that still hosts apps cannot be deleted. */
    Conflict: "azure",
    /** If-Match that no longer matches the stored etag. */
    PreconditionFailed: "azure",
    InvalidRequestFormat: "azure",
    /** A VNet address prefix that is not a CIDR block; the code is ours. */
    InvalidAddressPrefixFormat: "stand-in",
} as const;

export type RefusalCode = keyof typeof REFUSALS;

function refuse(status: number, code: RefusalCode, message: string): never {
    throw new AzureError(status, code, message);
}

// ---- ARM ids ------------------------------------------------------------------------

/** Canonical type names, keyed by lower case, as ARM answers them in `type`. */
const TYPES: Record<string, string> = Object.fromEntries(
    [
        "Microsoft.Resources/resourceGroups",
        "Microsoft.Network/virtualNetworks",
        "Microsoft.Network/virtualNetworks/subnets",
        "Microsoft.Network/virtualNetworks/subnets/serviceAssociationLinks",
        "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
        "Microsoft.Network/publicIPAddresses",
        "Microsoft.Network/virtualNetworkGateways",
        "Microsoft.Network/networkSecurityGroups",
        "Microsoft.Network/routeTables",
        "Microsoft.Network/natGateways",
        "Microsoft.Web/serverfarms",
        "Microsoft.Web/serverfarms/virtualNetworkConnections",
        "Microsoft.Web/serverfarms/virtualNetworkConnections/routes",
        "Microsoft.Web/sites",
        "Microsoft.Web/sites/slots",
        "Microsoft.Web/sites/networkConfig",
        "Microsoft.Web/sites/slots/networkConfig",
        "Microsoft.Web/sites/virtualNetworkConnections",
        "Microsoft.Web/sites/slots/virtualNetworkConnections",
        "Microsoft.Web/sites/virtualNetworkConnections/gateways",
        "Microsoft.Web/sites/slots/virtualNetworkConnections/gateways",
    ].map((t) => [t.toLowerCase(), t]),
);

export interface ParsedId {
    subscriptionId: string;
    resourceGroup: string;
    /** Canonical type, e.g. Microsoft.Network/virtualNetworks/subnets. */
    type: string;
    name: string;
    /** The parent resource's id (the resource group for a top-level resource); undefined for a resource group. */
    parent?: string;
    /** The resource group's id. */
    groupId: string;
}

/** Parses an ARM id; undefined when it is not one. */
export function parseArmId(id: string): ParsedId | undefined {
    const clean = id.replace(/\/+$/, "");
    const group = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)(?:\/providers\/([^/]+)\/(.+))?$/i.exec(clean);
    if (!group) return undefined;
    const [, subscriptionId, resourceGroup, namespace, rest] = group;
    const groupId = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
    if (!namespace) return { subscriptionId, resourceGroup, type: "Microsoft.Resources/resourceGroups", name: resourceGroup, groupId };
    const parts = rest.split("/");
    if (parts.length % 2 !== 0 || parts.some((p) => p === "")) return undefined;
    const typeParts = [namespace, ...parts.filter((_, i) => i % 2 === 0)];
    const rawType = `${typeParts[0]}/${typeParts.slice(1).join("/")}`;
    const type = TYPES[rawType.toLowerCase()] ?? rawType;
    const parent = parts.length === 2 ? groupId : clean.split("/").slice(0, -2).join("/");
    return { subscriptionId, resourceGroup, type, name: parts[parts.length - 1], parent, groupId };
}

const key = (id: string) => id.replace(/\/+$/, "").toLowerCase();
const sameId = (a: unknown, b: unknown) => typeof a === "string" && typeof b === "string" && key(a) === key(b);

// ---- state file ------------------------------------------------------------------------

interface State {
    version: 1;
    /** Lower-case id -> document as stored (children are separate entries). */
    resources: Record<string, ArmResource>;
    counter: number;
}

const emptyState = (): State => ({ version: 1, resources: {}, counter: 0 });

function sleepSync(ms: number): void {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export interface AzureModelOptions {
    /** State file; default env AZURE_STANDIN_STATE; neither: in memory (one process). */
    readonly statePath?: string;
    /** The clock of date-bound rules (SSTP retirement). Default env AZURE_STANDIN_NOW, else now. */
    readonly now?: () => Date;
    /** Regions without availability zones (an AZ gateway there needs no zonal public IP). @default env AZURE_STANDIN_REGIONS_WITHOUT_ZONES (comma-separated), else none */
    readonly regionsWithoutZones?: readonly string[];
    /** A lock older than this is taken as left by a dead process. @default 10_000 */
    readonly staleLockMs?: number;
}

/** Since this date Azure refuses to enable SSTP on a VPN gateway (new or existing). */
export const SSTP_RETIRED_FROM = new Date("2026-03-31T00:00:00Z");

/** Public hostname and signature of the package URLs `generatevpnclientpackage` answers. */
export const STANDIN_PACKAGE_HOST = "https://standin.blob.core.windows.net/vpnclient";

export class AzureModel {
    public readonly statePath?: string;
    private memory: State = emptyState();
    private readonly now: () => Date;
    private readonly regionsWithoutZones: Set<string>;
    private readonly staleLockMs: number;

    constructor(options: AzureModelOptions | string = {}) {
        const opts = typeof options === "string" ? { statePath: options } : options;
        this.statePath = opts.statePath ?? (process.env.AZURE_STANDIN_STATE || undefined);
        const fixed = process.env.AZURE_STANDIN_NOW;
        this.now = opts.now ?? (() => (fixed ? new Date(fixed) : new Date()));
        const noZones = opts.regionsWithoutZones ?? (process.env.AZURE_STANDIN_REGIONS_WITHOUT_ZONES ?? "").split(",").filter((r) => r.trim() !== "");
        this.regionsWithoutZones = new Set(noZones.map((r) => normalRegion(r)));
        this.staleLockMs = opts.staleLockMs ?? 10_000;
        if (this.statePath) fs.mkdirSync(path.dirname(this.statePath), { recursive: true });
    }

    // ---- transactions -------------------------------------------------------------------

    /** Runs `fn` on the state under the lock; writes it back (atomically) unless `fn` throws. */
    transaction<T>(fn: (state: State) => T, write = true): T {
        if (!this.statePath) {
            const copy = JSON.parse(JSON.stringify(this.memory)) as State;
            const result = fn(copy);
            if (write) this.memory = copy;
            return result;
        }
        const lock = `${this.statePath}.lock`;
        this.acquire(lock);
        try {
            const state = this.load();
            const result = fn(state);
            if (write) {
                const temp = `${this.statePath}.${process.pid}.${Date.now()}.tmp`;
                fs.writeFileSync(temp, JSON.stringify(state, null, 1));
                fs.renameSync(temp, this.statePath);
            }
            return result;
        } finally {
            fs.rmSync(lock, { recursive: true, force: true });
        }
    }

    private load(): State {
        try {
            const text = fs.readFileSync(this.statePath!, "utf8");
            return text.trim() ? (JSON.parse(text) as State) : emptyState();
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyState();
            throw error;
        }
    }

    private acquire(lock: string): void {
        const deadline = Date.now() + 30_000;
        for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
            try {
                fs.mkdirSync(lock);
                return;
            } catch (error) {
                if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
            }
            try {
                // A process killed while holding the lock leaves it behind: take it over when stale.
                if (Date.now() - fs.statSync(lock).mtimeMs > this.staleLockMs) fs.rmSync(lock, { recursive: true, force: true });
            } catch {
                /* removed meanwhile */
            }
            if (Date.now() > deadline) throw new Error(`azure stand-in: state lock ${lock} held for 30 s`);
            sleepSync(wait);
        }
    }

    // ---- reads ------------------------------------------------------------------------

    /** The document as ARM's GET answers it, or undefined (404). */
    get(id: string): ArmResource | undefined {
        return this.transaction((state) => this.view(state, id), false);
    }

    /** Every stored resource (raw, children separate), optionally of one type. */
    list(type?: string): ArmResource[] {
        return this.transaction((state) => Object.values(state.resources).filter((r) => !type || r.type.toLowerCase() === type.toLowerCase()), false);
    }

    /** Ids of every stored resource. */
    ids(): string[] {
        return this.list().map((r) => r.id);
    }

    // ---- out-of-band changes (a person in the portal) ------------------------------------

    /** Writes a document as is, no checks: a fixture, or drift. */
    seed(resource: ArmBody & { id: string; name?: string; type?: string; etag?: string }): ArmResource {
        return this.transaction((state) => {
            const parsed = parseArmId(resource.id);
            if (!parsed) throw new Error(`not an ARM id: ${resource.id}`);
            const stored: ArmResource = { ...resource, name: resource.name ?? parsed.name, type: resource.type ?? parsed.type, properties: { provisioningState: "Succeeded", ...resource.properties }, etag: resource.etag ?? this.etag(state) };
            state.resources[key(resource.id)] = stored;
            return stored;
        });
    }

    /** Removes a document and what is under it, no checks (e.g. a link removed behind Pulumi's back). */
    remove(id: string): boolean {
        return this.transaction((state) => {
            const k = key(id);
            const existed = k in state.resources;
            for (const other of Object.keys(state.resources)) if (other === k || other.startsWith(`${k}/`)) delete state.resources[other];
            return existed;
        });
    }

    /** Any change to stored documents, no checks. */
    mutate<T>(fn: (resources: Record<string, ArmResource>) => T): T {
        return this.transaction((state) => fn(state.resources));
    }

    // ---- writes, as ARM ------------------------------------------------------------------

    /** PUT: create or replace; answers the document as GET would, and whether it was created. */
    put(id: string, body: ArmBody, options: { ifMatch?: string } = {}): { resource: ArmResource; created: boolean } {
        return this.transaction((state) => {
            const parsed = parseArmId(id);
            if (!parsed) refuse(400, "InvalidResourceReference", `The resource id '${id}' is not a valid ARM resource id.`);
            const existing = state.resources[key(id)];
            if (options.ifMatch && options.ifMatch !== "*" && existing?.etag !== options.ifMatch) {
                throw new AzureError(412, "PreconditionFailed", `The condition specified using HTTP conditional header(s) is not met for ${id}.`);
            }
            this.checkParent(state, parsed, id);
            const canonicalId = existing?.id ?? canonical(id);
            const doc: ArmResource = {
                id: canonicalId,
                name: parsed.name,
                type: parsed.type,
                ...(body.location !== undefined ? { location: normalRegion(body.location) } : existing?.location ? { location: existing.location } : {}),
                ...(body.tags !== undefined ? { tags: body.tags } : {}),
                ...(body.sku !== undefined ? { sku: body.sku } : {}),
                ...(body.kind !== undefined ? { kind: body.kind } : {}),
                ...(body.zones !== undefined ? { zones: body.zones } : {}),
                properties: stripReadOnly({ ...(body.properties ?? {}) }),
            };
            this.write(state, parsed, doc, existing);
            return { resource: this.view(state, canonicalId)!, created: !existing };
        });
    }

    /** DELETE: true when it existed (ARM answers 200), false when not (204). */
    delete(id: string): boolean {
        return this.transaction((state) => {
            const parsed = parseArmId(id);
            if (!parsed) return false;
            const existing = state.resources[key(id)];
            if (!existing) return false;
            this.remove_(state, parsed, existing);
            return true;
        });
    }

    /** POST actions: generatevpnclientpackage answers the package URL. */
    action(id: string, action: string, _body?: unknown): unknown {
        return this.transaction((state) => {
            const gateway = state.resources[key(id)];
            if (action.toLowerCase() === "generatevpnclientpackage") {
                if (!gateway || gateway.type !== "Microsoft.Network/virtualNetworkGateways") refuse(404, "ResourceNotFound", `The Resource '${id}' was not found.`);
                const certificates = JSON.stringify(gateway.properties.vpnClientConfiguration?.vpnClientRootCertificates ?? []);
                const digest = createHash("sha256").update(`${key(id)}|${certificates}`).digest("hex").slice(0, 16);
                return `${STANDIN_PACKAGE_HOST}/${digest}.zip?sv=2024-05-04&sig=${digest}STANDINSIG`;
            }
            refuse(404, "ResourceNotFound", `No action ${action} on ${id}.`);
        });
    }

    // ---- internals ---------------------------------------------------------------------

    private etag(state: State): string {
        return `W/"${(++state.counter).toString(16).padStart(8, "0")}-standin"`;
    }

    private checkParent(state: State, parsed: ParsedId, id: string): void {
        if (parsed.type === "Microsoft.Resources/resourceGroups") return;
        if (!state.resources[key(parsed.groupId)]) refuse(404, "ResourceGroupNotFound", `Resource group '${parsed.resourceGroup}' could not be found.`);
        if (parsed.parent && key(parsed.parent) !== key(parsed.groupId) && !this.exists(state, parsed.parent)) {
            const childType = parsed.type.split("/").slice(1).join("/");
            refuse(404, "ParentResourceNotFound", `Failed to perform 'write' on resource(s) of type '${childType}', because the parent resource '${parsed.parent}' could not be found.`);
        }
        void id;
    }

    /** Stored, or a resource ARM computes (a plan's VNet connection exists while an app of the plan has one). */
    private exists(state: State, id: string): boolean {
        return !!state.resources[key(id)] || !!this.view(state, id);
    }

    private write(state: State, parsed: ParsedId, doc: ArmResource, existing: ArmResource | undefined): void {
        const props = doc.properties;
        switch (parsed.type) {
            case "Microsoft.Network/virtualNetworks": {
                const inline = props.subnets as any[] | undefined;
                delete props.subnets;
                delete props.virtualNetworkPeerings;
                props.resourceGuid = existing?.properties.resourceGuid ?? guid(doc.id);
                // ARM answers a VNet created without DNS servers with an empty list (Azure's DNS), not without the field.
                props.dhcpOptions ??= { dnsServers: [] };
                const spaces = (props.addressSpace?.addressPrefixes ?? []) as string[];
                for (const prefix of spaces) {
                    if (!parseCidr(prefix).ok) refuse(400, "InvalidAddressPrefixFormat", `Address prefix ${prefix} of virtual network ${doc.name} is not a valid CIDR block.`);
                }
                this.store(state, doc, existing);
                // Inline subnets (a VNet PUT with `subnets`) replace the VNet's subnets, as ARM does.
                if (inline) {
                    const named = new Set(inline.map((s) => String(s.name).toLowerCase()));
                    for (const subnet of this.children(state, doc.id, "subnets")) {
                        if (!named.has(subnet.name.toLowerCase())) this.remove_(state, parseArmId(subnet.id)!, subnet);
                    }
                    for (const s of inline) {
                        const subnetId = `${doc.id}/subnets/${s.name}`;
                        const subnetDoc: ArmResource = { id: subnetId, name: s.name, type: "Microsoft.Network/virtualNetworks/subnets", properties: stripReadOnly({ ...(s.properties ?? {}) }) };
                        this.write(state, parseArmId(subnetId)!, subnetDoc, state.resources[key(subnetId)]);
                    }
                } else {
                    // Shrinking the address space under a subnet is refused.
                    const cidrs = spaces.map((p) => parseCidr(p)).filter((p) => p.ok).map((p) => (p as { value: Cidr }).value);
                    for (const subnet of this.children(state, doc.id, "subnets")) {
                        const prefix = subnetPrefix(subnet);
                        const parsedPrefix = prefix ? parseCidr(prefix) : undefined;
                        if (parsedPrefix?.ok && !insideAny(parsedPrefix.value, cidrs)) {
                            refuse(400, "NetcfgSubnetRangeOutsideVnet", `Subnet '${subnet.name}' is not valid because its IP address range is outside the IP address range of virtual network '${doc.name}'.`);
                        }
                    }
                }
                return;
            }
            case "Microsoft.Network/virtualNetworks/subnets":
                return this.writeSubnet(state, parsed, doc, existing);
            case "Microsoft.Network/virtualNetworks/virtualNetworkPeerings":
                return this.writePeering(state, parsed, doc, existing);
            case "Microsoft.Network/publicIPAddresses": {
                props.ipAddress = existing?.properties.ipAddress ?? `20.${(state.counter >> 16) & 255}.${(state.counter >> 8) & 255}.${(state.counter & 255) || 1}`;
                props.publicIPAllocationMethod ??= doc.sku?.name === "Standard" ? "Static" : "Dynamic";
                props.publicIPAddressVersion ??= "IPv4";
                props.resourceGuid = existing?.properties.resourceGuid ?? guid(doc.id);
                return this.store(state, doc, existing);
            }
            case "Microsoft.Network/virtualNetworkGateways":
                return this.writeGateway(state, parsed, doc, existing);
            case "Microsoft.Web/serverfarms": {
                props.status = "Ready";
                props.reserved = props.reserved === true;
                doc.kind ??= props.reserved ? "linux" : "app";
                if (doc.sku?.name && !doc.sku.tier) doc.sku = { ...doc.sku, tier: tierOf(String(doc.sku.name)) };
                doc.sku ??= { name: "P1v3", tier: "PremiumV3", capacity: 1 };
                if (doc.sku.capacity === undefined) doc.sku = { ...doc.sku, capacity: 1 };
                return this.store(state, doc, existing);
            }
            case "Microsoft.Web/sites":
            case "Microsoft.Web/sites/slots":
                return this.writeSite(state, parsed, doc, existing);
            case "Microsoft.Web/sites/networkConfig":
            case "Microsoft.Web/sites/slots/networkConfig":
                return this.writeSwift(state, parsed, doc, existing);
            case "Microsoft.Web/sites/virtualNetworkConnections":
            case "Microsoft.Web/sites/slots/virtualNetworkConnections":
                return this.writeGatewayConnection(state, parsed, doc, existing);
            case "Microsoft.Network/virtualNetworks/subnets/serviceAssociationLinks":
                refuse(400, "InvalidRequestFormat", `Service association links are created by the service that links the subnet, not by a PUT.`);
            // eslint-disable-next-line no-fallthrough
            default:
                return this.store(state, doc, existing);
        }
    }

    private store(state: State, doc: ArmResource, existing: ArmResource | undefined): void {
        doc.properties.provisioningState = "Succeeded";
        doc.etag = this.etag(state);
        void existing;
        state.resources[key(doc.id)] = doc;
    }

    private children(state: State, parentId: string, segment: string): ArmResource[] {
        const prefix = `${key(parentId)}/${segment.toLowerCase()}/`;
        return Object.entries(state.resources)
            .filter(([k]) => k.startsWith(prefix) && !k.slice(prefix.length).includes("/"))
            .map(([, r]) => r);
    }

    private writeSubnet(state: State, parsed: ParsedId, doc: ArmResource, existing: ArmResource | undefined): void {
        const vnet = state.resources[key(parsed.parent!)]!;
        const props = doc.properties;
        const prefix = subnetPrefix(doc);
        const cidr = prefix ? parseCidr(prefix) : undefined;
        if (!cidr || !cidr.ok) refuse(400, "NetcfgInvalidSubnet", `Subnet '${doc.name}' is not valid in virtual network '${vnet.name}'.`);
        const spaces = ((vnet.properties.addressSpace?.addressPrefixes ?? []) as string[]).map((p) => parseCidr(p)).filter((p) => p.ok).map((p) => (p as { value: Cidr }).value);
        if (!insideAny(cidr.value, spaces)) {
            refuse(400, "NetcfgSubnetRangeOutsideVnet", `Subnet '${doc.name}' is not valid because its IP address range is outside the IP address range of virtual network '${vnet.name}'.`);
        }
        for (const other of this.children(state, vnet.id, "subnets")) {
            if (key(other.id) === key(doc.id)) continue;
            const otherCidr = parseCidr(subnetPrefix(other));
            if (otherCidr.ok && overlaps(otherCidr.value, cidr.value)) {
                refuse(400, "NetcfgSubnetRangesOverlap", `Subnet '${doc.name}' is not valid because its IP address range overlaps with that of an existing subnet '${other.name}' in virtual network '${vnet.name}'.`);
            }
        }
        if (existing) {
            const links = this.children(state, existing.id, "serviceAssociationLinks");
            const gatewayConfigs = this.gatewaysOnSubnet(state, existing.id);
            const holders = [...links.map((l) => l.id), ...gatewayConfigs.map((g) => `${g.id}/ipConfigurations/${g.properties.ipConfigurations?.[0]?.name ?? "default"}`)];
            if (holders.length > 0 && subnetPrefix(existing) !== prefix) {
                refuse(400, "InUseSubnetCannotBeUpdated", `Subnet ${doc.name} is in use by ${holders[0]} and cannot be updated. In order to update the subnet's address prefix, delete all the resources within the subnet.`);
            }
            const webLink = links.find((l) => /^microsoft\.web\//i.test(String(l.properties.linkedResourceType ?? "")));
            if (webLink && !delegatedToWeb(doc)) {
                refuse(400, "SubnetMissingRequiredDelegation", `Subnet ${existing.id} requires any of the following delegation(s) [Microsoft.Web/serverFarms] to reference service association link ${webLink.id}.`);
            }
        }
        props.delegations = ((props.delegations ?? []) as any[]).map((d) => ({
            ...d,
            id: `${doc.id}/delegations/${d.name}`,
            type: "Microsoft.Network/virtualNetworks/subnets/delegations",
            properties: { ...d.properties, actions: d.properties?.actions ?? delegationActions(d.properties?.serviceName), provisioningState: "Succeeded" },
        }));
        props.privateEndpointNetworkPolicies ??= "Disabled";
        props.privateLinkServiceNetworkPolicies ??= "Enabled";
        this.store(state, doc, existing);
    }

    private gatewaysOnSubnet(state: State, subnetId: string): ArmResource[] {
        return Object.values(state.resources).filter(
            (r) => r.type === "Microsoft.Network/virtualNetworkGateways" && ((r.properties.ipConfigurations ?? []) as any[]).some((c) => sameId(c?.properties?.subnet?.id, subnetId)),
        );
    }

    private gatewaysInVnet(state: State, vnetId: string): ArmResource[] {
        const prefix = `${key(vnetId)}/subnets/`;
        return Object.values(state.resources).filter(
            (r) => r.type === "Microsoft.Network/virtualNetworkGateways" && ((r.properties.ipConfigurations ?? []) as any[]).some((c) => key(String(c?.properties?.subnet?.id ?? "")).startsWith(prefix)),
        );
    }

    private writeGateway(state: State, _parsed: ParsedId, doc: ArmResource, existing: ArmResource | undefined): void {
        const props = doc.properties;
        const configs = (props.ipConfigurations ?? []) as any[];
        for (const config of configs) {
            const subnetId = config?.properties?.subnet?.id;
            const publicIpId = config?.properties?.publicIPAddress?.id;
            for (const ref of [subnetId, publicIpId]) {
                if (ref && !state.resources[key(ref)]) refuse(400, "InvalidResourceReference", `Resource ${ref} referenced by resource ${doc.id} was not found. Please make sure that the referenced resource exists, and that both resources are in the same region.`);
            }
            if (subnetId) {
                const vnetId = parseArmId(subnetId)!.parent!;
                const others = this.gatewaysInVnet(state, vnetId).filter((g) => key(g.id) !== key(doc.id));
                if (others.length > 0) {
                    refuse(400, "VirtualNetworkAlreadyHasGateway", `Virtual network ${vnetId} already has virtual network gateway ${others[0].id}; a virtual network can have only one VPN gateway.`);
                }
            }
            // A gateway's SKU is a property in ARM (a public IP's and a plan's are top level).
            const skuName = String(props.sku?.name ?? (doc.sku as any)?.name ?? "");
            const region = normalRegion(doc.location ?? "");
            if (/AZ$/i.test(skuName) && publicIpId && !this.regionsWithoutZones.has(region)) {
                const ip = state.resources[key(publicIpId)];
                if (!ip?.zones || ip.zones.length === 0) {
                    refuse(400, "VmssVpnGatewayPublicIpsMustHaveZonesConfigured", `Virtual network gateway ${doc.id} with SKU ${skuName} requires its public IP addresses to have zones configured; public IP ${publicIpId} has no zones.`);
                }
            }
            config.id = `${doc.id}/ipConfigurations/${config.name ?? "default"}`;
            config.properties = { ...config.properties, provisioningState: "Succeeded", privateIPAllocationMethod: config.properties?.privateIPAllocationMethod ?? "Dynamic" };
        }
        const protocols = ((props.vpnClientConfiguration?.vpnClientProtocols ?? []) as string[]).map((p) => p.toUpperCase());
        const hadSstp = ((existing?.properties.vpnClientConfiguration?.vpnClientProtocols ?? []) as string[]).some((p) => p.toUpperCase() === "SSTP");
        if (protocols.includes("SSTP") && !hadSstp && this.now() >= SSTP_RETIRED_FROM) {
            refuse(400, "SstpProtocolRetired", `SSTP can no longer be enabled on virtual network gateway ${doc.name}: enabling SSTP on VPN gateways is not supported since 31 March 2026. Use IKEv2 or OpenVPN (https://learn.microsoft.com/azure/vpn-gateway/ikev2-openvpn-from-sstp).`);
        }
        const certificates = (props.vpnClientConfiguration?.vpnClientRootCertificates ?? []) as any[];
        for (const c of certificates) {
            c.id = `${doc.id}/vpnClientRootCertificates/${c.name}`;
            c.properties = { ...c.properties, provisioningState: "Succeeded" };
        }
        props.resourceGuid = existing?.properties.resourceGuid ?? guid(doc.id);
        props.gatewayType ??= "Vpn";
        this.store(state, doc, existing);
    }

    private writePeering(state: State, parsed: ParsedId, doc: ArmResource, existing: ArmResource | undefined): void {
        const props = doc.properties;
        const localVnetId = parsed.parent!;
        const remoteId = props.remoteVirtualNetwork?.id as string | undefined;
        const remote = remoteId ? state.resources[key(remoteId)] : undefined;
        if (!remoteId || !remote) refuse(400, "InvalidResourceReference", `Resource ${remoteId ?? "(none)"} referenced by resource ${doc.id} was not found.`);
        if (props.useRemoteGateways === true) {
            if (this.gatewaysInVnet(state, localVnetId).length > 0) {
                refuse(400, "UseRemoteGatewaysNotAllowedWithLocalGateway", `Peering ${doc.id} cannot have UseRemoteGateways flag set to true because its virtual network ${localVnetId} has a gateway of its own.`);
            }
            if (this.gatewaysInVnet(state, remote.id).length === 0) {
                refuse(400, "RemoteVnetHasNoGateways", `Peering ${doc.id} cannot have UseRemoteGateway flag set to true because remote virtual network ${remote.id} referenced by the peering does not have any gateways.`);
            }
            const back = this.children(state, remote.id, "virtualNetworkPeerings").find((p) => sameId(p.properties.remoteVirtualNetwork?.id, localVnetId));
            if (!back || back.properties.allowGatewayTransit !== true) {
                refuse(400, "RemotePeeringDoesNotAllowGatewayTransit", `Peering ${doc.id} cannot have UseRemoteGateways flag set to true because the remote virtual network ${remote.id} has ${back ? `peering ${back.id} without AllowGatewayTransit` : "no peering back to this virtual network"}.`);
            }
        }
        props.remoteAddressSpace = remote.properties.addressSpace;
        props.remoteVirtualNetworkAddressSpace = remote.properties.addressSpace;
        props.peeringSyncLevel = "FullyInSync";
        props.resourceGuid = existing?.properties.resourceGuid ?? guid(doc.id);
        this.store(state, doc, existing);
    }

    private planOf(state: State, site: ArmResource | undefined): ArmResource | undefined {
        const planId = site?.properties.serverFarmId;
        return typeof planId === "string" ? state.resources[key(planId)] : undefined;
    }

    /** App Service refuses VNet Integration on Free and Shared plans. */
    private checkPlanAllowsIntegration(plan: ArmResource | undefined, app: string): void {
        const tier = String(plan?.sku?.tier ?? tierOf(String(plan?.sku?.name ?? ""))).toLowerCase();
        if (tier === "free" || tier === "shared") {
            refuse(400, "BadRequest", `VNet Integration is not available for app ${app} on plan ${plan!.name} in the ${plan!.sku?.tier ?? tier} tier. Scale the plan up to Basic or higher (https://learn.microsoft.com/azure/app-service/overview-vnet-integration).`);
        }
    }

    private writeSite(state: State, parsed: ParsedId, doc: ArmResource, existing: ArmResource | undefined): void {
        const props = doc.properties;
        const slot = parsed.type === "Microsoft.Web/sites/slots";
        const parent = slot ? state.resources[key(parsed.parent!)] : undefined;
        props.serverFarmId ??= existing?.properties.serverFarmId ?? parent?.properties.serverFarmId;
        const plan = this.planOf(state, doc);
        if (props.serverFarmId && !plan) refuse(404, "ResourceNotFound", `The Resource '${props.serverFarmId}' was not found.`);
        const siteName = slot ? `${parent!.name}-${doc.name}` : doc.name;
        doc.kind ??= existing?.kind ?? (plan?.properties.reserved ? "app,linux" : "app");
        props.defaultHostName = `${siteName}.azurewebsites.net`.toLowerCase();
        props.state = "Running";
        props.enabled = props.enabled ?? true;
        props.reserved = plan?.properties.reserved === true;
        props.outboundIpAddresses = "20.50.2.1,20.50.2.2";
        props.siteConfig = { ...(existing?.properties.siteConfig ?? {}), ...(props.siteConfig ?? {}) };
        // An omitted virtualNetworkSubnetId keeps the integration (a swift connection made beside the site);
        // null or "" removes it.
        const requested = "virtualNetworkSubnetId" in props ? props.virtualNetworkSubnetId : existing?.properties.virtualNetworkSubnetId;
        delete props.virtualNetworkSubnetId;
        this.store(state, doc, existing);
        const swiftId = `${doc.id}/networkConfig/virtualNetwork`;
        if (requested) {
            const swift: ArmResource = { id: swiftId, name: "virtualNetwork", type: `${parsed.type}/networkConfig`, properties: { subnetResourceId: requested } };
            this.writeSwift(state, parseArmId(swiftId)!, swift, state.resources[key(swiftId)]);
        } else if (state.resources[key(swiftId)]) {
            this.remove_(state, parseArmId(swiftId)!, state.resources[key(swiftId)]);
        }
    }

    private writeSwift(state: State, parsed: ParsedId, doc: ArmResource, existing: ArmResource | undefined): void {
        if (parsed.name.toLowerCase() !== "virtualnetwork") refuse(404, "ResourceNotFound", `networkConfig/${parsed.name} does not exist; the regional VNet Integration child is networkConfig/virtualNetwork.`);
        const site = state.resources[key(parsed.parent!)]!;
        const plan = this.planOf(state, site.type === "Microsoft.Web/sites/slots" ? { ...site, properties: { ...site.properties, serverFarmId: site.properties.serverFarmId ?? state.resources[key(parseArmId(site.id)!.parent!)]?.properties.serverFarmId } } : site);
        this.checkPlanAllowsIntegration(plan, site.name);
        const subnetId = doc.properties.subnetResourceId as string | undefined;
        const subnet = subnetId ? state.resources[key(subnetId)] : undefined;
        if (!subnetId || !subnet || subnet.type !== "Microsoft.Network/virtualNetworks/subnets") {
            refuse(400, "BadRequest", `Subnet ${subnetId ?? "(none)"} of the regional VNet Integration of ${site.name} was not found.`);
        }
        const linkId = `${subnet.id}/serviceAssociationLinks/AppServiceLink`;
        if (!delegatedToWeb(subnet)) {
            refuse(400, "SubnetMissingRequiredDelegation", `Subnet ${subnet.id} requires any of the following delegation(s) [Microsoft.Web/serverFarms] to reference service association link ${linkId}.`);
        }
        const previous = existing?.properties.subnetResourceId as string | undefined;
        doc.properties = { subnetResourceId: subnet.id, swiftSupported: true };
        this.store(state, doc, existing);
        site.properties.virtualNetworkSubnetId = subnet.id;
        if (!state.resources[key(linkId)]) {
            state.resources[key(linkId)] = {
                id: linkId,
                name: "AppServiceLink",
                type: "Microsoft.Network/virtualNetworks/subnets/serviceAssociationLinks",
                etag: this.etag(state),
                properties: { linkedResourceType: "Microsoft.Web/serverfarms", link: plan?.id ?? site.properties.serverFarmId, allowDelete: false, locations: [], provisioningState: "Succeeded" },
            };
        }
        if (previous && !sameId(previous, subnet.id)) this.releaseLink(state, previous);
    }

    /** Removes the subnet's App Service link once no app is integrated with it any more. */
    private releaseLink(state: State, subnetId: string): void {
        const stillUsed = Object.values(state.resources).some((r) => /\/networkconfig$/i.test(r.type) && sameId(r.properties.subnetResourceId, subnetId));
        if (!stillUsed) delete state.resources[key(`${subnetId}/serviceAssociationLinks/AppServiceLink`)];
    }

    private writeGatewayConnection(state: State, parsed: ParsedId, doc: ArmResource, existing: ArmResource | undefined): void {
        const site = state.resources[key(parsed.parent!)]!;
        const slot = site.type === "Microsoft.Web/sites/slots";
        const plan = this.planOf(state, slot ? state.resources[key(parseArmId(site.id)!.parent!)] : site);
        this.checkPlanAllowsIntegration(plan, site.name);
        const props = doc.properties;
        const vnetId = props.vnetResourceId as string | undefined;
        if (!vnetId || !state.resources[key(vnetId)]) refuse(400, "BadRequest", `Virtual network ${vnetId ?? "(none)"} of the VNet connection ${doc.name} of ${site.name} was not found.`);
        const seed = `${parseArmId(site.id)!.subscriptionId}|${key(vnetId)}`;
        const digest = createHash("sha1").update(seed).digest();
        props.certBlob = Buffer.from(`standin-certificate:${seed}`).toString("base64");
        props.certThumbprint = digest.toString("hex").toUpperCase();
        props.resyncRequired = false;
        props.isSwift = false;
        props.routes = existing?.properties.routes ?? [];
        this.store(state, doc, existing);
    }

    private remove_(state: State, parsed: ParsedId, doc: ArmResource): void {
        const id = doc.id;
        switch (parsed.type) {
            case "Microsoft.Network/virtualNetworks/subnets": {
                const link = this.children(state, id, "serviceAssociationLinks")[0];
                const gateway = this.gatewaysOnSubnet(state, id)[0];
                const holder = link?.id ?? (gateway ? `${gateway.id}/ipConfigurations/${gateway.properties.ipConfigurations?.[0]?.name ?? "default"}` : undefined);
                if (holder) refuse(400, "InUseSubnetCannotBeDeleted", `Subnet ${doc.name} is in use by ${holder} and cannot be deleted. In order to delete the subnet, delete all the resources within the subnet. See aka.ms/deletesubnet.`);
                break;
            }
            case "Microsoft.Network/virtualNetworks":
                for (const subnet of this.children(state, id, "subnets")) this.remove_(state, parseArmId(subnet.id)!, subnet);
                break;
            case "Microsoft.Network/publicIPAddresses": {
                const user = Object.values(state.resources).find((r) => r.type === "Microsoft.Network/virtualNetworkGateways" && ((r.properties.ipConfigurations ?? []) as any[]).some((c) => sameId(c?.properties?.publicIPAddress?.id, id)));
                if (user) refuse(400, "PublicIPAddressCannotBeDeleted", `Public IP address ${id} can not be deleted since it is still allocated to resource ${user.properties.ipConfigurations[0].id}.`);
                break;
            }
            case "Microsoft.Web/serverfarms": {
                const sites = Object.values(state.resources).filter((r) => r.type === "Microsoft.Web/sites" && sameId(r.properties.serverFarmId, id));
                if (sites.length > 0) refuse(409, "Conflict", `Server farm '${doc.name}' cannot be deleted because it has web app(s) ${sites.map((s) => s.name).join(",")} assigned to it.`);
                break;
            }
            case "Microsoft.Web/sites":
            case "Microsoft.Web/sites/slots":
                for (const child of Object.values(state.resources)) {
                    if (/\/networkconfig$/i.test(child.type) && key(child.id).startsWith(`${key(id)}/`)) this.remove_(state, parseArmId(child.id)!, child);
                }
                break;
            case "Microsoft.Web/sites/networkConfig":
            case "Microsoft.Web/sites/slots/networkConfig": {
                delete state.resources[key(id)];
                const site = state.resources[key(parsed.parent!)];
                if (site) delete site.properties.virtualNetworkSubnetId;
                this.releaseLink(state, doc.properties.subnetResourceId);
                return;
            }
            case "Microsoft.Resources/resourceGroups":
                break;
        }
        for (const other of Object.keys(state.resources)) if (other === key(id) || other.startsWith(`${key(id)}/`)) delete state.resources[other];
    }

    /** A stored document as GET answers it: children embedded, computed references filled in. */
    private view(state: State, id: string): ArmResource | undefined {
        const parsed = parseArmId(id);
        if (!parsed) return undefined;
        if (parsed.type === "Microsoft.Web/serverfarms/virtualNetworkConnections") return this.planConnection(state, parsed, id);
        const stored = state.resources[key(id)];
        if (!stored) return undefined;
        const doc = JSON.parse(JSON.stringify(stored)) as ArmResource;
        switch (doc.type) {
            case "Microsoft.Network/virtualNetworks":
                doc.properties.subnets = this.children(state, doc.id, "subnets").map((s) => this.view(state, s.id));
                doc.properties.virtualNetworkPeerings = this.children(state, doc.id, "virtualNetworkPeerings").map((p) => this.view(state, p.id));
                break;
            case "Microsoft.Network/virtualNetworks/subnets": {
                const links = this.children(state, doc.id, "serviceAssociationLinks");
                if (links.length > 0) doc.properties.serviceAssociationLinks = links;
                const gateways = this.gatewaysOnSubnet(state, doc.id);
                if (gateways.length > 0) doc.properties.ipConfigurations = gateways.map((g) => ({ id: `${g.id}/ipConfigurations/${g.properties.ipConfigurations?.[0]?.name ?? "default"}` }));
                break;
            }
            case "Microsoft.Network/virtualNetworks/virtualNetworkPeerings": {
                const local = parsed.parent!;
                const remote = doc.properties.remoteVirtualNetwork?.id;
                const back = remote ? this.children(state, remote, "virtualNetworkPeerings").find((p) => sameId(p.properties.remoteVirtualNetwork?.id, local)) : undefined;
                doc.properties.peeringState = back ? "Connected" : "Initiated";
                break;
            }
            case "Microsoft.Web/sites":
            case "Microsoft.Web/sites/slots": {
                const swift = state.resources[key(`${doc.id}/networkConfig/virtualNetwork`)];
                doc.properties.virtualNetworkSubnetId = swift?.properties.subnetResourceId ?? null;
                break;
            }
            case "Microsoft.Web/serverfarms":
                doc.properties.numberOfSites = Object.values(state.resources).filter((r) => r.type === "Microsoft.Web/sites" && sameId(r.properties.serverFarmId, doc.id)).length;
                break;
        }
        return doc;
    }

    /** `serverfarms/{plan}/virtualNetworkConnections/{vnet}` exists while an app of the plan has that gateway connection. */
    private planConnection(state: State, parsed: ParsedId, id: string): ArmResource | undefined {
        const planId = parsed.parent!;
        const connection = Object.values(state.resources).find((r) => {
            if (!/virtualNetworkConnections$/.test(r.type) || !r.type.startsWith("Microsoft.Web/sites") || r.name.toLowerCase() !== parsed.name.toLowerCase()) return false;
            const owner = parseArmId(r.id)!.parent!;
            const site = state.resources[key(owner)];
            const app = site?.type === "Microsoft.Web/sites/slots" ? state.resources[key(parseArmId(site.id)!.parent!)] : site;
            return sameId(app?.properties.serverFarmId, planId);
        });
        if (!connection) return undefined;
        const routes = this.children(state, id, "routes").map((r) => ({ id: r.id, name: r.name, properties: r.properties }));
        return { id: `${state.resources[key(planId)]?.id ?? planId}/virtualNetworkConnections/${parsed.name}`, name: parsed.name, type: "Microsoft.Web/serverfarms/virtualNetworkConnections", properties: { ...connection.properties, routes } };
    }
}

// ---- helpers ------------------------------------------------------------------------------

/** ARM answers region names in lower case without spaces. */
export function normalRegion(location: string): string {
    return location.replace(/\s+/g, "").toLowerCase();
}

/** ARM answers an id as it was first written; keep the caller's text. */
function canonical(id: string): string {
    return id.replace(/\/+$/, "");
}

function guid(seed: string): string {
    const h = createHash("sha1").update(seed).digest("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function stripReadOnly(props: Record<string, any>): Record<string, any> {
    delete props.provisioningState;
    delete props.serviceAssociationLinks;
    return props;
}

function subnetPrefix(doc: ArmResource): string {
    return doc.properties.addressPrefix ?? doc.properties.addressPrefixes?.[0];
}

function delegatedToWeb(subnet: ArmResource): boolean {
    return ((subnet.properties.delegations ?? []) as any[]).some((d) => String(d?.properties?.serviceName ?? d?.serviceName ?? "").toLowerCase() === "microsoft.web/serverfarms");
}

function delegationActions(service: unknown): string[] {
    return String(service ?? "").toLowerCase() === "microsoft.web/serverfarms" ? ["Microsoft.Network/virtualNetworks/subnets/action"] : [];
}

/** The tier ARM reports for a plan SKU name. */
export function tierOf(skuName: string): string {
    const name = skuName.toUpperCase();
    if (name === "F1" || name === "FREE") return "Free";
    if (name === "D1" || name === "SHARED") return "Shared";
    if (/^B\d/.test(name)) return "Basic";
    if (/^S\d/.test(name)) return "Standard";
    if (/^P\d+V2$/.test(name)) return "PremiumV2";
    if (/^P0V3$/.test(name)) return "Premium0V3";
    if (/^P\d+MV3$|^P\d+V3$/.test(name)) return "PremiumV3";
    if (/^P\d+MV4$|^P\d+V4$|^P0V4$/.test(name)) return name === "P0V4" ? "Premium0V4" : "PremiumV4";
    if (/^EP\d/.test(name)) return "ElasticPremium";
    if (/^Y1$/.test(name)) return "Dynamic";
    if (/^WS\d/.test(name)) return "WorkflowStandard";
    if (/^I\d+V2$/.test(name)) return "IsolatedV2";
    if (/^P\d$/.test(name)) return "Premium";
    return "Standard";
}
