/**
 * How the library recognises the same thing twice, in one place:
 *
 * - an app across components (claims, VNI-R12, G04): `appKey`, `resourcegroup/app[/slot]`
 *   case-folded, once name and group are known (`appIdentity`); its object (`identityOf`) until then;
 * - an app in a child's logical name: `appNameKey` (`orders`, `orders/staging`), or the
 *   resource's logical name; `legacyAppNameKey` only for aliases of names used before;
 * - a VNet or plan: its ARM id once known, its object until then (shared/facts.ts `armIdentity`);
 * - any object (a resource whose id is not known yet): `identityOf`.
 */
import { isUnknown } from "./rules/known";
const KEY = Symbol.for("appservice-vnet-integration/object-identities");

interface Identities {
    readonly byObject: WeakMap<object, string>;
    next: number;
}

function identities(): Identities {
    const holder = globalThis as unknown as Record<symbol, Identities | undefined>;
    return (holder[KEY] ??= { byObject: new WeakMap(), next: 0 });
}

/** `resourcegroup/app[/slot]`, case-folded: how components of one program recognise an app. */
export function appKey(app: { name: string; resourceGroupName: string; slot?: string }): string {
    return [app.resourceGroupName, app.name, app.slot].filter(Boolean).join("/").toLowerCase();
}

/** A stable key for an object (a resource whose id is not known yet): the same object, the same key, for the life of the object. */
export function identityOf(object: object): string {
    const all = identities();
    let key = all.byObject.get(object);
    if (!key) {
        key = `object#${++all.next}`;
        all.byObject.set(object, key);
    }
    return key;
}

/** The part of a child's name that stands for an app: `orders`, or `orders/staging` for a slot (an app may be named `orders-staging`). */
export function appNameKey(app: string, slot?: string): string {
    return slot ? `${app}/${slot}` : app;
}

/** The name a slot's children had before `appNameKey`: an alias, so existing stacks keep them. */
export function legacyAppNameKey(app: string, slot?: string): string {
    return [app, slot].filter(Boolean).join("-");
}

/** How components of one program recognise an app: `resourcegroup/app[/slot]` when known, else its identity. */
export function appIdentity(raw: { name?: unknown; resourceGroupName?: unknown; slot?: unknown; identity?: unknown }): string {
    return typeof raw.name === "string" && typeof raw.resourceGroupName === "string" && !isUnknown(raw.slot)
        ? appKey({ name: raw.name, resourceGroupName: raw.resourceGroupName, slot: raw.slot as string | undefined })
        : (raw.identity as string);
}
