import type { Command } from "commander";
import type { CliContext } from "./context.js";

export type MakeCommand = (context: CliContext) => Command;

/** A command by name, with the line `aitwin --help` shows for it and how to load it. */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<MakeCommand>;
}

/**
 * Every `aitwin` command: its name, the line `aitwin --help` shows, and how to load it. A command's module (and the
 * providers, server or brain it imports) is loaded only when that command runs, so `aitwin --version` and
 * `aitwin --help` start as fast as Node itself. The lines match each command's own description (a test checks).
 */
export const COMMANDS: CommandEntry[] = [
  {
    name: "serve",
    summary: "the web app: talk to your twin in the browser",
    load: async () => (await import("./commands/serve.js")).serveCommand,
  },
  {
    name: "ask",
    summary: "one turn of the twin's brain: prints the reply",
    load: async () => (await import("./commands/ask.js")).askCommand,
  },
  {
    name: "chat",
    summary: "a conversation with your twin in the terminal: the microphone where there is one, else typing",
    load: async () => (await import("./commands/chat.js")).chatCommand,
  },
  {
    name: "twin",
    summary: "manage twins: persona, voice and memory",
    load: async () => (await import("./commands/twin.js")).twinCommand,
  },
  {
    name: "speak",
    summary: "speech and its viseme timeline: writes a WAV, and the timeline as JSON on request",
    load: async () => (await import("./commands/speak.js")).speakCommand,
  },
  {
    name: "say",
    summary: "a talking-head video of TEXT (H.264 + AAC MP4)",
    load: async () => (await import("./commands/say.js")).sayCommand,
  },
  {
    name: "doctor",
    summary: "which provider serves each stage, and why the others do not",
    load: async () => (await import("./commands/doctor.js")).doctorCommand,
  },
  {
    name: "transcribe",
    summary: "speech-to-text of an audio file (any format ffmpeg reads, up to 5 minutes)",
    load: async () => (await import("./commands/transcribe.js")).transcribeCommand,
  },
  {
    name: "models",
    summary: "the whisper and GGUF models the local providers use",
    load: async () => (await import("./commands/models.js")).modelsCommand,
  },
  {
    name: "worker",
    summary: "render worker for scale-out: takes talk jobs from the database (or Redis with REDIS_URL)",
    load: async () => (await import("./commands/worker.js")).workerCommand,
  },
];
