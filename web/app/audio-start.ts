/**
 * Resumes an AudioContext and says whether it runs within `waitMs`. A browser with no sound device may never start
 * one (Firefox ESR 140 keeps it "suspended" for good, its `resume()` never settling), and a page that simply awaited
 * `resume()` would wait forever: callers decide what to do without sound instead.
 */
export async function resumeWithin(context: AudioContext, waitMs: number): Promise<boolean> {
  if (context.state === "running") return true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const resumed = context.resume().then(
    () => true,
    () => false,
  );
  const waited = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), waitMs);
  });
  try {
    const settled = await Promise.race([resumed, waited]);
    // Read again: the state changed while this waited (TypeScript still has it narrowed to "not running").
    return settled && (context.state as AudioContextState) === "running";
  } finally {
    clearTimeout(timer);
  }
}
