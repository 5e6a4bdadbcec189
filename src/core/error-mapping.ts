import { AitwinError, type ErrorKind } from "./errors.js";

const httpStatus: Record<ErrorKind, number> = {
  "bad-input": 400,
  "not-found": 404,
  conflict: 409,
  busy: 429,
  provider: 502,
  config: 500,
  storage: 500,
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
  internal: 1,
};

export function errorKind(error: unknown): ErrorKind {
  return error instanceof AitwinError ? error.kind : "internal";
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
  return "internal error (run with AITWIN_DEBUG=1 for details)";
}
