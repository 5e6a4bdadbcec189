// better-sqlite3 reports extended result codes; node-postgres reports SQLSTATE codes.
function code(error: unknown): unknown {
  return typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
}

/** A primary key or unique constraint refused the row. */
export function isUniqueViolation(error: unknown): boolean {
  const value = code(error);
  return (
    value === "SQLITE_CONSTRAINT_PRIMARYKEY" || value === "SQLITE_CONSTRAINT_UNIQUE" || value === "23505"
  );
}

/** A foreign key refused the row: the parent it names does not exist. */
export function isForeignKeyViolation(error: unknown): boolean {
  const value = code(error);
  return value === "SQLITE_CONSTRAINT_FOREIGNKEY" || value === "23503";
}

/** An error's message on one line, for wrapping in our own errors. */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, " ").trim();
}
