/**
 * In the repository, `require("appservice-vnet-integration[/entry]")` resolves to the sources
 * (components/), not to a build: programs written for consumers (`migrate`'s output, docs'
 * snippets) run here unchanged, against the same module instances as the tools.
 */
import Module = require("module");
import * as path from "path";

const NAME = "appservice-vnet-integration";
const ENTRIES: Record<string, string> = { "": "index", "/testing": "testing/index", "/rules": "rules/index", "/migration": "migration/index", "/policy": "policy/index" };

export function aliasPackageToSources(): void {
    const internal = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
    const resolve = internal._resolveFilename;
    internal._resolveFilename = function (request: string, ...rest: unknown[]): string {
        if (request === NAME || request.startsWith(`${NAME}/`)) {
            const entry = ENTRIES[request.slice(NAME.length)];
            if (entry) return resolve.call(this, path.resolve(__dirname, "../components", entry), ...rest);
        }
        return resolve.call(this, request, ...rest);
    };
}
