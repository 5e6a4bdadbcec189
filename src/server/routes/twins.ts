import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { faceMotionSchema } from "../../avatar/face-motion-schema.js";
import { ILLUSTRATED_LOOKS } from "../../avatar/illustrated-looks.js";
import { idParams, mediaId } from "../id-patterns.js";
import type { ServerContext } from "../server-context.js";
import { parse } from "../validate.js";

const text = (max: number) => z.string().max(max, `at most ${max} characters`);
const persona = z
  .object({ biography: text(8000), style: text(500), facts: z.array(text(1000)).max(200) })
  .partial()
  .strict();
const voice = z.object({ id: text(100).optional(), rate: z.number().min(0.5).max(2).optional() }).strict();
const face = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("illustrated"),
    look: z.string().refine((look) => ILLUSTRATED_LOOKS.some((each) => each.name === look), {
      message: `must be one of ${ILLUSTRATED_LOOKS.map((each) => each.name).join(", ")}`,
    }),
  }),
  // `face`: which of several faces in the photo talks (0 the largest).
  z.object({ kind: z.literal("photo"), mediaId, face: z.number().int().min(0).max(50).optional() }),
]);
const newTwin = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, - and _ only")
      .optional(),
    name: text(100).trim().min(1, "must not be empty"),
    persona: persona.optional(),
    voice: voice.optional(),
    motion: faceMotionSchema.optional(),
  })
  .strict();
const twinPatch = z
  .object({
    name: text(100).trim().min(1, "must not be empty").optional(),
    persona: persona.optional(),
    voice: voice.optional(),
    face: face.optional(),
    motion: faceMotionSchema.optional(),
  })
  .strict();

/** Twins: the persona panel's API. */
export function twinRoutes({ app, sessions }: ServerContext) {
  return async (server: FastifyInstance) => {
    server.get("/api/twins", async () => ({ twins: await app.store.twins.list() }));
    server.post("/api/twins", async (request, reply) => {
      const created = await app.store.twins.create(parse(newTwin, request.body));
      return reply.status(201).send(created);
    });
    server.get("/api/twins/:id", async (request) => {
      const { id } = parse(idParams, request.params, "id");
      return app.store.twins.require(id);
    });
    server.patch("/api/twins/:id", async (request) => {
      const { id } = parse(idParams, request.params, "id");
      const updated = await app.store.twins.update(id, parse(twinPatch, request.body));
      sessions.forgetTwin(id);
      return updated;
    });
    server.delete("/api/twins/:id", async (request, reply) => {
      const { id } = parse(idParams, request.params, "id");
      await app.store.twins.delete(id);
      sessions.forgetTwin(id);
      return reply.status(204).send();
    });
  };
}
