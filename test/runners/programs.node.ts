// The test kit under node:test: `node --test --require ts-node/register/transpile-only test/runners/programs.node.ts`.
import { test } from "node:test";
import { cases } from "./cases";

for (const [name, body] of Object.entries(cases)) test(name, body);
