import type { Transcript } from "../../core/transcriber.js";

const FILLER = /^(<s>|<\/s>|<sil>|\[.*\]|\+\+.*\+\+)$/i;

/**
 * Parses `pocketsphinx_continuous -time yes` output: per utterance a hypothesis line, then one line per token
 * (`word start end posterior`, seconds; the posterior becomes the word's confidence). Alternate pronunciations (`been(2)`) and fillers are cleaned up.
 */
export function parsePocketsphinxOutput(output: string, durationMs: number): Transcript {
  const sentences: string[] = [];
  const words: NonNullable<Transcript["words"]> = [];
  for (const line of output.split("\n")) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const timed = /^(\S+) (\d+\.\d+) (\d+\.\d+) (-?\d+(?:\.\d+)?(?:e-?\d+)?)$/i.exec(trimmed);
    if (timed) {
      const token = (timed[1] as string).replace(/\(\d+\)$/, "");
      if (FILLER.test(token)) continue;
      const start = Math.round(Number(timed[2]) * 1000);
      const end = Math.round(Number(timed[3]) * 1000);
      // The word's posterior probability; a lattice's rounding can take it a hair over 1.
      const confidence = Math.min(1, Math.max(0, Number(timed[4])));
      words.push({ text: token, start, duration: Math.max(0, end - start), confidence });
    } else {
      sentences.push(trimmed);
    }
  }
  return { text: sentences.join(" "), words, durationMs };
}

/**
 * The cepstral mean the recogniser settled on, from its log's last `cmn_live.c … Update to < c0 c1 … >` line: the
 * level and colour of this speaker and microphone, which `-cmninit` hands to the next run.
 */
export function parseCepstralMean(log: string): number[] | undefined {
  const lines = log.match(/Update to\s+<([^>]*)>/g);
  const last = lines?.at(-1);
  if (!last) return undefined;
  const values = (/<([^>]*)>/.exec(last)?.[1] ?? "").trim().split(/\s+/).map(Number);
  return values.length > 0 && values.every(Number.isFinite) ? values : undefined;
}
