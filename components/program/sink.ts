/**
 * The test kit's collector of rule errors found after a constructor, per run. Unset (under
 * Pulumi), such an error fails the children's registrations and Pulumi reports it.
 */
import type * as pulumi from "@pulumi/pulumi";
import { runState } from "./run";

/** Receives a component's rule error; `component` is the refused component, whose children never register. */
export type RuleErrorSink = (error: Error, component: pulumi.Resource) => void;

function holder(): { sink?: RuleErrorSink } {
    return runState<{ sink?: RuleErrorSink }>("sink", () => ({}));
}

export function ruleErrorSink(): RuleErrorSink | undefined {
    return holder().sink;
}

export function setRuleErrorSink(sink: RuleErrorSink | undefined): void {
    holder().sink = sink;
}
