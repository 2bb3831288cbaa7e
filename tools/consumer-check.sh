#!/usr/bin/env bash
# The package as a consumer meets it: pack (prepack builds), install the tarball into a scratch
# project with the peers pinned to this repository's lockfile, type-check a consumer program
# strictly under `module: commonjs` (node10 resolution) and `module: node16`, and run its regional,
# gateway and peered stacks under Pulumi's mocks at preview and up, loading each dynamic
# provider's stored code with Node built-ins only (node only, no Pulumi CLI). Exits non-zero on
# the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/consumer-check.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
step() { printf '\n== consumer-check: %s\n' "$*"; }

step "pack"
npm pack --silent --pack-destination "$scratch" >"$scratch/pack.txt"
tarball="$scratch/$(tail -n 1 "$scratch/pack.txt")"
tar -tzf "$tarball" | sed 's|^package/||' | sort >"$scratch/files.txt"
for required in package.json README.md LICENSE CHANGELOG.md bin/components/index.js bin/components/index.d.ts; do
    grep -qx "$required" "$scratch/files.txt" || { echo "the tarball lacks $required"; exit 1; }
done
if grep -E '\.map$|\.ts$' "$scratch/files.txt" | grep -vE '\.d\.ts$'; then echo "the tarball ships source maps or sources (above)"; exit 1; fi
if grep -vE '^(package\.json|README\.md|LICENSE|CHANGELOG\.md|bin/components/.*)$' "$scratch/files.txt"; then echo "the tarball ships files users do not need (above)"; exit 1; fi
echo "$(wc -l <"$scratch/files.txt") files, $(du -k "$tarball" | cut -f1) KiB"

step "install the tarball with pinned peers"
pin() { node -p "require('./package-lock.json').packages['node_modules/$1'].version"; }
mkdir -p "$scratch/app"
cat >"$scratch/app/package.json" <<JSON
{
  "name": "consumer-check", "version": "1.0.0", "private": true,
  "dependencies": {
    "appservice-vnet-integration": "file:$tarball",
    "@pulumi/pulumi": "$(pin @pulumi/pulumi)",
    "@pulumi/azure-native": "$(pin @pulumi/azure-native)",
    "@pulumi/policy": "$(pin @pulumi/policy)"
  },
  "devDependencies": { "typescript": "$(pin typescript)", "@types/node": "$(pin @types/node)", "ts-node": "$(pin ts-node)" }
}
JSON
(cd "$scratch/app" && npm install --prefer-offline --no-audit --no-fund --loglevel=error)

step "every exported entry point resolves at runtime"
(cd "$scratch/app" && node -e '
const pkg = require("appservice-vnet-integration/package.json");
const fs = require("fs"), path = require("path");
const root = path.dirname(require.resolve("appservice-vnet-integration/package.json"));
for (const [key, target] of Object.entries(pkg.exports)) {
    if (typeof target === "string") continue;
    const spec = key === "." ? pkg.name : pkg.name + key.slice(1);
    if (!fs.existsSync(path.join(root, target.default))) {
        throw new Error(`${spec}: ${target.default} is not in the package`);
    }
    if (!fs.existsSync(path.join(root, target.types))) throw new Error(`${spec}: ${target.types} is not in the package`);
    console.log(`${spec}: ${Object.keys(require(spec)).length} exports`);
}')

cp tools/consumer/stack.ts "$scratch/app/stack.ts"
if [ -f components/policy/index.ts ]; then
    printf 'import * as policy from "appservice-vnet-integration/policy";\nexport const policyExports: string[] = Object.keys(policy);\n' >"$scratch/app/policy.ts"
fi
for mode in commonjs node16; do
    step "type-check strictly under module: $mode"
    cat >"$scratch/app/tsconfig.$mode.json" <<JSON
{
  "compilerOptions": {
    "target": "ES2022", "module": "$mode", "moduleResolution": "$([ "$mode" = commonjs ] && echo node10 || echo node16)",
    "strict": true, "noUnusedLocals": true, "noImplicitReturns": true, "esModuleInterop": true,
    "skipLibCheck": false, "types": ["node"], "outDir": "out-$mode", "ignoreDeprecations": "5.0"
  },
  "files": ["stack.ts"]
}
JSON
    (cd "$scratch/app" && npx --no-install tsc -p "tsconfig.$mode.json")
    # The policy entry point, apart: @pulumi/policy 1.21.0's own declarations do not compile
    # (index.d.ts imports names its proxy.d.ts lacks), so only there library checking is off.
    if [ -f "$scratch/app/policy.ts" ]; then
        sed -e 's/"skipLibCheck": false/"skipLibCheck": true/' -e 's/"stack.ts"/"policy.ts"/' -e "s/out-$mode/out-policy-$mode/" "$scratch/app/tsconfig.$mode.json" >"$scratch/app/tsconfig.policy.$mode.json"
        (cd "$scratch/app" && npx --no-install tsc -p "tsconfig.policy.$mode.json")
    fi
done

step "run the regional, gateway and peered stacks under Pulumi's mocks"
(cd "$scratch/app" && node out-commonjs/stack.js && node out-node16/stack.js)
step "the package's command line (npx appservice-vnet-integration)"
cp tools/consumer/program.ts "$scratch/app/program.ts"
printf 'export function stack(): void {}\n' >"$scratch/app/no-default.ts"
(cd "$scratch/app" && {
    bin="npx --no-install appservice-vnet-integration"
    $bin plan program.ts --json >plan.json 2>plan.err || { cat plan.err; echo "plan failed"; exit 1; }
    node -e '
const plan = JSON.parse(require("fs").readFileSync("plan.json", "utf8"));
const types = plan.resources.map((r) => r.type);
if (plan.errors.length || !types.includes("pulumi-nodejs:dynamic/appservice-vnet-integration:VpnPackageSync")) throw new Error("unexpected plan: " + JSON.stringify(types));
console.log(`plan --json: stdout is one JSON document, ${types.length} resources`);'
    $bin migrate program.ts --out migrated.ts >/dev/null 2>migrate.err || { cat migrate.err; echo "migrate failed"; exit 1; }
    grep -q 'from "appservice-vnet-integration";' migrated.ts || { echo "the migrated program does not import the package"; exit 1; }
    $bin plan migrated.ts >/dev/null 2>&1 || { echo "the migrated program does not plan"; exit 1; }
    echo "migrate: wrote a program importing the package, and it plans"
    code=0; $bin doctor program.ts --app orders --to 10.50.1.4:443 --json >doctor.json 2>/dev/null || code=$?
    node -e 'JSON.parse(require("fs").readFileSync("doctor.json", "utf8"))' && [ "$code" = 0 ] || [ "$code" = 3 ] || { echo "doctor exited $code"; exit 1; }
    echo "doctor --json: exit $code"
    code=0; $bin plan no-default.ts >nodefault.out 2>nodefault.err || code=$?
    [ "$code" = 2 ] && [ ! -s nodefault.out ] && grep -q "has no default export: expected" nodefault.err || { echo "a program without a default export: exit $code"; cat nodefault.err; exit 1; }
    echo "a program without a default export: exit 2, the message names what was expected"
})

step "a consumer's own tests under node:test and Jest: a refused stack, exit code 0, no leaked promise"
mkdir -p "$scratch/app/t"
cat >"$scratch/app/t/refused.ts" <<'TS'
import * as network from "@pulumi/azure-native/network";
import * as web from "@pulumi/azure-native/web";
import { RegionalVnetIntegration } from "appservice-vnet-integration";
import { runProgram } from "appservice-vnet-integration/testing";

/** A Free plan integrated at a new stack's first preview: VNI-R01, and no subnet planned. */
export async function refusedAtPreview(): Promise<{ messages: string; subnets: number }> {
    const run = await runProgram(() => {
        const plan = new web.AppServicePlan("plan", { resourceGroupName: "apps", location: "westeurope", sku: { name: "F1", tier: "Free" } });
        const vnet = new network.VirtualNetwork("hub", { resourceGroupName: "net", location: "westeurope", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
        new RegionalVnetIntegration("int", { plan, virtualNetwork: vnet, subnet: { addressPrefix: "10.0.1.0/26" } });
    }, { mode: "preview" });
    return { messages: run.errors.map((e) => e.message).join("\n"), subnets: run.resources.filter((r) => r.type === "azure-native:network:Subnet").length };
}
TS
cat >"$scratch/app/t/node.test.ts" <<'TS'
import { test } from "node:test";
import * as assert from "node:assert";
import { refusedAtPreview } from "./refused";

test("a Free plan is refused at the first preview", async () => {
    const { messages, subnets } = await refusedAtPreview();
    assert.match(messages, /VNI-R01/);
    assert.strictEqual(subnets, 0);
});
TS
cat >"$scratch/app/t/jest.test.ts" <<'TS'
import { refusedAtPreview } from "./refused";

test("a Free plan is refused at the first preview", async () => {
    const { messages, subnets } = await refusedAtPreview();
    expect(messages).toContain("VNI-R01");
    expect(subnets).toBe(0);
});
TS
(cd "$scratch/app" && {
    code=0; TS_NODE_PROJECT=tsconfig.commonjs.json node --test --require ts-node/register/transpile-only t/node.test.ts >node-test.out 2>&1 || code=$?
    if [ "$code" != 0 ] || grep -q "promises were still active" node-test.out; then cat node-test.out; echo "node:test: exit $code"; exit 1; fi
    echo "node:test: exit 0, no leak message"
})
root=$(pwd)
(cd "$scratch/app" && {
    # Jest and ts-jest from this repository, the consumer's package and peers from its node_modules.
    code=0; node "$root/node_modules/jest/bin/jest.js" --ci --rootDir . --testMatch '**/t/jest.test.ts' \
        --config "{\"testEnvironment\":\"node\",\"transform\":{\"^.+\\\\.ts$\":[\"$root/node_modules/ts-jest\",{\"isolatedModules\":true}]}}" >jest.out 2>&1 || code=$?
    if [ "$code" != 0 ]; then cat jest.out; echo "jest: exit $code"; exit 1; fi
    echo "jest: exit 0"
})

step "passed"
