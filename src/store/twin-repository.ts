import type { Kysely, Selectable } from "kysely";
import { BadInputError, ConflictError, NotFoundError } from "../core/errors.js";
import type { FaceMotion } from "../core/face-motion.js";
import { DEFAULT_LOOK, type FaceChoice, type Persona, type TwinProfile } from "../core/twin.js";
import { newTwinId } from "./ids.js";
import type { Database, TwinTable } from "./schema.js";
import { isUniqueViolation } from "./sql-errors.js";
import type { TwinRepository } from "./store.js";

const twinIdPattern = /^[A-Za-z0-9_-]{1,64}$/;
const defaultFace: FaceChoice = { kind: "illustrated", look: DEFAULT_LOOK };

/** The twins table behind the TwinRepository contract. */
export function createTwinRepository(db: Kysely<Database>): TwinRepository {
  async function get(id: string): Promise<TwinProfile | undefined> {
    const row = await db.selectFrom("twins").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toProfile(row);
  }

  return {
    async create(input) {
      const id = input.id ?? newTwinId();
      if (!twinIdPattern.test(id)) {
        throw new BadInputError(
          `invalid twin id ${JSON.stringify(id)}: use 1 to 64 letters, digits, "-" or "_"`,
        );
      }
      const now = new Date().toISOString();
      const twin: TwinProfile = {
        id,
        name: checkName(input.name),
        persona: mergePersona({ biography: "", style: "", facts: [] }, input.persona),
        voice: { ...input.voice },
        face: input.face ?? defaultFace,
        ...(input.motion && { motion: { ...input.motion } }),
        createdAt: now,
        updatedAt: now,
      };
      try {
        await db.insertInto("twins").values(toRow(twin)).execute();
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new ConflictError(`a twin with id ${JSON.stringify(id)} already exists`, { cause: error });
        }
        throw error;
      }
      return twin;
    },

    get,

    async require(id) {
      const twin = await get(id);
      if (twin === undefined) throw notFound(id);
      return twin;
    },

    async list() {
      const rows = await db.selectFrom("twins").selectAll().orderBy("created_at").orderBy("id").execute();
      return rows.map(toProfile);
    },

    async update(id, patch) {
      const name = patch.name === undefined ? undefined : checkName(patch.name);
      return db.transaction().execute(async (transaction) => {
        const now = new Date().toISOString();
        // Writing first takes the row lock, so a concurrent update cannot slip between our read and our write.
        const touched = await transaction
          .updateTable("twins")
          .set({ updated_at: now })
          .where("id", "=", id)
          .executeTakeFirst();
        if (touched.numUpdatedRows === 0n) throw notFound(id);
        const row = await transaction
          .selectFrom("twins")
          .selectAll()
          .where("id", "=", id)
          .executeTakeFirstOrThrow();
        const current = toProfile(row);
        const twin: TwinProfile = {
          ...current,
          name: name ?? current.name,
          persona: mergePersona(current.persona, patch.persona),
          voice: patch.voice === undefined ? current.voice : { ...patch.voice },
          face: patch.face ?? current.face,
          ...((patch.motion ?? current.motion) && { motion: { ...current.motion, ...patch.motion } }),
        };
        await transaction.updateTable("twins").set(toRow(twin)).where("id", "=", id).execute();
        return twin;
      });
    },

    async delete(id) {
      const result = await db.deleteFrom("twins").where("id", "=", id).executeTakeFirst();
      if (result.numDeletedRows === 0n) throw notFound(id);
    },
  };
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(`no twin with id ${JSON.stringify(id)}`);
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === "") throw new BadInputError("a twin's name must not be empty");
  return trimmed;
}

/** Fields given in the patch win; a given `facts` replaces the old list rather than adding to it. */
function mergePersona(base: Persona, patch: Partial<Persona> | undefined): Persona {
  return {
    biography: patch?.biography ?? base.biography,
    style: patch?.style ?? base.style,
    facts: [...(patch?.facts ?? base.facts)],
  };
}

function toRow(twin: TwinProfile): TwinTable {
  return {
    id: twin.id,
    name: twin.name,
    persona: JSON.stringify(twin.persona),
    voice: JSON.stringify(twin.voice),
    face: JSON.stringify(twin.face),
    motion: twin.motion === undefined ? null : JSON.stringify(twin.motion),
    created_at: twin.createdAt,
    updated_at: twin.updatedAt,
  };
}

function toProfile(row: Selectable<TwinTable>): TwinProfile {
  return {
    id: row.id,
    name: row.name,
    persona: mergePersona(
      { biography: "", style: "", facts: [] },
      JSON.parse(row.persona) as Partial<Persona>,
    ),
    voice: JSON.parse(row.voice) as TwinProfile["voice"],
    face: JSON.parse(row.face) as FaceChoice,
    ...(row.motion && { motion: JSON.parse(row.motion) as FaceMotion }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
