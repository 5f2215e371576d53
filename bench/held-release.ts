/**
 * `npm run test:held-release`: a held task reaches Connect in real time. The built console and
 * the local endpoint both run with a 1-day scheduling horizon (SCHEDULE_HORIZON_DAYS=1 and the
 * endpoint's scheduleHorizonSeconds), with Connect's default throttling on. A team lead submits
 * a task scheduled 1 day and 2 minutes ahead through the composer's action: it must be held (no
 * StartTaskContact), and the console's release job must send it, without anyone asking, within
 * 3 minutes of real time: exactly one StartTaskContact with its ClientToken, and the contact
 * read back through the real SDK has the chosen ScheduledTimestamp. Exits 1 when any of that fails.
 */
import { ConnectClient, DescribeContactCommand } from "@aws-sdk/client-connect";

import { sleep, startCalls, waitFor } from "./bulk-support";
import { builtAction } from "./soak-user";
import { DEMO_IDS } from "../connect-local/index";
import { DEMO_ACCOUNTS } from "../lib/demo-accounts";
import { emptyTask } from "../lib/task/schema";
import { callAction, signInCookie } from "../test-support/action-client";
import { startConsoleStack } from "../test-support/console-process";

const DAY_MS = 86_400_000;
const AHEAD_MS = DAY_MS + 2 * 60_000;
const DEADLINE_MS = 3 * 60_000;

const problems: string[] = [];
const check = (isOk: boolean, problem: string) => {
  if (!isOk) problems.push(problem);
};

const stack = await startConsoleStack({
  label: "held-release",
  throttling: true,
  env: { SCHEDULE_HORIZON_DAYS: "1" },
  connectRules: { scheduleHorizonSeconds: DAY_MS / 1000 },
});
try {
  const { base, connectUrl } = stack;
  const cookie = await signInCookie(
    base,
    builtAction("app/(auth)/sign-in/actions/sign-in.ts#signIn"),
    DEMO_ACCOUNTS.lead.email,
    DEMO_ACCOUNTS.lead.password,
  );
  // The composer has minutes: start on a whole minute, so the task is exactly 1 day 2 min ahead.
  await sleep(60_000 - (Date.now() % 60_000));
  const submittedAt = Date.now();
  const scheduledAt = new Date(Math.floor((submittedAt + AHEAD_MS) / 60_000) * 60_000);
  const clientToken = crypto.randomUUID();
  const submitted = await callAction(
    base,
    builtAction("app/(console)/tasks/new/actions/start-task.ts#startTask"),
    [
      {
        ...emptyTask({ instanceId: DEMO_IDS.instanceId, timeZone: "UTC", clientToken }),
        name: `Held release ${submittedAt.toString(36)}`,
        contactFlowId: DEMO_IDS.flows.generalTasks,
        scheduleMode: "later",
        scheduledLocal: scheduledAt.toISOString().slice(0, 16),
      },
    ],
    { cookie },
  );
  const data = submitted.result?.data as { kind?: string; releaseAt?: string } | undefined;
  if (!submitted.result?.ok || data?.kind !== "held") {
    throw new Error(`The task was not held: ${submitted.text.slice(0, 300)}`);
  }
  const ofToken = async () =>
    (await startCalls(connectUrl)).filter((call) => call.clientToken === clientToken);
  check((await ofToken()).length === 0, "StartTaskContact was called at the submit");
  console.log(
    `held at ${new Date(submittedAt).toISOString()}, scheduled for ${scheduledAt.toISOString()}, ` +
      `to be released at ${data.releaseAt}`,
  );

  await waitFor("the release reaches Connect", DEADLINE_MS - (Date.now() - submittedAt), async () =>
    (await ofToken()).some((call) => call.status === 200),
  );
  const elapsedMs = Date.now() - submittedAt;
  const calls = await ofToken();
  check(calls.length === 1, `${calls.length} StartTaskContact calls with the task's token`);
  check(elapsedMs <= DEADLINE_MS, `reached Connect after ${elapsedMs} ms`);
  const first = calls[0]!;
  check(
    first.at >= Date.parse(data.releaseAt!) - 1_000,
    `sent at ${new Date(first.at).toISOString()}, before its release moment ${data.releaseAt}`,
  );

  // The tasks list links the released task by its ContactId once the release is recorded.
  let contactId = "";
  await waitFor("the tasks list links the released task", 30_000, async () => {
    contactId = await releasedContactId(base, cookie);
    return true;
  });
  const sdk = new ConnectClient({
    endpoint: connectUrl,
    region: "us-east-1",
    credentials: { accessKeyId: "LOCAL", secretAccessKey: "local" },
  });
  const { Contact } = await sdk.send(
    new DescribeContactCommand({ InstanceId: DEMO_IDS.instanceId, ContactId: contactId }),
  );
  sdk.destroy();
  check(
    Contact?.ScheduledTimestamp?.toISOString() === scheduledAt.toISOString(),
    `ScheduledTimestamp ${Contact?.ScheduledTimestamp?.toISOString()}, chosen ${scheduledAt.toISOString()}`,
  );
  console.log(
    `released after ${(elapsedMs / 1000).toFixed(1)} s: contact ${contactId}, ` +
      `ScheduledTimestamp ${Contact?.ScheduledTimestamp?.toISOString()}, ${calls.length} call`,
  );

  /** The released task's ContactId, as the tasks list shows it (linked to /tasks/<ContactId>). */
  async function releasedContactId(consoleBase: string, session: string): Promise<string> {
    const page = await (
      await fetch(`${consoleBase}/tasks`, { headers: { cookie: session } })
    ).text();
    const match = /href="\/tasks\/([0-9a-f]{8}-[0-9a-f-]{27})"/.exec(page);
    if (!match?.[1]) throw new Error("The tasks list links no released task");
    return match[1];
  }
} catch (error) {
  problems.push(error instanceof Error ? error.message : String(error));
  console.error(stack.logTail(30).join("\n"));
} finally {
  await stack.stop();
}
if (problems.length > 0) {
  console.error(`FAILED:\n- ${problems.join("\n- ")}`);
  process.exitCode = 1;
} else {
  console.log("OK: the held task reached Connect once, at the chosen time, within 3 minutes");
}
