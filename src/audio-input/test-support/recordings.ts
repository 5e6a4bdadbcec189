import { readFileSync } from "node:fs";

/** Real recorded speech from Debian's `pocketsphinx-testdata` (installed by .ci/run). */
export const TESTDATA = "/usr/share/pocketsphinx/test/data";

export interface Recording {
  path: string;
  reference: string;
}

/** The five LibriVox sentences (16 kHz mono WAV) with their reference transcriptions. */
export function librivoxRecordings(): Recording[] {
  const lines = readFileSync(`${TESTDATA}/librivox/transcription`, "utf8").trim().split("\n");
  return lines.map((line) => {
    const match = /^<s> (.*) <\/s> \((.*)\)$/.exec(line.trim());
    if (!match) throw new Error(`unexpected transcription line: ${line}`);
    return { path: `${TESTDATA}/librivox/${match[2]}.wav`, reference: match[1] as string };
  });
}

export const CARDS = [1, 2, 3, 4, 5].map((index) => `${TESTDATA}/cards/00${index}.wav`);
