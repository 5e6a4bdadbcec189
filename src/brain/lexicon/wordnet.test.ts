import { describe, expect, it } from "vitest";
import { lemmasOf } from "./lemmas.js";
import { wordNet } from "./wordnet.js";

const lexicon = wordNet();

describe("WordNet read in place", () => {
  it("finds lemmas anywhere in the sorted index, and nothing for words it lacks", () => {
    expect(lexicon.synsetsOf("violin", "noun")[0]?.lemmas).toEqual(["violin", "fiddle"]);
    // First and last lemmas of the noun index, either side of the licence header.
    expect(lexicon.has("'hood", "noun")).toBe(true);
    expect(lexicon.has("zymurgy", "noun")).toBe(true);
    expect(lexicon.has("musical_instrument", "noun")).toBe(true);
    expect(lexicon.has("pad_thai", "noun")).toBe(false);
    expect(lexicon.has("xyzzy", "noun")).toBe(false);
    expect(lexicon.has("", "noun")).toBe(false);
  });

  it("reads a synset's pointers: a violin is a kind of bowed stringed instrument", () => {
    const [violin] = lexicon.synsetsOf("violin", "noun");
    const hypernym = violin?.pointers.find((pointer) => pointer.symbol === "@");
    expect(hypernym).toBeDefined();
    if (!hypernym) return;
    expect(lexicon.synset(hypernym.offset, hypernym.pos).lemmas).toContain("bowed_stringed_instrument");
  });

  it("knows which senses are proper names and which lexicographer file a sense is in", () => {
    const born = lexicon.synsetsOf("born", "noun")[0];
    expect(born?.names.has("born")).toBe(true);
    expect(lexicon.synsetsOf("meal", "noun")[0]?.lexicalFile).toBe(13);
  });
});

describe("lemmas", () => {
  const forms = (word: string) => lemmasOf(word, lexicon).map(({ lemma, pos }) => `${pos}:${lemma}`);

  it("undoes inflection by WordNet's rules and irregular forms", () => {
    expect(forms("sisters")).toContain("noun:sister");
    expect(forms("grew")).toContain("verb:grow");
    expect(forms("children")).toContain("noun:child");
    expect(forms("stopped")).toContain("verb:stop");
    expect(forms("studied")).toContain("verb:study");
  });

  it("falls back from British to American spelling", () => {
    expect(forms("watercolours")).toContain("noun:watercolor");
    expect(forms("colour")).toContain("noun:color");
  });
});
