/**
 * The CLI's flags and environment variables, parsed into ConnectLocalOptions. Kept apart from
 * cli.ts (which starts serving when it loads) so tests can parse without starting a server.
 */
import { resolve } from "node:path";

import {
  TIMESTAMP_MODES,
  type ConnectLocalOptions,
  type ConnectLocalRules,
  type TimestampMode,
} from "./options";

export const USAGE = `Usage: npm run connect:local -- [options]

  --port <n>                    TCP port on 127.0.0.1 (0 = any free port)   env CONNECT_LOCAL_PORT, default 4599
  --host <address>              address to bind                              env CONNECT_LOCAL_HOST, default 127.0.0.1
  --data-dir <dir>              folder for state.json                        env CONNECT_LOCAL_DATA_DIR, default .data/connect-local
  --no-throttle                 turn off Connect's per-operation rate limits env CONNECT_LOCAL_THROTTLE=off
  --schedule-horizon-days <n>   how far ahead a task may be scheduled        env CONNECT_LOCAL_SCHEDULE_HORIZON_DAYS, default 6
  --max-linked-tasks <n>        tasks per PreviousContactId                  env CONNECT_LOCAL_MAX_LINKED_TASKS, default 12
  --timestamps <mode>           documented or legacy (see README)            env CONNECT_LOCAL_TIMESTAMPS, default documented
  --help                        show this text`;

export class UsageError extends Error {}

/** Flags that take a value, with the environment variable each falls back to. */
const VALUE_FLAGS: Record<string, string> = {
  "--port": "CONNECT_LOCAL_PORT",
  "--host": "CONNECT_LOCAL_HOST",
  "--data-dir": "CONNECT_LOCAL_DATA_DIR",
  "--schedule-horizon-days": "CONNECT_LOCAL_SCHEDULE_HORIZON_DAYS",
  "--max-linked-tasks": "CONNECT_LOCAL_MAX_LINKED_TASKS",
  "--timestamps": "CONNECT_LOCAL_TIMESTAMPS",
};

export function parseCli(
  argv: string[],
  env: Record<string, string | undefined>,
): ConnectLocalOptions | "help" {
  const values: Record<string, string> = {};
  for (const [flag, variable] of Object.entries(VALUE_FLAGS)) {
    const fromEnv = env[variable];
    if (fromEnv !== undefined && fromEnv !== "") values[flag] = fromEnv;
  }
  let throttling = true;
  const throttleEnv = env.CONNECT_LOCAL_THROTTLE?.toLowerCase();
  if (throttleEnv !== undefined && throttleEnv !== "") {
    if (["off", "false", "0", "no"].includes(throttleEnv)) throttling = false;
    else if (!["on", "true", "1", "yes"].includes(throttleEnv))
      throw new UsageError(`CONNECT_LOCAL_THROTTLE must be on or off, got "${throttleEnv}"`);
  }

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--no-throttle") {
      throttling = false;
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!(flag in VALUE_FLAGS)) throw new UsageError(`unknown option "${arg}"`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === "") throw new UsageError(`${flag} needs a value`);
    values[flag] = value;
  }

  const rules: Partial<ConnectLocalRules> = {};
  const horizon = values["--schedule-horizon-days"];
  if (horizon !== undefined)
    rules.scheduleHorizonSeconds = Math.round(
      positive(horizon, "--schedule-horizon-days") * 86_400,
    );
  const linked = values["--max-linked-tasks"];
  if (linked !== undefined)
    rules.maxLinkedTasksPerContact = integer(linked, "--max-linked-tasks", 1);
  const timestamps = values["--timestamps"] ?? "documented";
  if (!TIMESTAMP_MODES.includes(timestamps as TimestampMode))
    throw new UsageError(`--timestamps must be documented or legacy, got "${timestamps}"`);
  const port = values["--port"];
  return {
    port: port === undefined ? 4599 : integer(port, "--port", 0, 65_535),
    host: values["--host"] ?? "127.0.0.1",
    dataDir: resolve(values["--data-dir"] ?? ".data/connect-local"),
    throttling,
    timestamps: timestamps as TimestampMode,
    rules,
  };
}

function integer(raw: string, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

function positive(raw: string, name: string): number {
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || n <= 0)
    throw new UsageError(`${name} must be a positive number, got "${raw}"`);
  return n;
}
