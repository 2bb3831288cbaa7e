#!/usr/bin/env node
/** The package's `bin`: `npx appservice-vnet-integration <plan|migrate|doctor> <program.ts|program.js|facts.json> [options]`. */
import { main } from "./index";

main();
