import * as pulumi from "@pulumi/pulumi";

const provider: pulumi.dynamic.ResourceProvider = {
    async create(inputs) {
        return { id: `smoke-${inputs.label}`, outs: { ...inputs, pid: process.pid } };
    },
};

class Smoke extends pulumi.dynamic.Resource {
    declare readonly pid: pulumi.Output<number>;
    constructor(name: string, label: string) {
        super(provider, name, { label, pid: undefined }, {});
    }
}

const smoke = new Smoke("smoke", "one");
export const programPid = process.pid;
export const providerPid = smoke.pid;
