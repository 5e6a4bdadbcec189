import type { Config } from "../config.js";
import type { AvatarRenderer } from "../core/avatar-renderer.js";
import type { ChatModel } from "../core/chat-model.js";
import type { Synthesizer } from "../core/synthesizer.js";
import type { Transcriber } from "../core/transcriber.js";
import type { DidWebhooks } from "./d-id/did-webhooks.js";

export interface StageTypes {
  "speech-to-text": Transcriber;
  brain: ChatModel;
  speech: Synthesizer;
  "talking-head": AvatarRenderer;
}

export type Stage = keyof StageTypes;

/** What the process owning providers shares with them (the app's, injected rather than module singletons). */
export interface ProviderContext {
  /** The webhooks of D-ID talks, served by the server's `/webhooks/d-id/:waitId` route. */
  didWebhooks?: DidWebhooks;
}

export const STAGES: Stage[] = ["speech-to-text", "brain", "speech", "talking-head"];

export interface Availability {
  available: boolean;
  /** Why it can or cannot serve: "OPENAI_API_KEY is not set", "model found at …". */
  reason: string;
}

/**
 * One way to serve a stage. Candidates are listed in order of preference: the first available one serves.
 * `check` is cheap and offline; `probe` (optional) makes a real, cheap call (doctor --probe).
 */
export interface ProviderCandidate<S extends Stage = Stage> {
  id: string;
  stage: S;
  kind: "embedded" | "local" | "cloud";
  description: string;
  check(config: Config): Promise<Availability>;
  /** A real, cheap, authenticated call (`aitwin doctor --probe`); never made by `check` or at selection. */
  probe?(config: Config): Promise<Availability>;
  create(config: Config, context?: ProviderContext): Promise<StageTypes[S]>;
}

export type AnyCandidate = { [S in Stage]: ProviderCandidate<S> }[Stage];
