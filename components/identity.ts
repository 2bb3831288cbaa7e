/**
 * How the library recognises the same thing twice within a run: an app, a plan, a VNet.
 */
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
