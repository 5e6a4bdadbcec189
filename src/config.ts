import { existsSync } from "node:fs";
import { homedir, platform } from "node:os";
import { join, resolve } from "node:path";
import { z } from "zod";
import { ConfigError } from "./core/errors.js";

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const url = (name: string) =>
  optionalText.refine((value) => value === undefined || URL.canParse(value), `${name} must be a URL`);

const schema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HOST: z.string().trim().min(1).default("127.0.0.1"),
    AITWIN_DATA_DIR: optionalText,
    DATABASE_URL: optionalText,
    REDIS_URL: url("REDIS_URL"),
    AITWIN_API_KEY: optionalText,
    PUBLIC_URL: url("PUBLIC_URL"),
    OPENAI_API_KEY: optionalText,
    OPENAI_BASE_URL: url("OPENAI_BASE_URL"),
    AITWIN_LLM_MODEL: optionalText,
    DID_API_KEY: optionalText,
    DID_BASE_URL: url("DID_BASE_URL"),
    DID_VOICE: optionalText.refine(
      (value) => value === undefined || /^(microsoft|elevenlabs|amazon):[\w.-]+$/.test(value),
      "DID_VOICE must be PROVIDER:VOICE_ID with PROVIDER microsoft, elevenlabs or amazon",
    ),
    ELEVENLABS_API_KEY: optionalText,
    ELEVENLABS_BASE_URL: url("ELEVENLABS_BASE_URL"),
    AITWIN_DEBUG: optionalText,
    AITWIN_ALLOW_PRIVATE_URLS: optionalText,
  })
  .superRefine((env, context) => {
    if (env.DATABASE_URL && !/^(sqlite:|file:|postgres(ql)?:\/\/|\/|\.)/.test(env.DATABASE_URL)) {
      context.addIssue({
        code: "custom",
        path: ["DATABASE_URL"],
        message: "must be a SQLite file path (or sqlite:PATH) or a postgres:// URL",
      });
    }
  });

export type DatabaseTarget = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };

/** The validated configuration, parsed once at start; everything else receives it as options. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  modelsDir: string;
  mediaDir: string;
  database: DatabaseTarget;
  redisUrl: string | undefined;
  apiKey: string | undefined;
  publicUrl: string | undefined;
  openai: { apiKey: string | undefined; baseURL: string | undefined; model: string | undefined };
  /** `voice`: D-ID's text-to-speech provider and voice, e.g. microsoft:en-US-JennyNeural. */
  did: { apiKey: string | undefined; baseURL: string | undefined; voice: string | undefined };
  /** ElevenLabs speech and instant voice cloning (opt-in); the public API when `baseURL` is absent. */
  elevenlabs?: { apiKey: string | undefined; baseURL: string | undefined };
  debug: boolean;
  /**
   * Let user-given URLs (talk images, audio, webhooks) reach loopback and private addresses. Off by default: the SSRF
   * guard refuses them. For tests and for a twin whose clients all run on one private network.
   */
  allowPrivateUrls?: boolean;
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = homedir();
  if (platform() === "darwin") return join(home, "Library", "Application Support", "aitwin");
  if (platform() === "win32") return join(env.APPDATA ?? join(home, "AppData", "Roaming"), "aitwin");
  return join(env.XDG_DATA_HOME ?? join(home, ".local", "share"), "aitwin");
}

function databaseTarget(value: string | undefined, dataDir: string): DatabaseTarget {
  if (value === undefined) return { kind: "sqlite", path: join(dataDir, "aitwin.sqlite") };
  if (/^postgres(ql)?:\/\//.test(value)) return { kind: "postgres", url: value };
  return { kind: "sqlite", path: resolve(value.replace(/^(sqlite|file):(\/\/)?/, "")) };
}

export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    // Name the variable and the rule, never the value: it may be a secret.
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join("; ")}`);
  }
  const values = parsed.data;
  const dataDir = resolve(values.AITWIN_DATA_DIR ?? defaultDataDir(env));
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir,
    modelsDir: join(dataDir, "models"),
    mediaDir: join(dataDir, "media"),
    database: databaseTarget(values.DATABASE_URL, dataDir),
    redisUrl: values.REDIS_URL,
    apiKey: values.AITWIN_API_KEY,
    publicUrl: values.PUBLIC_URL,
    openai: {
      apiKey: values.OPENAI_API_KEY,
      baseURL: values.OPENAI_BASE_URL,
      model: values.AITWIN_LLM_MODEL,
    },
    did: { apiKey: values.DID_API_KEY, baseURL: values.DID_BASE_URL, voice: values.DID_VOICE },
    elevenlabs: { apiKey: values.ELEVENLABS_API_KEY, baseURL: values.ELEVENLABS_BASE_URL },
    debug: values.AITWIN_DEBUG !== undefined && values.AITWIN_DEBUG !== "0",
    allowPrivateUrls: values.AITWIN_ALLOW_PRIVATE_URLS === "1" || values.AITWIN_ALLOW_PRIVATE_URLS === "true",
  };
}

/** Reads `.env` from the working directory into `process.env` (existing variables win), then parses. */
export function loadConfig(cwd = process.cwd()): Config {
  const envFile = join(cwd, ".env");
  if (existsSync(envFile)) {
    try {
      process.loadEnvFile(envFile);
    } catch (error) {
      throw new ConfigError(`cannot read ${envFile}: ${(error as Error).message}`);
    }
  }
  return parseConfig(process.env);
}
