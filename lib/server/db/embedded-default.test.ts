import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { embeddedPaths, removeEmbeddedCluster, stopEmbeddedDatabase } from "@/db-server/embedded";
import { isProcessAlive } from "@/db-server/folder-lock";

import { openDatabase } from "./open";
import { user } from "./schema";

/**
 * The console's own entry to its data (openConsoleDatabase) with no DATABASE_URL, as `npm start`
 * runs it: it starts a PostgreSQL server in DATA_DIR/postgres, migrates it, imports the PGlite
 * folder an earlier version left in DATA_DIR, and stops the server when it closes (its last user).
 */
const dataDir = mkdtempSync(path.join(tmpdir(), "console-default-"));
// As root the server runs as `postgres`, which must enter the folder.
chmodSync(dataDir, 0o755);
afterAll(async () => {
  await stopEmbeddedDatabase(dataDir);
  removeEmbeddedCluster(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe("the console's database with no DATABASE_URL", () => {
  it("is an embedded PostgreSQL server in DATA_DIR, with an earlier PGlite folder's rows", async () => {
    const earlier = await openDatabase({ dataDir: path.join(dataDir, "pglite") });
    await earlier.db
      .insert(user)
      .values({ id: "u-1", name: "Pat Earlier", email: "pat@example.com", role: "supervisor" });
    await earlier.close();

    Object.assign(process.env, {
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      CONNECT_INSTANCE_ID: "test-instance",
      BETTER_AUTH_SECRET: "k3J9x2Lq8Vw4Zr7Tn1Bc6Hy5Md0Pf2Gs",
    });
    const { openConsoleDatabase } = await import("./index");
    const opened = await openConsoleDatabase();
    const postmaster = path.join(embeddedPaths(dataDir).cluster, "postmaster.pid");
    const serverPid = Number(readFileSync(postmaster, "utf8").split("\n")[0]);
    try {
      expect(opened.kind).toBe("postgres");
      expect(isProcessAlive(serverPid)).toBe(true);
      const users = await opened.db.select().from(user);
      expect(users.map((row) => [row.id, row.email, row.role])).toEqual([
        ["u-1", "pat@example.com", "supervisor"],
      ]);
      expect(existsSync(path.join(dataDir, "pglite"))).toBe(false);
      expect(
        readdirSync(dataDir).filter((name) => name.startsWith("pglite.imported-")),
      ).toHaveLength(1);
    } finally {
      await opened.close();
    }
    const deadline = Date.now() + 30_000;
    while (isProcessAlive(serverPid) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(isProcessAlive(serverPid)).toBe(false);
  }, 180_000);
});
