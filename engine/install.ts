/**
 * `npm run engine:install`: builds the pinned Pulumi engine from Go modules, once, into a cache keyed by
 * version and build inputs (engine/settings.ts). Warm, it only checks the cache. Nothing is downloaded but
 * Go modules from the module proxy.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ENGINE_SOURCE, GO_BUILDS, PULUMI_VERSION, REPO, engineBin, engineDir, engineKey } from "./settings";

export interface EngineInstall {
    readonly dir: string;
    readonly bin: string;
    readonly key: string;
    /** Seconds the build took (the cold build), 0 when the cache answered. */
    readonly buildSeconds: number;
    readonly cached: boolean;
    readonly sizeBytes: number;
}

const MARKER = "engine.json";

function dirSize(dir: string): number {
    return fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
        const p = path.join(dir, e.name);
        return sum + (e.isDirectory() ? dirSize(p) : fs.statSync(p).size);
    }, 0);
}

/** The installed engine, building it first when the cache has none. */
export function installEngine(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): EngineInstall {
    const dir = engineDir();
    const marker = path.join(dir, MARKER);
    if (fs.existsSync(marker)) {
        const recorded = JSON.parse(fs.readFileSync(marker, "utf8"));
        return { dir, bin: engineBin(), key: engineKey(), buildSeconds: 0, cached: true, sizeBytes: recorded.sizeBytes };
    }
    try {
        execFileSync("go", ["version"], { stdio: "ignore" });
    } catch {
        throw new Error("the engine is built from Go modules: install Go (1.25.11 or newer) and run npm run engine:install again");
    }
    const started = Date.now();
    const staging = `${dir}.partial-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    const bin = path.join(staging, "bin");
    fs.mkdirSync(bin, { recursive: true });
    log(`engine: building Pulumi ${PULUMI_VERSION} from Go modules into ${dir} (first time only; several minutes)`);
    for (const build of GO_BUILDS) {
        execFileSync(
            "go",
            ["build", "-trimpath", "-ldflags", `-s -w -X ${build.stamp}`, "-o", `${bin}${path.sep}`, ...build.packages],
            { cwd: path.join(ENGINE_SOURCE, build.module), stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, GOFLAGS: process.env.GOFLAGS ?? "-mod=readonly" } },
        );
    }
    // Dynamic providers: the engine runs `pulumi-resource-pulumi-nodejs`, which @pulumi/pulumi's npm package ships.
    for (const script of ["pulumi-resource-pulumi-nodejs"]) {
        fs.copyFileSync(path.join(REPO, "node_modules", "@pulumi", "pulumi", script), path.join(bin, script));
        fs.chmodSync(path.join(bin, script), 0o755);
    }
    // Python programs: Pulumi's own exec script from the sdk/v3 module, beside our Python host.
    const sdkDir = execFileSync("go", ["list", "-m", "-f", "{{.Dir}}", "github.com/pulumi/pulumi/sdk/v3"], { cwd: ENGINE_SOURCE, encoding: "utf8" }).trim();
    const pythonExec = path.join(bin, "pulumi-language-python-exec");
    fs.copyFileSync(path.join(sdkDir, "python", "cmd", "pulumi-language-python-exec"), pythonExec);
    fs.chmodSync(pythonExec, 0o755);

    const buildSeconds = Math.round((Date.now() - started) / 100) / 10;
    const sizeBytes = dirSize(staging);
    fs.writeFileSync(path.join(staging, MARKER), JSON.stringify({ version: PULUMI_VERSION, key: engineKey(), buildSeconds, sizeBytes, builtAt: new Date().toISOString() }, null, 2));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(staging, dir);
    return { dir, bin: engineBin(), key: engineKey(), buildSeconds, cached: false, sizeBytes };
}

if (require.main === module) {
    try {
        const started = Date.now();
        const engine = installEngine();
        const version = execFileSync(path.join(engine.bin, "pulumi"), ["version"], { encoding: "utf8" }).trim();
        const mb = (engine.sizeBytes / 1024 / 1024).toFixed(0);
        process.stderr.write(
            engine.cached
                ? `engine: pulumi ${version} cached at ${engine.dir} (${mb} MB; checked in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`
                : `engine: pulumi ${version} built in ${engine.buildSeconds} s into ${engine.dir} (${mb} MB)\n`,
        );
    } catch (error) {
        process.stderr.write(`engine: ${(error as Error).message}\n`);
        process.exitCode = 1;
    }
}
