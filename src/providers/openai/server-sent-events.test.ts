import { describe, expect, it } from "vitest";
import { readServerSentEvents } from "./server-sent-events.js";

function streamOf(...pieces: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
}

async function events(...pieces: string[]) {
  const seen = [];
  for await (const event of readServerSentEvents(streamOf(...pieces))) seen.push(event);
  return seen;
}

describe("server-sent events", () => {
  it("joins events split anywhere across chunks, CRLF included", async () => {
    expect(await events("da", 'ta: {"a"', ":1}\r", "\n\r\ndata: [DO", "NE]\n\n")).toEqual([
      { event: undefined, data: '{"a":1}' },
      { event: undefined, data: "[DONE]" },
    ]);
  });

  it("joins multi-line data, keeps event names and skips comments", async () => {
    expect(await events(": keep-alive\n\nevent: error\ndata: one\ndata: two\n\ndata: last")).toEqual([
      { event: "error", data: "one\ntwo" },
      { event: undefined, data: "last" },
    ]);
  });
});
