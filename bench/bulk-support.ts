/**
 * What the bulk proofs and figures share: a supervisor's bulk job started over HTTP as the bulk
 * page starts it, its view polled as the job page polls it, and a wait that asks again.
 */
import { randomUUID } from "node:crypto";

import { builtAction } from "./soak-user";
import { actionId, callAction as callBuiltAction } from "./support";
import { DEMO_IDS } from "../connect-local/index";
import type { BulkJobView } from "../lib/bulk/job-view";
import { DEMO_ACCOUNTS } from "../lib/demo-accounts";
import { emptyTask } from "../lib/task/schema";
import { callAction, signInCookie } from "../test-support/action-client";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function supervisorCookie(base: string): Promise<string> {
  return signInCookie(
    base,
    builtAction("app/(auth)/sign-in/actions/sign-in.ts#signIn"),
    DEMO_ACCOUNTS.supervisor.email,
    DEMO_ACCOUNTS.supervisor.password,
  );
}

/** A CSV of `rows` flow tasks named `<tag> <row>`. */
export function bulkFile(tag: string, rows: number): string {
  const lines = ["name,flow"];
  for (let row = 1; row <= rows; row += 1) lines.push(`${tag} ${row},Billing follow-ups`);
  return lines.join("\n");
}

/** Starts the job of `text` as the bulk page's "Create N tasks" does; returns its id. */
export async function startBulkJob(base: string, cookie: string, text: string): Promise<string> {
  const created = await callAction(
    base,
    builtAction("app/(console)/tasks/bulk/actions/create-bulk-job.ts#createBulkJob"),
    [{ instanceId: DEMO_IDS.instanceId, timeZone: "UTC", fileName: "bench.csv", text }],
    { cookie },
  );
  const jobId = (created.result?.data as { jobId?: string } | undefined)?.jobId;
  if (!created.result?.ok || !jobId) throw new Error(`No job: ${created.text.slice(0, 300)}`);
  return jobId;
}

/** The job as its page sees it; null while the console does not answer (a restart). */
export async function jobView(
  base: string,
  cookie: string,
  jobId: string,
): Promise<BulkJobView | null> {
  const response = await fetch(`${base}/api/bulk/job?id=${jobId}`, { headers: { cookie } });
  return response.ok ? ((await response.json()) as BulkJobView) : null;
}

export async function waitFor(
  what: string,
  timeoutMs: number,
  probe: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`Timed out waiting until ${what}`);
}

export interface StartCall {
  at: number;
  status: number;
  errorType?: string;
  clientToken?: string;
}

/** Every StartTaskContact the local endpoint received, oldest first. */
export async function startCalls(connectUrl: string): Promise<StartCall[]> {
  const response = await fetch(`${connectUrl}/__admin/requests?operation=StartTaskContact`);
  const { requests } = (await response.json()) as { requests: StartCall[] };
  return requests.sort((a, b) => a.at - b.at);
}

/** One person's task through a console's start action; resolves with the milliseconds it took. */
export async function submitTask(base: string, cookie: string, name: string): Promise<number> {
  const task = {
    ...emptyTask({ instanceId: DEMO_IDS.instanceId, timeZone: "UTC", clientToken: randomUUID() }),
    name,
    contactFlowId: DEMO_IDS.flows.generalTasks,
  };
  const started = performance.now();
  const answer = await callBuiltAction(
    base,
    "/tasks/new",
    actionId("tasks/new/actions/start-task.ts", "startTask"),
    [task],
    cookie,
  );
  const text = await answer.text();
  if (!text.includes('"ok":true')) throw new Error(`${name} was refused: ${text.slice(0, 300)}`);
  return performance.now() - started;
}
