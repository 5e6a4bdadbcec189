import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { ProviderError } from "../../core/errors.js";
import { fetchWithRetry, type RetryOptions } from "../openai/retrying-fetch.js";

/**
 * Fetches a finished talk's MP4 at once (D-ID's result URLs are pre-signed and expire) and stores it atomically.
 * No Authorization header: the URL points at a storage host, which must never see the D-ID key.
 */
export async function downloadResult(
  url: string,
  outputPath: string,
  options: RetryOptions & { signal?: AbortSignal } = {},
): Promise<Uint8Array> {
  const response = await fetchWithRetry(url, () => ({ method: "GET" }), options).catch((error: unknown) => {
    throw new ProviderError("d-id", `downloading the talk video failed: ${(error as Error).message}`, {
      retryable: true,
      cause: error,
    });
  });
  if (!response.ok) {
    await response.arrayBuffer().catch(() => undefined);
    throw new ProviderError("d-id", `downloading the talk video failed with ${response.status}`, {
      retryable: response.status >= 500,
    });
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length < 8 || String.fromCharCode(...bytes.subarray(4, 8)) !== "ftyp") {
    throw new ProviderError("d-id", "the talk video is not an MP4");
  }
  await mkdir(dirname(outputPath), { recursive: true });
  const temporary = `${outputPath}.${process.pid}.part`;
  await writeFile(temporary, bytes);
  await rename(temporary, outputPath);
  return bytes;
}
