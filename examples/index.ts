/**
 * The Pulumi program of this repository (Pulumi.yaml `main`): `pulumi up` deploys the
 * example named by the stack config `scenario` (default `regional`).
 */
import * as pulumi from "@pulumi/pulumi";
import { scenarios } from "./scenarios";

const scenario = new pulumi.Config().get("scenario") ?? "regional";
const example = scenarios[scenario];
if (!example) {
    throw new Error(`unknown scenario ${JSON.stringify(scenario)}; set config scenario to one of ${Object.keys(scenarios).join(", ")}`);
}

export = example();
