import { describe, expect, it } from "vitest";

import { afterResponse } from "./after-response";

describe("work after the response", () => {
  it("runs at once, and is awaited, where there is no request to answer first (a job, a test)", async () => {
    const done: string[] = [];
    const pending = afterResponse(async () => {
      await Promise.resolve();
      done.push("completed");
    });
    expect(done).toEqual([]);
    await pending;
    expect(done).toEqual(["completed"]);
  });
});
