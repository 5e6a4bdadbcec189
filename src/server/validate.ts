import type { z } from "zod";
import { BadInputError } from "../core/errors.js";

/** Parses a request part with a zod schema; a mismatch is a 400 naming the field. */
export function parse<T extends z.ZodType>(schema: T, value: unknown, what = "body"): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.length ? issue.path.join(".") : what;
  throw new BadInputError(`${field}: ${issue?.message ?? "invalid"}`);
}
