import type { DatabaseConnection, Dialect, Driver } from "kysely";
import { isDatabaseFailure } from "../core/error-mapping.js";
import { AitwinError, StorageError } from "../core/errors.js";
import { oneLine } from "./sql-errors.js";

/**
 * SQLSTATE classes that are the request's fault or a bug, not the database's: data exceptions (22), integrity
 * constraints (23, which repositories turn into conflicts), transaction rollbacks (40) and syntax or access rules (42).
 */
const REQUEST_CLASSES = new Set(["22", "23", "40", "42"]);

/** Whether an error thrown by the database driver means the database itself failed. */
function databaseFailed(error: unknown): boolean {
  if (error instanceof AitwinError) return false;
  if (isDatabaseFailure(error)) return true;
  if (!(error instanceof Error)) return false;
  if (error.name === "SqliteError") return false;
  const code = (error as { code?: unknown }).code;
  // PostgreSQL answered with a SQLSTATE outside the request's classes, or the connection itself broke (refused,
  // reset, terminated): raised inside the driver, so it is the database and not some other network peer.
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return !REQUEST_CLASSES.has(code.slice(0, 2));
  return true;
}

/**
 * Wraps a Kysely dialect so that a failure of the database during a query (a corrupt page, a full disk, a server
 * that went away or refuses connections) reaches callers as a StorageError naming the database — HTTP 500 with
 * that message, CLI exit 74 — instead of a driver error reported as an internal bug. Constraint errors pass through
 * unchanged for the repositories that translate them.
 */
export function reportStorageFailures(dialect: Dialect, name: string): Dialect {
  const wrap = (error: unknown): unknown =>
    databaseFailed(error) ? new StorageError(`${name} failed: ${oneLine(error)}`, { cause: error }) : error;
  const connection = (inner: DatabaseConnection): DatabaseConnection => ({
    executeQuery: <R>(query: Parameters<DatabaseConnection["executeQuery"]>[0]) =>
      inner.executeQuery<R>(query).catch((error: unknown): never => {
        throw wrap(error);
      }),
    streamQuery: (query, chunkSize) => inner.streamQuery(query, chunkSize),
  });
  const wrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const inner = new WeakMap<DatabaseConnection, DatabaseConnection>();
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver(): Driver {
      const driver = dialect.createDriver();
      const unwrap = (outer: DatabaseConnection) => inner.get(outer) ?? outer;
      const guard = <T>(work: Promise<T>) =>
        work.catch((error: unknown): never => {
          throw wrap(error);
        });
      return {
        init: () => guard(driver.init()),
        async acquireConnection() {
          const raw = await guard(driver.acquireConnection());
          let outer = wrapped.get(raw);
          if (!outer) {
            outer = connection(raw);
            wrapped.set(raw, outer);
            inner.set(outer, raw);
          }
          return outer;
        },
        beginTransaction: (outer, settings) => guard(driver.beginTransaction(unwrap(outer), settings)),
        commitTransaction: (outer) => guard(driver.commitTransaction(unwrap(outer))),
        rollbackTransaction: (outer) => guard(driver.rollbackTransaction(unwrap(outer))),
        releaseConnection: (outer) => driver.releaseConnection(unwrap(outer)),
        destroy: () => driver.destroy(),
      };
    },
  };
}
