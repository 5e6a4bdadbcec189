/**
 * A single-consumer queue that is also an async iterable: producers push without waiting, the consumer pulls in
 * order. It decouples a stage that must keep running (recording a turn, synthesising ahead) from a slow reader.
 */
export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private failWaiting: ((error: unknown) => void) | undefined;
  private ended = false;
  private failure: { error: unknown } | undefined;
  private consumerGone = false;
  private readonly closeListeners = new Set<() => void>();

  /** True once the consumer stopped reading (`return()`, e.g. a `break` out of `for await`). */
  get closed(): boolean {
    return this.consumerGone;
  }

  /** Runs when the consumer stops reading, so a producer can stop its work instead of pushing into the void. */
  onClose(listener: () => void): () => void {
    if (this.consumerGone) listener();
    else this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  push(item: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = undefined;
      resolve({ value: item, done: false });
    } else {
      this.items.push(item);
    }
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    const resolve = this.waiting;
    this.waiting = this.failWaiting = undefined;
    resolve?.({ value: undefined, done: true });
  }

  /** Ends the queue with an error: the consumer gets every item pushed before, then the error. */
  fail(error: unknown): void {
    if (this.ended) return;
    this.failure = { error };
    this.ended = true;
    const reject = this.failWaiting;
    this.waiting = this.failWaiting = undefined;
    reject?.(error);
  }

  private next(): Promise<IteratorResult<T>> {
    if (this.items.length > 0) return Promise.resolve({ value: this.items.shift() as T, done: false });
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  /** The consumer is done: what is queued is dropped, later pushes are ignored and producers are told. */
  close(): void {
    if (this.consumerGone) return;
    this.consumerGone = true;
    this.items.length = 0;
    this.end();
    for (const listener of this.closeListeners) listener();
    this.closeListeners.clear();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => this.next(),
      return: async () => {
        this.close();
        return { value: undefined, done: true };
      },
    };
  }
}
