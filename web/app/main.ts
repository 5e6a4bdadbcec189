import type { TwinProfile } from "../../src/core/twin.js";
import type { BrowserFace } from "../avatar/avatar-canvas.js";
import { Api, ApiError } from "./api.js";
import { ConversationController } from "./conversation-controller.js";
import { ConversationStream } from "./conversation-stream.js";
import { FaceView } from "./face-view.js";
import { HistoryView } from "./history-view.js";
import { InterviewMode } from "./interview-mode.js";
import { KnowledgePanel } from "./knowledge-panel.js";
import { browserRecognizer, serverRecognizer } from "./microphone.js";
import { PersonaPanel } from "./persona-panel.js";
import { faceOf, installPhotoUpload } from "./photo-upload.js";
import { ReplyAudio } from "./reply-audio.js";
import { TalkControl } from "./talk-control.js";
import { downloadAsVideo } from "./video-download.js";

/** The page's entry: finds its elements, builds the parts and wires them to one conversation. */
const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const statusLine = element<HTMLElement>("status");
const noticeLine = element<HTMLElement>("notice");
const status = (text: string) => {
  statusLine.textContent = text;
};
const failure = (error: unknown) => {
  noticeLine.textContent = error instanceof Error ? error.message : String(error);
  noticeLine.hidden = false;
};
const clearFailure = () => {
  noticeLine.hidden = true;
};

const api = new Api();
const audio = new ReplyAudio(
  (speech) => {
    face.speak(speech);
    if (!speech.silent && !conversation.metrics.firstAudioAt) {
      conversation.metrics.firstAudioAt = speech.startPerformanceMs;
    }
  },
  () => status(conversation.serverState === "thinking" ? "Thinking…" : "Ready"),
  () => failure(new Error("No sound: this browser can't start its audio output; the twin speaks silently")),
);
const face = new FaceView(
  element<HTMLCanvasElement>("avatar"),
  () => audio.clock(),
  () => {
    if (!conversation.metrics.firstFrameAt) conversation.metrics.firstFrameAt = performance.now();
  },
);
const history = new HistoryView(element<HTMLOListElement>("turns"), (text, button) => {
  const twin = conversation.twin;
  if (!twin || !currentFace) return;
  button.disabled = true;
  downloadAsVideo(api, twin, currentFace, text, (progress) => {
    button.textContent = progress;
  })
    .catch(failure)
    .finally(() => {
      button.disabled = false;
      button.textContent = "Download as video";
    });
});
const stream = new ConversationStream({
  state: (state) => {
    conversation.serverState = state;
    if (state === "thinking") status("Thinking…");
    if (state === "speaking") status("Speaking");
    if (state === "idle" && !audio.speaking) status("Ready");
  },
  turn: (turn) => history.add(turn),
  textDelta: (text) => {
    if (!conversation.metrics.firstPartAt) conversation.metrics.firstPartAt = performance.now();
    history.appendDelta(text);
  },
  sources: (sources) => history.setSources(sources),
  speechFailed: (text) => status(`One sentence could not be said aloud: “${text}”`),
  sentence: (wav, timeline) => audio.play(wav, timeline),
  turnEnd: (reason) => reason === "error" && failure(new Error("the twin could not answer")),
  failure: (message) => failure(new Error(message)),
  connection: (open) => element("app").toggleAttribute("data-offline", !open),
});
const conversation = new ConversationController(api, audio, face, history, stream);

let currentFace: BrowserFace | undefined;
const setTwin = async (twin: TwinProfile) => {
  conversation.twin = twin;
  history.twinName = twin.name;
  element("twin-name").textContent = twin.name;
  currentFace = await faceOf(api, twin);
  face.setFace(currentFace);
};

// Browsers allow sound only after a user gesture: the first one unlocks the audio clock.
for (const gesture of ["pointerdown", "keydown"]) document.addEventListener(gesture, () => audio.unlock());

// In Interview mode a message (typed or spoken) answers the twin's question instead of starting a turn.
let interview: InterviewMode | undefined;
const say = (text: string) => (interview?.active ? interview.answer(text) : conversation.send(text));
const hush = () => {
  audio.stop();
  face.stopSpeaking();
};

const messageForm = element<HTMLFormElement>("message-form");
const message = element<HTMLInputElement>("message");
messageForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = message.value.trim();
  if (!text) return failure(new Error("Type a message first"));
  clearFailure();
  message.value = "";
  say(text).catch(failure);
});
// Typing while the twin talks cuts it off, as speaking would.
message.addEventListener("input", () => {
  if (interview?.active) return;
  if (conversation.busy) conversation.bargeIn().catch(failure);
});
element("new-conversation").addEventListener("click", () => conversation.startNew().catch(failure));

async function start(): Promise<void> {
  const twin = await conversation.open();
  await setTwin(twin);
  const panel = new PersonaPanel(
    element("persona-form"),
    element("memories"),
    element("memory-form"),
    element("voice"),
    api,
    { saved: (saved) => void setTwin(saved), notice: status, failure },
  );
  await panel.show(twin);
  const knowledge = new KnowledgePanel(
    {
      list: element("documents"),
      file: element("document-file"),
      pasteForm: element("paste-form"),
      me: element("chat-me"),
    },
    api,
    { status, failure },
  );
  await knowledge.show(twin.id);
  interview = new InterviewMode(element("interview"), element("turns"), api, {
    twinId: () => conversation.twin?.id,
    show: (turn) => history.add(turn),
    speak: (wav, timeline) => audio.play(wav, timeline),
    hush,
    changed: (changed) => {
      element("persona-form").closest("details")?.setAttribute("open", "");
      void setTwin(changed);
      const facts = element<HTMLTextAreaElement>("persona-facts");
      // The newest facts are the last lines: keep them in view.
      panel
        .show(changed)
        .then(() => facts.scrollTo({ top: facts.scrollHeight }))
        .catch(failure);
    },
    status,
    failure,
  });
  installPhotoUpload(element("photo"), element("stage"), api, {
    twinId: () => conversation.twin?.id,
    changed: async (changed, notes) => {
      clearFailure();
      await setTwin(changed);
      status(
        notes.length ? `Your photo is the face now (${notes.join("; ")})` : "Your photo is the face now",
      );
    },
    status,
    failure,
  });
  const { available } = await api.json<{ available: boolean }>("GET", "/api/transcriptions");
  const recognizer = available ? serverRecognizer(api) : browserRecognizer();
  new TalkControl(element("talk"), element("hands-free"), recognizer, {
    bargeIn: () => (interview?.active ? hush() : void conversation.bargeIn().catch(failure)),
    heard: (text) => say(text).catch(failure),
    status,
    failure,
  });
  status("Ready");
  element("app").dataset.ready = "true";
}

const keyForm = element<HTMLFormElement>("key-form");
keyForm.addEventListener("submit", (event) => {
  event.preventDefault();
  api.setKey(element<HTMLInputElement>("api-key").value.trim());
  location.reload();
});

start().catch((error: unknown) => {
  if (error instanceof ApiError && error.status === 401) keyForm.hidden = false;
  failure(error);
  status("Not connected");
});

/** For the browser test and the bench: the audio clock and the last turn's latency marks. */
Object.assign(window, {
  __aitwin: {
    audioTime: () => audio.audioTime(),
    speaking: () => audio.speaking,
    speakingFrames: () => face.speakingFrames,
    metrics: () => conversation.metrics,
    conversationId: () => conversation.conversationId,
  },
});
