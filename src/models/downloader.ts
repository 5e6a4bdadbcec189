import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AitwinError, CancelledError, ProviderError } from "../core/errors.js";

export interface DownloadRequest {
  url: string;
  /** Final path; the file appears there only once complete and verified. */
  destination: string;
  /** Expected SHA-256 (hex); when absent the digest is computed and returned, not checked. */
  sha256?: string;
  /** Expected size, for progress before the server says. */
  bytes?: number;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  onProgress?: (received: number, total: number | undefined) => void;
}

export interface DownloadResult {
  path: string;
  bytes: number;
  sha256: string;
  /** Bytes that were already there from an interrupted download. */
  resumedFrom: number;
}

/** The downloaded bytes are not what the catalogue pinned: nothing is kept, so a retry starts clean. */
export class ChecksumMismatchError extends AitwinError {
  constructor(url: string, expected: string, actual: string) {
    super("provider", `checksum mismatch for ${url}: expected sha256 ${expected}, got ${actual}`);
  }
}

/**
 * Downloads to `<destination>.partial`, resuming it with an HTTP Range request when a previous attempt was cut
 * off, verifies the SHA-256, then renames into place (atomic on one file system), so a half-written model is never
 * picked up by a provider.
 */
export async function downloadFile(request: DownloadRequest): Promise<DownloadResult> {
  const partial = `${request.destination}.partial`;
  await mkdir(dirname(request.destination), { recursive: true });
  const existing = await stat(partial).then(
    (info) => info.size,
    () => 0,
  );
  const headers: Record<string, string> = existing > 0 ? { range: `bytes=${existing}-` } : {};
  let response: Response;
  try {
    response = await (request.fetch ?? fetch)(request.url, {
      headers,
      signal: request.signal,
      redirect: "follow",
    });
  } catch (error) {
    if (request.signal?.aborted) throw new CancelledError();
    throw new ProviderError("download", `cannot reach ${request.url}: ${(error as Error).message}`, {
      retryable: true,
    });
  }
  let resumedFrom = 0;
  if (response.status === 206 && existing > 0) {
    resumedFrom = existing;
  } else if (response.status === 416 && existing > 0) {
    // The server has nothing past what we hold: the partial file is complete.
    resumedFrom = existing;
  } else if (!response.ok) {
    throw new ProviderError("download", `${request.url} answered HTTP ${response.status}`, {
      retryable: response.status === 429 || response.status >= 500,
    });
  }
  const length = Number(response.headers.get("content-length") ?? Number.NaN);
  const total = Number.isFinite(length) && response.status !== 416 ? resumedFrom + length : request.bytes;
  if (response.status !== 416 && response.body) {
    let received = resumedFrom;
    const counted = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>);
    counted.on("data", (chunk: Buffer) => {
      received += chunk.length;
      request.onProgress?.(received, total);
    });
    // A 200 to a Range request means the server ignored it: start over rather than append.
    const out = createWriteStream(partial, { flags: resumedFrom > 0 ? "a" : "w" });
    try {
      await pipeline(counted, out, { signal: request.signal });
    } catch (error) {
      if (request.signal?.aborted) throw new CancelledError();
      throw new ProviderError(
        "download",
        `download of ${request.url} broke off: ${(error as Error).message}`,
        {
          retryable: true,
        },
      );
    }
  }
  const digest = await sha256File(partial);
  if (request.sha256 && digest !== request.sha256.toLowerCase()) {
    await rm(partial, { force: true });
    throw new ChecksumMismatchError(request.url, request.sha256, digest);
  }
  await rename(partial, request.destination);
  const bytes = (await stat(request.destination)).size;
  return { path: request.destination, bytes, sha256: digest, resumedFrom };
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  return hash.digest("hex");
}
