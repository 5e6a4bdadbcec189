/**
 * One error base class and a few subclasses. `error-mapping.ts` turns them into HTTP statuses and CLI exit codes;
 * nothing else needs to know which is which.
 */
export type ErrorKind =
  | "bad-input"
  | "not-found"
  | "conflict"
  | "busy"
  | "provider"
  | "config"
  | "storage"
  | "cancelled"
  | "internal";

export class AitwinError extends Error {
  readonly kind: ErrorKind;
  constructor(kind: ErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
    this.name = new.target.name;
  }
}

/** The caller gave something we cannot use: empty text, an unknown voice, a corrupt upload. */
export class BadInputError extends AitwinError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("bad-input", message, options);
  }
}

export class NotFoundError extends AitwinError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("not-found", message, options);
  }
}

export class ConflictError extends AitwinError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("conflict", message, options);
  }
}

/** Too much at once (open streams, concurrent work): try again shortly. */
export class BusyError extends AitwinError {
  constructor(message: string) {
    super("busy", message);
  }
}

/** A stage provider failed; `retryable` says whether trying again may help (429, 5xx, timeouts). */
export class ProviderError extends AitwinError {
  readonly provider: string;
  readonly retryable: boolean;
  constructor(provider: string, message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super("provider", `${provider}: ${message}`, options);
    this.provider = provider;
    this.retryable = options?.retryable ?? false;
  }
}

/** The environment or a configuration file is invalid or incomplete; the message names the variable to fix. */
export class ConfigError extends AitwinError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("config", message, options);
  }
}

/** The database or media store cannot be used (corrupt file, unreachable server). */
export class StorageError extends AitwinError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("storage", message, options);
  }
}

/** Thrown where an AbortSignal cancelled work (barge-in, shutdown): nothing is wrong, the work was stopped. */
export class CancelledError extends AitwinError {
  constructor(message = "cancelled") {
    super("cancelled", message);
  }
}

export function isCancelled(error: unknown): boolean {
  return (
    error instanceof CancelledError ||
    (error instanceof Error && (error.name === "AbortError" || error.name === "CancelledError"))
  );
}

/** Throws a CancelledError if the signal has fired; call between units of work. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}
