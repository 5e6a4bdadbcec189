import { createRequire } from "node:module";
import { ProviderError } from "../../core/errors.js";

const require = createRequire(import.meta.url);

/** The ffmpeg shipped in @ffmpeg-installer (4.1, libx264 + aac): no system ffmpeg needed. */
export function ffmpegPath(): string {
  try {
    return (require("@ffmpeg-installer/ffmpeg") as { path: string }).path;
  } catch (error) {
    throw new ProviderError(
      "local-avatar",
      "ffmpeg is not installed (npm package @ffmpeg-installer/ffmpeg)",
      {
        cause: error,
      },
    );
  }
}
