import "server-only";

/**
 * Statuses come from Connect through a shared cache (the contact_snapshot table): a snapshot
 * younger than `STATUS_MAX_AGE_MS` is served as is, a final one is never read again, and a page
 * asks Connect about at most `REFRESH_BATCH` contacts per request. So ten people opening the list
 * at once cost Connect what one does, and nothing polls.
 */
import { inArray } from "drizzle-orm";

import { type ContactSummary, describeContact } from "@/lib/server/connect/contacts";
import { ConnectError } from "@/lib/server/connect/errors";
import type { Database } from "@/lib/server/db";
import { contactSnapshot } from "@/lib/server/db/schema";
import { FINAL_STATUSES, type TaskStatus, deriveTaskStatus } from "@/lib/task/status";

export const STATUS_MAX_AGE_MS = 30_000;
/** A forced refresh (the Refresh button) still skips what was checked this recently. */
export const FORCED_REFRESH_MIN_AGE_MS = 5_000;
export const REFRESH_BATCH = 25;
/** A task created this recently may not be visible to DescribeContact yet (eventual consistency). */
const JUST_CREATED_MS = 60_000;

export function isJustCreated(createdAt: Date | null | undefined, now: Date = new Date()): boolean {
  return createdAt != null && now.getTime() - createdAt.getTime() < JUST_CREATED_MS;
}
const CONCURRENCY = 4;

export interface Snapshot {
  contactId: string;
  instanceId: string;
  status: TaskStatus;
  scheduledAt: Date | null;
  contact: ContactSummary;
  checkedAt: Date;
}

type SnapshotRow = typeof contactSnapshot.$inferSelect;

const DATE_FIELDS = [
  "initiatedAt",
  "scheduledAt",
  "lastUpdatedAt",
  "enqueuedAt",
  "disconnectedAt",
] as const satisfies (keyof ContactSummary)[];

export function fromSnapshotRow(row: SnapshotRow): Snapshot {
  const stored = row.contact as Record<string, unknown>;
  const contact = { ...stored } as unknown as ContactSummary;
  for (const field of DATE_FIELDS) {
    const value = stored[field];
    contact[field] = typeof value === "string" ? new Date(value) : null;
  }
  return {
    contactId: row.contactId,
    instanceId: row.instanceId,
    status: row.status,
    scheduledAt: row.scheduledAt,
    contact,
    checkedAt: row.checkedAt,
  };
}

/** Stores what Connect just answered; returns it as a snapshot. */
export async function saveSnapshot(
  db: Database,
  contact: ContactSummary,
  now: Date = new Date(),
): Promise<Snapshot> {
  const values = {
    contactId: contact.id,
    instanceId: contact.instanceId,
    status: deriveTaskStatus(contact, now),
    scheduledAt: contact.scheduledAt,
    contact: JSON.parse(JSON.stringify(contact)) as unknown,
    checkedAt: now,
  };
  await db
    .insert(contactSnapshot)
    .values(values)
    .onConflictDoUpdate({
      target: contactSnapshot.contactId,
      set: {
        instanceId: values.instanceId,
        status: values.status,
        scheduledAt: values.scheduledAt,
        contact: values.contact,
        checkedAt: values.checkedAt,
      },
    });
  return { ...values, contact };
}

export async function loadSnapshots(
  db: Database,
  contactIds: string[],
): Promise<Map<string, Snapshot>> {
  if (contactIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(contactSnapshot)
    .where(inArray(contactSnapshot.contactId, contactIds));
  return new Map(rows.map((row) => [row.contactId, fromSnapshotRow(row)]));
}

export function needsRefresh(snapshot: Snapshot | undefined, maxAgeMs: number, now: Date): boolean {
  if (!snapshot) return true;
  if (FINAL_STATUSES.includes(snapshot.status)) return false;
  return now.getTime() - snapshot.checkedAt.getTime() >= maxAgeMs;
}

export interface RefreshTarget {
  instanceId: string;
  contactId: string;
  /** When the console created it, if it did: a very new task gets the not-found retry. */
  createdAt?: Date | null;
}

export interface RefreshReport {
  refreshed: number;
  /** Contact id -> why Connect could not tell (throttled, not found...). */
  failures: Map<string, ConnectError>;
  /** Stale or never-checked contacts left for a later request (beyond REFRESH_BATCH). */
  deferred: Set<string>;
}

/** Describes one contact and stores the answer. */
export async function refreshSnapshot(
  db: Database,
  target: RefreshTarget,
  now: Date = new Date(),
): Promise<Snapshot> {
  const contact = await describeContact(target.instanceId, target.contactId, {
    retryNotFound: isJustCreated(target.createdAt, now),
  });
  return saveSnapshot(db, contact);
}

/** In-process single flight: two pages asking about one contact share one DescribeContact. */
const inFlight = new Map<string, Promise<Snapshot>>();

function refreshOnce(db: Database, target: RefreshTarget): Promise<Snapshot> {
  const running = inFlight.get(target.contactId);
  if (running) return running;
  const call = refreshSnapshot(db, target).finally(() => inFlight.delete(target.contactId));
  inFlight.set(target.contactId, call);
  return call;
}

/**
 * Refreshes the stale snapshots among `targets` (at most `REFRESH_BATCH`, in the given order).
 * Failures are reported, never thrown: a page still shows the last known status.
 */
export async function refreshStale(
  db: Database,
  targets: RefreshTarget[],
  { maxAgeMs = STATUS_MAX_AGE_MS, now = new Date() }: { maxAgeMs?: number; now?: Date } = {},
): Promise<RefreshReport> {
  const known = await loadSnapshots(
    db,
    targets.map((target) => target.contactId),
  );
  const due = targets.filter((target) => needsRefresh(known.get(target.contactId), maxAgeMs, now));
  const stale = due.slice(0, REFRESH_BATCH);
  const report: RefreshReport = {
    refreshed: 0,
    failures: new Map(),
    deferred: new Set(due.slice(REFRESH_BATCH).map((target) => target.contactId)),
  };
  let next = 0;
  const worker = async () => {
    while (next < stale.length) {
      const target = stale[next++]!;
      try {
        await refreshOnce(db, target);
        report.refreshed++;
      } catch (error) {
        if (!(error instanceof ConnectError)) throw error;
        report.failures.set(target.contactId, error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, stale.length) }, worker));
  return report;
}
