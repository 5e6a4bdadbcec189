import type { FastifyError, FastifyInstance } from "fastify";
import { httpStatusFor, isDatabaseFailure, userMessage } from "../core/error-mapping.js";
import { AitwinError, type ErrorKind } from "../core/errors.js";

const didKind: Record<ErrorKind, string> = {
  "bad-input": "ValidationError",
  "not-found": "NotFoundError",
  conflict: "ConflictError",
  busy: "TooManyRequestsError",
  provider: "ProviderError",
  config: "InternalServerError",
  storage: "InternalServerError",
  cancelled: "ServiceUnavailableError",
  internal: "InternalServerError",
};

const statusKind: Record<number, string> = {
  401: "AuthorizationError",
  404: "NotFoundError",
  406: "NotAcceptableError",
  413: "PayloadTooLargeError",
  415: "UnsupportedMediaTypeError",
  429: "TooManyRequestsError",
};

/**
 * Errors in D-ID's shape, `{kind, description}`, for the talks API only (scoped to its plugin); `/api` keeps
 * `{error}`. Internals are logged, never sent.
 */
export function installDidErrorHandler(server: FastifyInstance, scrub: (text: string) => string): void {
  server.setErrorHandler((error: FastifyError | Error, request, reply) => {
    if (error instanceof AitwinError) {
      const status = httpStatusFor(error);
      if (status >= 500) request.log.error({ err: error }, "request failed");
      return reply.status(status).send({ kind: didKind[error.kind], description: scrub(userMessage(error)) });
    }
    const fastifyError = error as FastifyError;
    const status = fastifyError.statusCode ?? 500;
    if (fastifyError.validation || (status >= 400 && status < 500)) {
      const kind = fastifyError.validation ? "ValidationError" : (statusKind[status] ?? "ValidationError");
      return reply.status(status).send({ kind, description: scrub(fastifyError.message) });
    }
    request.log.error({ err: error }, "request failed");
    const description = isDatabaseFailure(error) ? scrub(userMessage(error)) : "internal error";
    return reply.status(500).send({ kind: "InternalServerError", description });
  });
}
