import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { defaultErrorBody, invalidKeyBody, type OpenAiErrorReply } from "./fake-openai-errors.js";
import { handleChat, handleSpeech, handleTranscription } from "./fake-openai-routes.js";

/** One request as it reached the fake, for tests to assert on. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  /** Parsed JSON bodies. */
  json?: Record<string, unknown>;
  /** Parsed multipart bodies (files as Blob). */
  form?: FormData;
}

export interface FakeOpenAiOptions {
  /** The key the fake accepts; any other gets OpenAI's 401. Undefined: no auth (a local server like Ollama). */
  apiKey?: string;
  models?: string[];
  /** What the twin "says"; gets the request's messages. Streamed a few characters per chunk. */
  reply?: (messages: { role: string; content: string }[]) => string;
  /** What transcription "hears". */
  transcript?: string;
}

export interface FakeOpenAi {
  /** e.g. http://127.0.0.1:PORT/v1, for OPENAI_BASE_URL. */
  readonly baseURL: string;
  readonly requests: ReceivedRequest[];
  readonly options: FakeOpenAiOptions;
  /** The next requests to `path` (e.g. "/chat/completions") get these errors, in order, before normal service. */
  failNext(path: string, ...replies: OpenAiErrorReply[]): void;
  close(): Promise<void>;
}

/** A loopback server that speaks the parts of OpenAI's API we use, with its shapes and its errors. */
export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const requests: ReceivedRequest[] = [];
  const failures = new Map<string, OpenAiErrorReply[]>();
  const settings: FakeOpenAiOptions = {
    models: ["gpt-4o-mini", "gpt-4o-mini-tts", "gpt-4o-mini-transcribe", "whisper-1"],
    ...options,
  };
  const server = createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      send(response, { status: 500, body: { error: { message: String(error), type: "server_error" } } });
    });
  });

  async function serve(request: IncomingMessage, response: ServerResponse) {
    const path = (request.url ?? "/").replace(/^\/v1/, "").split("?")[0] ?? "/";
    const raw = await readBody(request);
    const received: ReceivedRequest = { method: request.method ?? "GET", path, headers: request.headers };
    const type = request.headers["content-type"] ?? "";
    if (type.startsWith("application/json")) received.json = JSON.parse(raw.toString("utf8"));
    if (type.startsWith("multipart/form-data")) {
      received.form = await new Response(new Uint8Array(raw), {
        headers: { "content-type": type },
      }).formData();
    }
    requests.push(received);
    const scripted = failures.get(path)?.shift();
    if (scripted)
      return send(response, { ...scripted, body: scripted.body ?? defaultErrorBody(scripted.status) });
    if (settings.apiKey !== undefined) {
      const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
      if (given !== settings.apiKey) return send(response, { status: 401, body: invalidKeyBody(given) });
    }
    if (request.method === "GET" && path === "/models") {
      const data = (settings.models ?? []).map((id) => ({
        id,
        object: "model",
        created: 1_700_000_000,
        owned_by: "system",
      }));
      return send(response, { status: 200, body: { object: "list", data } });
    }
    if (request.method === "POST" && path === "/chat/completions")
      return handleChat(received, response, settings);
    if (request.method === "POST" && path === "/audio/transcriptions")
      return handleTranscription(received, response, settings);
    if (request.method === "POST" && path === "/audio/speech")
      return handleSpeech(received, response, settings);
    send(response, {
      status: 404,
      body: {
        error: {
          message: `Invalid URL (${request.method} /v1${path})`,
          type: "invalid_request_error",
          param: null,
          code: null,
        },
      },
    });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    options: settings,
    failNext(path, ...replies) {
      failures.set(path, [...(failures.get(path) ?? []), ...replies]);
    },
    close: () => closeServer(server),
  };
}

export function send(response: ServerResponse, reply: OpenAiErrorReply): void {
  response.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
  response.end(JSON.stringify(reply.body));
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
