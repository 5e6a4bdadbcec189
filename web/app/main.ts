import type { TwinProfile } from "../../src/core/twin.js";
import type { BrowserFace } from "../avatar/avatar-canvas.js";
import { Api, ApiError } from "./api.js";
import { Captions } from "./captions.js";
import { ConversationController } from "./conversation-controller.js";
import { ConversationStream } from "./conversation-stream.js";
import { FaceBoxes } from "./face-boxes.js";
import { FacePicker } from "./face-picker.js";
import { FaceView } from "./face-view.js";
import { HistoryView } from "./history-view.js";
import { InterviewMode } from "./interview-mode.js";
import { KnowledgePanel } from "./knowledge-panel.js";
import { LevelMeter } from "./level-meter.js";
import { Notice } from "./notice.js";
import { Onboarding } from "./onboarding.js";
import { PersonaPanel } from "./persona-panel.js";
import { faceOf, installPhotoUpload } from "./photo-upload.js";
import { photoRefused, plainWords, SERVER_UNREACHABLE } from "./plain-errors.js";
import { chosenRecognizer } from "./recognizer-choice.js";
import { ReplyAudio } from "./reply-audio.js";
import { spokenLine } from "./spoken-line.js";
import { SpokenWords } from "./spoken-words.js";
import { StageView } from "./stage-state.js";
import { TalkControl } from "./talk-control.js";
import { downloadAsVideo } from "./video-download.js";
import { VoiceSamplePanel } from "./voice-sample-panel.js";

/** The page's entry: finds its elements, builds the parts and wires them to one conversation. */
const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const statusLine = element<HTMLElement>("status");
const notice = new Notice(element<HTMLElement>("notice"));
/** A passing message ("Saved…"); the stage's state replaces it when the state next changes. */
const status = (text: string) => {
  statusLine.textContent = text;
};
const failure = (error: unknown) => notice.show(plainWords(error));
const clearFailure = () => notice.hide();

const api = new Api();
const audio = new ReplyAudio(
  (speech) => {
    face.speak(speech);
    spokenWords.speak(speech);
    if (!speech.silent && !conversation.metrics.firstAudioAt) {
      conversation.metrics.firstAudioAt = speech.startPerformanceMs;
    }
  },
  () => stage.update({}),
  () => failure(new Error("No sound: this browser can't start its audio output; the twin speaks silently")),
);
const face = new FaceView(
  element<HTMLCanvasElement>("avatar"),
  () => audio.clock(),
  () => {
    if (!conversation.metrics.firstFrameAt) conversation.metrics.firstFrameAt = performance.now();
  },
);
/** The twin's words marked in the conversation list as they are heard. */
const spokenWords = new SpokenWords(
  element("turns"),
  () => audio.clock(),
  () => audio.speaking,
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
const stage = new StageView(
  {
    stage: element("stage"),
    badge: element("stage-state"),
    talk: element<HTMLButtonElement>("talk"),
    stop: element<HTMLButtonElement>("stop"),
    status: statusLine,
  },
  () => audio.busy,
);
audio.onBusyChange = () => stage.update({});
const level = new LevelMeter(element<HTMLMeterElement>("level"));
const stream = new ConversationStream({
  state: (state) => {
    conversation.serverState = state;
    stage.update({ server: state, sending: false });
  },
  turn: (turn) => {
    history.add(turn);
    if (turn.role !== "twin") face.newReply();
    // What the turn taught (a "remember that…", a "forget…") shows in the panels without a reload.
    if (turn.role === "twin") void refreshPanels();
  },
  textDelta: (text) => {
    if (!conversation.metrics.firstPartAt) conversation.metrics.firstPartAt = performance.now();
    history.appendDelta(text);
    face.hearReply(text);
  },
  sources: (sources) => history.setSources(sources),
  speechFailed: (text) => status(`One sentence could not be said aloud: “${text}”`),
  sentence: (wav, timeline, text) => {
    if (text !== undefined) face.sentenceText(timeline, text);
    audio.play(wav, timeline);
  },
  turnEnd: (reason) => reason === "error" && failure(new Error("the twin could not answer")),
  failure: (message) => failure(new Error(message)),
  connection: (open) => {
    element("app").toggleAttribute("data-offline", !open);
    if (open) {
      // A server that came back has a fresh engine: idle until its events say otherwise.
      if (notice.text === SERVER_UNREACHABLE) clearFailure();
      conversation.serverState = "idle";
      stage.update({ connected: true, server: "idle" });
    } else stage.update({ connected: false });
  },
});
const conversation = new ConversationController(api, audio, face, history, stream);

let currentFace: BrowserFace | undefined;
const facePicker = new FacePicker(
  {
    thumbnail: element<HTMLImageElement>("face-thumbnail"),
    look: element<HTMLSelectElement>("look"),
    illustrated: element<HTMLButtonElement>("use-illustrated"),
  },
  api,
  { changed: (twin) => void setTwin(twin), failure },
);
const faceBoxes = new FaceBoxes(document.querySelector(".face-choice") as HTMLElement, api, {
  changed: (twin) => void setTwin(twin),
  failure,
});
const setTwin = async (twin: TwinProfile) => {
  conversation.twin = twin;
  history.twinName = twin.name;
  element("twin-name").textContent = twin.name;
  onboarding.show(twin);
  currentFace = await faceOf(api, twin);
  face.setFace(currentFace, twin.motion);
  facePicker.show(twin, currentFace);
  faceBoxes.show(twin).catch(failure);
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
/** The Stop button and Escape: the twin stops talking (or stops writing its answer) at once. */
const stopTwin = () => {
  if (interview?.active) hush();
  else void conversation.bargeIn().catch(failure);
  stage.update({ server: "idle", sending: false });
};
element("stop").addEventListener("click", stopTwin);
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape" || (stage.state !== "speaking" && stage.state !== "thinking")) return;
  event.preventDefault();
  stopTwin();
});

const messageForm = element<HTMLFormElement>("message-form");
const message = element<HTMLInputElement>("message");
messageForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = message.value.trim();
  if (!text) return failure(new Error("Type a message first"));
  sendMessage(text);
});
/**
 * The message stays in the box until the server has it: if it cannot be sent, it is still there, with Retry. It
 * leaves the box once sent, unless the person has started typing something else meanwhile.
 */
function sendMessage(text: string): void {
  clearFailure();
  quietGreeting();
  if (!interview?.active) stage.update({ sending: true });
  say(text)
    .then(() => {
      if (message.value.trim() === text) message.value = "";
    })
    .catch((error: unknown) => {
      stage.update({ sending: false });
      if (!message.value.trim()) message.value = text;
      notice.show(`Not sent: ${plainWords(error)}`, { label: "Retry", run: () => sendMessage(text) });
    });
}
// Typing while the twin talks cuts it off, as speaking would.
message.addEventListener("input", () => {
  quietGreeting();
  if (interview?.active) return;
  if (conversation.busy) conversation.bargeIn().catch(failure);
});
element("new-conversation").addEventListener("click", () => {
  const previous = conversation.conversationId;
  conversation
    .startNew()
    .then(() => {
      if (!previous) return;
      notice.show(
        "Started a new conversation.",
        { label: "Undo", run: () => void conversation.reopen(previous).catch(failure) },
        "info",
      );
    })
    .catch(failure);
});

/** The greeting is said only while nothing else has started: typing or sending silences it. */
let greetingWanted = false;
function quietGreeting(): void {
  if (!greetingWanted) return;
  greetingWanted = false;
  hush();
}
const onboarding = new Onboarding(
  {
    section: element("onboarding"),
    greeting: element("greeting"),
    suggestions: element("suggestions"),
    checklist: element("checklist"),
    turns: element("turns"),
  },
  {
    send: (text) => sendMessage(text),
    greet: (text) => {
      const twin = conversation.twin;
      if (!twin) return;
      greetingWanted = true;
      spokenLine(api, twin.id, text)
        .then((speech) => {
          if (speech && greetingWanted && !conversation.busy) audio.play(speech.wav, speech.timeline);
        })
        .catch(() => undefined);
    },
    pickPhoto: () => element("photo").click(),
    startInterview: () => element("interview").click(),
    chooseVoice: () => {
      element("voice").closest("details")?.setAttribute("open", "");
      element("voice").focus();
    },
  },
);

// Choosing a voice lets the person hear it at once, on the face, as the twin would say it.
element<HTMLSelectElement>("voice").addEventListener("change", (event) => {
  const twin = conversation.twin;
  const voice = (event.target as HTMLSelectElement).value;
  if (!twin || conversation.busy) return;
  spokenLine(api, twin.id, `Hi, I'm ${twin.name}. This is how I sound.`, voice || undefined)
    .then((speech) => speech && audio.play(speech.wav, speech.timeline))
    .catch(failure);
});

let panel: PersonaPanel | undefined;
/** Follows what a turn changed on the server: the memories list, and the twin's name and face. */
async function refreshPanels(): Promise<void> {
  const twin = conversation.twin;
  if (!twin || !panel) return;
  const [fresh] = await Promise.all([
    api.json<TwinProfile>("GET", `/api/twins/${encodeURIComponent(twin.id)}`),
    panel.reloadMemories(),
  ]);
  if (fresh.name !== twin.name || JSON.stringify(fresh.face) !== JSON.stringify(twin.face))
    await setTwin(fresh);
}

async function start(): Promise<void> {
  const twin = await conversation.open();
  await setTwin(twin);
  panel = new PersonaPanel(
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
  await new VoiceSamplePanel(element("voice-sample"), api, {
    twinId: () => conversation.twin?.id,
    changed: (changed) => {
      void setTwin(changed);
      panel?.show(changed).catch(failure);
    },
    speak: (wav, timeline) => audio.play(wav, timeline),
    status,
    failure,
  }).show();
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
        ?.show(changed)
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
    failure: (error) => {
      notice.show(photoRefused(error));
      // "Finding the face in your photo…" is over: the line shows the stage's state again.
      stage.showState();
    },
  });
  const recognition = await api.json<{ available: boolean; provider: string | null }>(
    "GET",
    "/api/transcriptions",
  );
  const recognizer = chosenRecognizer(api, recognition, element("recognizer"));
  const captions = new Captions(element("captions"));
  new TalkControl(element("talk"), element("hands-free"), recognizer, {
    caption: (text) => captions.show(text),
    // The interview asks its own questions: an answer to it is not replied to early.
    early: {
      start: (words) => void (interview?.active || conversation.early.start(words)),
      cancel: () => conversation.early.cancel(),
    },
    bargeIn: () => (interview?.active ? hush() : void conversation.bargeIn().catch(failure)),
    heard: (text) => {
      captions.clear();
      return say(text).catch(failure);
    },
    listening: (open) => {
      stage.update({ listening: open });
      face.attend(open);
      if (open) level.start();
      else level.stop();
    },
    status,
    failure,
  });
  stage.start();
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
