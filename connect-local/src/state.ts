/**
 * The endpoint's data: configuration (instances, flows, quick connects, templates, users) from the
 * seed, plus everything the API creates (contacts, attribute bags, idempotency tokens). With a
 * data folder, the whole state is written atomically (temp file, fsync, rename) after every
 * mutation, so a crash never leaves a half-written file, and a bad file is never overwritten.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";

import type { DemoSeed, SeedContact } from "../seed/demo";

export const STATE_VERSION = 1;
export const STATE_FILE = "state.json";
/** Written beside the state file; its presence means "this folder has had state before". */
export const MARKER_FILE = "connect-local.marker";

export type InstanceData = Omit<DemoSeed["instances"][number], "contacts">;

export interface TaskReference {
  Type: string;
  Value: string;
}

/**
 * A contact as stored. Seeded voice/chat contacts carry fixed timestamps; tasks carry what their
 * lifecycle is derived from (see lifecycle.ts), never a stored "state".
 */
export interface StoredContact extends Omit<
  SeedContact,
  | "Channel"
  | "InitiationMethod"
  | "InitiationTimestamp"
  | "DisconnectTimestamp"
  | "DisconnectReason"
  | "Attributes"
> {
  InstanceId: string;
  Channel: string;
  InitiationMethod: string;
  PreviousContactId?: string;
  RelatedContactId?: string;
  /** Fixed start (seeded contacts, unscheduled tasks). Scheduled tasks derive it. */
  InitiationTimestamp?: number;
  ScheduledTimestamp?: number;
  /** Set when the contact ended explicitly (StopContact) or in the seed. Expiry is derived. */
  DisconnectTimestamp?: number;
  DisconnectReason?: string;
  /** Tasks only: creation time (epoch seconds) and lifetime from initiation, in minutes. */
  CreatedTimestamp?: number;
  ExpiryMinutes?: number;
  RescheduleCount?: number;
  /** Tasks only: the queue the task waits in once started (QueueInfo in documented mode). */
  RoutedQueueId?: string;
  TaskTemplateInfo?: { Arn: string; Name: string };
  SegmentAttributes?: Record<string, unknown>;
  References?: Record<string, TaskReference>;
  /** Key into State.attributeBags; contacts chained by PreviousContactId share one bag. */
  AttributeBag: string;
}

export interface ClientTokenEntry {
  requestHash: string;
  contactId: string;
  /** Epoch ms when first used. */
  at: number;
}

export interface State {
  version: number;
  instances: InstanceData[];
  contacts: Record<string, StoredContact>;
  attributeBags: Record<string, Record<string, string>>;
  /** Keyed by `${instanceId}\n${clientToken}`. */
  clientTokens: Record<string, ClientTokenEntry>;
}

/**
 * Sets an own, enumerable property even for keys like `__proto__`: attribute and reference names
 * are caller data, and plain assignment of `__proto__` would change the object's prototype
 * instead of storing the key.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Turns the demo seed into a fresh state. Each seeded contact gets its own attribute bag. */
export function stateFromSeed(seed: DemoSeed): State {
  const state: State = {
    version: STATE_VERSION,
    instances: [],
    contacts: {},
    attributeBags: {},
    clientTokens: {},
  };
  for (const { contacts, ...config } of seed.instances) {
    state.instances.push(config);
    for (const { Attributes, ...c } of contacts) {
      state.contacts[c.Id] = { ...c, InstanceId: config.instance.Id, AttributeBag: c.Id };
      state.attributeBags[c.Id] = { ...Attributes };
    }
  }
  return state;
}

/**
 * Reads the state of a data folder, or returns undefined when the folder is new (missing, or
 * without marker and state file) and must be seeded. Refuses, with an Error that says what to do,
 * when the state file is missing from a used folder, is not JSON, or has another version.
 */
export function loadState(dataDir: string): State | undefined {
  const file = join(dataDir, STATE_FILE);
  const marker = join(dataDir, MARKER_FILE);
  if (!existsSync(file)) {
    if (existsSync(marker)) {
      throw new Error(
        `connect-local: the state file ${file} is missing, but ${dataDir} has been used before (it holds ${MARKER_FILE}). ` +
          `Refusing to start with fresh data over it. To start fresh, delete the folder ${dataDir}.`,
      );
    }
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(
      `connect-local: the state file ${file} is not valid JSON (${(e as Error).message}). It was left untouched; fix or delete it.`,
    );
  }
  const version = (parsed as { version?: unknown } | null)?.version;
  if (version !== STATE_VERSION) {
    throw new Error(
      `connect-local: the state file ${file} has version ${JSON.stringify(version)}, this endpoint reads version ${STATE_VERSION}. ` +
        `It was left untouched; delete the folder ${dataDir} to start fresh.`,
    );
  }
  const state = parsed as State;
  if (
    !Array.isArray(state.instances) ||
    typeof state.contacts !== "object" ||
    typeof state.attributeBags !== "object"
  ) {
    throw new Error(
      `connect-local: the state file ${file} is missing instances, contacts or attributeBags. It was left untouched.`,
    );
  }
  state.clientTokens ??= {};
  return state;
}

/** Writes the state atomically: temp file, fsync, rename over the old file, fsync the folder. */
export function saveState(dataDir: string, state: State): void {
  mkdirSync(dataDir, { recursive: true });
  const marker = join(dataDir, MARKER_FILE);
  if (!existsSync(marker))
    writeFileSync(
      marker,
      "This folder holds the state of connect-local. Delete the folder to start fresh.\n",
    );
  const file = join(dataDir, STATE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, "w");
  try {
    writeFileSync(fd, JSON.stringify(state));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  try {
    const dirFd = openSync(dataDir, "r");
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename itself is still atomic.
  }
}
