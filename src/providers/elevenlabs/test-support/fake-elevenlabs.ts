import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback ElevenLabs written from its public API reference: `xi-api-key` auth, `GET /v1/voices`,
 * `POST /v1/voices/add` (multipart, instant cloning), `POST /v1/text-to-speech/{voice_id}/with-timestamps` and its
 * `/stream/with-timestamps` form (one JSON object per line), `output_format=pcm_16000`, and its error bodies
 * (`{"detail":{"status","message"}}`). Speech is made here: each character gets a known span (vowels a voiced
 * tone, consonants noise, spaces and punctuation silence), so tests can check timings against the truth.
 */
export interface FakeElevenLabs {
  baseURL: string;
  key: string;
  /** Every request that reached it (without the key). */
  requests: { method: string; path: string; json?: Record<string, unknown>; form?: FormDataSummary }[];
  /** The character spans of the last speech made, seconds. */
  lastAlignment?: { characters: string[]; starts: number[]; ends: number[] };
  /** Answers for the next requests, in order, instead of the normal ones. */
  failNext(...answers: { status: number; body: unknown; headers?: Record<string, string> }[]): void;
  close(): Promise<void>;
}

interface FormDataSummary {
  name?: string;
  files: { name: string; size: number; type: string }[];
}

const RATE = 16_000;
const PREMADE = [
  {
    voice_id: "21m00Tcm4TlvDq8ikWAM",
    name: "Rachel",
    category: "premade",
    labels: { gender: "female", accent: "american" },
  },
  {
    voice_id: "onwK4e9ZLuTAKqWW03F9",
    name: "Daniel",
    category: "premade",
    labels: { gender: "male", accent: "british" },
  },
];

export async function startFakeElevenLabs(
  options: { key?: string; chunkDelayMs?: number } = {},
): Promise<FakeElevenLabs> {
  const key = options.key ?? "el-test-key-0123456789";
  const cloned: { voice_id: string; name: string }[] = [];
  const failures: { status: number; body: unknown; headers?: Record<string, string> }[] = [];
  const fake: FakeElevenLabs = {
    baseURL: "",
    key,
    requests: [],
    failNext: (...answers) => failures.push(...answers),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error) =>
      send(response, 500, { detail: { status: "internal", message: String(error) } }),
    );
  });
  async function handle(request: IncomingMessage, response: ServerResponse) {
    const body = await readBody(request);
    const url = new URL(request.url ?? "/", "http://fake");
    const entry: FakeElevenLabs["requests"][number] = {
      method: request.method ?? "GET",
      path: url.pathname + url.search,
    };
    fake.requests.push(entry);
    const failure = failures.shift();
    if (failure) return send(response, failure.status, failure.body, failure.headers);
    if (request.headers["xi-api-key"] !== key) {
      return send(response, 401, { detail: { status: "invalid_api_key", message: "Invalid API key" } });
    }
    if (request.method === "GET" && url.pathname === "/v1/voices") {
      return send(response, 200, {
        voices: [...PREMADE, ...cloned.map((voice) => ({ ...voice, category: "cloned", labels: {} }))],
      });
    }
    if (request.method === "POST" && url.pathname === "/v1/voices/add") {
      const form = await new Request("http://fake/", {
        method: "POST",
        headers: { "content-type": String(request.headers["content-type"]) },
        body,
      }).formData();
      const files = form
        .getAll("files")
        .filter((value) => typeof value !== "string")
        .map((value) => value as unknown as { name: string; size: number; type: string });
      entry.form = {
        name: String(form.get("name") ?? ""),
        files: files.map((file) => ({ name: file.name, size: file.size, type: file.type })),
      };
      if (!form.get("name") || files.length === 0) {
        return send(response, 422, {
          detail: [{ loc: ["body", "files"], msg: "field required", type: "value_error.missing" }],
        });
      }
      const voice = {
        voice_id: `clone${cloned.length + 1}x${files[0]?.size}`,
        name: String(form.get("name")),
      };
      cloned.push(voice);
      return send(response, 200, { voice_id: voice.voice_id, requires_verification: false });
    }
    const speech = /^\/v1\/text-to-speech\/([^/]+)(\/stream)?\/with-timestamps$/.exec(url.pathname);
    if (request.method === "POST" && speech) {
      const json = JSON.parse(body.toString("utf8") || "{}") as Record<string, unknown>;
      entry.json = json;
      const voiceId = decodeURIComponent(speech[1] as string);
      if (![...PREMADE, ...cloned].some((voice) => voice.voice_id === voiceId)) {
        return send(response, 404, {
          detail: { status: "voice_not_found", message: `A voice with voice_id ${voiceId} was not found.` },
        });
      }
      if (typeof json.text !== "string" || json.text === "") {
        return send(response, 422, {
          detail: [{ loc: ["body", "text"], msg: "field required", type: "value_error.missing" }],
        });
      }
      if (url.searchParams.get("output_format") !== "pcm_16000") {
        return send(response, 400, {
          detail: { status: "invalid_output_format", message: "this fake speaks pcm_16000 only" },
        });
      }
      const made = speak(json.text);
      fake.lastAlignment = made.alignment;
      const parts = Math.ceil(made.alignment.characters.length / 24);
      if (!speech[2]) {
        // The whole answer comes when all of it is made: as long as the streamed parts take together.
        await new Promise((resolve) => setTimeout(resolve, parts * (options.chunkDelayMs ?? 15)));
        return send(response, 200, timestamped(made, 0, made.alignment.characters.length));
      }
      response.writeHead(200, { "content-type": "application/json", "transfer-encoding": "chunked" });
      // A part per few words, as the service sends them while it speaks.
      for (let start = 0; start < made.alignment.characters.length; ) {
        const end = Math.min(made.alignment.characters.length, start + 24);
        response.write(`${JSON.stringify(timestamped(made, start, end))}\n`);
        start = end;
        await new Promise((resolve) => setTimeout(resolve, options.chunkDelayMs ?? 15));
      }
      return response.end();
    }
    send(response, 404, { detail: { status: "not_found", message: `no route ${url.pathname}` } });
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

interface Made {
  samples: Int16Array;
  alignment: { characters: string[]; starts: number[]; ends: number[] };
}

/** Each character's span: vowels 90 ms, other letters 60 ms, spaces 40 ms, punctuation 150 ms. */
function speak(text: string): Made {
  const characters = [...text];
  const starts: number[] = [];
  const ends: number[] = [];
  const spans: number[] = [];
  let time = 0;
  for (const character of characters) {
    const span = /[aeiou]/i.test(character)
      ? 0.09
      : /[a-z0-9]/i.test(character)
        ? 0.06
        : character === " "
          ? 0.04
          : 0.15;
    starts.push(time);
    time += span;
    ends.push(time);
    spans.push(span);
  }
  const samples = new Int16Array(Math.round(time * RATE));
  let seed = 7;
  characters.forEach((character, index) => {
    const from = Math.round((starts[index] as number) * RATE);
    const to = Math.round((ends[index] as number) * RATE);
    for (let i = from; i < to && i < samples.length; i++) {
      const t = i / RATE;
      if (/[aeiou]/i.test(character))
        samples[i] = Math.round(
          9000 * Math.sin(2 * Math.PI * 160 * t) + 4000 * Math.sin(2 * Math.PI * 700 * t),
        );
      else if (/[a-z0-9]/i.test(character)) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        samples[i] = Math.round(((seed / 0x7fffffff) * 2 - 1) * 2500);
      }
    }
  });
  return { samples, alignment: { characters, starts, ends } };
}

function timestamped(made: Made, from: number, to: number) {
  const startSample = Math.round((made.alignment.starts[from] ?? 0) * RATE);
  const endSample =
    to >= made.alignment.characters.length
      ? made.samples.length
      : Math.round((made.alignment.starts[to] ?? 0) * RATE);
  const pcm = Buffer.from(
    made.samples.buffer,
    made.samples.byteOffset + startSample * 2,
    (endSample - startSample) * 2,
  );
  const alignment = {
    characters: made.alignment.characters.slice(from, to),
    character_start_times_seconds: made.alignment.starts.slice(from, to),
    character_end_times_seconds: made.alignment.ends.slice(from, to),
  };
  return { audio_base64: pcm.toString("base64"), alignment, normalized_alignment: alignment };
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}
