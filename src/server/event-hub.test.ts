import { describe, expect, it } from "vitest";
import { EventHub, type HubEvent } from "./event-hub.js";

describe("the event hub", () => {
  it("replays what a reconnecting listener missed, in order", () => {
    const hub = new EventHub();
    for (const text of ["a", "b", "c"]) hub.publish("room", "text-delta", { text });
    const seen: HubEvent[] = [];
    hub.subscribe("room", (event) => seen.push(event), 1);
    hub.publish("room", "turn-end", {});
    expect(seen.map((event) => [event.id, event.event, event.json])).toEqual([
      [2, "text-delta", '{"text":"b"}'],
      [3, "text-delta", '{"text":"c"}'],
      [4, "turn-end", "{}"],
    ]);
  });

  it("bounds each channel by count and by bytes, keeping the newest", () => {
    const hub = new EventHub({ capacity: 3, maxBytes: 1000 });
    for (let index = 0; index < 5; index++) hub.publish("count", "n", { index });
    const kept: number[] = [];
    hub.subscribe("count", (event) => kept.push(event.id), 0);
    expect(kept).toEqual([3, 4, 5]);
    const audio = "x".repeat(400);
    for (let index = 0; index < 4; index++) hub.publish("audio", "audio-chunk", { audio });
    const heard: number[] = [];
    hub.subscribe("audio", (event) => heard.push(event.id), 0);
    expect(heard).toEqual([3, 4]);
  });

  it("forgets idle channels nobody listens to, and keeps those with listeners", () => {
    let now = 0;
    const hub = new EventHub({ idleMs: 1000, now: () => now });
    hub.publish("finished", "turn-end", {});
    const stop = hub.subscribe("watched", () => {});
    now = 120_000;
    hub.publish("other", "state", {});
    expect(hub.channelCount()).toBe(2);
    expect(hub.listenerCount("watched")).toBe(1);
    stop();
    now = 240_000;
    hub.publish("other", "state", {});
    expect(hub.channelCount()).toBe(1);
  });
});
