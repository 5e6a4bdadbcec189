import type { Config } from "../config.js";
import type { ChatModel } from "../core/chat-model.js";
import { BadInputError } from "../core/errors.js";
import type { Synthesizer } from "../core/synthesizer.js";
import type { Transcriber } from "../core/transcriber.js";
import type { TwinProfile } from "../core/twin.js";
import { ConversationEngine } from "../pipeline/conversation-engine.js";
import { selectProvider } from "../providers/select.js";
import { openStore } from "../store/open-store.js";
import type { Store } from "../store/store.js";
import { resolveTwin, seedDefaultTwin } from "./default-twin.js";

export interface ConverseOptions {
  /** Continue this conversation instead of starting a new one. */
  conversationId?: string;
  /** Speak the replies (default true when a speech provider is available). */
  speech?: boolean;
  /** Speak with this synthesizer instead of the app's (the server's, on a thread of its own). */
  synthesizer?: Synthesizer;
}

/** The core every edge (CLI, HTTP, worker) is a thin client of: configuration, storage and the chosen providers. */
export interface App {
  readonly config: Config;
  readonly store: Store;
  brain(): Promise<ChatModel>;
  /** The active speech provider, or undefined when none is available (text-only replies). */
  synthesizer(): Promise<Synthesizer | undefined>;
  /**
   * The active speech-to-text provider, or undefined when none is available. A failed or empty selection is tried
   * again (after a short pause when none was found), so installing PocketSphinx or fixing a key needs no restart.
   */
  transcriber(): Promise<Transcriber | undefined>;
  /** A twin by id, or the default twin. */
  twin(id?: string): Promise<TwinProfile>;
  /** A conversation engine on a new conversation, or on an existing one by id. */
  converse(twin: TwinProfile, options?: ConverseOptions): Promise<ConversationEngine>;
  close(): Promise<void>;
}

export async function openApp(config: Config): Promise<App> {
  const store = await openStore(config.database);
  try {
    await seedDefaultTwin(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  const once = <T>(make: () => Promise<T>) => {
    let value: Promise<T> | undefined;
    return () => {
      value ??= make();
      return value;
    };
  };
  const brain = once(async () => {
    const selected = await selectProvider("brain", config);
    if (!selected) throw new Error("no brain provider is available");
    return selected;
  });
  const synthesizer = once(() => selectProvider("speech", config));
  const transcriber = untilFound(() => selectProvider("speech-to-text", config), NONE_FOUND_RETRY_MS);
  return {
    config,
    store,
    brain,
    synthesizer,
    transcriber,
    twin: (id) => resolveTwin(store, id),
    async converse(twin, options = {}) {
      const conversation = options.conversationId
        ? await store.conversations.require(options.conversationId)
        : await store.conversations.create(twin.id);
      if (conversation.twinId !== twin.id) {
        throw new BadInputError(`conversation ${conversation.id} belongs to another twin`);
      }
      return new ConversationEngine({
        twin,
        conversationId: conversation.id,
        brain: await brain(),
        memories: store.memories,
        knowledge: store.knowledge,
        conversations: store.conversations,
        synthesizer: options.speech === false ? undefined : (options.synthesizer ?? (await synthesizer())),
      });
    },
    close: () => store.close(),
  };
}

/** How long "no speech-to-text provider" is believed before looking again. */
const NONE_FOUND_RETRY_MS = 30_000;

/**
 * Memoises a provider selection while it holds: a rejection is forgotten at once, and "none available" after
 * `retryMs`, so neither is cached forever.
 */
function untilFound<T>(select: () => Promise<T | undefined>, retryMs: number): () => Promise<T | undefined> {
  let value: Promise<T | undefined> | undefined;
  let expires = Number.POSITIVE_INFINITY;
  return () => {
    if (value && Date.now() < expires) return value;
    expires = Number.POSITIVE_INFINITY;
    const selecting: Promise<T | undefined> = select().then(
      (found) => {
        if (found === undefined && value === selecting) expires = Date.now() + retryMs;
        return found;
      },
      () => {
        if (value === selecting) value = undefined;
        return undefined;
      },
    );
    value = selecting;
    return selecting;
  };
}
