import type { FastifyError, FastifyInstance } from "fastify";
import { httpStatusFor, isDatabaseFailure, userMessage } from "../core/error-mapping.js";
import { AitwinError } from "../core/errors.js";
import { isDidPath } from "./route-access.js";

/**
 * Every error leaves as `{error: message}` with the status its kind maps to, scrubbed of secrets, paths and
 * addresses; internals are logged, never sent.
 */
export function installErrorHandler(server: FastifyInstance, scrub: (text: string) => string): void {
  server.setErrorHandler((error: FastifyError | AitwinError | Error, request, reply) => {
    if (error instanceof AitwinError) {
      const status = httpStatusFor(error);
      if (status >= 500) request.log.error({ err: error }, "request failed");
      return reply.status(status).send({ error: scrub(userMessage(error)) });
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      return reply.status(400).send({ error: scrub(`invalid request: ${fastifyError.message}`) });
    }
    if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return reply.status(fastifyError.statusCode).send({ error: scrub(fastifyError.message) });
    }
    request.log.error({ err: error }, "request failed");
    if (isDatabaseFailure(error)) return reply.status(500).send({ error: scrub(userMessage(error)) });
    return reply.status(500).send({ error: "internal error" });
  });
  server.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    const description = scrub(`no route ${request.method} ${path}`);
    // Under D-ID's paths a client written for D-ID reads `{kind, description}`, even for a path D-ID lacks.
    if (isDidPath(path)) return reply.status(404).send({ kind: "NotFoundError", description });
    return reply.status(404).send({ error: description });
  });
}
