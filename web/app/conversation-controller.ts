import type { TwinProfile } from "../../src/core/twin.js";
import { type Api, ApiError } from "./api.js";
import type { ConversationStream, RecordedTurn } from "./conversation-stream.js";
import { EarlyReply } from "./early-reply.js";
import type { FaceView } from "./face-view.js";
import type { HistoryView } from "./history-view.js";
import type { ReplyAudio } from "./reply-audio.js";

/** Latency marks of the last turn, in `performance.now()` ms: the browser test and `npm run bench` read them. */
export interface TurnMetrics {
  sentAt: number;
  firstPartAt: number;
  firstAudioAt: number;
  firstFrameAt: number;
}

const conversationKey = (twinId: string) => `aitwin.conversation.${twinId}`;

/**
 * The page's side of one conversation: which twin and conversation are open (the id kept in localStorage so a
 * reload finds the history), sending a message, and barge-in (stop the audio, drop the cut-off turn's parts, tell
 * the server).
 */
export class ConversationController {
  twin: TwinProfile | undefined;
  conversationId: string | undefined;
  serverState = "idle";
  metrics: TurnMetrics = { sentAt: 0, firstPartAt: 0, firstAudioAt: 0, firstFrameAt: 0 };
  /** Replies begun at the person's first pause (start early), kept when the turn ends on the same words. */
  readonly early: EarlyReply;
  private sends = 0;
  private switching: Promise<void> = Promise.resolve();

  constructor(
    private readonly api: Api,
    private readonly audio: ReplyAudio,
    private readonly face: FaceView,
    private readonly history: HistoryView,
    private readonly stream: ConversationStream,
  ) {
    this.early = new EarlyReply(api, () => this.conversationId);
  }

  /** Opens the remembered twin and conversation (or the default twin and a new conversation). */
  async open(): Promise<TwinProfile> {
    const { twins } = await this.api.json<{ twins: TwinProfile[] }>("GET", "/api/twins");
    const wanted = localStorage.getItem("aitwin.twin");
    const twin =
      twins.find((each) => each.id === wanted) ?? twins.find((each) => each.id === "default") ?? twins[0];
    if (!twin) throw new Error("there is no twin on this server");
    this.twin = twin;
    this.history.twinName = twin.name;
    const remembered = localStorage.getItem(conversationKey(twin.id));
    const turns = remembered ? await this.turnsOf(remembered) : undefined;
    if (remembered && turns) {
      this.conversationId = remembered;
      for (const turn of turns) this.history.add(turn);
      this.switching = this.follow();
    } else await this.startNew();
    return twin;
  }

  /** A message sent while a new conversation is being made goes to the new one, not the one it replaces. */
  startNew(): Promise<void> {
    const started = this.createConversation();
    this.switching = started.catch(() => undefined);
    return started;
  }

  private async createConversation(): Promise<void> {
    if (!this.twin) return;
    await this.bargeIn();
    const created = await this.api.json<{ id: string }>("POST", `/api/twins/${this.twin.id}/conversations`);
    this.conversationId = created.id;
    localStorage.setItem(conversationKey(this.twin.id), created.id);
    this.history.clear();
    await this.follow();
  }

  /** Back to an earlier conversation of this twin ("Undo" after "New conversation"). */
  async reopen(conversationId: string): Promise<void> {
    if (!this.twin) return;
    const turns = await this.turnsOf(conversationId);
    if (!turns) throw new Error("that conversation is gone");
    await this.bargeIn();
    this.conversationId = conversationId;
    localStorage.setItem(conversationKey(this.twin.id), conversationId);
    this.history.clear();
    for (const turn of turns) this.history.add(turn);
    this.switching = this.follow();
    await this.switching;
  }

  follow(): Promise<void> {
    return this.conversationId
      ? this.stream.open(this.api.eventsUrl(this.conversationId))
      : Promise.resolve();
  }

  get busy(): boolean {
    return this.audio.speaking || this.serverState === "thinking" || this.serverState === "speaking";
  }

  async send(text: string): Promise<void> {
    await this.switching;
    const id = this.conversationId;
    if (!id) return;
    if (this.busy) await this.bargeIn();
    const send = ++this.sends;
    this.metrics = { sentAt: performance.now(), firstPartAt: 0, firstAudioAt: 0, firstFrameAt: 0 };
    const turn =
      (await this.early.take(id, text)) ??
      (await this.api.json<{ turn: string }>("POST", `/api/conversations/${id}/turns`, { text })).turn;
    // Another message or a barge-in came while this one was on its way: its parts must not play.
    if (send !== this.sends) this.stream.drop(turn);
  }

  /** Stops the twin at once (audio, face, parts still arriving) and cuts its turn off on the server. */
  async bargeIn(): Promise<void> {
    const wasBusy = this.busy;
    // Until the server says otherwise the twin is quiet: a second keystroke must not interrupt again.
    this.serverState = "idle";
    this.sends++;
    this.audio.stop();
    this.face.stopSpeaking();
    this.stream.dropStartedTurns();
    if (wasBusy && this.conversationId) {
      await this.api.json("POST", `/api/conversations/${this.conversationId}/interrupt`);
    }
  }

  private async turnsOf(conversationId: string): Promise<RecordedTurn[] | undefined> {
    try {
      const conversation = await this.api.json<{ turns: RecordedTurn[] }>(
        "GET",
        `/api/conversations/${encodeURIComponent(conversationId)}`,
      );
      return conversation.turns;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return undefined;
      throw error;
    }
  }
}
