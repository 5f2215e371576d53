import { ConnectClient, StartTaskContactCommand } from "@aws-sdk/client-connect";

import { actionId, callAction, median } from "./support";
import { DEMO_IDS } from "../connect-local/index";

const BULK = 12;
const LIST_RUNS = 15;

/**
 * - GET /tasks with a page of 25 tasks whose statuses are cached (the common case: nothing asks
 *   Connect again within 30 s);
 * - moving `BULK` scheduled tasks one after another through the reschedule action, as the agenda
 *   does, at the default UpdateContactSchedule budget (2/s, burst 5): the floor is
 *   (BULK - 5) / 2 seconds.
 */
export async function benchTaskViews({
  base,
  cookie,
  connectUrl,
}: {
  base: string;
  cookie: string;
  connectUrl: string;
}) {
  const listTimes: number[] = [];
  await fetch(`${base}/tasks?scope=all`, { headers: { cookie } });
  for (let i = 0; i < LIST_RUNS; i++) {
    const started = performance.now();
    const response = await fetch(`${base}/tasks?scope=all`, { headers: { cookie } });
    await response.text();
    listTimes.push(performance.now() - started);
  }
  console.log(
    `tasks list (25 per page, statuses cached): median ${median(listTimes).toFixed(1)} ms over ${LIST_RUNS} loads`,
  );

  // Scheduled tasks made with the bare SDK: a supervisor may move any task.
  const sdk = new ConnectClient({
    endpoint: connectUrl,
    region: "us-east-1",
    credentials: { accessKeyId: "LOCAL", secretAccessKey: "local" },
  });
  const inTwoHours = Math.ceil(Date.now() / 60_000) * 60_000 + 2 * 3_600_000;
  const tasks: { id: string; at: Date }[] = [];
  for (let i = 0; i < BULK; i++) {
    const at = new Date(inTwoHours + i * 60_000);
    const output = await sdk.send(
      new StartTaskContactCommand({
        InstanceId: DEMO_IDS.instanceId,
        Name: `Bench bulk ${i}`,
        ContactFlowId: DEMO_IDS.flows.generalTasks,
        ScheduledTime: at,
      }),
    );
    tasks.push({ id: output.ContactId!, at });
  }
  sdk.destroy();

  const reschedule = actionId("tasks/actions/reschedule-task.ts", "rescheduleTask");
  const started = performance.now();
  for (const task of tasks) {
    const response = await callAction(
      base,
      "/tasks/scheduled",
      reschedule,
      [
        {
          instanceId: DEMO_IDS.instanceId,
          contactId: task.id,
          mode: "offset",
          offsetMinutes: 60,
          fromScheduledAt: task.at.toISOString(),
        },
      ],
      cookie,
    );
    const text = await response.text();
    if (!text.includes('"ok":true')) throw new Error(`Reschedule failed: ${text.slice(0, 300)}`);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `bulk reschedule of ${BULK} tasks, paced: ${seconds.toFixed(2)} s (the 2/s burst-5 budget allows no less than ${((BULK - 5) / 2).toFixed(1)} s)`,
  );
}
