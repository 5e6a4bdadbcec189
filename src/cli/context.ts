import type { Readable } from "node:stream";
import type { App } from "../app/app.js";
import type { Config } from "../config.js";
import { type CommandOutput, processOutput } from "./output.js";

/** What every command gets: where to write, where to read, and the app (opened on first use, closed by main). */
export interface CliContext {
  output: CommandOutput;
  input: Readable;
  /** True when stdout is a terminal (progress bars, prompts). */
  interactive: boolean;
  /** The configuration; `prepare()` must have run (main does it before any command). */
  config(): Config;
  app(): Promise<App>;
  /** Loads the configuration schema (zod), which only commands need: --help and --version skip it. */
  prepare(): Promise<void>;
  close(): Promise<void>;
}

export interface CliContextOptions {
  output?: CommandOutput;
  input?: Readable;
  interactive?: boolean;
  /** Environment to configure from; when absent, `.env` in the working directory is read into process.env. */
  env?: NodeJS.ProcessEnv;
}

export function createCliContext(options: CliContextOptions = {}): CliContext {
  let configModule: typeof import("../config.js") | undefined;
  let config: Config | undefined;
  let app: Promise<App> | undefined;
  const context: CliContext = {
    output: options.output ?? processOutput,
    input: options.input ?? process.stdin,
    interactive: options.interactive ?? Boolean(process.stdout.isTTY),
    config() {
      if (!configModule) throw new Error("the CLI context was used before prepare()");
      config ??= options.env ? configModule.parseConfig(options.env) : configModule.loadConfig();
      return config;
    },
    async prepare() {
      configModule ??= await import("../config.js");
    },
    app() {
      // The app (store, providers, brain) is loaded when a command first needs it: --help and --version do not.
      app ??= import("../app/app.js").then(({ openApp }) => openApp(context.config()));
      return app;
    },
    async close() {
      const opened = await app?.catch(() => undefined);
      await opened?.close();
    },
  };
  return context;
}
