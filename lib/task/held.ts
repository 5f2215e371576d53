/**
 * Held tasks in the browser's and the server's terms (neutral module): their console id, which
 * `/tasks/<id>` tells apart from Connect's ContactIds, and the states a person is shown.
 */
import { z } from "zod";

export const HELD_ID_PREFIX = "held-";

export function isHeldTaskId(id: string): boolean {
  return id.startsWith(HELD_ID_PREFIX);
}

export const heldTaskIdSchema = z
  .string()
  .regex(/^held-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "Not a held task id.");

export const heldTaskRefSchema = z.object({ id: heldTaskIdSchema });

export const HELD_STATE_LABELS = {
  held: "Held",
  paused: "Paused",
  releasing: "Sending to Connect",
  released: "In Connect",
  release_failed: "Release failed",
  cancelled: "Cancelled",
} as const;
export type HeldStateName = keyof typeof HELD_STATE_LABELS;
