import { Command } from "commander";
import { BadInputError } from "../../core/errors.js";
import { buildServer } from "../../server/app-server.js";
import { checkExposure } from "../../server/auth.js";
import { useScratchDir } from "../../talks/scratch-dir.js";
import type { CliContext } from "../context.js";

export function serveCommand(context: CliContext): Command {
  return new Command("serve")
    .description("the web app: talk to your twin in the browser")
    .option("--port <n>", "port (default PORT or 8080; 0 picks a free one)")
    .option("--host <host>", "address to bind (default HOST or 127.0.0.1)")
    .option("--log", "log each request as JSON lines on stdout (keys and tokens redacted)")
    .action(async (options: { port?: string; host?: string; log?: boolean }) => {
      const config = context.config();
      const port = options.port === undefined ? config.port : Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new BadInputError("--port must be 0–65535");
      const host = options.host ?? config.host;
      checkExposure(host, config.apiKey);
      // Renders in this process write scratch files there; those of a server killed mid-render are swept first.
      const scratch = await useScratchDir(config.dataDir);
      try {
        const app = await context.app();
        const server = await buildServer(app, { logger: options.log === true, speechThread: true });
        await server.listen({ port, host }).catch(async (error: NodeJS.ErrnoException) => {
          await server.close();
          if (error.code === "EADDRINUSE") {
            throw new BadInputError(`port ${port} on ${host} is in use: choose another with --port or PORT`);
          }
          if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") {
            throw new BadInputError(`cannot listen on ${host}: no such address on this machine`);
          }
          throw error;
        });
        const address = server.server.address();
        const bound = typeof address === "object" && address ? address : undefined;
        const shownHost = bound?.family === "IPv6" ? `[${bound.address}]` : (bound?.address ?? host);
        context.output.out(`AI Twin is listening on http://${shownHost}:${bound?.port ?? port}\n`);
        // SIGTERM and SIGINT drain: stop accepting, end event streams, let in-flight requests finish, then close.
        await new Promise<void>((resolve, reject) => {
          const stop = () => {
            process.off("SIGTERM", stop);
            process.off("SIGINT", stop);
            context.output.out("shutting down\n");
            // A failure while closing ends the command with its error, never as an unhandled rejection.
            server.close().then(() => resolve(), reject);
          };
          process.on("SIGTERM", stop);
          process.on("SIGINT", stop);
        });
      } finally {
        await scratch.remove();
      }
    });
}
