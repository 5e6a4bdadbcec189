import type { Mood } from "../core/face-motion.js";

/**
 * The mood a reply is said in, from its words: the brain's tone shows in what it writes (glad news and warm
 * exclamations, apologies and not knowing, astonishment). Undefined when nothing stands out: the twin's own mood.
 */
const SURPRISED = /\b(wow|whoa|no way|really\?|oh!|what\?!|unbelievable|amazing!)/i;
const SERIOUS =
  /\b(sorry|unfortunately|sadly|i don't know|i do not know|i can't|i cannot|i'm afraid|not sure|died|passed away|serious|careful|warning)\b/i;
const HAPPY =
  /\b(glad|happy|love|great|wonderful|lovely|fun|enjoy|delighted|fantastic|haha|congratulations|thanks|thank you)\b|!/i;

export function moodOfReply(text: string): Mood | undefined {
  if (SURPRISED.test(text)) return "surprised";
  if (SERIOUS.test(text)) return "serious";
  if (HAPPY.test(text)) return "happy";
  return undefined;
}
