/** What a rule reports: a leaf module, so the engine, the input checks and the known-facts view need not import each other. */
import type { RuleCode, Severity } from "./catalog";

/** A rule's finding before suppressions apply. `severity` defaults to the catalog's. */
export interface Finding {
    readonly code: RuleCode;
    readonly message: string;
    readonly severity?: Severity;
}
