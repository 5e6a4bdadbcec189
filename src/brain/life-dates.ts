import type { KnowledgeItem } from "./knowledge.js";

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const MONTH = `(${MONTHS.join("|")}|${MONTHS.map((month) => month.slice(0, 3)).join("|")})`;

/** Questions about the twin's own age. */
export const AGE_QUESTION =
  /\bhow old (?:are|r) (?:you|u)\b|\bwhat(?:'s| is) your age\b|\bwhat age are you\b|\byour age\b/i;

export interface AgeAnswer {
  text: string;
  used: KnowledgeItem;
}

/**
 * The twin's age from what it knows: a stated age ("I'm 34", "a 52-year-old chef") or a birth date or year,
 * counted to `now`. With only a year, the age is one of two, and it says so rather than guess.
 */
export function answerAge(items: KnowledgeItem[], now: Date): AgeAnswer | undefined {
  for (const item of items) {
    const text = item.statement;
    const stated =
      text.match(/\b(\d{1,3})[- ]years?[- ]old\b/i) ??
      text.match(/\bI(?:'m| am) (\d{1,3})(?: years old)?(?=[.,;!]|\s+and\b|$)/i) ??
      text.match(/\baged (\d{1,3})\b/i);
    if (stated?.[1]) return { text: `I'm ${Number(stated[1])}.`, used: item };
  }
  for (const item of items) {
    const born = birthOf(item.statement);
    if (!born) continue;
    if (born.month === undefined) {
      const older = now.getUTCFullYear() - born.year;
      return { text: `I was born in ${born.year}, so I'm ${older - 1} or ${older}.`, used: item };
    }
    let age = now.getUTCFullYear() - born.year;
    const beforeBirthday =
      now.getUTCMonth() < born.month ||
      (now.getUTCMonth() === born.month && now.getUTCDate() < (born.day ?? 1));
    if (beforeBirthday) age -= 1;
    return { text: `I'm ${age}.`, used: item };
  }
  return undefined;
}

interface BirthDate {
  year: number;
  /** 0-based, as Date has it. */
  month?: number;
  day?: number;
}

/** The birth date a statement gives: "born on 3 March 1995", "born March 3, 1995", "born in 1988", "born 1995-03-03". */
export function birthOf(statement: string): BirthDate | undefined {
  if (!/\bborn\b/i.test(statement)) return undefined;
  const after = statement.slice(statement.search(/\bborn\b/i));
  const dayMonthYear = after.match(
    new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)? (?:of )?${MONTH}\\.?,? (\\d{4})\\b`, "i"),
  );
  if (dayMonthYear) return date(dayMonthYear[3], dayMonthYear[2], dayMonthYear[1]);
  const monthDayYear = after.match(
    new RegExp(`\\b${MONTH}\\.? (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b`, "i"),
  );
  if (monthDayYear) return date(monthDayYear[3], monthDayYear[1], monthDayYear[2]);
  const iso = after.match(/\b(\d{4})-(\d{2})-(\d{2})\b/);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]) - 1, day: Number(iso[3]) };
  const year = after.match(/\b(1[89]\d\d|20\d\d)\b/);
  return year ? { year: Number(year[1]) } : undefined;
}

function date(year: string | undefined, month: string | undefined, day: string | undefined): BirthDate {
  const index = MONTHS.findIndex((name) => name.startsWith((month ?? "").toLowerCase().slice(0, 3)));
  return { year: Number(year), month: index, day: Number(day) };
}
