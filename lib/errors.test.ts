/**
 * The vocabulary is complete: every code the console's sources, tests and benchmarks write or
 * compare is a row of the table (or one of the few codes of other vocabularies, named below with
 * where they come from), and every row says its status, retryability and message.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import {
  AppError,
  CONNECT_ERROR_CODES,
  ERRORS,
  connectCode,
  isErrorCode,
  isRetryable,
  logOutcomeOf,
  toFailure,
} from "./errors";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SCANNED = ["app", "lib", "components", "e2e", "bench", "test-support"];

/** Codes the console compares but does not own. */
const FOREIGN_CODES: Record<string, string> = {
  // Better Auth's APIError body codes (lib/server/auth/auth.ts, lib/server/users/manage.ts,
  // app/(auth)/sign-in/actions/sign-in.ts).
  TOO_MANY_ATTEMPTS: "Better Auth",
  BANNED_USER: "Better Auth",
  USER_ALREADY_EXISTS: "Better Auth",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "Better Auth",
  YOU_CANNOT_BAN_YOURSELF: "Better Auth",
  USER_NOT_FOUND: "Better Auth",
  INVALID_EMAIL_OR_PASSWORD: "Better Auth",
  EMAIL_PASSWORD_SIGN_UP_DISABLED: "Better Auth",
};
/** Node's system error codes (ECONNREFUSED, ENOENT...), read from errors Node raises. */
const NODE_ERRNO = /^E[A-Z]+$/;
/**
 * Settings, not codes: the console's CONNECT_* variables and the local endpoint's
 * CONNECT_LOCAL_* ones share the Connect codes' prefix, and the test tools name them in quotes.
 */
const SETTING =
  /^CONNECT_(?:LOCAL_[A-Z0-9_]*|ENDPOINT|INSTANCE_ID|[A-Z_]+_(?:MS|MINUTES|ATTEMPTS|LIMITS|TASKS))$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Where a code is written or compared: `code: "X"`, `.code === "X"`, `new AppError("X"`... */
const CODE_POSITIONS = [
  /\bcode\??\s*[!=]==\s*"([A-Z][A-Z0-9_]+)"/g,
  /\b(?:code|errorCode):\s*"([A-Z][A-Z0-9_]+)"/g,
  /new AppError\(\s*"([A-Z][A-Z0-9_]+)"/g,
  /"(CONNECT_[A-Z0-9_]+)"/g,
];

function codesInSources() {
  const found = new Map<string, string>();
  for (const file of SCANNED.flatMap((dir) => sourceFiles(path.join(ROOT, dir)))) {
    if (file === fileURLToPath(import.meta.url)) continue;
    const source = readFileSync(file, "utf8");
    for (const pattern of CODE_POSITIONS) {
      for (const match of source.matchAll(pattern))
        if (!found.has(match[1]!)) found.set(match[1]!, path.relative(ROOT, file));
    }
  }
  return found;
}

describe("the error vocabulary", () => {
  it("has a row for every code the sources write or compare", () => {
    const found = codesInSources();
    // The scan does see the codes in use (a scan that finds nothing would pass).
    expect([...found.keys()]).toEqual(
      expect.arrayContaining(["CONNECT_THROTTLED", "CONFLICT", "UNAUTHENTICATED", "FORBIDDEN"]),
    );
    const unknown = [...found].filter(
      ([code]) =>
        !isErrorCode(code) &&
        !(CONNECT_ERROR_CODES as readonly string[]).includes(code) &&
        !(code in FOREIGN_CODES) &&
        !NODE_ERRNO.test(code) &&
        !SETTING.test(code),
    );
    expect(unknown).toEqual([]);
  });

  it("has a row for every code Connect failures are mapped to", () => {
    for (const code of CONNECT_ERROR_CODES) expect(isErrorCode(connectCode(code))).toBe(true);
  });

  it("gives every row a status, a retryability and a message", () => {
    for (const [code, info] of Object.entries(ERRORS)) {
      expect(info.status, code).toBeGreaterThanOrEqual(400);
      expect(info.status, code).toBeLessThan(600);
      expect(typeof info.isRetryable, code).toBe("boolean");
      expect(info.message, code).toMatch(/\S.*[.!]$/);
    }
  });

  it("calls busy Connect, a timeout and an unreachable Connect retryable, and nothing else of Connect's", () => {
    const retryable = CONNECT_ERROR_CODES.filter((code) => isRetryable(connectCode(code)));
    expect(retryable).toEqual(["THROTTLED", "TIMEOUT", "UNAVAILABLE"]);
  });

  it("counts refusals at the door as denied and bad input as invalid in the log", () => {
    expect(logOutcomeOf("UNAUTHENTICATED")).toBe("denied");
    expect(logOutcomeOf("FORBIDDEN")).toBe("denied");
    expect(logOutcomeOf("INVALID_INPUT")).toBe("invalid");
    expect(logOutcomeOf("CONNECT_TIMEOUT")).toBe("failure");
    expect(logOutcomeOf("CONNECT_TIMEOUT", true)).toBe("unknown");
  });
});

describe("AppError", () => {
  it("carries the table's message unless given one", () => {
    expect(new AppError("CONNECT_THROTTLED").message).toBe(ERRORS.CONNECT_THROTTLED.message);
    expect(new AppError("CONFLICT", { message: "Moved meanwhile." }).message).toBe(
      "Moved meanwhile.",
    );
  });

  it("becomes the failure actions return, at the field its code belongs to", () => {
    expect(toFailure(new AppError("CONNECT_IDEMPOTENCY_CONFLICT"))).toEqual({
      ok: false,
      code: "CONNECT_IDEMPOTENCY_CONFLICT",
      formError: ERRORS.CONNECT_IDEMPOTENCY_CONFLICT.message,
      fieldErrors: { clientToken: [ERRORS.CONNECT_IDEMPOTENCY_CONFLICT.message] },
    });
    // Its own fields win; an unknown outcome is about the whole request.
    const named = new AppError("CONNECT_QUOTA_LINKED_TASKS", { fieldErrors: { x: ["y"] } });
    expect(toFailure(named).fieldErrors).toEqual({ x: ["y"] });
    const unknown = toFailure(new AppError("CONNECT_IDEMPOTENCY_CONFLICT"), {
      isOutcomeUnknown: true,
    });
    expect(unknown).toMatchObject({ fieldErrors: {}, isOutcomeUnknown: true });
    expect(toFailure(new AppError("FORBIDDEN", { requiredPermission: "users.manage" }))).toEqual({
      ok: false,
      code: "FORBIDDEN",
      formError: "Your role does not allow this.",
      fieldErrors: {},
      requiredPermission: "users.manage",
    });
  });
});
