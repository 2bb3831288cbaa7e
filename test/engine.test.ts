import { VnetIntegrationError } from "../components";
import { checkSuppressions, evaluate, formatViolation } from "../components/rules";

describe("suppressions (VNI-X01)", () => {
    test("a known code with a reason silences that code and is kept for the record", () => {
        const outcome = evaluate([{ code: "VNI-R02", message: "too small" }], { "VNI-R02": "Azure allows /28 since 2021" });
        expect(outcome.errors).toEqual([]);
        expect(outcome.suppressed).toEqual([{ code: "VNI-R02", name: "subnet-size", severity: "error", message: "too small" }]);
        expect(checkSuppressions({ "VNI-R02": "Azure allows /28 since 2021" })).toEqual([]);
    });
    test("an unknown code is VNI-X01 and suppresses nothing", () => {
        expect(checkSuppressions({ "VNI-R99": "why" })[0].message).toContain('unknown rule code "VNI-R99"');
        expect(evaluate([{ code: "VNI-R02", message: "m" }], { "VNI-R99": "why" }).errors.map((e) => e.code)).toEqual(["VNI-R02"]);
    });
    test("a missing or blank reason is VNI-X01 and suppresses nothing", () => {
        expect(checkSuppressions({ "VNI-R02": "  " })[0].message).toContain("suppression of VNI-R02 gives no reason");
        expect(evaluate([{ code: "VNI-R02", message: "m" }], { "VNI-R02": "" }).errors.map((e) => e.code)).toEqual(["VNI-R02"]);
    });
    test("VNI-X01 itself cannot be suppressed", () => {
        expect(checkSuppressions({ "VNI-X01": "no" })).toHaveLength(1);
    });
    test("warnings stay warnings", () => {
        expect(evaluate([{ code: "VNI-R11", message: "m" }]).warnings.map((w) => w.code)).toEqual(["VNI-R11"]);
    });
});

test("VnetIntegrationError lists every violation on its own line, code first", () => {
    const violations = evaluate([
        { code: "VNI-R02", message: "subnet 10.0.1.0/28 has 16 addresses" },
        { code: "VNI-R04", message: "regions differ" },
    ]).errors;
    const error = new VnetIntegrationError("apps-vnet", violations);
    expect(error.message.split("\n")).toEqual([
        "apps-vnet: 2 VNet Integration rule violation(s):",
        "VNI-R02 subnet-size: subnet 10.0.1.0/28 has 16 addresses",
        "VNI-R04 same-region: regions differ",
    ]);
    expect(error.violations.map(formatViolation)).toEqual(error.message.split("\n").slice(1));
    expect(VnetIntegrationError.isVnetIntegrationError(error)).toBe(true);
});
