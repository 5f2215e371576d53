import "server-only";

/**
 * Statements on every request's path (the session read, the pending audit row, a token's
 * attempts) are prepared under a name: PostgreSQL then parses and plans each once per connection
 * instead of at every call, and drizzle builds its SQL text once. A statement belongs to the
 * database it was prepared on, so each is kept per database (tests open several).
 */
import type { Database } from "./open";

/** `build` run once per database; the statement it returned on every later call. */
export function preparedPer<Statement>(
  build: (db: Database) => Statement,
): (db: Database) => Statement {
  const statements = new WeakMap<Database, Statement>();
  return (db) => {
    let statement = statements.get(db);
    if (!statement) statements.set(db, (statement = build(db)));
    return statement;
  };
}
