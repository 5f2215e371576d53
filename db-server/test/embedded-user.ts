/**
 * A second user of an embedded server, in its own process (db-server/embedded.test.ts): joins the
 * data folder's server, prints what it got, and stays until it is signalled.
 */
import { ensureEmbeddedDatabase } from "../embedded";

const database = await ensureEmbeddedDatabase({ dataDir: process.argv[2]! });
console.log(
  `JOINED ${JSON.stringify({ started: database.started, port: database.port, pid: database.pid })}`,
);
setInterval(() => undefined, 60_000);
