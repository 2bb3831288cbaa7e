/**
 * Child logical names that are unique by construction, and a program-wide check for the
 * ones that are not: Pulumi's engine refuses two resources of one URN (parent type, type,
 * name), but the mocks accept them, so a collision would surface only at a real `pulumi up`.
 */
import * as pulumi from "@pulumi/pulumi";
import { runState } from "./program/run";
import { urnTypeChain } from "./sdk";

/**
 * Records a child's URN (its parent's type chain, its type, its name) with what it is for;
 * returns what the earlier child of the same URN was for, if any. Per run.
 */
function claimChildName(urn: string, source: string): string | undefined {
    const names = runState("childNames", () => new Map<string, string>());
    const before = names.get(urn);
    if (before !== undefined) return before;
    names.set(urn, source);
    return undefined;
}

export { appNameKey, legacyAppNameKey } from "./identity";

/**
 * Names the children of one component: `name(type, childName, source)` returns `childName`,
 * or throws a ResourceError naming both sources when another child of the program would
 * have the same URN.
 */
export class ChildNames {
    private readonly reserved = new Set<string>();

    constructor(
        private readonly component: pulumi.ComponentResource,
        private readonly componentName: string,
    ) {}

    /** Claims every child's name before the first child exists, so a collision registers none of them. */
    reserve(children: readonly (readonly [type: string, childName: string, source: string])[]): void {
        for (const [type, childName, source] of children) {
            this.claim(type, childName, source);
            this.reserved.add(`${type}|${childName}`);
        }
    }

    name(type: string, childName: string, source: string): string {
        return this.reserved.has(`${type}|${childName}`) ? childName : this.claim(type, childName, source);
    }

    private claim(type: string, childName: string, source: string): string {
        const what = `${source} (component ${this.componentName})`;
        // The URN's type part is the chain of parent types, not the parents' names: two instances of one user component share it.
        const before = claimChildName(`${urnTypeChain(this.component)}$${type}::${childName}`, what);
        if (before !== undefined) {
            throw new pulumi.ResourceError(
                `${this.componentName}: two resources of type ${type} would be named ${childName}: one for ${before}, one for ${what}; ` +
                    `Pulumi refuses two resources with one URN. Fix: rename one of the components, or give one of the apps or VNets another logical name.`,
                this.component,
            );
        }
        return childName;
    }
}
