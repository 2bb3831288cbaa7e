import fc from "fast-check";
import { IPv4, IPv4CidrRange } from "ip-num";
import { allocate, BlockIndex, Cidr, coveredByUnion, formatAddress, mustParseCidr, overlaps, parseCidr, RangeUnion, usableAddresses } from "../components/address";
import { checkRegional, isRuleCode, LIMITS_PROFILES } from "../components/rules";
import { validFacts } from "./support/facts";

const block = (first: number, prefixLength: number) => mustParseCidr(`${formatAddress(BigInt(first))}/${prefixLength}`);

// A CIDR generator: aligned blocks in 10.0.0.0/8 whose sizes suit a small brute force.
const alignedBlock = (minLength: number, maxLength: number) =>
    fc.integer({ min: minLength, max: maxLength }).chain((length) =>
        fc.integer({ min: 0, max: 2 ** (length - 8) - 1 }).map((index) => block(0x0a000000 + index * 2 ** (32 - length), length)),
    );

/** The oracle: try every aligned block in address order; the first that fits is the answer. */
function bruteForce(spaces: Cidr[], taken: Cidr[], prefixLength: number): string | undefined {
    const size = 1n << BigInt(32 - prefixLength);
    let best: bigint | undefined;
    for (const space of spaces) {
        if (space.prefixLength > prefixLength) continue;
        for (let first = space.first; first + size - 1n <= space.last; first += size) {
            const last = first + size - 1n;
            if (taken.some((t) => t.first <= last && first <= t.last)) continue;
            if (best === undefined || first < best) best = first;
            break;
        }
    }
    return best === undefined ? undefined : `${formatAddress(best)}/${prefixLength}`;
}

describe("parseCidr", () => {
    test("accepts canonical blocks and gives their size", () => {
        const parsed = parseCidr("10.0.1.0/27");
        expect(parsed.ok && parsed.value.size).toBe(32n);
        expect(usableAddresses(27)).toBe(27);
    });

    test("any valid aligned block round-trips", () => {
        fc.assert(fc.property(alignedBlock(8, 32), (b) => parseCidr(b.text).ok && (parseCidr(b.text) as { value: Cidr }).value.text === b.text));
    });

    test("a block with host bits is always rejected, naming the canonical block", () => {
        fc.assert(
            fc.property(fc.integer({ min: 8, max: 31 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (length, address) => {
                const hostMask = 2 ** (32 - length) - 1;
                fc.pre((address & hostMask) !== 0 || address % (hostMask + 1) !== 0);
                const parsed = parseCidr(`${formatAddress(BigInt(address))}/${length}`);
                return !parsed.ok && parsed.problem.kind === "host-bits";
            }),
        );
    });

    test("arbitrary text never throws and is reported as VNI-X02 when invalid", () => {
        fc.assert(
            fc.property(fc.oneof(fc.string(), fc.ipV6().map((a) => `${a}/64`), fc.ipV4().map((a) => `${a}/${Math.floor(Math.random() * 40)}`)), (text) => {
                const parsed = parseCidr(text);
                const facts = validFacts({ subnet: { kind: "create", name: "i", addressPrefix: text, routeTable: false } });
                const findings = checkRegional(facts, LIMITS_PROFILES.documented).findings;
                if (parsed.ok) return !findings.some((f) => f.code === "VNI-X02");
                return findings.length === 1 && findings[0].code === "VNI-X02" && findings[0].message.includes(JSON.stringify(text));
            }),
            { numRuns: 500 },
        );
    });

    test("non-string input is an error value, not an exception", () => {
        for (const value of [undefined, null, 42, {}, ["10.0.0.0/8"]]) expect(parseCidr(value).ok).toBe(false);
    });
});

describe("allocate", () => {
    const scenario = fc.record({
        spaces: fc.array(alignedBlock(16, 22), { minLength: 1, maxLength: 3 }),
        taken: fc.array(alignedBlock(18, 28), { maxLength: 12 }),
        prefixLength: fc.integer({ min: 22, max: 29 }),
    });

    test("agrees with the brute-force oracle", () => {
        fc.assert(
            fc.property(scenario, ({ spaces, taken, prefixLength }) => {
                expect(allocate(spaces, taken, prefixLength)?.text).toBe(bruteForce(spaces, taken, prefixLength));
            }),
            { numRuns: 300 },
        );
    });

    test("never overlaps what is taken and never leaves the address space", () => {
        fc.assert(
            fc.property(scenario, ({ spaces, taken, prefixLength }) => {
                const got = allocate(spaces, taken, prefixLength);
                if (!got) return true;
                return got.prefixLength === prefixLength && spaces.some((s) => s.first <= got.first && got.last <= s.last) && !taken.some((t) => overlaps(t, got));
            }),
            { numRuns: 500 },
        );
    });

    test("the checks never throw for arbitrary facts, only report", () => {
        fc.assert(
            fc.property(
                fc.array(fc.oneof(fc.string(), fc.constant("10.0.0.0/16")), { maxLength: 3 }),
                fc.oneof(fc.integer({ min: -5, max: 40 }), fc.constant(undefined)),
                fc.integer({ min: -3, max: 500 }),
                (addressSpace, prefixLength, maxInstances) => {
                    const facts = validFacts({
                        maxInstances,
                        virtualNetwork: { ...validFacts().virtualNetwork, addressSpace },
                        subnet: { kind: "allocate", name: "i", prefixLength, routeTable: false },
                    });
                    const outcome = checkRegional(facts, LIMITS_PROFILES.documented);
                    // Reported, not thrown: every finding is a catalog rule that says what is wrong.
                    const unparsable = addressSpace.some((t) => !parseCidr(t).ok);
                    return outcome.findings.every((f) => isRuleCode(f.code) && f.message.length > 0) && (!unparsable || outcome.findings.some((f) => f.code === "VNI-X02"));
                },
            ),
            { numRuns: 300 },
        );
    });

    test("an example: steps around taken blocks", () => {
        expect(allocate([mustParseCidr("10.0.0.0/16")], [mustParseCidr("10.0.0.0/24"), mustParseCidr("10.0.1.0/27")], 27)?.text).toBe("10.0.1.32/27");
    });
});

describe("coveredByUnion", () => {
    const range = fc.tuple(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 0, max: 63 })).map(([a, b]) => ({ first: BigInt(Math.min(a, b)), last: BigInt(Math.max(a, b)) }));
    test("agrees with counting every address", () => {
        fc.assert(
            fc.property(range, fc.array(range, { maxLength: 6 }), (target, ranges) => {
                let expected = true;
                for (let a = target.first; a <= target.last; a++) expected &&= ranges.some((r) => r.first <= a && a <= r.last);
                return coveredByUnion(target, ranges) === expected;
            }),
            { numRuns: 500 },
        );
    });
});

describe("issue 10: indexes that keep program-wide checks linear", () => {
    test("parseCidr gives the block ip-num gives, for every address and prefix length", () => {
        fc.assert(
            fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), (address, length) => {
                const text = `${address}/${length}`;
                const range = IPv4CidrRange.fromCidr(text);
                const parsed = parseCidr(text);
                const first = range.getFirst().getValue();
                if (first !== IPv4.fromDecimalDottedString(address).getValue()) {
                    return !parsed.ok && parsed.problem.kind === "host-bits" && parsed.problem.canonical === `${formatAddress(first)}/${length}`;
                }
                return parsed.ok && parsed.value.text === range.toCidrString() && parsed.value.first === first && parsed.value.size === range.getSize() && parsed.value.last === first + range.getSize() - 1n;
            }),
            { numRuns: 500 },
        );
    });

    test("RangeUnion built or grown in any order covers exactly what a scan of the ranges covers", () => {
        const range = fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 40 })).map(([first, length]) => ({ first: BigInt(first), last: BigInt(first + length) }));
        fc.assert(
            fc.property(fc.array(range, { maxLength: 12 }), range, (ranges, probe) => {
                const grown = new RangeUnion();
                ranges.forEach((r) => grown.add(r));
                let expected = true;
                for (let a = probe.first; a <= probe.last; a++) if (!ranges.some((r) => r.first <= a && a <= r.last)) expected = false;
                const runs = grown.ranges;
                const merged = runs.every((r, i) => i === 0 || runs[i - 1].last + 1n < r.first);
                return new RangeUnion(ranges).covers(probe) === expected && grown.covers(probe) === expected && coveredByUnion(probe, ranges) === expected && merged;
            }),
            { numRuns: 500 },
        );
    });

    test("BlockIndex finds exactly the blocks that overlap, each once", () => {
        fc.assert(
            fc.property(fc.array(alignedBlock(8, 20), { maxLength: 15 }), alignedBlock(8, 20), (blocks, probe) => {
                const index = new BlockIndex<number>();
                blocks.forEach((b, i) => index.add(b, i));
                const found = index.overlapping(probe).map((e) => e.value).sort((a, b) => a - b);
                const expected = blocks.flatMap((b, i) => (overlaps(b, probe) ? [i] : []));
                return JSON.stringify(found) === JSON.stringify(expected);
            }),
            { numRuns: 500 },
        );
    });

    test("allocate given a RangeUnion, or several, answers as the brute force does", () => {
        const taken = fc.array(alignedBlock(9, 16), { maxLength: 12 });
        fc.assert(
            fc.property(fc.array(alignedBlock(8, 12), { minLength: 1, maxLength: 2 }), taken, taken, fc.integer({ min: 10, max: 16 }), (spaces, some, more, length) => {
                const expected = bruteForce(spaces, [...some, ...more], length);
                return allocate(spaces, new RangeUnion([...some, ...more]), length)?.text === expected && allocate(spaces, [new RangeUnion(some), new RangeUnion(more)], length)?.text === expected;
            }),
            { numRuns: 300 },
        );
    });
});
