/**
 * `tsx scripts/embedded-database.ts stop <DATA_DIR>`: stops the embedded PostgreSQL server of a
 * data folder whoever uses it, and waits until it has exited. For test launchers that delete a
 * data folder before a run (playwright.config.ts): a server left running by a killed run must not
 * keep files that are about to be removed.
 */
import { stopEmbeddedDatabase } from "../db-server/embedded";

const [command, dataDir] = process.argv.slice(2);
if (command !== "stop" || !dataDir) {
  console.error("usage: tsx scripts/embedded-database.ts stop <DATA_DIR>");
  process.exit(2);
}
await stopEmbeddedDatabase(dataDir);
