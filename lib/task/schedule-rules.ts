/**
 * Connect's rule for a ScheduledTime, in the console's words: a local time that exists in its
 * zone, in the future, within the horizon. The task schema, reschedules and held tasks ask it,
 * each with its own clock and horizon (or the console's furthest schedule, for what it holds).
 */
import { horizonDays } from "./limits";
import { describeDistance, zonedLocalToInstant } from "./zoned-time";

/** Why a schedule in `timeZone` cannot be used, or null. */
export function scheduleProblem(
  local: string,
  timeZone: string,
  now: Date,
  horizonSeconds: number,
): string | null {
  const result = zonedLocalToInstant(local, timeZone);
  if (!result.ok) {
    return result.reason === "nonexistent"
      ? `This time does not exist in ${timeZone} (the clocks change then). Pick another time.`
      : "Pick a date and time.";
  }
  return instantProblem(result.instant, now, horizonSeconds);
}

/**
 * Connect's rule for ScheduledTime: in the future, and within the horizon. With the console's
 * furthest schedule (SCHEDULE_MAX_DAYS) as `horizonSeconds`, the rule of a task it may hold.
 */
export function instantProblem(at: Date, now: Date, horizonSeconds: number): string | null {
  if (at.getTime() <= now.getTime())
    return `This time is in the past (${describeDistance(now, at)}).`;
  if (at.getTime() > now.getTime() + horizonSeconds * 1000) {
    const days = horizonDays(horizonSeconds);
    return `Tasks can be scheduled at most ${days} days ahead.`;
  }
  return null;
}
