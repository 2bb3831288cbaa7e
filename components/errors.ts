import * as pulumi from "@pulumi/pulumi";
import { formatViolation, Violation } from "./rules/engine";

/**
 * Thrown when a component's inputs break one or more error rules; nothing of that
 * component has been registered with Azure. `violations` holds every broken rule, and the
 * message lists them one per line, code first.
 */
export class VnetIntegrationError extends pulumi.ResourceError {
    public readonly violations: readonly Violation[];

    constructor(component: string, violations: readonly Violation[], resource?: pulumi.Resource) {
        const lines = violations.map(formatViolation);
        super(`${component}: ${violations.length} VNet Integration rule violation(s):\n${lines.join("\n")}`, resource, true);
        this.name = "VnetIntegrationError";
        this.violations = violations;
        Object.setPrototypeOf(this, VnetIntegrationError.prototype);
        // Pulumi rethrows one error through every child whose input it fails, prefixing
        // `error serializing property "x": ` to its message each time: the rule text is the
        // message, so it stays as written.
        const text = this.message;
        Object.defineProperty(this, "message", { get: () => text, set: () => undefined, enumerable: false, configurable: true });
        // The component, when printed with the error (Node's report of an unhandled rejection), is thousands of lines.
        Object.defineProperty(this, "resource", { value: resource, enumerable: false, writable: false, configurable: true });
    }

    /** True for this error even across duplicated copies of the library. */
    static isVnetIntegrationError(error: unknown): error is VnetIntegrationError {
        return error instanceof Error && error.name === "VnetIntegrationError" && Array.isArray((error as VnetIntegrationError).violations);
    }
}
