/**
 * A second console process for lib/server/db/pglite-lock.test.ts: opens the PGlite folder given
 * as the only argument the way the console does, writes one row, prints "holding" and keeps the
 * folder open until its stdin ends, then closes it and exits 0. Run it with
 * `node --conditions=react-server --import tsx`, so `server-only` loads as it does in the server.
 */
import { openDatabase } from "@/lib/server/db/open";
import { auditEvent } from "@/lib/server/db/schema";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: hold-pglite.ts <PGlite folder>");

const opened = await openDatabase({ dataDir });
await opened.db.insert(auditEvent).values({ action: "test.held-by-child", outcome: "success" });
process.stdout.write("holding\n");
process.stdin.resume();
process.stdin.once("end", () => {
  opened.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
