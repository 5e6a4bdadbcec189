import { BadInputError } from "../core/errors.js";

/**
 * One message line of a WhatsApp-style export, Android (`12/03/2024, 21:15 - Ana: text`) or iOS
 * (`[12/03/2024, 21:15:03] Ana: text`), with 12-hour times and dotted or dashed dates too.
 */
const MESSAGE =
  /^[\u200e\u200f]?\[?(\d{1,4}[./-]\d{1,2}[./-]\d{1,4}),?\s+(\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s?[APap]\.?\s?[Mm]\.?)?)\]?\s*(?:[-–]\s*)?([^:\n]{1,80}?):\s?(.*)$/;
/** A line that starts like a message but is the app's own notice ("Messages are end-to-end encrypted"). */
const NOTICE = /^[\u200e\u200f]?\[?\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+\d{1,2}[:.]\d{2}/;
/** What the app writes in place of attachments and deleted messages. */
const PLACEHOLDER =
  /^[\u200e]?(<[^>]*omitted>|<attached: [^>]*>|\S+ omitted|This message was deleted|You deleted this message|null)$/i;

export interface ChatMessageLine {
  sender: string;
  text: string;
}

/** True when most of the first lines are WhatsApp-style message lines: the text is a chat export. */
export function looksLikeChat(text: string): boolean {
  const lines = text
    .split("\n", 400)
    .filter((line) => line.trim() !== "")
    .slice(0, 20);
  const messages = lines.filter((line) => MESSAGE.test(line) || NOTICE.test(line)).length;
  return messages >= 2 && messages >= lines.length / 2;
}

/** The messages of an export; a line without a timestamp continues the message before it. */
export function chatMessages(text: string): ChatMessageLine[] {
  const messages: ChatMessageLine[] = [];
  let last: ChatMessageLine | undefined;
  for (const line of text.split("\n")) {
    const match = MESSAGE.exec(line);
    if (match) {
      last = {
        sender: (match[3] ?? "").replace(/[\u200e\u200f\u202a-\u202e]/g, "").trim(),
        text: match[4] ?? "",
      };
      messages.push(last);
    } else if (NOTICE.test(line)) {
      last = undefined;
    } else if (last && line.trim()) {
      last.text += `\n${line}`;
    }
  }
  return messages
    .map((message) => ({ sender: message.sender, text: message.text.trim() }))
    .filter((message) => message.text !== "" && !PLACEHOLDER.test(message.text));
}

/** Everyone who wrote in the export, most messages first. */
export function chatNames(messages: ChatMessageLine[]): string[] {
  const counts = new Map<string, number>();
  for (const { sender } of messages) counts.set(sender, (counts.get(sender) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([sender]) => sender);
}

/** Asked for when a chat export is imported without saying which name is the person's. */
export class ChatNameNeededError extends BadInputError {
  readonly names: string[];
  constructor(name: string, names: string[]) {
    super(`${name} is a chat export between ${names.join(", ")}: say which name is yours (--me NAME)`);
    this.names = names;
  }
}

/**
 * The person's own messages in an export, `me` matched without regard to case. ChatNameNeededError (listing the
 * names) without `me`; BadInputError when `me` wrote nothing.
 */
export function ownMessages(text: string, name: string, me: string | undefined): string[] {
  const messages = chatMessages(text);
  const names = chatNames(messages);
  if (names.length === 0) throw new BadInputError(`${name} is a chat export with no messages`);
  if (me === undefined || me.trim() === "") throw new ChatNameNeededError(name, names);
  const wanted = me.trim().toLocaleLowerCase();
  const own = messages.filter((message) => message.sender.toLocaleLowerCase() === wanted);
  if (own.length === 0) {
    throw new BadInputError(
      `${name} has no messages by "${me.trim()}"; the names in it are ${names.join(", ")}`,
    );
  }
  return own.map((message) => message.text);
}
