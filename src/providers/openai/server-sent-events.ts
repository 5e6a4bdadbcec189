/** One event of a `text/event-stream` body; comments and `id`/`retry` fields are of no use to us and skipped. */
export interface ServerSentEvent {
  event?: string;
  data: string;
}

/** Parses an SSE body incrementally (WHATWG rules: LF, CRLF or CR line ends; multi-line data joined with LF). */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
): AsyncIterable<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = "";
  let data: string[] = [];
  let event: string | undefined;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      // A trailing CR may be half of a CRLF whose LF is still in flight: hold it back with the unfinished line.
      const complete = !done && buffer.endsWith("\r") ? buffer.slice(0, -1) : buffer;
      const held = buffer.slice(complete.length);
      const lines = complete.split(/\r\n|\r|\n/);
      buffer = done ? "" : (lines.pop() ?? "") + held;
      for (const line of lines) {
        if (line === "") {
          if (data.length) yield { event, data: data.join("\n") };
          data = [];
          event = undefined;
          continue;
        }
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "data") data.push(value);
        else if (field === "event") event = value;
      }
      if (done) {
        if (data.length) yield { event, data: data.join("\n") };
        return;
      }
    }
  } finally {
    // Stopping early (barge-in) must close the connection, not leave the server writing to nobody.
    await reader.cancel().catch(() => undefined);
  }
}
