/**
 * The settings of the e2e suite and the bench tools, validated once (zod) and read from here
 * only: where the e2e console and its local Connect endpoint listen, their data folders,
 * Playwright's output and stored sign-ins, Chromium, the build, and the bench's and proofs' run
 * sizes (BENCH_RUNS, LIGHTHOUSE_RUNS, FUZZ_*, SOAK_*). Every target is on this machine:
 * the suite creates and disables users, injects faults and reads the endpoint's state file, so a
 * host that is not a loopback address is refused, and the consoles the tools start take no
 * setting from the shell or `.env.local` that the tools did not give them (`testConsoleEnv`).
 */
import path from "node:path";

import { z } from "zod";

import { SERVER_ENV_KEYS } from "../lib/env";

const port = z.coerce
  .number({ error: "must be a port number" })
  .int("must be a port number")
  .min(1024, "must be a port from 1024 to 65535")
  .max(65_535, "must be a port from 1024 to 65535");

/** A run size: unset means the script's own default. */
const count = z.coerce
  .number({ error: "must be a whole number" })
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .optional();

function isPattern(value: string): boolean {
  try {
    new RegExp(value);
    return true;
  } catch {
    return false;
  }
}

const schema = z
  .object({
    /** Where both e2e servers listen and the browser goes: a loopback address, never a host. */
    E2E_HOST: z
      .string()
      .regex(
        /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/,
        "must be a loopback address (127.x.x.x): the e2e suite changes what it runs against",
      )
      .default("127.0.0.1"),
    /** Overridable so several checkouts can run the suite side by side. */
    E2E_CONSOLE_PORT: port.default(3100),
    E2E_CONNECT_PORT: port.default(4610),
    E2E_OUTPUT_DIR: z.string().default("test-results"),
    /** Debian's Chromium: the suite and Lighthouse never download a browser. */
    CHROMIUM_PATH: z
      .string()
      .refine((value) => path.isAbsolute(value), "must be an absolute path")
      .default("/usr/bin/chromium"),
    /** The build the e2e suite and the bench read (Next's distDir, next.config.mjs). */
    NEXT_DIST_DIR: z.string().default(".next"),
    CI: z.string().optional(),
    /** Samples per figure of `npm run bench`. */
    BENCH_RUNS: count,
    LIGHTHOUSE_RUNS: count,
    /** Cases of the fuzzer, its seed (to replay a run) and a pattern on the targets' labels. */
    FUZZ_RUNS: count,
    FUZZ_SEED: z.coerce
      .number({ error: "must be a whole number" })
      .int("must be a whole number")
      .min(0, "must be 0 or more")
      .optional(),
    FUZZ_TARGETS: z.string().refine(isPattern, "must be a regular expression").optional(),
    /** Tasks the fault soak submits (its command-line argument wins), and how many at once. */
    SOAK_TASKS: count,
    SOAK_CONCURRENCY: count,
  })
  .refine((env) => env.E2E_CONSOLE_PORT !== env.E2E_CONNECT_PORT, {
    path: ["E2E_CONNECT_PORT"],
    error: "must differ from E2E_CONSOLE_PORT",
  });

export interface TestEnv {
  host: string;
  consolePort: number;
  connectPort: number;
  /** The e2e console, Playwright's baseURL. */
  consoleUrl: string;
  /** The e2e run's local Connect endpoint (SDK and admin API). */
  connectUrl: string;
  /** Per console port, so side-by-side runs never share data; emptied at each run's start. */
  consoleDataDir: string;
  connectDataDir: string;
  /** The endpoint's state file, to count what exists in "Connect". */
  connectStateFile: string;
  outputDir: string;
  /** Signed-in browser states per role (e2e/auth.setup.ts); under the output folder, ignored by git. */
  authStateDir: string;
  chromiumPath: string;
  distDir: string;
  isCi: boolean;
  /** Run sizes set for the bench and the proofs; each script has its own default for unset. */
  runs: {
    bench?: number;
    lighthouse?: number;
    fuzz?: number;
    fuzzSeed?: number;
    fuzzTargets?: string;
    soakTasks?: number;
    soakConcurrency?: number;
  };
}

export class TestEnvError extends Error {
  override name = "TestEnvError";
}

/** Empty means unset, as in lib/env.ts (a blank `export X=` must not fail or count). */
export function parseTestEnv(source: Record<string, string | undefined>): TestEnv {
  const present = Object.fromEntries(
    Object.entries(source).filter(([key, value]) => key in schema.shape && value !== ""),
  );
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  ${String(issue.path[0] ?? "(env)")}: ${issue.message}`,
    );
    throw new TestEnvError(`Invalid test environment:\n${lines.join("\n")}`);
  }
  const env = result.data;
  const dataRoot = path.join(".data", `e2e-${env.E2E_CONSOLE_PORT}`);
  const connectDataDir = path.join(dataRoot, "connect-local");
  return {
    host: env.E2E_HOST,
    consolePort: env.E2E_CONSOLE_PORT,
    connectPort: env.E2E_CONNECT_PORT,
    consoleUrl: `http://${env.E2E_HOST}:${env.E2E_CONSOLE_PORT}`,
    connectUrl: `http://${env.E2E_HOST}:${env.E2E_CONNECT_PORT}`,
    consoleDataDir: path.join(dataRoot, "console"),
    connectDataDir,
    connectStateFile: path.join(connectDataDir, "state.json"),
    outputDir: env.E2E_OUTPUT_DIR,
    authStateDir: path.join(env.E2E_OUTPUT_DIR, ".auth"),
    chromiumPath: env.CHROMIUM_PATH,
    distDir: env.NEXT_DIST_DIR,
    isCi: Boolean(env.CI),
    runs: {
      bench: env.BENCH_RUNS,
      lighthouse: env.LIGHTHOUSE_RUNS,
      fuzz: env.FUZZ_RUNS,
      fuzzSeed: env.FUZZ_SEED,
      fuzzTargets: env.FUZZ_TARGETS,
      soakTasks: env.SOAK_TASKS,
      soakConcurrency: env.SOAK_CONCURRENCY,
    },
  };
}

export const TEST_ENV: TestEnv = parseTestEnv(process.env);

/**
 * The flags every test and bench start Debian's Chromium with: no sandbox (tests run as root),
 * no GPU, and none of the background fetches and updates a browser makes on its own (only
 * 127.0.0.1 is reachable here).
 */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** The e2e console's attempts per Connect call (SDK retries included); the retry specs count them. */
export const E2E_CONNECT_MAX_ATTEMPTS = 3;

/**
 * The settings of a console or local endpoint started by a test tool: every console setting and
 * every CONNECT_LOCAL_* setting of `source` blank, then exactly `settings`. Blank counts as unset
 * for both (lib/env.ts, connect-local's CLI), and Next does not fill a variable that is set, even
 * to "", from `.env.local`: so a DATABASE_URL or sign-in limit of the developer's can never reach
 * a test console, which creates accounts with published passwords, nor a linked-task limit of
 * theirs the e2e endpoint. For a launcher that adds the process's environment itself
 * (Playwright's webServer); `testConsoleEnv` is the whole environment for `spawn`.
 */
export function testServerSettings(
  settings: Record<string, string>,
  source: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const endpointKeys = Object.keys(source).filter((key) => key.startsWith("CONNECT_LOCAL_"));
  const blank = Object.fromEntries([...SERVER_ENV_KEYS, ...endpointKeys].map((key) => [key, ""]));
  return { ...blank, ...settings };
}

/** The caller's environment (PATH, HOME, Node's own settings) with `testServerSettings`. */
export function testConsoleEnv(
  settings: Record<string, string>,
  source: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  return { ...source, ...testServerSettings(settings, source) };
}
