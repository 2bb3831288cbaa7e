/** The gateway component's own inputs, gathered into the plain facts its rules read. */
import { GATEWAY_SUBNET_NAME, parseResourceId } from "../azure";
import type { GatewayDeviceFacts } from "../rules/gateway";
import { InputsOf, MaybeOf, RawApp, rawApp, RawPlan, rawPlan, RawVirtualNetwork, rawVirtualNetwork } from "../shared/facts";
import type { ExistingGateway, GatewayVnetIntegrationArgs, NewGateway } from "./args";

export type RawGateway =
    | { kind: "create"; sku: string; addressPool: string[]; subnetPrefix?: string; subnetPrefixLength: number; reserved: string[] }
    | { kind: "adopt"; id: string; skuName: string; gatewayType?: string; vpnType?: string; pointToSite?: { addressPool: string[]; protocols: string[] }; subnetPrefix: string; subnetName?: string };

/** The gateway facts once settled; plan, VNet and app facts may be Unknown at preview. */
export interface RawGatewayInputs {
    readonly plan: MaybeOf<RawPlan>;
    readonly virtualNetwork: MaybeOf<RawVirtualNetwork>;
    readonly gateway: RawGateway;
    readonly apps: MaybeOf<RawApp>[];
    readonly peers: { name: string; addressPrefixes: string[] }[];
    readonly onPremises: { prefixes: string[]; bgpEnabled: boolean };
}

export function isAdopted(gateway: NewGateway | ExistingGateway): gateway is ExistingGateway {
    return (gateway as ExistingGateway).id !== undefined;
}

function rawGateway(gateway: NewGateway | ExistingGateway): InputsOf<RawGateway> {
    if (isAdopted(gateway)) {
        return {
            kind: "adopt",
            id: gateway.id,
            skuName: gateway.skuName,
            gatewayType: gateway.gatewayType,
            vpnType: gateway.vpnType,
            pointToSite: gateway.pointToSite,
            subnetPrefix: gateway.gatewaySubnetPrefix,
            subnetName: gateway.gatewaySubnetName,
        } as InputsOf<RawGateway>;
    }
    return {
        kind: "create",
        sku: gateway.sku ?? "VpnGw1AZ",
        addressPool: gateway.addressPool,
        subnetPrefix: gateway.gatewaySubnetPrefix,
        subnetPrefixLength: gateway.gatewaySubnetPrefixLength ?? 27,
        reserved: gateway.reservedAddressPrefixes ?? [],
    } as InputsOf<RawGateway>;
}

/** The sources of every fact the gateway rules read (see shared/facts.ts). */
export function rawGatewayInputs(args: GatewayVnetIntegrationArgs) {
    return {
        plan: rawPlan(args.plan),
        virtualNetwork: rawVirtualNetwork(args.virtualNetwork),
        gateway: rawGateway(args.gateway),
        apps: (args.apps ?? []).map((app, i) => rawApp(app, i)),
        peers: (args.peers ?? []) as never,
        onPremises: { prefixes: args.onPremises?.prefixes ?? [], bgpEnabled: args.onPremises?.bgpEnabled ?? false },
    };
}

/** The gateway as the rules see it; `subnetPrefix` is the given or allocated GatewaySubnet prefix. */
export function gatewayDeviceFacts(raw: RawGateway, subnetPrefix: string | undefined, componentName: string): GatewayDeviceFacts {
    if (raw.kind === "create") {
        return {
            name: `${componentName}-gateway`,
            gatewayType: "Vpn",
            vpnType: "RouteBased",
            skuName: raw.sku,
            pointToSite: { addressPool: raw.addressPool, protocols: ["SSTP"] },
            subnet: { name: GATEWAY_SUBNET_NAME, addressPrefix: subnetPrefix },
            created: true,
        };
    }
    return {
        name: parseResourceId(raw.id)?.name ?? raw.id,
        gatewayType: raw.gatewayType ?? "Vpn",
        vpnType: raw.vpnType ?? "RouteBased",
        skuName: raw.skuName,
        pointToSite: raw.pointToSite,
        subnet: { name: raw.subnetName ?? GATEWAY_SUBNET_NAME, addressPrefix: subnetPrefix },
        created: false,
    };
}
