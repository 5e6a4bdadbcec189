import { existsSync } from "node:fs";
import type { ProviderCandidate } from "../registry.js";
import { ffmpegPath } from "./ffmpeg-binary.js";

export const localAvatarCandidate: ProviderCandidate<"talking-head"> = {
  id: "local-avatar",
  stage: "talking-head",
  kind: "embedded",
  description:
    "built-in talking head: illustrated looks or your photo on a face mesh, MP4 by the bundled ffmpeg",
  async check() {
    try {
      const path = ffmpegPath();
      return existsSync(path)
        ? { available: true, reason: `ffmpeg at ${path}` }
        : {
            available: false,
            reason: `ffmpeg binary missing at ${path} (reinstall @ffmpeg-installer/ffmpeg)`,
          };
    } catch (error) {
      return { available: false, reason: (error as Error).message };
    }
  },
  // The renderer (canvas, face mesh, ffmpeg) loads when a command renders, not when any command starts.
  create: async (config) => {
    const { LocalAvatarRenderer } = await import("./local-avatar-renderer.js");
    return new LocalAvatarRenderer({ mediaDir: config.mediaDir });
  },
};
