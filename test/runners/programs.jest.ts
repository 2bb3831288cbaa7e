// The test kit under Jest, in a Jest of its own (test/anyRunner.test.ts): a consumer's own test file.
import { cases } from "./cases";

for (const [name, body] of Object.entries(cases)) test(name, body);
