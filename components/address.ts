/**
 * All IPv4 address arithmetic of the library. Everything here is pure and goes through
 * `ip-num`; no other module parses or compares addresses by hand.
 */
import { IPv4, IPv4CidrRange } from "ip-num";

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

function fromRange(range: IPv4CidrRange): Cidr {
    const first = range.getFirst().getValue();
    const size = range.getSize();
    return {
        text: range.toCidrString(),
        prefixLength: Number(range.getPrefix().getValue()),
        first,
        last: first + size - 1n,
        size,
    };
}

/** Parses an IPv4 CIDR block; host bits set, IPv6 and non-canonical text are problems. */
export function parseCidr(text: unknown): Parsed<Cidr> {
    if (typeof text !== "string") return { ok: false, problem: { kind: "not-a-string" } };
    if (text.includes(":")) return { ok: false, problem: { kind: "ipv6" } };
    if (!CIDR_TEXT.test(text)) return { ok: false, problem: { kind: "malformed" } };
    const block = fromRange(IPv4CidrRange.fromCidr(text));
    const given = IPv4.fromDecimalDottedString(text.split("/")[0]).getValue();
    if (given !== block.first) {
        return { ok: false, problem: { kind: "host-bits", canonical: block.text.replace(/^[^/]+/, formatAddress(block.first)) } };
    }
    return { ok: true, value: block };
}

/** Parses a single IPv4 address (e.g. a DNS server). */
export function parseAddress(text: unknown): Parsed<bigint> {
    if (typeof text !== "string") return { ok: false, problem: { kind: "not-a-string" } };
    if (text.includes(":")) return { ok: false, problem: { kind: "ipv6" } };
    if (!IPV4_TEXT.test(text)) return { ok: false, problem: { kind: "malformed" } };
    return { ok: true, value: IPv4.fromDecimalDottedString(text).getValue() };
}

/** Parses a CIDR known to be valid (library constants, values already validated). */
export function mustParseCidr(text: string): Cidr {
    const parsed = parseCidr(text);
    if (!parsed.ok) throw new Error(`internal: ${text} is not a valid IPv4 CIDR (${parsed.problem.kind})`);
    return parsed.value;
}

export function formatAddress(value: bigint): string {
    return IPv4.fromNumber(value).toString();
}

/** A human description of a problem, quoting the offending text. */
export function describeProblem(text: unknown, problem: AddressProblem, expected: "CIDR block" | "IPv4 address"): string {
    const quoted = JSON.stringify(text) ?? String(text);
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
    return outer.first <= inner.first && inner.last <= outer.last;
}

/** True when every address of `range` lies in the union of `ranges`. */
export function coveredByUnion(range: AddressRange, ranges: readonly AddressRange[]): boolean {
    let next = range.first;
    for (const r of [...ranges].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0))) {
        if (r.first > next) break;
        if (r.last >= next) next = r.last + 1n;
        if (next > range.last) return true;
    }
    return next > range.last;
}

export function contains(outer: Cidr, inner: Cidr): boolean {
    return outer.first <= inner.first && inner.last <= outer.last;
}

/** True when the two blocks (or ranges) share an address. */
export function overlaps(a: AddressRange, b: AddressRange): boolean {
    return a.first <= b.last && b.first <= a.last;
}

export function insideAny(inner: Cidr, outers: readonly Cidr[]): boolean {
    return outers.some((outer) => contains(outer, inner));
}

export function isRfc1918(block: Cidr): boolean {
    return insideAny(block, RFC1918);
}

/** Addresses a plan can use in a subnet of this prefix length (Azure keeps 5). */
export function usableAddresses(prefixLength: number): number {
    return Math.max(0, 2 ** (32 - prefixLength) - AZURE_RESERVED_ADDRESSES_PER_SUBNET);
}

/** The longest prefix (smallest subnet) whose usable addresses hold `addresses`, or undefined past /0. */
export function smallestPrefixLengthFor(addresses: number): number | undefined {
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
 * overlaps none of `taken`. Undefined when none fits.
 */
export function allocate(spaces: readonly Cidr[], taken: readonly Cidr[], prefixLength: number): Cidr | undefined {
    const size = 1n << BigInt(32 - prefixLength);
    const sortedTaken = [...taken].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
    let best: Cidr | undefined;
    for (const space of spaces) {
        if (space.prefixLength > prefixLength) continue;
        let candidate = space.first; // aligned: a space of a shorter prefix is aligned on the block size
        while (candidate + size - 1n <= space.last) {
            const end = candidate + size - 1n;
            const blocker = sortedTaken.find((t) => t.first <= end && candidate <= t.last);
            if (!blocker) {
                if (!best || candidate < best.first) best = blockAt(candidate, prefixLength);
                break;
            }
            candidate = ((blocker.last + 1n + size - 1n) / size) * size;
        }
    }
    return best;
}
