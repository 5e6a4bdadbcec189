import { DEFAULT_LOOK, type Persona, type TwinProfile } from "../core/twin.js";
import type { NewTwin, Store } from "../store/store.js";

export const DEFAULT_TWIN_ID = "default";

/** The twin that exists on first run, so `aitwin ask "Who are you?"` answers at once. */
export const DEFAULT_TWIN: NewTwin = {
  id: DEFAULT_TWIN_ID,
  name: "Sam",
  persona: {
    biography:
      "I'm a digital twin that lives entirely on this computer, with no account and no cloud. " +
      "I'm still getting to know the person I mirror, so teach me who you are and I'll answer as you.",
    style: "warm, curious and brief",
    facts: [
      "I run offline on this computer.",
      "I can listen, think, speak and show a face.",
      "I learn when you say remember that, and I forget when you ask me to.",
    ],
  },
  face: { kind: "illustrated", look: DEFAULT_LOOK },
};

/**
 * The default twin's seeded biography and facts describe the software, not the person; once the person starts
 * teaching it who they are (the interview), they would only mislead ("What do you do?" → "I run offline…"). Returns
 * the persona without them: the biography emptied when it is still the seeded one, the seeded facts left out.
 */
export function withoutSeededPersona(persona: Persona): Persona {
  const seeded = DEFAULT_TWIN.persona;
  return {
    ...persona,
    biography: persona.biography === seeded?.biography ? "" : persona.biography,
    facts: persona.facts.filter((fact) => !seeded?.facts?.includes(fact)),
  };
}

/**
 * Once the person teaches the twin who they are (an interview answer, an imported document), the seeded text about
 * the software goes: it stays only while it is all the twin knows. A no-op for any other twin or persona.
 */
export async function retireSeededPersona(store: Store, twin: TwinProfile): Promise<TwinProfile> {
  const persona = withoutSeededPersona(twin.persona);
  if (persona.biography === twin.persona.biography && persona.facts.length === twin.persona.facts.length)
    return twin;
  return store.twins.update(twin.id, { persona: { biography: persona.biography, facts: persona.facts } });
}

/** The twin meant when none is named: "default" if it exists, else the oldest, else a new default twin. */
export async function resolveTwin(store: Store, id?: string): Promise<TwinProfile> {
  if (id !== undefined) return store.twins.require(id);
  const named = await store.twins.get(DEFAULT_TWIN_ID);
  if (named) return named;
  const [oldest] = await store.twins.list();
  return oldest ?? store.twins.create(DEFAULT_TWIN);
}

/** Seeds the default twin into an empty database (first run); a database with twins is left as it is. */
export async function seedDefaultTwin(store: Store): Promise<void> {
  const twins = await store.twins.list();
  if (twins.length === 0) await store.twins.create(DEFAULT_TWIN);
}
