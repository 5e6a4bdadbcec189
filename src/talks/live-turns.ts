/**
 * How many live conversation turns this process is producing right now, in memory that render threads can read. A
 * render thread checks it between seconds of video and waits while a turn is being written and voiced, so a talk
 * being exported never slows the twin's answer (2 cores: the render would otherwise take one of them).
 */
export class LiveTurns {
  /** Shared with render threads: slot 0 is the number of turns in flight. */
  readonly shared = new Int32Array(new SharedArrayBuffer(4));
  private readonly inFlight = new Set<object>();

  /** `owner` starts (true) or stops (false) producing a turn; counted once however often it says so. */
  mark(owner: object, busy: boolean): void {
    if (busy) this.inFlight.add(owner);
    else this.inFlight.delete(owner);
    Atomics.store(this.shared, 0, this.inFlight.size);
  }

  get count(): number {
    return Atomics.load(this.shared, 0);
  }
}

/** The longest a render waits at one time, so a conversation that never pauses still lets exports finish. */
export const MAX_YIELD_MS = 2000;
const STEP_MS = 50;

/** In a render thread: blocks while live turns are in flight, at most MAX_YIELD_MS; returns how long it waited. */
export function yieldToLiveTurns(shared: Int32Array): number {
  let waited = 0;
  while (Atomics.load(shared, 0) > 0 && waited < MAX_YIELD_MS) {
    Atomics.wait(shared, 0, Atomics.load(shared, 0), STEP_MS);
    waited += STEP_MS;
  }
  return waited;
}
