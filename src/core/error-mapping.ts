import { AitwinError, type ErrorKind } from "./errors.js";

const httpStatus: Record<ErrorKind, number> = {
  "bad-input": 400,
  "not-found": 404,
  conflict: 409,
  busy: 429,
  provider: 502,
  config: 500,
  storage: 500,
  // The server is stopping (or the client went away): try again, here or elsewhere.
  cancelled: 503,
  internal: 500,
};

/** Exit codes follow sysexits(3) where one fits, so scripts can tell bad input from a broken setup. */
const exitCode: Record<ErrorKind, number> = {
  "bad-input": 2,
  "not-found": 3,
  conflict: 4,
  busy: 75,
  provider: 5,
  config: 78,
  storage: 74,
  // As a shell reports a command stopped by Ctrl-C (128 + SIGINT).
  cancelled: 130,
  internal: 1,
};

export function errorKind(error: unknown): ErrorKind {
  if (error instanceof AitwinError) return error.kind;
  return isDatabaseFailure(error) ? "storage" : "internal";
}

/** PostgreSQL error classes that mean the database, not the request, failed (SQLSTATE, first two characters). */
const POSTGRES_FAILURE_CLASSES = new Set(["08", "53", "54", "57", "58", "XX"]);

/**
 * A failure of the database itself, raised by its driver during a query (a corrupt page, a full disk, a lost
 * connection): better-sqlite3's SqliteError other than a constraint, or node-postgres's errors of the classes above.
 * Reported as storage (HTTP 500 naming the database, CLI exit 74), not as an internal bug.
 */
export function isDatabaseFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== "string") return false;
  if (error.name === "SqliteError")
    return code.startsWith("SQLITE_") && !code.startsWith("SQLITE_CONSTRAINT");
  const fromPostgres = "severity" in error && /^[0-9A-Z]{5}$/.test(code);
  return fromPostgres && POSTGRES_FAILURE_CLASSES.has(code.slice(0, 2));
}

export function httpStatusFor(error: unknown): number {
  return httpStatus[errorKind(error)];
}

export function exitCodeFor(error: unknown): number {
  return exitCode[errorKind(error)];
}

/** A one-line message safe to show a user: our errors verbatim, anything else without its internals. */
export function userMessage(error: unknown): string {
  if (error instanceof AitwinError) return error.message.replace(/\s+/g, " ").trim();
  if (isDatabaseFailure(error)) {
    const code = (error as { code: string }).code;
    return `the database failed (${code}); check its disk and server, or restore it from a backup`;
  }
  return "internal error (run with AITWIN_DEBUG=1 for details)";
}
