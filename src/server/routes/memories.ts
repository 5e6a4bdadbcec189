import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { asStatement } from "../../brain/perspective.js";
import { NotFoundError } from "../../core/errors.js";
import { idParams, recordId } from "../id-patterns.js";
import type { ServerContext } from "../server-context.js";
import { parse } from "../validate.js";

const params = idParams;
const memoryParams = params.extend({ memoryId: recordId });
const newMemory = z.object({ text: z.string().trim().min(1, "must not be empty").max(1000) }).strict();

/** A twin's long-term memory, to list, teach and edit from the persona panel. */
export function memoryRoutes({ app }: ServerContext) {
  return async (server: FastifyInstance) => {
    server.get("/api/twins/:id/memories", async (request) => {
      const { id } = parse(params, request.params, "id");
      await app.store.twins.require(id);
      return { memories: await app.store.memories.list(id) };
    });
    server.post("/api/twins/:id/memories", async (request, reply) => {
      const { id } = parse(params, request.params, "id");
      const { text } = parse(newMemory, request.body);
      return reply.status(201).send(await app.store.memories.add(id, asStatement(text)));
    });
    server.delete("/api/twins/:id/memories/:memoryId", async (request, reply) => {
      const { id, memoryId } = parse(memoryParams, request.params, "id");
      if (!(await app.store.memories.remove(id, memoryId))) {
        throw new NotFoundError(`twin ${id} has no memory ${memoryId}`);
      }
      return reply.status(204).send();
    });
  };
}
