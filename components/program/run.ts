/**
 * State that lives as long as one Pulumi run (one stack's preview or up), never the process:
 * an Automation API inline program run twice in one process, or two stacks side by side, each
 * start empty. Keyed by the run's stack resource (see sdk.ts `currentRunToken`), held weakly,
 * and kept on globalThis so two copies of the library in one program share it.
 */
import { currentRunToken } from "../sdk";

interface Runs {
    readonly byRun: WeakMap<object, Map<string, unknown>>;
    /** Code that runs outside any Pulumi run (a plain script calling the rules through a component). */
    readonly outside: object;
}

const KEY = Symbol.for("appservice-vnet-integration/runs");

function runs(): Runs {
    const holder = globalThis as unknown as Record<symbol, Runs | undefined>;
    return (holder[KEY] ??= { byRun: new WeakMap(), outside: {} });
}

/** Set while a check made in one run's constructor runs later (when its facts resolve). */
let bound: object | undefined;

/** The run this code belongs to: capture it in a constructor, hand it to `inRun` for work done later. */
export function currentRun(): object {
    return bound ?? currentRunToken() ?? runs().outside;
}

/**
 * Runs `work` (synchronous) as part of `run`: a check that resolves after another run started
 * in the process still reads and writes its own run's claims.
 */
export function inRun<T>(run: object, work: () => T): T {
    const before = bound;
    bound = run;
    try {
        return work();
    } finally {
        bound = before;
    }
}

function slots(): Map<string, unknown> {
    const all = runs();
    const token = currentRun();
    let map = all.byRun.get(token);
    if (!map) {
        map = new Map();
        all.byRun.set(token, map);
    }
    return map;
}

/** This run's value of `slot`, made by `init` the first time the run asks for it. */
export function runState<T>(slot: string, init: () => T): T {
    const map = slots();
    if (!map.has(slot)) map.set(slot, init());
    return map.get(slot) as T;
}

/** Forgets what the current run recorded: for harnesses that run several programs in one run. */
export function resetProgramState(): void {
    slots().clear();
}
