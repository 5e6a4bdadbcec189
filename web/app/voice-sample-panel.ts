import type { SpeechTimeline } from "../../src/core/timeline.js";
import type { TwinProfile } from "../../src/core/twin.js";
import { READING_PASSAGE } from "../../src/voice/reading-passage.js";
import type { Api } from "./api.js";
import { base64ToBuffer } from "./conversation-stream.js";

export interface VoiceSampleHooks {
  twinId(): string | undefined;
  /** The twin now has its own voice. */
  changed(twin: TwinProfile): void;
  speak(wav: ArrayBuffer, timeline: SpeechTimeline): void;
  status(text: string): void;
  failure(error: unknown): void;
}

interface TuningAnswer {
  twin: TwinProfile;
  voice: string;
  before: string | null;
}

const PREVIEW = "Then the Sun shone out warmly, and immediately the traveller took off his cloak.";

/**
 * "Your voice": a passage to read, a consent checkbox, then a recording (the microphone) or a file; the server tunes
 * the twin's voice to it (or clones it with ElevenLabs, when the server has a key and the person asks), and the
 * panel offers the voice before and after to compare. Built inside one container so the page's HTML stays small.
 */
export class VoiceSamplePanel {
  private readonly consent: HTMLInputElement;
  private readonly record: HTMLButtonElement;
  private readonly file: HTMLInputElement;
  private readonly clone: HTMLInputElement;
  private readonly cloneRow: HTMLElement;
  private readonly before: HTMLButtonElement;
  private readonly after: HTMLButtonElement;
  private recorder: MediaRecorder | undefined;
  private beforeVoice: string | undefined;

  constructor(
    container: HTMLElement,
    private readonly api: Api,
    private readonly hooks: VoiceSampleHooks,
  ) {
    const make = <E extends HTMLElement>(tag: string, props: Record<string, unknown> = {}) =>
      Object.assign(document.createElement(tag), props) as E;
    const passage = make("blockquote", { id: "voice-passage", textContent: READING_PASSAGE });
    const intro = make("p", {
      textContent: "Read this aloud (15 seconds or more), then record or choose the file:",
    });
    this.consent = make<HTMLInputElement>("input", { id: "voice-consent", type: "checkbox" });
    const consentLabel = make<HTMLLabelElement>("label", {
      htmlFor: "voice-consent",
      textContent: "This is my own voice, and I agree to my twin speaking with it",
    });
    this.record = make<HTMLButtonElement>("button", {
      id: "voice-record",
      type: "button",
      textContent: "Record",
      disabled: true,
    });
    const fileLabel = make<HTMLLabelElement>("label", {
      htmlFor: "voice-file",
      className: "file",
      textContent: "Voice sample",
    });
    this.file = make<HTMLInputElement>("input", {
      id: "voice-file",
      type: "file",
      accept: "audio/*,video/webm",
      disabled: true,
    });
    this.clone = make<HTMLInputElement>("input", { id: "voice-clone", type: "checkbox" });
    this.cloneRow = make("p", { hidden: true });
    this.cloneRow.append(
      this.clone,
      make<HTMLLabelElement>("label", {
        htmlFor: "voice-clone",
        textContent: "Clone it in the cloud (ElevenLabs)",
      }),
    );
    this.before = make<HTMLButtonElement>("button", { type: "button", textContent: "Before", hidden: true });
    this.after = make<HTMLButtonElement>("button", { type: "button", textContent: "After", hidden: true });
    const consentRow = make("p");
    consentRow.append(this.consent, consentLabel);
    container.append(
      intro,
      passage,
      consentRow,
      this.cloneRow,
      this.record,
      fileLabel,
      this.file,
      this.before,
      this.after,
    );

    this.consent.addEventListener("change", () => {
      this.record.disabled = !this.consent.checked;
      this.file.disabled = !this.consent.checked;
    });
    this.file.addEventListener("change", () => {
      const chosen = this.file.files?.[0];
      if (chosen) void this.send(chosen);
      this.file.value = "";
    });
    this.record.addEventListener("click", () => void this.toggleRecording());
    this.before.addEventListener("click", () => void this.preview(this.beforeVoice ?? ""));
    this.after.addEventListener("click", () => void this.preview(undefined));
  }

  /** Offers cloning only where the server has ElevenLabs. */
  async show(): Promise<void> {
    const { provider } = await this.api.json<{ provider: string | null }>("GET", "/api/voices");
    this.cloneRow.hidden = provider !== "elevenlabs";
  }

  private async toggleRecording(): Promise<void> {
    if (this.recorder) {
      this.recorder.stop();
      return;
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const recorder = new MediaRecorder(stream);
      const chunks: Blob[] = [];
      recorder.addEventListener("dataavailable", (event) => chunks.push(event.data));
      recorder.addEventListener("stop", () => {
        for (const track of stream.getTracks()) track.stop();
        this.recorder = undefined;
        this.record.textContent = "Record";
        void this.send(new Blob(chunks, { type: recorder.mimeType || "audio/webm" }));
      });
      recorder.start();
      this.recorder = recorder;
      this.record.textContent = "Stop";
      this.hooks.status("Recording: read the passage, then press Stop");
    } catch (error) {
      this.hooks.failure(error);
    }
  }

  private async send(sample: Blob): Promise<void> {
    const twinId = this.hooks.twinId();
    if (!twinId || !this.consent.checked) return;
    const clone = !this.cloneRow.hidden && this.clone.checked;
    this.hooks.status(clone ? "Cloning your voice…" : "Listening to your voice and tuning the twin's to it…");
    try {
      const path = `/api/twins/${encodeURIComponent(twinId)}/voice/sample${clone ? "?clone=elevenlabs" : ""}`;
      const answer = await this.api.upload<TuningAnswer>(
        path,
        sample,
        sample.type || "application/octet-stream",
      );
      this.beforeVoice = answer.before ?? undefined;
      this.before.hidden = false;
      this.after.hidden = false;
      this.hooks.changed(answer.twin);
      this.hooks.status("Your twin speaks with your voice now: compare Before and After");
    } catch (error) {
      this.hooks.failure(error);
    }
  }

  /** `""` is the synthesizer's default voice; undefined the twin's own. */
  private async preview(voice: string | undefined): Promise<void> {
    const twinId = this.hooks.twinId();
    if (!twinId) return;
    try {
      const defaultVoice =
        voice === ""
          ? (await this.api.json<{ voices: { id: string }[] }>("GET", "/api/voices")).voices[0]?.id
          : voice;
      const { speech } = await this.api.json<{ speech: { wav: string; timeline: SpeechTimeline } | null }>(
        "POST",
        `/api/twins/${encodeURIComponent(twinId)}/speech`,
        { text: PREVIEW, ...(defaultVoice && { voice: defaultVoice }) },
      );
      if (speech) this.hooks.speak(base64ToBuffer(speech.wav), speech.timeline);
    } catch (error) {
      this.hooks.failure(error);
    }
  }
}
