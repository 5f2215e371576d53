/**
 * README.md, Security: the logs promise, for the logger's own settings: what it censors and how
 * it writes a line. The lines the console's code really writes are in log.test.ts.
 */
import type { Logger } from "pino";
import { describe, expect, it } from "vitest";

import { REDACTED, createLogger } from "./log";

function captured(): { lines: string[]; logger: Logger } {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: "info" }, { write: (line) => lines.push(line) }) };
}
const parse = (line: string) => JSON.parse(line) as Record<string, unknown>;

describe("the logger", () => {
  it("censors passwords, tokens, cookies and AWS credentials wherever they sit", () => {
    const { lines, logger } = captured();
    const error = Object.assign(new Error("boom"), { password: "canary-in-error" });
    logger.info(
      {
        user: { id: "u-1", password: "canary-password" },
        request: {
          headers: {
            authorization: "Bearer canary-bearer",
            cookie: "better-auth.session_token=canary-cookie",
            "set-cookie": ["canary-set-cookie"],
          },
          body: { token: "canary-token", ClientToken: "0b7c2a4e-keep-me" },
        },
        aws: { config: { secretAccessKey: "canary-secret-key", sessionToken: "canary-session" } },
        deep: { a: { b: { c: { password: "canary-deep" } } } },
        err: error,
      },
      "with secrets",
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/canary/);
    const line = parse(lines[0]!);
    expect(line).toMatchObject({
      user: { id: "u-1", password: REDACTED },
      request: {
        headers: { authorization: REDACTED, cookie: REDACTED, "set-cookie": REDACTED },
        body: { token: REDACTED, ClientToken: "0b7c2a4e-keep-me" },
      },
      aws: { config: { secretAccessKey: REDACTED, sessionToken: REDACTED } },
      deep: { a: { b: { c: { password: REDACTED } } } },
      // An error's own properties are not logged at all, only its name, message, code and stack.
      err: { type: "Error", message: "boom" },
      msg: "with secrets",
    });
  });

  it("censors a child's bindings and array items, and leaves the logged objects as they were", () => {
    const { lines, logger } = captured();
    const logged = {
      calls: [{ operation: "Describe", credentials: { secretAccessKey: "canary" } }],
    };
    Object.freeze(logged.calls[0]);
    const child = logger.child({ module: "m", token: "canary-binding" });
    child.child({ step: "s" }).warn(logged, "with a secret in a list");
    const line = parse(lines[0]!);
    expect(lines[0]).not.toMatch(/canary/);
    expect(line).toMatchObject({
      module: "m",
      token: REDACTED,
      step: "s",
      calls: [{ operation: "Describe", credentials: REDACTED }],
    });
    expect(logged.calls[0]!.credentials.secretAccessKey).toBe("canary");
  });

  it("writes user text with newlines as one JSON line: it cannot forge another", () => {
    const { lines, logger } = captured();
    const typed = 'Call back about order 42\n{"level":50,"msg":"forged"}\r\n';
    logger.info({ taskName: typed }, typed);
    const output = lines.join("");
    expect(output.split("\n")).toEqual([expect.any(String), ""]);
    const line = parse(output.trim());
    expect(line).toMatchObject({ level: 30, taskName: typed, msg: typed });
  });
});
