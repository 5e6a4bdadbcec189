import { describe, expect, it } from "vitest";
import { VISEMES } from "../core/timeline.js";
import { KNOWN_PHONEMES, visemeForPhoneme } from "./phoneme-visemes.js";

// The phone set of flite's US English voices (cmu_us phoneset), so no phoneme the synthesiser emits falls through.
const FLITE_PHONES =
  "pau aa ae ah ao aw ax axr ay b ch d dh eh er ey f g hh ih iy jh k l m n ng ow oy p r s sh t th uh uw v w y z zh";

describe("phoneme → viseme table", () => {
  it("covers every phoneme flite's English voices emit", () => {
    for (const phone of FLITE_PHONES.split(" ")) expect(KNOWN_PHONEMES).toContain(phone);
  });

  it("uses every one of the 15 visemes", () => {
    expect(new Set(KNOWN_PHONEMES.map(visemeForPhoneme))).toEqual(new Set(VISEMES));
  });

  it("closes the lips for bilabials and rests them for silence and unknown phones", () => {
    expect(["p", "b", "m"].map(visemeForPhoneme)).toEqual(["PP", "PP", "PP"]);
    expect(visemeForPhoneme("pau")).toBe("sil");
    expect(visemeForPhoneme("qq")).toBe("sil");
  });

  it("ignores case and CMUdict stress digits", () => {
    expect(visemeForPhoneme("AH0")).toBe("aa");
    expect(visemeForPhoneme("IY1")).toBe("I");
  });
});
