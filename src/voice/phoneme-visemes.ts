import type { Viseme } from "../core/timeline.js";

/**
 * English phonemes (the ARPAbet set of CMUdict, lower case, as flite and PocketSphinx write them) to the 15 Oculus
 * visemes of `src/core/timeline.ts`. The table follows Oculus's published grouping (PP = bilabials, FF = labiodentals,
 * TH = dentals, DD = alveolar stops, kk = velars, CH = postalveolars, SS = sibilants, nn = n/l, RR = r) and maps each
 * vowel to the open shape of its quality:
 *
 * | viseme | phonemes                | mouth                              |
 * |--------|-------------------------|------------------------------------|
 * | sil    | pau h# brth (silence)   | closed, at rest                    |
 * | PP     | p b m                   | lips pressed together              |
 * | FF     | f v                     | lower lip to upper teeth           |
 * | TH     | th dh                   | tongue between the teeth           |
 * | DD     | t d                     | tongue on the ridge, slightly open |
 * | kk     | k g hh                  | open, tongue back (hh takes the vowel's opening) |
 * | CH     | ch jh sh zh             | lips forward, teeth close          |
 * | SS     | s z                     | teeth close, lips spread           |
 * | nn     | n ng l                  | slightly open, tongue up           |
 * | RR     | r er axr                | lips a little rounded              |
 * | aa     | aa ae ah ay aw          | wide open                          |
 * | E      | eh ey ax                | mid open, spread                   |
 * | I      | ih iy y                 | narrow, spread                     |
 * | O      | ao ow oy                | open, rounded                      |
 * | U      | uh uw w                 | small, rounded                     |
 *
 * Diphthongs take the viseme of their first, longer part: splitting them would put viseme boundaries where the
 * synthesiser has none, for a difference too short (~60 ms) to see at 25–30 frames per second.
 */
const TABLE: Record<Viseme, readonly string[]> = {
  sil: ["pau", "h#", "brth", "sil"],
  PP: ["p", "b", "m"],
  FF: ["f", "v"],
  TH: ["th", "dh"],
  DD: ["t", "d", "dx"],
  kk: ["k", "g", "hh"],
  CH: ["ch", "jh", "sh", "zh"],
  SS: ["s", "z"],
  nn: ["n", "ng", "l"],
  RR: ["r", "er", "axr"],
  aa: ["aa", "ae", "ah", "ay", "aw"],
  E: ["eh", "ey", "ax"],
  I: ["ih", "iy", "y"],
  O: ["ao", "ow", "oy"],
  U: ["uh", "uw", "w"],
};

const BY_PHONEME = new Map<string, Viseme>(
  Object.entries(TABLE).flatMap(([viseme, phonemes]) =>
    phonemes.map((phoneme) => [phoneme, viseme as Viseme]),
  ),
);

/** The viseme for a phoneme; stress digits (`ah0`) are ignored; unknown phonemes rest the mouth (`sil`). */
export function visemeForPhoneme(phoneme: string): Viseme {
  return BY_PHONEME.get(phoneme.toLowerCase().replace(/[0-9]$/, "")) ?? "sil";
}

/** Every phoneme the table knows, for tests and documentation. */
export const KNOWN_PHONEMES: readonly string[] = [...BY_PHONEME.keys()];
