import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { NotFoundError } from "../../core/errors.js";
import { resultsDir } from "../../talks/talk-media.js";
import type { TalkRuntime } from "../../talks/talk-runtime.js";
import { recordId } from "../id-patterns.js";
import { parse } from "../validate.js";

const params = z.object({ id: recordId, key: z.string().regex(/^[0-9a-f]{32}\.mp4$/) });

/**
 * A finished talk's MP4 (its `result_url`), with HTTP Range so players can seek and downloads resume. Unknown talk,
 * wrong key and unfinished talk all look the same: 404.
 */
export function talkResultRoutes({ service }: TalkRuntime, mediaDir: string) {
  return async (server: FastifyInstance) => {
    server.get("/talks/:id/result/:key", async (request, reply) => {
      const { id, key } = parse(params, request.params, "result");
      const talk = await service.get(id).catch(() => undefined);
      if (!talk?.resultFile || `${talk.resultKey}.mp4` !== key) throw new NotFoundError("no such result");
      const path = join(resultsDir(mediaDir), talk.resultFile);
      const file = await stat(path).catch(() => undefined);
      if (!file?.isFile()) throw new NotFoundError("no such result");
      reply
        .header("content-type", "video/mp4")
        .header("accept-ranges", "bytes")
        .header("cache-control", "private, max-age=31536000, immutable")
        .header("etag", `"${talk.resultKey}"`);
      const range = byteRange(request.headers.range, file.size);
      if (range === "unsatisfiable") {
        return reply.status(416).header("content-range", `bytes */${file.size}`).send();
      }
      if (range === undefined) {
        return reply.header("content-length", file.size).send(createReadStream(path));
      }
      return reply
        .status(206)
        .header("content-range", `bytes ${range.start}-${range.end}/${file.size}`)
        .header("content-length", range.end - range.start + 1)
        .send(createReadStream(path, range));
    });
  };
}

/**
 * One range of `bytes=start-end`, `bytes=start-` or `bytes=-suffix`. Multiple ranges and other units are answered
 * with the whole file, which RFC 9110 allows; a range past the end is unsatisfiable.
 */
export function byteRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | "unsatisfiable" | undefined {
  const match = header && /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return undefined;
  const [, first = "", last = ""] = match;
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return "unsatisfiable";
  return { start, end };
}
