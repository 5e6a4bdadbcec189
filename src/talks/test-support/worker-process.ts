/** `aitwin worker ARGS` from the TypeScript sources, for tests that start and kill worker processes. */
import { main } from "../../cli/main.js";

process.exitCode = await main(["node", "aitwin", "worker", ...process.argv.slice(2)]);
