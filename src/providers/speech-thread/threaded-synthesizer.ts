import type { Speech, SynthesisRequest, Synthesizer, VoiceInfo } from "../../core/synthesizer.js";
import { RequestThread } from "../../system/request-thread.js";
import type { SpeechThreadRequest } from "./speech-thread.js";

/**
 * The embedded voice (flite, synchronous WASM) on a thread of its own, for the server: a sentence being synthesised
 * no longer holds the event loop that serves other conversations, the API and the audio already streaming. Same
 * contract and voices as the synthesizer it wraps; a cancelled request is answered at once (its result, when the
 * thread finishes it, is dropped). A thread that dies fails what it had as retryable and is started again.
 */
export class ThreadedSynthesizer implements Synthesizer {
  readonly provider: string;
  readonly modelId: string;
  private readonly requests: RequestThread<SpeechThreadRequest, Speech>;

  constructor(private readonly inner: Synthesizer) {
    this.provider = inner.provider;
    this.modelId = inner.modelId;
    this.requests = new RequestThread({
      here: import.meta.url,
      module: "speech-thread",
      name: "the speech thread",
      provider: inner.provider,
    });
  }

  voices(): Promise<VoiceInfo[]> {
    return this.inner.voices();
  }

  synthesize({ text, voice, rate, signal }: SynthesisRequest): Promise<Speech> {
    return this.requests.ask({ text, voice, rate }, signal);
  }

  /** Stops the thread; requests still waiting fail as cancelled. */
  close(): Promise<void> {
    return this.requests.close();
  }
}
