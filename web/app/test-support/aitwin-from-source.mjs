// Runs the `aitwin` command from the TypeScript sources (with tsx), so page tests need no `npm run build` of the
// server and the web project's type-check does not take in the whole server.
const { main } = await import("../../../src/cli/main.ts");
process.exitCode = await main(process.argv);
