/**
 * Where the engine lives and how it runs offline: one place for the install, the runner, the engine
 * suite and the engine bench.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The Pulumi release we build: the one of the @pulumi/pulumi we develop against. */
export const PULUMI_VERSION = "v3.248.0";
/** The azure-native version the stand-in answers as (the @pulumi/azure-native dev pin). */
export const AZURE_NATIVE_VERSION = "3.28.0";

export const REPO = path.resolve(__dirname, "..");
export const ENGINE_SOURCE = path.join(REPO, "engine");

/** The main packages built into the engine's bin folder, by Go module folder (relative to engine/). */
export const GO_BUILDS: ReadonlyArray<{ readonly module: string; readonly packages: readonly string[]; readonly stamp: string }> = [
    {
        module: ".",
        packages: ["github.com/pulumi/pulumi/pkg/v3/cmd/pulumi", "./cmd/pulumi-language-nodejs", "./cmd/pulumi-language-python"],
        // Without the stamp `pulumi version` is empty and the Automation API cannot parse it.
        stamp: `github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=${PULUMI_VERSION}`,
    },
    { module: "yaml", packages: ["github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"], stamp: "github.com/pulumi/pulumi-yaml/pkg/version.Version=v1.38.1" },
];

/** The cache key: the version and every input of the build, so an edited host rebuilds and nothing else does. */
export function engineKey(): string {
    const hash = createHash("sha256");
    const inputs = ["go.mod", "go.sum", "yaml/go.mod", "yaml/go.sum", ...["cmd", "internal"].flatMap((d) => listFiles(path.join(ENGINE_SOURCE, d))).map((f) => path.relative(ENGINE_SOURCE, f))];
    for (const file of inputs.sort()) {
        hash.update(file);
        hash.update(fs.readFileSync(path.join(ENGINE_SOURCE, file)));
    }
    return `${PULUMI_VERSION}-${hash.digest("hex").slice(0, 12)}`;
}

function listFiles(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

export function cacheRoot(): string {
    return process.env.APPSERVICE_VNI_ENGINE_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "appservice-vnet-integration", "engine");
}

export function engineDir(): string {
    return path.join(cacheRoot(), engineKey());
}

export function engineBin(): string {
    return path.join(engineDir(), "bin");
}

/** The local state of `npm run engine`: a file backend, a PULUMI_HOME of our own, the stand-in's Azure. */
export function workDir(): string {
    return process.env.APPSERVICE_VNI_ENGINE_HOME ?? path.join(REPO, ".engine");
}

/**
 * The environment that makes the engine offline and self-contained: its own file backend and PULUMI_HOME
 * under `home`; the caller's other values (a passphrase, PULUMI_* options) are kept.
 */
export function engineEnv(base: NodeJS.ProcessEnv, home: string): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
        PULUMI_CONFIG_PASSPHRASE: "offline",
        ...base,
        // Never the user's own: the stand-in is installed there as azure-native 3.28.0, and its stacks are
        // offline ones (APPSERVICE_VNI_ENGINE_HOME moves both).
        PULUMI_BACKEND_URL: `file://${path.join(home, "state")}`,
        PULUMI_HOME: path.join(home, "pulumi-home"),
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
        PULUMI_SKIP_CONFIRMATIONS: "true",
        // Dynamic providers: pulumi-resource-pulumi-nodejs is in the engine's bin (copied from @pulumi/pulumi).
        PATH: `${engineBin()}${path.delimiter}${base.PATH ?? ""}`,
    };
    if (!base.PULUMI_CONFIG_PASSPHRASE && base.PULUMI_CONFIG_PASSPHRASE_FILE) delete env.PULUMI_CONFIG_PASSPHRASE;
    return env;
}
