/**
 * State on disk: a data dir survives restarts; a corrupt or missing state file is an error, never a
 * silent reseed.
 */
import { mkdtemp, readFile, readdir, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import {
  ListUsersCommand,
  StopContactCommand,
  UpdateContactScheduleCommand,
} from "@aws-sdk/client-connect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { startConnectLocal } from "../index";
import {
  DEMO_IDS,
  HOUR,
  INSTANCE,
  describeContact,
  ms,
  startHarness,
  startTask,
  type Harness,
} from "./helpers";

let dir: string;
const open: Harness[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "connect-local-test-"));
});
afterEach(async () => {
  for (const hh of open.splice(0)) await hh.stop();
  await rm(dir, { recursive: true, force: true });
});
const start = async (options: Parameters<typeof startHarness>[0] = {}) => {
  const hh = await startHarness({ dataDir: dir, ...options });
  open.push(hh);
  return hh;
};

describe("persistence", () => {
  it("seeds an empty dir, writes state.json, and serves the seed", async () => {
    const hh = await start();
    expect(hh.running.instanceId).toBe(INSTANCE);
    const users = await hh.client.send(new ListUsersCommand({ InstanceId: INSTANCE }));
    expect(users.UserSummaryList).toHaveLength(12);
    await hh.stop();
    expect(await readdir(dir)).toContain("state.json");
    const text = await readFile(join(dir, "state.json"), "utf8");
    expect(() => {
      JSON.parse(text);
    }).not.toThrow();
  });

  it("a task survives a restart with the same fields", async () => {
    const first = await start();
    const at = first.clock.now + 2 * HOUR;
    const id = await startTask(first.client, {
      Name: "Persist me",
      Description: "across restarts",
      ScheduledTime: new Date(at),
      PreviousContactId: DEMO_IDS.contacts.voiceBillingCall,
      TaskTemplateId: DEMO_IDS.taskTemplates.fieldVisitNoFlow,
      Attributes: { k: "v" },
      SegmentAttributes: {
        "connect:ContactExpiry": { ValueMap: { ExpiryDuration: { ValueInteger: 120 } } },
      },
    });
    const stopped = await startTask(first.client, { Name: "Stopped one" });
    await first.client.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: stopped }));
    await first.client.send(
      new UpdateContactScheduleCommand({
        InstanceId: INSTANCE,
        ContactId: id,
        ScheduledTime: new Date(at + HOUR),
      }),
    );
    const before = await describeContact(first.client, id);
    await first.stop();

    const second = await start();
    const after = await describeContact(second.client, id);
    expect(after).toEqual(before);
    expect(after.Name).toBe("Persist me");
    expect(ms(after.ScheduledTimestamp)).toBe(at + HOUR);
    expect(after.TaskTemplateInfo?.Name).toBe("Field visit");
    const s = await describeContact(second.client, stopped);
    expect(s.DisconnectReason).toBe("API");
  });

  it("idempotency tokens survive a restart", async () => {
    const first = await start();
    const id = await startTask(first.client, { ClientToken: "persisted-token" });
    await first.stop();
    const second = await start();
    expect(await startTask(second.client, { ClientToken: "persisted-token" })).toBe(id);
  });

  it("a corrupt state.json makes startConnectLocal reject, naming the file", async () => {
    const first = await start();
    await first.stop();
    await writeFile(join(dir, "state.json"), "{ this is not json ]]");
    const err = await startConnectLocal({ port: 0, dataDir: dir, throttling: false }).then(
      async (r) => {
        await r.stop();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/state\.json/);
    // The corrupt file is left as it was.
    expect(await readFile(join(dir, "state.json"), "utf8")).toBe("{ this is not json ]]");
  });

  it("a data dir whose state.json was deleted after a first start is refused, not reseeded", async () => {
    const first = await start();
    await startTask(first.client);
    await first.stop();
    await unlink(join(dir, "state.json"));
    const err = await startConnectLocal({ port: 0, dataDir: dir, throttling: false }).then(
      async (r) => {
        await r.stop();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/state\.json/);
    expect(await readdir(dir)).not.toContain("state.json");
  });

  it("without dataDir, state is lost on stop", async () => {
    const first = await startHarness();
    open.push(first);
    const id = await startTask(first.client);
    await first.stop();
    const second = await startHarness();
    open.push(second);
    await expect(describeContact(second.client, id)).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
  });
});
