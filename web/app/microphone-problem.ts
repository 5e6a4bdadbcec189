/**
 * A microphone failure in plain words, with what to do about it. Browsers report these as DOMExceptions whose
 * messages ("Unable to load a worklet's module", "Permission denied") mean nothing to the person.
 */
export function microphoneProblem(error: unknown): string {
  const name = error instanceof Error ? error.name : "";
  const message = error instanceof Error ? error.message : String(error);
  if (name === "NotAllowedError" || name === "SecurityError") {
    return "The microphone is blocked for this page: allow it in the browser's site settings, or type your message.";
  }
  if (name === "NotFoundError" || name === "OverconstrainedError") {
    return "No microphone was found: connect one and press Talk again, or type your message.";
  }
  if (name === "NotReadableError") {
    return "The microphone is in use by another program: close it there and press Talk again, or type your message.";
  }
  if (name === "AbortError" || /worklet|AudioContext|audio context/i.test(message)) {
    return "The microphone could not start in this browser: reload the page and press Talk again, or type your message.";
  }
  if (name === "ApiError") return `Listening stopped: ${message}`;
  // The page's own errors are written for the person already.
  if (name === "Error") return message;
  return `Listening stopped (${message}): press Talk to try again, or type your message.`;
}
