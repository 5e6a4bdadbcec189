import { createServer, type Server } from "node:http";

export interface ReceivedWebhook {
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/**
 * A D-ID client's webhook endpoint on loopback: records every POST; `failFirst` answers the first n with 503, as a
 * receiver that is briefly down.
 */
export async function startWebhookListener(options: { failFirst?: number } = {}) {
  const received: ReceivedWebhook[] = [];
  let refusals = options.failFirst ?? 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (refusals > 0) {
        refusals--;
        response.writeHead(503).end();
        return;
      }
      received.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString()) });
      response.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
