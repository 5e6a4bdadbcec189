import { createInterface } from "node:readline";
import { Command } from "commander";
import type { App } from "../../app/app.js";
import { microphoneUtterances } from "../../audio-input/microphone.js";
import { findRecorder } from "../../audio-input/recorder.js";
import { openTranscriptionStream } from "../../audio-input/transcription-stream.js";
import { meanConfidence } from "../../audio-input/turn-end-rules.js";
import { userMessage } from "../../core/error-mapping.js";
import { ConfigError, ProviderError } from "../../core/errors.js";
import type { TranscriptionStream } from "../../core/transcriber.js";
import type { TwinProfile } from "../../core/twin.js";
import type { ConversationEngine, EarlyTurn } from "../../pipeline/conversation-engine.js";
import { selectProvider, selectRenderer } from "../../providers/select.js";
import { AnswerVideos } from "../answer-videos.js";
import { AudioPlayer } from "../audio-player.js";
import { chatTurn } from "../chat-turns.js";
import type { CliContext } from "../context.js";

const QUIT = /^\/(quit|exit|bye)$/i;

interface ChatOptions {
  twin?: string;
  conversation?: string;
  voice: boolean;
  mic: boolean;
  video?: string | true;
}

interface TurnOutputs {
  player: AudioPlayer | undefined;
  videos: AnswerVideos | undefined;
}

async function answerVideos(app: App, twin: TwinProfile, directory: string | true): Promise<AnswerVideos> {
  const renderer = await selectRenderer(twin.face, app.config);
  if (!renderer) throw new ConfigError("--video: no talking-head provider can animate this twin's face");
  const folder = directory === true ? "." : directory;
  return new AnswerVideos(renderer, twin.face, folder, twin.motion, twin.voice.id);
}

export function chatCommand(context: CliContext): Command {
  return new Command("chat")
    .description(
      "a conversation with your twin in the terminal: the microphone where there is one, else typing",
    )
    .option("--twin <id>", "which twin to talk to")
    .option("--conversation <id>", "continue an earlier conversation")
    .option("--no-mic", "type instead of speaking")
    .option("--no-voice", "do not speak the replies")
    .option("--video [dir]", "also write each answer as an MP4 talk into DIR (default: here)")
    .action(async (options: ChatOptions) => {
      const app = await context.app();
      const twin = await app.twin(options.twin);
      // Speak only where there is something to hear it through; otherwise save the synthesis work.
      const player = options.voice ? AudioPlayer.find() : undefined;
      const videos = options.video ? await answerVideos(app, twin, options.video) : undefined;
      const speech =
        (player !== undefined || videos !== undefined) && (await app.synthesizer()) !== undefined;
      const engine = await app.converse(twin, { conversationId: options.conversation, speech });
      const turns = { player, videos };
      // Piped input is typed input; the microphone is for a person at a terminal.
      if (options.mic && context.interactive && (await listen(context, app, engine, twin, turns))) return;
      await typed(context, engine, twin, turns);
    });
}

async function typed(context: CliContext, engine: ConversationEngine, twin: TwinProfile, turns: TurnOutputs) {
  const { output, interactive } = context;
  const { player, videos } = turns;
  if (interactive) output.out(`Talking with ${twin.name}. Type a message; /quit or Ctrl-D to leave.\n`);
  const prompt = () => {
    if (interactive) output.out("you> ");
  };
  prompt();
  // One line at a time: piped input is answered turn by turn, in order.
  for await (const line of createInterface({ input: context.input, terminal: false })) {
    const message = line.trim();
    if (QUIT.test(message)) break;
    // At a terminal, typing again cuts the twin off; piped input waits for each reply to be heard.
    if (message)
      await chatTurn(message, engine, twin, { output, player, videos, waitForSpeech: !interactive });
    prompt();
  }
  await player?.drain();
  if (interactive) output.out("\n");
}

/** Hands-free: returns false (and says why) when there is no microphone or recogniser, so chat falls back to typing. */
async function listen(
  context: CliContext,
  app: App,
  engine: ConversationEngine,
  twin: TwinProfile,
  turns: TurnOutputs,
): Promise<boolean> {
  const { player, videos } = turns;
  const transcriber = findRecorder() ? await selectProvider("speech-to-text", app.config) : undefined;
  if (!transcriber) return false;
  // The first question's recogniser loads while the greeting is read, not after the person starts speaking.
  transcriber.prepareStream?.();
  const { output } = context;
  // Each utterance is fed to the recogniser as it is heard (a streaming one decodes meanwhile), so the words are
  // ready moments after the speaker stops.
  let heard: TranscriptionStream | undefined;
  // Start early: the reply to the words at a pause is begun then, kept if the utterance ends on those very words.
  let early: { words: string; turn: Promise<EarlyTurn> } | undefined;
  const throwAwayEarly = () => {
    void early?.turn.then((turn) => turn.discard()).catch(() => {});
    early = undefined;
  };
  try {
    output.out(`Talking with ${twin.name}; listening (${transcriber.provider}). Ctrl-C to leave.\n`);
    const utterances = microphoneUtterances({
      onSpeechStart: () => {
        // Barge-in: the user speaking cuts the twin off.
        player?.stop();
        void engine.listen();
      },
      listener: {
        started(frames) {
          heard?.cancel();
          heard = openTranscriptionStream(transcriber, { language: "en" });
          for (const frame of frames) heard.write(frame);
        },
        heard(frame) {
          heard?.write(frame);
        },
      },
      // The turn ends when the words and the voice say it has: a breath after a finished question, longer after
      // "and…" (src/audio-input/turn-end-rules.ts).
      wordsSoFar: () => heard?.heardSoFar?.() ?? "",
      lastWordConfidence: () => heard?.heardWordsSoFar?.().at(-1)?.confidence,
      sentenceConfidence: () => meanConfidence(heard?.heardWordsSoFar?.() ?? []),
      early: {
        start(words) {
          throwAwayEarly();
          const turn = engine.prepare(words);
          turn.catch(() => {});
          early = { words, turn };
        },
        cancel: throwAwayEarly,
      },
    });
    for await (const utterance of utterances) {
      if (engine.state === "listening") engine.transcribing();
      const stream = heard;
      heard = undefined;
      const { text } = stream ? await stream.finish() : await transcriber.transcribe(utterance);
      if (!text.trim()) {
        engine.stopListening();
        continue;
      }
      output.out(`you> ${text}\n`);
      const begun = early?.words.trim() === text.trim() ? early : undefined;
      if (!begun) throwAwayEarly();
      early = undefined;
      const turn = begun && (await begun.turn.catch(() => undefined))?.keep();
      await chatTurn(text, engine, twin, { output, player, videos, waitForSpeech: false, turn });
    }
    return true;
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    engine.stopListening();
    output.err(`aitwin: ${userMessage(error)}; type instead\n`);
    return false;
  } finally {
    heard?.cancel();
    throwAwayEarly();
  }
}
