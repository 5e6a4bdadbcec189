export interface SseEvent {
  id: string | undefined;
  event: string;
  data: unknown;
}

/**
 * Reads a server-sent event stream with fetch, as a browser's EventSource would, until `until` says stop or
 * `timeoutMs` passes. Returns the events seen.
 */
export async function readEvents(
  url: string,
  until: (event: SseEvent, all: SseEvent[]) => boolean,
  options: { headers?: Record<string, string>; timeoutMs?: number; onOpen?: () => void | Promise<void> } = {},
): Promise<SseEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 20_000);
  const events: SseEvent[] = [];
  try {
    const response = await fetch(url, {
      headers: { accept: "text/event-stream", ...options.headers },
      signal: controller.signal,
    });
    if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
    await options.onOpen?.();
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          block
            .split("\n")
            .filter((line) => line && !line.startsWith(":"))
            .map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 1).trimStart()]),
        );
        if (fields.data === undefined) continue;
        const event = { id: fields.id, event: fields.event ?? "message", data: JSON.parse(fields.data) };
        events.push(event);
        if (until(event, events)) return events;
      }
    }
    return events;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
