import { asStatement } from "./perspective.js";

/** A request to change or read the twin's long-term memory, recognised before any brain sees the message. */
export type MemoryCommand =
  | { kind: "remember"; statement: string }
  | { kind: "forget"; query: string }
  | { kind: "recall" };

const POLITE = String.raw`(?:(?:please|hey|ok(?:ay)?|so|and)[,\s]+)*(?:(?:can|could|would|will) you\s+|i (?:want|need) you to\s+)?`;
const REMEMBER = new RegExp(
  String.raw`^${POLITE}(?:remember|memori[sz]e|note|keep in mind|don'?t forget)\s*(?:,|:)?\s*(?:that\s+)?(.+?)\s*[.!?]*$`,
  "i",
);
const FORGET = new RegExp(String.raw`^${POLITE}forget\s+(?:about\s+)?(?:that\s+)?(.+?)\s*[.!?]*$`, "i");
const RECALL =
  /^(?:what (?:do|did) you (?:remember|know about (?:me|yourself))|what have i (?:told|taught) you|(?:list|show)(?: me)? (?:your|all|my) memories|what are your memories)\b/i;

export function parseMemoryCommand(text: string): MemoryCommand | undefined {
  const message = text.trim();
  if (RECALL.test(message)) return { kind: "recall" };
  const forget = FORGET.exec(message);
  if (forget?.[1] && !/^(it|this|that)$/i.test(forget[1])) return { kind: "forget", query: forget[1] };
  const remember = REMEMBER.exec(message);
  // "Remember me?" is a question, not something to store.
  if (remember?.[1] && !/\?\s*$/.test(message) && !/^(me|this|that|it)$/i.test(remember[1])) {
    const statement = asStatement(remember[1]);
    if (statement) return { kind: "remember", statement };
  }
  return undefined;
}
