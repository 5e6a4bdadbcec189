import { ApiError } from "./api.js";

/** Said when the server cannot be reached, wherever that is found out. */
export const SERVER_UNREACHABLE =
  "Can't reach your twin's server. Is `aitwin serve` (npm start) still running? The page reconnects by itself when it is back.";

/** An error as one plain sentence for the notice line: what happened and what to do. */
export function plainWords(error: unknown): string {
  if (error instanceof ApiError && error.status === 0) return SERVER_UNREACHABLE;
  if (error instanceof ApiError && error.status >= 500) {
    return `Something went wrong on the server (${error.message}). Try again; if it keeps happening, restart \`aitwin serve\`.`;
  }
  // The server's messages are already one plain line (and may start with a file's name: left as they are).
  return error instanceof Error ? error.message : String(error);
}

/** A refused photo: the server's reason and what kind of photo works. */
export function photoRefused(error: unknown): string {
  if (error instanceof ApiError && error.status === 0) return SERVER_UNREACHABLE;
  const reason = error instanceof Error ? error.message : String(error);
  return `That photo was not used: ${reason}. Try a clear, front-facing photo of one face.`;
}
