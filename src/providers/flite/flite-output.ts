/** Parsers for what flite prints with `-psdur` (phones with end times) and `-ps` (phones). */

/**
 * Phones with end times in seconds from `-psdur` output ("pau:0.164 hh:0.255 …"). Each printed line is one
 * utterance timed from its own start, so later lines are shifted to follow the earlier ones.
 */
export function parsePhoneEndTimes(stdout: string): { phone: string; end: number }[] {
  const phones: { phone: string; end: number }[] = [];
  for (const line of stdout.split("\n")) {
    const offset = phones.at(-1)?.end ?? 0;
    for (const item of line.trim().split(/\s+/)) {
      const match = /^([a-z#]+):(\d+(?:\.\d+)?)$/.exec(item);
      if (match) phones.push({ phone: match[1] as string, end: offset + Number(match[2]) });
    }
  }
  return phones;
}

/** One list of phones per utterance from `-ps` output (one printed line each). */
export function parsePhoneLines(stdout: string): string[][] {
  return stdout
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => line.split(/\s+/));
}
