import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEvents } from "../../server/test-support/sse-client.js";
import { startTestServer, type TestServer } from "../../server/test-support/test-server.js";
import { decodeWav } from "../../voice/wav.js";
import { type FakeElevenLabs, startFakeElevenLabs } from "./test-support/fake-elevenlabs.js";

/** A live conversation turn spoken by an ElevenLabs voice: through the streaming endpoint, sentence by sentence. */
describe("a conversation with an ElevenLabs voice", { timeout: 60_000 }, () => {
  let fake: FakeElevenLabs;
  let site: TestServer;
  let base: string;

  beforeAll(async () => {
    fake = await startFakeElevenLabs({ chunkDelayMs: 20 });
    site = await startTestServer({
      listen: true,
      env: { ELEVENLABS_API_KEY: fake.key, ELEVENLABS_BASE_URL: fake.baseURL },
    });
    base = site.base as string;
  });
  afterAll(async () => {
    await site?.close();
    await fake?.close();
  });

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json().catch(() => undefined) };
  };

  it("streams each sentence from the service: the page gets audio and a timeline for every piece", async () => {
    const voice = "elevenlabs:21m00Tcm4TlvDq8ikWAM";
    expect((await api("PATCH", "/api/twins/default", { voice: { id: voice } })).status).toBe(200);
    const conversation = (await api("POST", "/api/twins/default/conversations")).body as { id: string };
    const events = await readEvents(
      `${base}/api/conversations/${conversation.id}/events`,
      (event) => event.event === "turn-end",
      {
        onOpen: async () => {
          const turn = await api("POST", `/api/conversations/${conversation.id}/turns`, {
            text: "Who are you?",
          });
          expect(turn.status).toBe(202);
        },
      },
    );
    const streamed = fake.requests.filter((request) => request.path.includes("/stream/with-timestamps"));
    const sentences = events.filter((event) => event.event === "sentence-complete");
    expect(sentences.length).toBeGreaterThan(0);
    // Every sentence went to the streaming endpoint with the twin's voice, and none to the unstreamed one.
    expect(streamed.length).toBe(sentences.length);
    expect(streamed[0]?.path).toBe(
      "/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM/stream/with-timestamps?output_format=pcm_16000",
    );
    expect(
      fake.requests.some(
        (request) => /\/with-timestamps\?/.test(request.path) && !request.path.includes("/stream/"),
      ),
    ).toBe(false);

    // Pieces come as pairs, the timeline before its audio, each timeline as long as its audio.
    const pieces = events.filter((event) => event.event === "visemes-ready" || event.event === "audio-chunk");
    expect(pieces.length).toBeGreaterThanOrEqual(2 * sentences.length);
    for (let index = 0; index < pieces.length; index += 2) {
      const timeline = pieces[index]?.data as {
        index: number;
        timeline: { duration: number; visemes: unknown[] };
      };
      const audio = pieces[index + 1]?.data as { index: number; wav: string };
      expect([pieces[index]?.event, pieces[index + 1]?.event]).toEqual(["visemes-ready", "audio-chunk"]);
      expect(audio.index).toBe(timeline.index);
      const clip = decodeWav(Buffer.from(audio.wav, "base64"));
      expect(clip.sampleRate).toBe(16_000);
      expect(
        Math.abs((clip.samples.length / 16_000) * 1000 - timeline.timeline.duration),
      ).toBeLessThanOrEqual(1);
      expect(timeline.timeline.visemes.length).toBeGreaterThan(0);
    }
    // The first sentence is long enough to come in more than one piece.
    const firstIndex = (sentences[0]?.data as { index: number } | undefined)?.index;
    const firstPieces = pieces.filter(
      (event) => event.event === "audio-chunk" && (event.data as { index: number }).index === firstIndex,
    );
    expect(firstPieces.length).toBeGreaterThan(1);
  });
});
