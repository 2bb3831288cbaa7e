/**
 * The repository's entry to the package's command line (components/cli): the same commands
 * as `npx appservice-vnet-integration`, with the examples callable by name (`regional`,
 * `gateway`, `peered`, ...) and the package's name resolving to the sources here, so a
 * program written for consumers (`migrate`'s output) runs unchanged in the repository.
 *
 *   npm run -s plan -- [<example|program.ts>] [--up] [--json]
 *   npm run -s migrate -- [<example|program.ts|facts.json>] [--strategy S] [--limits L] [--out F] [--json]
 *   npm run -s doctor -- <example|program.ts|facts.json> --app NAME[/SLOT] --to HOST:PORT [--json]
 */
import { main } from "../components/cli";
import { scenarios } from "../examples/scenarios";
import { aliasPackageToSources } from "./sources";

aliasPackageToSources();
main({ programs: scenarios, defaults: { plan: "regional", migrate: "gateway" } });
