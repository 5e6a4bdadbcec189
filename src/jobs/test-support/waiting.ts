/**
 * Polls `check` until it returns something other than undefined/false. The deadline only turns a hang into a clear
 * failure naming what was awaited; it is not a performance bound.
 */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  deadlineMs = 60_000,
  everyMs = 50,
): Promise<T> {
  const giveUpAt = Date.now() + deadlineMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > giveUpAt) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
