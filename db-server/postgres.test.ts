import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { afterAll, describe, expect, it } from "vitest";

import { findPostgresPackage, isRoot } from "./binaries";
import { freePort } from "./free-port";
import { startPostgresServer } from "./postgres";

/**
 * The launcher must start PostgreSQL wherever the checkout is. A checkout under a folder other
 * users cannot enter (root's home, a 0700 temp folder) used to fail with EACCES: as root,
 * PostgreSQL runs as the `postgres` user, which could not reach the binaries inside the checkout.
 * Here a checkout-like copy (the launcher and the binaries package) sits in a fresh 0700 folder,
 * with a 0700 TMPDIR too, and starts a server from there in its own process.
 */
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const cleanups: (() => void)[] = [];
// Two copies of the binaries (the checkout's and the staged one): slow to delete on a busy machine.
afterAll(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
}, 120_000);

/** A copy of what a checkout holds for the launcher, inside a folder only its owner can enter. */
function privateCheckout(): { privateRoot: string; checkout: string } {
  const privateRoot = mkdtempSync(path.join(tmpdir(), "console-private-"));
  cleanups.push(() => rmSync(privateRoot, { recursive: true, force: true }));
  expect(statSync(privateRoot).mode & 0o777).toBe(0o700);
  const checkout = path.join(privateRoot, "checkout");
  mkdirSync(path.join(checkout, "db-server"), { recursive: true });
  for (const file of readdirSync(path.join(ROOT, "db-server"))) {
    if (file.endsWith(".ts") && !file.endsWith(".test.ts"))
      cpSync(path.join(ROOT, "db-server", file), path.join(checkout, "db-server", file));
  }
  const pkg = findPostgresPackage();
  cpSync(pkg.dir, path.join(checkout, "node_modules", pkg.name), {
    recursive: true,
    verbatimSymlinks: true,
  });
  symlinkSync(path.join(ROOT, "node_modules", "pg"), path.join(checkout, "node_modules", "pg"));
  writeFileSync(path.join(checkout, "package.json"), '{ "type": "module" }\n');
  writeFileSync(
    path.join(checkout, "start.ts"),
    `import pg from "pg";
import { randomPassword, startPostgresServer } from "./db-server/postgres.ts";

const [runtimeDir, port] = process.argv.slice(2);
const server = await startPostgresServer({
  dataDir: runtimeDir + "/cluster",
  port: Number(port),
  password: randomPassword(),
  runtimeDir,
});
const client = new pg.Client({ connectionString: server.url });
await client.connect();
const { rows } = await client.query(
  "select 1 as one, current_user as who, current_setting('server_encoding') as encoding",
);
await client.end();
await server.stop();
console.log("RESULT " + JSON.stringify(rows[0]));
`,
  );
  return { privateRoot, checkout };
}

/** A fresh runtime folder: as root where the `postgres` user can reach it, else anywhere. */
function freshRuntimeDir(privateRoot: string): string {
  if (!isRoot()) return path.join(privateRoot, "runtime");
  const dir = mkdtempSync("/var/tmp/console-postgres-test-");
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe("the PostgreSQL launcher", () => {
  it("starts a server from a checkout under a 0700 folder, with a 0700 TMPDIR, and answers select 1", async () => {
    const { privateRoot, checkout } = privateCheckout();
    const privateTmp = path.join(privateRoot, "tmp");
    mkdirSync(privateTmp, { mode: 0o700 });
    const runtimeDir = freshRuntimeDir(privateRoot);
    const tsx = pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/esm/index.mjs")).href;
    const child = spawn(
      process.execPath,
      ["--import", tsx, "start.ts", runtimeDir, String(await freePort())],
      {
        cwd: checkout,
        env: { ...process.env, TMPDIR: privateTmp },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));

    expect(code, output).toBe(0);
    const result = /^RESULT (.*)$/m.exec(output)?.[1];
    expect(JSON.parse(result ?? "null"), output).toEqual({
      one: 1,
      who: "postgres",
      encoding: "UTF8",
    });
    // The binaries were staged out of the checkout, readable by the server's user.
    const staged = readdirSync(runtimeDir).find((name) => name.startsWith(`${process.platform}-`));
    expect(staged, readdirSync(runtimeDir).join(", ")).toBeDefined();
    expect(existsSync(path.join(runtimeDir, staged!, "bin", "postgres"))).toBe(true);
    expect(statSync(path.join(runtimeDir, staged!)).mode & 0o777).toBe(0o755);
  }, 180_000);

  it.skipIf(!isRoot())(
    "as root, refuses a data folder the postgres user cannot reach, naming the folder",
    async () => {
      const privateRoot = mkdtempSync(path.join(tmpdir(), "console-private-"));
      cleanups.push(() => rmSync(privateRoot, { recursive: true, force: true }));
      await expect(
        startPostgresServer({
          dataDir: path.join(privateRoot, "cluster"),
          port: await freePort(),
          password: "unused",
        }),
      ).rejects.toThrow(new RegExp(`"postgres" .* cannot enter ${privateRoot} \\(mode 700\\)`));
    },
    120_000,
  );
});
