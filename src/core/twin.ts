import type { FaceMotion } from "./face-motion.js";

/** The person a twin mirrors: who they are and how they talk. */
export interface Persona {
  biography: string;
  /** How the person speaks: "warm and brief", "dry humour", … */
  style: string;
  /** First-person statements the twin can draw on: "I grew up in Porto." */
  facts: string[];
}

export interface VoiceChoice {
  /** A voice id of the active synthesizer; the synthesizer's default when absent. */
  id?: string;
  /** Speaking rate multiplier, 1 = normal. */
  rate?: number;
}

/** The illustrated look a twin has until it is given another look or a photo. */
export const DEFAULT_LOOK = "sunny";

/** `face` on a photo: which of several faces talks, 0 (the default) the largest, then by size. */
export type FaceChoice =
  | { kind: "illustrated"; look: string }
  | { kind: "photo"; mediaId: string; face?: number };

export interface TwinProfile {
  id: string;
  name: string;
  persona: Persona;
  voice: VoiceChoice;
  face: FaceChoice;
  /** How the face moves: resting mood, head motion, blinks, expressiveness, stillness; defaults when absent. */
  motion?: FaceMotion;
  createdAt: string;
  updatedAt: string;
}

/** Something the person taught their twin ("remember that …"). */
export interface Memory {
  id: string;
  twinId: string;
  text: string;
  createdAt: string;
}
