/**
 * All IPv4 address arithmetic of the library. Everything here is pure and goes through
 * `ip-num`; no other module parses or compares addresses by hand.
 */
import { IPv4 } from "ip-num";
import { InvalidInputError, shown } from "./invalidInput";

/** A parsed, canonical IPv4 CIDR block. */
export interface Cidr {
    /** Canonical text, e.g. `10.0.1.0/27`. */
    readonly text: string;
    readonly prefixLength: number;
    /** First and last address as integers (inclusive). */
    readonly first: bigint;
    readonly last: bigint;
    /** Number of addresses in the block. */
    readonly size: bigint;
}

/** Why a text is not a usable IPv4 CIDR block or address. */
export type AddressProblem =
    | { readonly kind: "not-a-string" }
    | { readonly kind: "ipv6" }
    | { readonly kind: "malformed" }
    | { readonly kind: "host-bits"; readonly canonical: string };

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: AddressProblem };

// Canonical dotted decimal only: ip-num accepts `10.0.0.0/024`, Azure does not.
const OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
const IPV4_TEXT = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);
const CIDR_TEXT = new RegExp(`^(${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET})/(3[0-2]|[12]?[0-9])$`);

/** The private ranges of RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16. */
export const RFC1918: readonly Cidr[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((text) => mustParseCidr(text));

/** Addresses Azure keeps in every subnet: network, gateway, two for Azure DNS, broadcast. */
export const AZURE_RESERVED_ADDRESSES_PER_SUBNET = 5;

/** Parses an IPv4 CIDR block; host bits set, IPv6 and non-canonical text are problems. */
export function parseCidr(text: unknown): Parsed<Cidr> {
    if (typeof text !== "string") return { ok: false, problem: { kind: "not-a-string" } };
    if (text.includes(":")) return { ok: false, problem: { kind: "ipv6" } };
    const match = CIDR_TEXT.exec(text);
    if (!match) return { ok: false, problem: { kind: "malformed" } };
    // The text is canonical dotted decimal (CIDR_TEXT): the arithmetic is the octets'. ip-num
    // gives the same block but costs ~15 µs a parse, which 10,000 routed prefixes notice.
    const given = (BigInt(Number(match[2]) * 16777216 + Number(match[3]) * 65536 + Number(match[4]) * 256 + Number(match[5])));
    const prefixLength = Number(match[6]);
    const size = 1n << BigInt(32 - prefixLength);
    const first = (given / size) * size;
    if (given !== first) {
        return { ok: false, problem: { kind: "host-bits", canonical: `${formatAddress(first)}/${prefixLength}` } };
    }
    return { ok: true, value: { text, prefixLength, first, last: first + size - 1n, size } };
}

/** Parses a single IPv4 address (e.g. a DNS server). */
export function parseAddress(text: unknown): Parsed<bigint> {
    if (typeof text !== "string") return { ok: false, problem: { kind: "not-a-string" } };
    if (text.includes(":")) return { ok: false, problem: { kind: "ipv6" } };
    if (!IPV4_TEXT.test(text)) return { ok: false, problem: { kind: "malformed" } };
    return { ok: true, value: IPv4.fromDecimalDottedString(text).getValue() };
}

/** Parses a CIDR known to be valid (library constants, values already validated); InvalidInputError otherwise. */
export function mustParseCidr(text: string): Cidr {
    const parsed = parseCidr(text);
    if (!parsed.ok) throw new InvalidInputError("mustParseCidr", [describeProblem(text, parsed.problem, "CIDR block")]);
    return parsed.value;
}

const LAST_ADDRESS = 0xffffffffn;

export function formatAddress(value: bigint): string {
    if (typeof value !== "bigint" || value < 0n || value > LAST_ADDRESS) {
        throw new InvalidInputError("formatAddress", [`value is ${shown(value)}, expected an IPv4 address as a bigint from 0n to ${LAST_ADDRESS}n`]);
    }
    return IPv4.fromNumber(value).toString();
}

/** Throws InvalidInputError unless each named value is a parsed CIDR block. */
function cidrs(where: string, values: Readonly<Record<string, unknown>>): void {
    ranges(where, values);
    const problems = Object.entries(values)
        .filter(([, v]) => {
            const length = (v as Cidr).prefixLength;
            return !(Number.isInteger(length) && length >= 0 && length <= 32) || typeof (v as Cidr).text !== "string";
        })
        .map(([name, v]) => `${name} is ${shown(v)}, expected a parsed CIDR block, e.g. from parseCidr`);
    if (problems.length > 0) throw new InvalidInputError(where, problems);
}

function isRange(value: unknown): value is AddressRange {
    return typeof value === "object" && value !== null && typeof (value as AddressRange).first === "bigint" && typeof (value as AddressRange).last === "bigint";
}

/** Throws InvalidInputError unless each named value is an address range ({ first, last } bigints; a Cidr is one). */
function ranges(where: string, values: Readonly<Record<string, unknown>>): void {
    const problems = Object.entries(values).filter(([, v]) => !isRange(v)).map(([name, v]) => `${name} is ${shown(v)}, expected a parsed block or range ({ first, last } as bigints), e.g. from parseCidr`);
    if (problems.length > 0) throw new InvalidInputError(where, problems);
}

function rangeList(where: string, name: string, values: unknown): void {
    if (!Array.isArray(values)) throw new InvalidInputError(where, [`${name} is ${shown(values)}, expected a list of parsed blocks or ranges`]);
    values.forEach((v, i) => ranges(where, { [`${name}[${i}]`]: v }));
}

function prefixLengthOf(where: string, prefixLength: unknown): number {
    if (!(Number.isInteger(prefixLength) && (prefixLength as number) >= 0 && (prefixLength as number) <= 32)) {
        throw new InvalidInputError(where, [`prefixLength is ${shown(prefixLength)}, expected a whole number from 0 to 32`]);
    }
    return prefixLength as number;
}

/** A human description of a problem, quoting the offending text. */
export function describeProblem(text: unknown, problem: AddressProblem, expected: "CIDR block" | "IPv4 address"): string {
    const kinds = ["not-a-string", "ipv6", "malformed", "host-bits"];
    if (typeof problem !== "object" || problem === null || !kinds.includes(problem.kind) || (expected !== "CIDR block" && expected !== "IPv4 address")) {
        throw new InvalidInputError("describeProblem", [`problem is ${shown(problem)}, expected is ${shown(expected)}; expected a problem from parseCidr or parseAddress, and "CIDR block" or "IPv4 address"`]);
    }
    const quoted = shown(text);
    switch (problem.kind) {
        case "not-a-string":
            return `${quoted} is not a string; expected an IPv4 ${expected}`;
        case "ipv6":
            return `${quoted} is IPv6; App Service VNet Integration supports IPv4 ${expected}s only`;
        case "malformed":
            return expected === "CIDR block"
                ? `${quoted} is not an IPv4 CIDR block like "10.0.1.0/27"`
                : `${quoted} is not an IPv4 address like "10.0.0.4"`;
        case "host-bits":
            return `${quoted} has host bits set; the block it names is ${problem.canonical}`;
    }
}

/** A contiguous run of addresses, inclusive: a CIDR block, or a start/end route. */
export interface AddressRange {
    readonly first: bigint;
    readonly last: bigint;
}

/** True when `inner` lies within `outer`. */
export function rangeInside(inner: AddressRange, outer: AddressRange): boolean {
    ranges("rangeInside", { inner, outer });
    return outer.first <= inner.first && inner.last <= outer.last;
}

function byFirst(a: AddressRange, b: AddressRange): number {
    return a.first < b.first ? -1 : a.first > b.first ? 1 : 0;
}

/**
 * The union of ranges as sorted, disjoint, non-adjacent runs: built once (n log n), then
 * each `covers` is a binary search. Adding keeps it sorted and merged.
 */
export class RangeUnion {
    private readonly runs: { first: bigint; last: bigint }[] = [];

    constructor(given: readonly AddressRange[] = []) {
        rangeList("RangeUnion", "ranges", given);
        for (const r of [...given].sort(byFirst)) {
            const top = this.runs[this.runs.length - 1];
            if (top && r.first <= top.last + 1n) {
                if (r.last > top.last) top.last = r.last;
            } else this.runs.push({ first: r.first, last: r.last });
        }
    }

    /** The merged runs, lowest first. */
    get ranges(): readonly AddressRange[] {
        return this.runs;
    }

    /** Index of the last run whose first address is at or before `address`, or -1. */
    runAtOrBefore(address: bigint): number {
        let low = 0;
        let high = this.runs.length - 1;
        let found = -1;
        while (low <= high) {
            const mid = (low + high) >> 1;
            if (this.runs[mid].first <= address) {
                found = mid;
                low = mid + 1;
            } else high = mid - 1;
        }
        return found;
    }

    /** True when every address of `range` lies in the union. */
    covers(range: AddressRange): boolean {
        ranges("RangeUnion.covers", { range });
        const at = this.runAtOrBefore(range.first);
        return at >= 0 && this.runs[at].last >= range.last;
    }

    add(range: AddressRange): void {
        ranges("RangeUnion.add", { range });
        let at = this.runAtOrBefore(range.first);
        if (at < 0 || this.runs[at].last + 1n < range.first) {
            at += 1;
            this.runs.splice(at, 0, { first: range.first, last: range.last });
        } else if (range.last > this.runs[at].last) {
            this.runs[at].last = range.last;
        }
        // Swallow the runs the grown one now reaches.
        const run = this.runs[at];
        let next = at + 1;
        while (next < this.runs.length && this.runs[next].first <= run.last + 1n) {
            if (this.runs[next].last > run.last) run.last = this.runs[next].last;
            next += 1;
        }
        this.runs.splice(at + 1, next - at - 1);
    }
}

/** A RangeUnion, also one made by another copy of this library (the program's state is shared). */
function isRangeUnion(value: unknown): value is RangeUnion {
    return value instanceof RangeUnion || (typeof value === "object" && value !== null && typeof (value as RangeUnion).runAtOrBefore === "function" && Array.isArray((value as RangeUnion).ranges));
}

/** True when every address of `range` lies in the union of `ranges` (one question: use RangeUnion for many). */
export function coveredByUnion(range: AddressRange, union: readonly AddressRange[]): boolean {
    return new RangeUnion(union).covers(range);
}

/**
 * CIDR blocks indexed for overlap questions. Two CIDR blocks overlap only when one holds the
 * other, so the blocks overlapping a given one are its supernets (at most 32 look-ups by text)
 * and the blocks starting inside it (a binary search in first-address order).
 */
export class BlockIndex<T = undefined> {
    private readonly sorted: { block: Cidr; value: T }[] = [];
    /** By `first/prefixLength` (numbers, not dotted text: formatting costs more than the search). */
    private readonly byKey = new Map<string, { block: Cidr; value: T }[]>();

    get size(): number {
        return this.sorted.length;
    }

    add(block: Cidr, value: T): void {
        cidrs("BlockIndex.add", { block });
        const entry = { block, value };
        let low = 0;
        let high = this.sorted.length;
        while (low < high) {
            const mid = (low + high) >> 1;
            if (this.sorted[mid].block.first <= block.first) low = mid + 1;
            else high = mid;
        }
        this.sorted.splice(low, 0, entry);
        const key = `${block.first}/${block.prefixLength}`;
        const same = this.byKey.get(key);
        if (same) same.push(entry);
        else this.byKey.set(key, [entry]);
    }

    /** Every block (with its value) sharing an address with `block`, in address order. */
    overlapping(block: Cidr): { block: Cidr; value: T }[] {
        cidrs("BlockIndex.overlapping", { block });
        const found: { block: Cidr; value: T }[] = [];
        for (let length = 0; length < block.prefixLength; length++) {
            const size = 1n << BigInt(32 - length);
            found.push(...(this.byKey.get(`${(block.first / size) * size}/${length}`) ?? []));
        }
        let low = 0;
        let high = this.sorted.length;
        while (low < high) {
            const mid = (low + high) >> 1;
            if (this.sorted[mid].block.first < block.first) low = mid + 1;
            else high = mid;
        }
        for (let i = low; i < this.sorted.length && this.sorted[i].block.first <= block.last; i++) {
            // A shorter block starting here holds `block`: found among the supernets already.
            if (this.sorted[i].block.prefixLength >= block.prefixLength) found.push(this.sorted[i]);
        }
        return found;
    }

    /** Every block, lowest first. */
    blocks(): Cidr[] {
        return this.sorted.map((e) => e.block);
    }
}

export function contains(outer: Cidr, inner: Cidr): boolean {
    ranges("contains", { outer, inner });
    return outer.first <= inner.first && inner.last <= outer.last;
}

/** True when the two blocks (or ranges) share an address. */
export function overlaps(a: AddressRange, b: AddressRange): boolean {
    ranges("overlaps", { a, b });
    return a.first <= b.last && b.first <= a.last;
}

export function insideAny(inner: Cidr, outers: readonly Cidr[]): boolean {
    rangeList("insideAny", "outers", outers);
    return outers.some((outer) => contains(outer, inner));
}

export function isRfc1918(block: Cidr): boolean {
    ranges("isRfc1918", { block });
    return insideAny(block, RFC1918);
}

/** Addresses a plan can use in a subnet of this prefix length (Azure keeps 5). */
export function usableAddresses(prefixLength: number): number {
    prefixLengthOf("usableAddresses", prefixLength);
    return Math.max(0, 2 ** (32 - prefixLength) - AZURE_RESERVED_ADDRESSES_PER_SUBNET);
}

/** The longest prefix (smallest subnet) whose usable addresses hold `addresses`, or undefined past /0. */
export function smallestPrefixLengthFor(addresses: number): number | undefined {
    if (typeof addresses !== "number" || Number.isNaN(addresses)) throw new InvalidInputError("smallestPrefixLengthFor", [`addresses is ${shown(addresses)}, expected a number`]);
    for (let length = 32; length >= 0; length--) {
        if (usableAddresses(length) >= addresses) return length;
    }
    return undefined;
}

function blockAt(first: bigint, prefixLength: number): Cidr {
    return mustParseCidr(`${formatAddress(first)}/${prefixLength}`);
}

/**
 * The lowest free block of `prefixLength` inside `spaces`, aligned on its own size, that
 * overlaps none of `taken`: blocks or ranges, their union, or several unions (the program's
 * subnets and one component's reserved prefixes, neither copied). Undefined when none fits.
 * Each step skips one merged run, starting at the space by binary search: a VNet crowded with
 * earlier subnets costs what lies before the first gap, not all of them.
 */
export function allocate(spaces: readonly Cidr[], taken: readonly AddressRange[] | RangeUnion | readonly RangeUnion[], prefixLength: number): Cidr | undefined {
    prefixLengthOf("allocate", prefixLength);
    if (!Array.isArray(spaces)) throw new InvalidInputError("allocate", [`spaces is ${shown(spaces)}, expected a list of parsed CIDR blocks`]);
    spaces.forEach((space, i) => cidrs("allocate", { [`spaces[${i}]`]: space }));
    const unions: RangeUnion[] = isRangeUnion(taken)
        ? [taken]
        : Array.isArray(taken) && taken.length > 0 && taken.every(isRangeUnion)
          ? (taken as RangeUnion[])
          : [new RangeUnion(taken as AddressRange[])];
    const size = 1n << BigInt(32 - prefixLength);
    let best: Cidr | undefined;
    for (const space of spaces) {
        if (space.prefixLength > prefixLength) continue;
        if (best && best.first <= space.first) continue;
        let candidate = space.first; // aligned: a space of a shorter prefix is aligned on the block size
        // Per union, the first run that may still block: runs before it end before `candidate`.
        const next = unions.map((u) => Math.max(0, u.runAtOrBefore(candidate)));
        while (candidate + size - 1n <= space.last) {
            const end = candidate + size - 1n;
            let blocker: AddressRange | undefined;
            unions.forEach((union, u) => {
                const runs = union.ranges;
                while (next[u] < runs.length && runs[next[u]].last < candidate) next[u]++;
                const run = runs[next[u]];
                if (run && run.first <= end && (!blocker || run.last > blocker.last)) blocker = run;
            });
            if (!blocker) {
                if (!best || candidate < best.first) best = blockAt(candidate, prefixLength);
                break;
            }
            candidate = ((blocker.last + 1n + size - 1n) / size) * size;
        }
    }
    return best;
}

/**
 * What is left of `spaces` beside `taken`, as the fewest aligned CIDR blocks, largest first
 * (then lowest): where the next subnet can go. The topology diagram shows it per VNet.
 */
export function freeBlocks(spaces: readonly Cidr[], taken: readonly AddressRange[]): Cidr[] {
    if (!Array.isArray(spaces)) throw new InvalidInputError("freeBlocks", [`spaces is ${shown(spaces)}, expected a list of parsed CIDR blocks`]);
    spaces.forEach((space, i) => cidrs("freeBlocks", { [`spaces[${i}]`]: space }));
    const used = new RangeUnion(taken);
    const free: Cidr[] = [];
    const fill = (first: bigint, last: bigint) => {
        while (first <= last) {
            // The largest block aligned at `first` that stays inside [first, last].
            let length = 32;
            while (length > 0) {
                const size = 1n << BigInt(33 - length);
                if (first % size !== 0n || first + size - 1n > last) break;
                length -= 1;
            }
            free.push(blockAt(first, length));
            first += 1n << BigInt(32 - length);
        }
    };
    for (const space of new RangeUnion(spaces).ranges) {
        let cursor = space.first;
        for (const run of used.ranges) {
            if (run.last < cursor || run.first > space.last) continue;
            if (run.first > cursor) fill(cursor, run.first - 1n);
            cursor = run.last + 1n;
        }
        if (cursor <= space.last) fill(cursor, space.last);
    }
    return free.sort((a, b) => (a.prefixLength - b.prefixLength) || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
}
