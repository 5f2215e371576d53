/** Every free text of a task's change is bounded, with a message next to the field. */
import { describe, expect, it } from "vitest";

import { createRescheduleSchema } from "./changes";
import { SECONDS_PER_DAY } from "./limits";

const messages = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) =>
  Object.fromEntries(
    (result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]),
  );

describe("bounded inputs", () => {
  const reschedule = createRescheduleSchema({
    now: () => new Date("2026-11-24T12:00:00Z"),
    horizonSeconds: 6 * SECONDS_PER_DAY,
  });
  const target = { instanceId: "i-1", contactId: "c-1" };

  it("reschedule: the local time, the zone and the task's current time", () => {
    expect(
      messages(
        reschedule.safeParse({
          ...target,
          mode: "at",
          scheduledLocal: "2".repeat(33),
          timeZone: "Europe/".repeat(20),
        }),
      ),
    ).toEqual({
      scheduledLocal: "Pick a date and time.",
      timeZone: "Choose a time zone from the list.",
    });
    expect(
      messages(
        reschedule.safeParse({
          ...target,
          mode: "at",
          scheduledLocal: "2026-11-25T09:30",
          timeZone: "europe/berlin",
        }),
      ),
    ).toEqual({ timeZone: "Choose a time zone from the list." });
    expect(
      messages(
        reschedule.safeParse({
          ...target,
          mode: "offset",
          offsetMinutes: 15,
          fromScheduledAt: `2026-11-25T09:30:00${"0".repeat(100)}Z`,
        }),
      ),
    ).toEqual({ fromScheduledAt: "Missing the task's current time." });
  });
});
