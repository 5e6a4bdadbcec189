import { moodOfReply } from "../../src/avatar/reply-mood.js";
import type { TwinProfile } from "../../src/core/twin.js";
import { AvatarCanvas, type BrowserFace } from "../avatar/avatar-canvas.js";
import type { Api } from "./api.js";

interface Talk {
  id: string;
  status: "created" | "started" | "done" | "error" | "rejected";
  result_url?: string;
  error?: { description?: string };
  progress?: number;
}

const FINAL = new Set(["done", "error", "rejected"]);
/** The avatar canvas's size in the page (index.html). */
const SHOWN_SIZE = 512;

/**
 * The face a talk is rendered from, as a `source_url` the talks API reads from disk: a photo twin's stored photo
 * (`/images/<id>.jpg` shares ids with the photo store), or, for an illustrated look, a still of the resting face
 * uploaded with `POST /images` (the renderer landmarks it like a photo).
 */
async function sourceUrlOf(api: Api, twin: TwinProfile, face: BrowserFace): Promise<string> {
  if (twin.face.kind === "photo") return new URL(`/images/${twin.face.mediaId}.jpg`, location.href).href;
  const still = document.createElement("canvas");
  still.width = still.height = SHOWN_SIZE;
  new AvatarCanvas(still, face, () => 0).drawAt(0);
  const png = await new Promise<Blob>((resolve, reject) =>
    still.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error("cannot snapshot the face"))),
      "image/png",
    ),
  );
  const form = new FormData();
  form.append("image", png, `${twin.id}.png`);
  return (await api.upload<{ url: string }>("/images", form)).url;
}

/** Follows a talk over server-sent events until it is done (or fails), reporting render progress. */
function finished(api: Api, id: string, progress: (status: string) => void): Promise<Talk> {
  return new Promise((resolve, reject) => {
    const url = `/api/talks/${encodeURIComponent(id)}/events`;
    const events = new EventSource(api.key ? `${url}?key=${encodeURIComponent(api.key)}` : url);
    events.addEventListener("talk", (event) => {
      const talk = JSON.parse((event as MessageEvent<string>).data) as Talk;
      if (FINAL.has(talk.status)) {
        events.close();
        resolve(talk);
      } else if (talk.status === "started") {
        progress(`Rendering video… ${Math.round((talk.progress ?? 0) * 100)}%`);
      } else progress("Video queued…");
    });
    events.onerror = () => {
      if (events.readyState !== EventSource.CLOSED) return;
      reject(new Error("lost the connection while the video was rendering"));
    };
  });
}

/**
 * The talk's `config` beyond its size: the twin's face motion (resting mood, head motion, blinks, expressiveness,
 * stillness) and the mood the page's face spoke this answer in (from its words, as face-view.ts does), so the MP4
 * moves as the page did.
 */
export function talkMotionConfig(twin: TwinProfile, text: string): Record<string, unknown> {
  const mood = moodOfReply(text);
  return { ...(twin.motion && { motion: twin.motion }), ...(mood && { mood }) };
}

/** D-ID's `face`: a box centred on the face the page animates, so a photo with several faces renders that one. */
function faceBox(face: BrowserFace): Record<string, unknown> {
  if (face.kind !== "photo") return {};
  const { x, y, width, height } = face.landmarks.box;
  const size = Math.max(width, height);
  return {
    face: {
      top_left: [Math.max(0, x + width / 2 - size / 2), Math.max(0, y + height / 2 - size / 2)],
      size,
    },
  };
}

/**
 * "Download as video": renders one answer as an MP4 through the server's D-ID-compatible talks API (`POST /talks`;
 * status pushed by SSE rather than polling `GET /talks/{id}`) and saves its `result_url`.
 */
export async function downloadAsVideo(
  api: Api,
  twin: TwinProfile,
  face: BrowserFace,
  text: string,
  progress: (status: string) => void,
): Promise<void> {
  progress("Preparing video…");
  const script: Record<string, unknown> = { type: "text", input: text };
  if (twin.voice.id) script.provider = { type: "aitwin", voice_id: twin.voice.id };
  const source_url = await sourceUrlOf(api, twin, face);
  // At the size the page shows the face (the talks API's default, 256, suits a chat window, not this page).
  const created = await api.json<Talk>("POST", "/talks", {
    source_url,
    script,
    config: { size: SHOWN_SIZE, ...talkMotionConfig(twin, text) },
    ...faceBox(face),
  });
  const talk = await finished(api, created.id, progress);
  if (talk.status !== "done" || !talk.result_url) {
    throw new Error(`the video could not be made: ${talk.error?.description ?? talk.status}`);
  }
  const video = await api.blob(new URL(talk.result_url, location.href).pathname);
  const link = document.createElement("a");
  link.href = URL.createObjectURL(video);
  link.download = `${twin.name.replace(/[^\w-]+/g, "-")}-${created.id}.mp4`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
