import type { Memory, TwinProfile } from "../core/twin.js";

/** A twin with a filled-in persona, for brain tests. */
export function testTwin(overrides: Partial<TwinProfile> = {}): TwinProfile {
  return {
    id: "ada",
    name: "Ada",
    persona: {
      biography: "I'm a software engineer from Lisbon. I spend my weekends sailing.",
      style: "warm and brief",
      facts: ["I have a cat called Turing.", "I studied mathematics in Coimbra."],
    },
    voice: {},
    face: { kind: "illustrated", look: "sunny" },
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    ...overrides,
  };
}

export function memoriesOf(twinId: string, ...texts: string[]): Memory[] {
  return texts.map((text, index) => ({
    id: `mem_${index}`,
    twinId,
    text,
    createdAt: "2026-01-02T00:00:00.000Z",
  }));
}
