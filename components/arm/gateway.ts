/**
 * The gateway-side steps of gateway-required integration that azure-native cannot express
 * (shared/spec/azure-mapping.md, section 2): the VPN client package and the app's
 * certificate on a gateway this program does not own.
 */
import { ArmCallOptions, ArmClient, ArmError } from "./client";

/**
 * @internal Pulumi's closure serializer copies a module that says this into a dynamic
 * provider's code instead of writing `require("<package>/<file>")`: the providers stay
 * self-contained when the package is installed (see components/gateway/providers.ts).
 */
export const deploymentOnlyModule = true;

export const NETWORK_API_VERSION = "2024-05-01";

/**
 * Budgets of the gateway steps when a component sets none: a gateway update runs for tens of
 * minutes, and a write meanwhile is answered 409 AnotherOperationInProgress until it ends.
 */
export const GATEWAY_CALL_DEFAULTS: Required<ArmCallOptions> = {
    timeoutMs: 2 * 60_000,
    maxRetries: 60,
    pollIntervalMs: 15_000,
    operationTimeoutMs: 45 * 60_000,
};

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

/** Certificate data compared as Azure stores it: base64 without whitespace or PEM armour. */
export function sameCertificateData(a: string | undefined, b: string | undefined): boolean {
    const normal = (data: string | undefined) => (data ?? "").replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
    return normal(a) !== "" && normal(a) === normal(b);
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

/** The gateway document of a read, or a named error saying what came instead. */
function gatewayDocument(operation: string, status: number, body: unknown, text: string): GatewayDocument {
    if (body === undefined) throw new ArmError(operation, status, "InvalidResponse", "ARM answered with an empty body instead of the gateway");
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
        throw new ArmError(operation, status, "InvalidResponse", `ARM answered with something that is not a gateway document (${typeof body === "string" ? "not JSON" : `JSON ${body === null ? "null" : Array.isArray(body) ? "array" : typeof body}`}): ${text}`);
    }
    const properties = (body as GatewayDocument).properties;
    if (properties === null || typeof properties !== "object") throw new ArmError(operation, status, "InvalidResponse", "the gateway document has no properties");
    return body as GatewayDocument;
}

/**
 * Read-modify-write of the gateway's root certificates: `change` gets the current list and
 * returns the new one (or undefined for no change). One PUT with If-Match, awaited to its end
 * (the gateway answers 200 and keeps updating), so a failure leaves the gateway as it was, a
 * concurrent writer is never overwritten (HTTP 412: read again), and the next step never meets
 * AnotherOperationInProgress. One deadline bounds the whole read-modify-write.
 * `gone` is what a missing gateway, or one with no point-to-site configuration, means:
 * an error, or (on delete) nothing left to do.
 */
async function updateRootCertificates(
    client: ArmClient,
    operation: string,
    gatewayId: string,
    change: (current: RootCertificate[]) => RootCertificate[] | undefined,
    gone: "fail" | "done",
): Promise<void> {
    const deadline = client.deadline();
    for (let attempt = 0; ; attempt++) {
        let read;
        try {
            read = await client.call(`${operation} (read gateway)`, "GET", gatewayId, NETWORK_API_VERSION, undefined, { deadline });
        } catch (error) {
            if (gone === "done" && error instanceof ArmError && error.status === 404) return; // The gateway is gone, and its certificates with it.
            throw error;
        }
        const gateway = gatewayDocument(`${operation} (read gateway)`, read.status, read.body, read.text);
        const configuration = gateway.properties!.vpnClientConfiguration;
        if (!configuration) {
            if (gone === "done") return;
            throw new ArmError(operation, undefined, "NoPointToSite", `gateway ${gatewayId} has no point-to-site configuration`);
        }
        const next = change(configuration.vpnClientRootCertificates ?? []);
        if (!next) return;
        const updated: GatewayDocument = { ...gateway, properties: { ...gateway.properties, vpnClientConfiguration: { ...configuration, vpnClientRootCertificates: next } } };
        try {
            await client.longRunning(operation, "PUT", gatewayId, NETWORK_API_VERSION, updated, { headers: gateway.etag ? { "if-match": gateway.etag } : {}, deadline });
            return;
        } catch (error) {
            if (error instanceof ArmError && error.status === 412 && attempt < 3) continue;
            if (gone === "done" && error instanceof ArmError && error.status === 404) return;
            throw error;
        }
    }
}

/**
 * Adds the certificate unless its data is already there, under any name: Azure makes one
 * certificate per subscription and VNet, so another plan (or a person) may have added it. A
 * different certificate under `name` is replaced; every other certificate is left untouched.
 */
export function addRootCertificate(client: ArmClient, gatewayId: string, name: string, publicCertData: string): Promise<void> {
    return updateRootCertificates(
        client,
        `add root certificate ${name}`,
        gatewayId,
        (current) => {
            if (current.some((c) => sameCertificateData(c.properties?.publicCertData, publicCertData))) return undefined;
            return [...current.filter((c) => c.name !== name), { name, properties: { publicCertData } }];
        },
        "fail",
    );
}

/**
 * Removes every root certificate with this data, whatever its name (with no data: the one named
 * `name`), leaving the others. A gateway that is gone, or holds no such certificate, is nothing
 * to do. The caller decides whether anyone else still needs the certificate: ARM cannot tell.
 */
export function removeRootCertificate(client: ArmClient, gatewayId: string, name: string, publicCertData?: string): Promise<void> {
    return updateRootCertificates(
        client,
        `remove root certificate ${name}`,
        gatewayId,
        (current) => {
            const kept = current.filter((c) => (publicCertData === undefined ? c.name !== name : !sameCertificateData(c.properties?.publicCertData, publicCertData)));
            return kept.length === current.length ? undefined : kept;
        },
        "done",
    );
}
