import type { VoiceInfo } from "../../core/synthesizer.js";

/** OpenAI's built-in TTS voices (all speak many languages; English is what we ask of them). */
export const OPENAI_VOICES: VoiceInfo[] = [
  { id: "alloy", name: "Alloy", gender: "neutral", language: "en" },
  { id: "ash", name: "Ash", gender: "male", language: "en" },
  { id: "ballad", name: "Ballad", gender: "male", language: "en" },
  { id: "coral", name: "Coral", gender: "female", language: "en" },
  { id: "echo", name: "Echo", gender: "male", language: "en" },
  { id: "fable", name: "Fable", gender: "neutral", language: "en" },
  { id: "nova", name: "Nova", gender: "female", language: "en" },
  { id: "onyx", name: "Onyx", gender: "male", language: "en" },
  { id: "sage", name: "Sage", gender: "female", language: "en" },
  { id: "shimmer", name: "Shimmer", gender: "female", language: "en" },
  { id: "verse", name: "Verse", gender: "male", language: "en" },
];

export const OPENAI_DEFAULT_VOICE = "alloy";
