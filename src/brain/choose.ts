/**
 * Picks a phrasing variant. Deterministic for the same message at the same point of a conversation (so tests and
 * replays are stable) but varied across turns, so the twin does not repeat itself word for word.
 */
export function choose<T>(options: readonly T[], seed: string): T {
  let hash = 2166136261;
  for (let index = 0; index < seed.length; index++) {
    hash ^= seed.charCodeAt(index);
    hash = Math.imul(hash, 16777619);
  }
  const option = options[(hash >>> 0) % options.length];
  if (option === undefined) throw new Error("choose() needs at least one option");
  return option;
}
