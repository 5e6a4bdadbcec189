import type { ServerResponse } from "node:http";
import type { FakeOpenAiOptions, ReceivedRequest } from "./fake-openai.js";
import { send } from "./fake-openai.js";
import { modelNotFoundBody, openAiErrorBody } from "./fake-openai-errors.js";
import { fakeSpeechSamples, pcmBytes, wavBytes } from "./fake-speech-audio.js";

type Message = { role: string; content: string };
const VOICES = [
  "alloy",
  "ash",
  "ballad",
  "coral",
  "echo",
  "fable",
  "nova",
  "onyx",
  "sage",
  "shimmer",
  "verse",
];
const AUDIO_EXTENSIONS = ["flac", "m4a", "mp3", "mp4", "mpeg", "mpga", "oga", "ogg", "wav", "webm"];

function badRequest(response: ServerResponse, message: string, param: string | null = null) {
  send(response, { status: 400, body: openAiErrorBody(message, "invalid_request_error", null, param) });
}

function knownModel(response: ServerResponse, settings: FakeOpenAiOptions, model: unknown): model is string {
  if (typeof model !== "string") {
    badRequest(response, "you must provide a model parameter", "model");
    return false;
  }
  if (settings.models?.includes(model)) return true;
  send(response, { status: 404, body: modelNotFoundBody(model) });
  return false;
}

/** Says who the system prompt makes it, and what it heard: enough to show the persona and the message arrived. */
function defaultReply(messages: Message[]): string {
  const name = /^You are ([^.]+)\./.exec(messages[0]?.content ?? "")?.[1] ?? "nobody";
  return `I'm ${name}. You said: ${messages.at(-1)?.content ?? ""}`;
}

export function handleChat(request: ReceivedRequest, response: ServerResponse, settings: FakeOpenAiOptions) {
  const body = request.json ?? {};
  if (!knownModel(response, settings, body.model)) return;
  const messages = body.messages as Message[] | undefined;
  if (!Array.isArray(messages) || messages.length === 0)
    return badRequest(response, "'messages' is required", "messages");
  const text = (settings.reply ?? defaultReply)(messages);
  const base = {
    id: "chatcmpl-fake",
    created: 1_700_000_000,
    model: body.model,
    system_fingerprint: "fp_fake",
  };
  if (body.stream !== true) {
    const message = { role: "assistant", content: text };
    return send(response, {
      status: 200,
      body: { ...base, object: "chat.completion", choices: [{ index: 0, message, finish_reason: "stop" }] },
    });
  }
  response.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
  });
  const chunk = (delta: object, finish: string | null) =>
    `data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
  response.write(chunk({ role: "assistant", content: "" }, null));
  // Small uneven pieces, as tokens arrive, so a client that assumes whole words or sentences per chunk fails.
  for (let start = 0; start < text.length; start += 4)
    response.write(chunk({ content: text.slice(start, start + 4) }, null));
  response.write(chunk({}, "stop"));
  response.end("data: [DONE]\n\n");
}

export function handleTranscription(
  request: ReceivedRequest,
  response: ServerResponse,
  settings: FakeOpenAiOptions,
) {
  const form = request.form;
  const file = form?.get("file");
  if (!form || !(file instanceof Blob))
    return badRequest(response, "1 validation error for Request\nbody -> file\n  field required", "file");
  if (!knownModel(response, settings, form.get("model"))) return;
  const model = String(form.get("model"));
  const extension = (file as File).name?.split(".").pop() ?? "";
  if (!AUDIO_EXTENSIONS.includes(extension)) {
    return badRequest(
      response,
      `Invalid file format. Supported formats: ${JSON.stringify(AUDIO_EXTENSIONS)}`,
      "file",
    );
  }
  const format = String(form.get("response_format") ?? "json");
  const text = settings.transcript ?? "Hello there.";
  if (format === "verbose_json") {
    if (!model.startsWith("whisper")) {
      return badRequest(
        response,
        `response_format 'verbose_json' is not compatible with model '${model}'. Use 'json' or 'text' instead.`,
        "response_format",
      );
    }
    const words = text.split(/\s+/).map((word, index) => ({
      word: word.replace(/[.,!?]/g, ""),
      start: index * 0.4,
      end: index * 0.4 + 0.3,
    }));
    return send(response, {
      status: 200,
      body: { task: "transcribe", language: "english", duration: words.length * 0.4, text, words },
    });
  }
  send(response, {
    status: 200,
    body: { text, usage: { type: "tokens", input_tokens: 20, output_tokens: 5, total_tokens: 25 } },
  });
}

export function handleSpeech(
  request: ReceivedRequest,
  response: ServerResponse,
  settings: FakeOpenAiOptions,
) {
  const body = request.json ?? {};
  if (!knownModel(response, settings, body.model)) return;
  if (typeof body.input !== "string" || body.input === "")
    return badRequest(response, "input is required", "input");
  if (body.input.length > 4096)
    return badRequest(response, "string too long; expected at most 4096 characters", "input");
  if (!VOICES.includes(String(body.voice)))
    return badRequest(response, `Invalid value for 'voice': ${String(body.voice)}`, "voice");
  const samples = fakeSpeechSamples(body.input);
  const format = body.response_format ?? "mp3";
  if (format === "wav") return sendAudio(response, "audio/wav", wavBytes(samples, 24_000));
  if (format === "pcm") return sendAudio(response, "audio/pcm", pcmBytes(samples));
  if (format === "mp3") return sendAudio(response, "audio/mpeg", Buffer.from("ID3\u0004\u0000fake mp3"));
  badRequest(response, `Invalid value for 'response_format': ${String(format)}`, "response_format");
}

function sendAudio(response: ServerResponse, type: string, bytes: Buffer) {
  response.writeHead(200, { "content-type": type, "transfer-encoding": "chunked" });
  response.end(bytes);
}
