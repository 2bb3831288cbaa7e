/**
 * Dynamic resources for the gateway steps azure-native has no resource for. Each holds a
 * bearer token as a secret input, renewed when it expires or ARM refuses it (../arm/token.ts),
 * and the component's ARM time limits (`armOptions`); neither is diffed: a new token or a
 * longer timeout is not a change to Azure.
 *
 * Pulumi stores each provider's code in the stack's state, serialized from these functions.
 * Every module that code reaches (this one and ../arm/*) exports `deploymentOnlyModule`, so
 * the serializer copies it by value rather than writing `require("<package>/bin/...")`: an
 * installed package's providers need no deep import (`exports` lists none), and a resource
 * made by one version is still deleted after the package is upgraded or removed. Only Node
 * built-ins are required (test/serializedProviders.test.ts, tools/consumer-check.sh).
 */
import * as pulumi from "@pulumi/pulumi";
import { ArmCallOptions, ArmClient } from "../arm/client";
import { addRootCertificate, GATEWAY_CALL_DEFAULTS, generateVpnClientPackage, removeRootCertificate } from "../arm/gateway";
import { tokenSource } from "../arm/token";

/** @internal see above: serialize this module by value. */
export const deploymentOnlyModule = true;

export const WEB_API_VERSION = "2024-11-01";

interface ArmAccess {
    /** ARM endpoint, e.g. https://management.azure.com */
    endpoint: string;
    token: string;
    /** Time limits and retries of the ARM calls; unset values take GATEWAY_CALL_DEFAULTS (minutes, not seconds). */
    armOptions?: ArmCallOptions;
}

/** @internal exported for tests: the client of one provider call. */
export function clientFor(access: ArmAccess): ArmClient {
    const set = Object.fromEntries(Object.entries(access.armOptions ?? {}).filter(([, v]) => v !== undefined && v !== null));
    return new ArmClient({ ...GATEWAY_CALL_DEFAULTS, ...set, endpoint: access.endpoint, token: tokenSource(access.token, access.endpoint) });
}

function changed<T extends object>(olds: T, news: T, keys: (keyof T)[]): (keyof T)[] {
    return keys.filter((key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]));
}

// ---- the app certificate on a gateway this program does not own ---------------------------

export interface RootCertificateInputs extends ArmAccess {
    gatewayId: string;
    certificateName: string;
    publicCertData: string;
    /**
     * Remove the certificate (matched by its data) from the gateway on delete. Off by default:
     * Azure makes one certificate per subscription and VNet, so other plans' apps on this VNet
     * use the same one, and ARM cannot tell whether any still do.
     */
    removeOnDelete?: boolean;
}

/** @internal exported for tests */
export const rootCertificateProvider: pulumi.dynamic.ResourceProvider<RootCertificateInputs, RootCertificateInputs> = {
    async create(inputs) {
        await addRootCertificate(clientFor(inputs), inputs.gatewayId, inputs.certificateName, inputs.publicCertData);
        return { id: `${inputs.gatewayId}/vpnClientRootCertificates/${inputs.certificateName}`, outs: inputs };
    },
    async diff(_id, olds, news) {
        const replaces = changed(olds, news, ["gatewayId", "certificateName", "endpoint"]) as string[];
        const changes = replaces.length > 0 || changed(olds, news, ["publicCertData", "removeOnDelete"]).length > 0;
        return { changes, replaces, deleteBeforeReplace: true };
    },
    async update(_id, _olds, news) {
        await addRootCertificate(clientFor(news), news.gatewayId, news.certificateName, news.publicCertData);
        return { outs: news };
    },
    // Kept on delete unless asked: it is shared by every plan whose apps use this VNet.
    async delete(_id, olds) {
        if (olds.removeOnDelete === true) await removeRootCertificate(clientFor(olds), olds.gatewayId, olds.certificateName, olds.publicCertData);
    },
};

/**
 * The app certificate in an adopted gateway's root certificates, added by read-modify-write
 * unless its data is there already (under any name); kept on delete unless `removeOnDelete`.
 */
export class GatewayRootCertificate extends pulumi.dynamic.Resource {
    constructor(name: string, args: pulumi.Inputs & { [K in keyof RootCertificateInputs]: pulumi.Input<RootCertificateInputs[K]> }, opts?: pulumi.CustomResourceOptions) {
        super(rootCertificateProvider, name, args, { ...opts, additionalSecretOutputs: ["token"] }, "appservice-vnet-integration", "GatewayRootCertificate");
    }
}

// ---- VPN client package written to the app's connection ("Sync network") -------------------

export interface VpnPackageInputs extends ArmAccess {
    gatewayId: string;
    /** ARM id of `sites/{app}[/slots/{slot}]/virtualNetworkConnections/{vnetName}`. */
    connectionId: string;
    vnetName: string;
    /** What the package carries: a change re-syncs the connection ("Sync network" in https://learn.microsoft.com/azure/app-service/configure-gateway-required-vnet-integration). */
    certificateThumbprint: string;
    dnsServers: string[];
}

interface VpnPackageOutputs extends VpnPackageInputs {
    packageUri: string;
    syncedAt: string;
}

async function syncPackage(inputs: VpnPackageInputs): Promise<VpnPackageOutputs> {
    const client = clientFor(inputs);
    const packageUri = await generateVpnClientPackage(client, inputs.gatewayId);
    await client.longRunning("write VPN package to gateways/primary", "PUT", `${inputs.connectionId}/gateways/primary`, WEB_API_VERSION, {
        properties: { vnetName: inputs.vnetName, vpnPackageUri: packageUri },
    });
    return { ...inputs, packageUri, syncedAt: new Date().toISOString() };
}

/** @internal exported for tests */
export const vpnPackageProvider: pulumi.dynamic.ResourceProvider<VpnPackageInputs, VpnPackageOutputs> = {
    async create(inputs) {
        return { id: `${inputs.connectionId}/gateways/primary`, outs: await syncPackage(inputs) };
    },
    async diff(_id, olds, news) {
        const replaces = changed(olds, news, ["connectionId"]) as string[];
        const resync = changed(olds, news, ["gatewayId", "vnetName", "certificateThumbprint", "dnsServers", "endpoint"]);
        return { changes: replaces.length > 0 || resync.length > 0, replaces };
    },
    async update(_id, _olds, news) {
        return { outs: await syncPackage(news) };
    },
    // Deleting the app's VNet connection removes its gateways/primary child with it.
    async delete() {},
};

/**
 * Generates the gateway's VPN client package and writes its URL to the connection's
 * `gateways/primary` child; again whenever the certificate or the VNet's DNS changes.
 */
export class VpnPackageSync extends pulumi.dynamic.Resource {
    /** Signed package URL: a secret. */
    public readonly packageUri!: pulumi.Output<string>;
    /** When the connection was last synced. */
    public readonly syncedAt!: pulumi.Output<string>;

    constructor(name: string, args: { [K in keyof VpnPackageInputs]: pulumi.Input<VpnPackageInputs[K]> }, opts?: pulumi.CustomResourceOptions) {
        super(vpnPackageProvider, name, { ...args, packageUri: undefined, syncedAt: undefined }, { ...opts, additionalSecretOutputs: ["token", "packageUri"] }, "appservice-vnet-integration", "VpnPackageSync");
    }
}
