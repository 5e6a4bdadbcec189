import type { Readable } from "node:stream";
import { type App, openApp } from "../app/app.js";
import { type Config, loadConfig, parseConfig } from "../config.js";
import { type CommandOutput, processOutput } from "./output.js";

/** What every command gets: where to write, where to read, and the app (opened on first use, closed by main). */
export interface CliContext {
  output: CommandOutput;
  input: Readable;
  /** True when stdout is a terminal (progress bars, prompts). */
  interactive: boolean;
  config(): Config;
  app(): Promise<App>;
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
  let config: Config | undefined;
  let app: Promise<App> | undefined;
  const context: CliContext = {
    output: options.output ?? processOutput,
    input: options.input ?? process.stdin,
    interactive: options.interactive ?? Boolean(process.stdout.isTTY),
    config() {
      config ??= options.env ? parseConfig(options.env) : loadConfig();
      return config;
    },
    app() {
      app ??= openApp(context.config());
      return app;
    },
    async close() {
      const opened = await app?.catch(() => undefined);
      await opened?.close();
    },
  };
  return context;
}
