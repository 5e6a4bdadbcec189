import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/**
 * Where `npm run build` puts the bundled page: `dist/web/` at the package root, reached from this file whether it
 * runs from `src/server/routes/` (tests, tsx) or compiled in `dist/server/routes/`.
 */
export function webRoot(): string | undefined {
  const candidates = ["../../../dist/web/", "../../web/"].map((path) =>
    fileURLToPath(new URL(path, import.meta.url)),
  );
  return candidates.find((path) => existsSync(`${path}index.html`));
}

/** The web app at `/`: static files only (index.html, app.js, app.css, pcm-capture.js), under the server's CSP. */
export function pageRoutes() {
  return async (server: FastifyInstance) => {
    const root = webRoot();
    if (!root) {
      server.get("/", async (_request, reply) =>
        reply
          .status(503)
          .type("text/plain; charset=utf-8")
          .send("The web page is not built: run `npm run build` (or `npm ci`) in the AI Twin folder.\n"),
      );
      return;
    }
    await server.register(fastifyStatic, {
      root,
      prefix: "/",
      wildcard: false,
      decorateReply: false,
      // The bundle is rebuilt in place: browsers revalidate (ETag) rather than run yesterday's script.
      maxAge: 0,
    });
  };
}
