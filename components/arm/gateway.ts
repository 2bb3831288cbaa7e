/**
 * The gateway-side steps of gateway-required integration that azure-native cannot express
 * (shared/spec/azure-mapping.md, section 2): the VPN client package and the app's
 * certificate on a gateway this program does not own.
 */
import { ArmClient, ArmError } from "./client";

export const NETWORK_API_VERSION = "2024-05-01";

interface RootCertificate {
    name: string;
    properties: { publicCertData: string };
}

interface GatewayDocument {
    etag?: string;
    properties?: { vpnClientConfiguration?: { vpnClientRootCertificates?: RootCertificate[] } & Record<string, unknown> } & Record<string, unknown>;
}

/** ARM answers the package URL as a JSON string, sometimes quoted once more. */
export function unquoteUrl(body: unknown): string {
    let text = typeof body === "string" ? body : JSON.stringify(body ?? "");
    for (let i = 0; i < 2 && /^".*"$/s.test(text); i++) text = JSON.parse(text) as string;
    return text;
}

/** `POST .../generatevpnclientpackage`: a long-running operation that returns the package URL. */
export async function generateVpnClientPackage(client: ArmClient, gatewayId: string): Promise<string> {
    const result = await client.longRunning("generate VPN client package", "POST", `${gatewayId}/generatevpnclientpackage`, NETWORK_API_VERSION, {
        processorArchitecture: "Amd64",
    });
    const url = unquoteUrl(result);
    if (!/^https:\/\//.test(url)) throw new ArmError("generate VPN client package", undefined, "UnexpectedResult", "the operation returned no package URL");
    return url;
}

/**
 * Read-modify-write of the gateway's root certificates: `change` gets the current list and
 * returns the new one (or undefined for no change). One PUT with If-Match, so a failure leaves
 * the gateway as it was and a concurrent writer is never overwritten (HTTP 412: read again).
 */
async function updateRootCertificates(
    client: ArmClient,
    operation: string,
    gatewayId: string,
    change: (current: RootCertificate[]) => RootCertificate[] | undefined,
): Promise<void> {
    for (let attempt = 0; ; attempt++) {
        const read = await client.call(`${operation} (read gateway)`, "GET", gatewayId, NETWORK_API_VERSION);
        const gateway = read.body as GatewayDocument;
        const configuration = gateway.properties?.vpnClientConfiguration;
        if (!configuration) throw new ArmError(operation, undefined, "NoPointToSite", `gateway ${gatewayId} has no point-to-site configuration`);
        const next = change(configuration.vpnClientRootCertificates ?? []);
        if (!next) return;
        const updated: GatewayDocument = { ...gateway, properties: { ...gateway.properties, vpnClientConfiguration: { ...configuration, vpnClientRootCertificates: next } } };
        try {
            await client.longRunning(operation, "PUT", gatewayId, NETWORK_API_VERSION, updated, gateway.etag ? { "if-match": gateway.etag } : {});
            return;
        } catch (error) {
            if (error instanceof ArmError && error.status === 412 && attempt < 3) continue;
            throw error;
        }
    }
}

/** Adds (or refreshes) one root certificate, leaving every other certificate untouched. */
export function addRootCertificate(client: ArmClient, gatewayId: string, name: string, publicCertData: string): Promise<void> {
    return updateRootCertificates(client, `add root certificate ${name}`, gatewayId, (current) => {
        const existing = current.find((c) => c.name === name);
        if (existing && existing.properties.publicCertData === publicCertData) return undefined;
        return [...current.filter((c) => c.name !== name), { name, properties: { publicCertData } }];
    });
}

/** Removes one root certificate by name, leaving every other certificate untouched. */
export function removeRootCertificate(client: ArmClient, gatewayId: string, name: string): Promise<void> {
    return updateRootCertificates(client, `remove root certificate ${name}`, gatewayId, (current) =>
        current.some((c) => c.name === name) ? current.filter((c) => c.name !== name) : undefined,
    );
}
