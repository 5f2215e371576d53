/**
 * `npm run test:bulk-crash`: a bulk job survives the console being killed. The built console runs
 * on its embedded default against the local endpoint with Connect's default throttling on; a
 * supervisor's job of 20 rows is started, the console is killed (SIGKILL, no clean-up) once a few
 * rows are created, and started again on the same data. The job must finish with every row
 * created exactly once: 20 distinct ContactIds in the results file, each one read back through
 * the real SDK, every StartTaskContact sent with one of the rows' 20 ClientTokens (Connect makes
 * one task per token), and no ThrottlingException. Exits 1 when any of that fails.
 */
import { ConnectClient, DescribeContactCommand } from "@aws-sdk/client-connect";

import {
  bulkFile,
  jobView,
  startBulkJob,
  startCalls,
  supervisorCookie,
  waitFor,
} from "./bulk-support";
import { DEMO_IDS } from "../connect-local/index";
import { startConsoleStack } from "../test-support/console-process";

const ROWS = 20;
const CRASH_AFTER_CREATED = 4;

const problems: string[] = [];
const check = (isOk: boolean, problem: string) => {
  if (!isOk) problems.push(problem);
};

const stack = await startConsoleStack({
  label: "bulk-crash",
  throttling: true,
  // A killed run is taken over after 3 s of silence instead of 2 minutes.
  env: { BULK_RUNNER_STALE_SECONDS: "3", JOB_EXPIRE_SECONDS: "10" },
});
try {
  const { base, connectUrl } = stack;
  const cookie = await supervisorCookie(base);
  const tag = `Crash ${Date.now().toString(36)}`;
  const jobId = await startBulkJob(base, cookie, bulkFile(tag, ROWS));

  await waitFor(`${CRASH_AFTER_CREATED} rows are created`, 60_000, async () => {
    const view = await jobView(base, cookie, jobId);
    return (view?.counts.created ?? 0) >= CRASH_AFTER_CREATED;
  });
  const before = await jobView(base, cookie, jobId);
  await stack.crashAndRestart();
  console.log(`console killed with ${before?.counts.created} of ${ROWS} rows created; restarted`);

  await waitFor("the job is finished", 180_000, async () => {
    return (await jobView(base, cookie, jobId))?.state === "finished";
  });
  const view = await jobView(base, cookie, jobId);
  check(view?.counts.created === ROWS, `created ${view?.counts.created} of ${ROWS} rows`);

  const results = await (
    await fetch(`${base}/api/bulk/results?id=${jobId}`, { headers: { cookie } })
  ).text();
  const contactIds = new Set(
    [...results.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)].map(
      (match) => match[0],
    ),
  );
  check(contactIds.size === ROWS, `${contactIds.size} distinct ContactIds for ${ROWS} rows`);

  const sdk = new ConnectClient({
    endpoint: connectUrl,
    region: "us-east-1",
    credentials: { accessKeyId: "LOCAL", secretAccessKey: "local" },
  });
  for (const contactId of contactIds) {
    const { Contact } = await sdk.send(
      new DescribeContactCommand({ InstanceId: DEMO_IDS.instanceId, ContactId: contactId }),
    );
    check(Boolean(Contact?.Name?.startsWith(tag)), `contact ${contactId} is not one of the job's`);
  }
  sdk.destroy();

  const requests = await startCalls(connectUrl);
  const tokens = new Set(requests.map((request) => request.clientToken));
  const throttled = requests.filter((request) => request.errorType?.includes("Throttling"));
  check(tokens.size === ROWS, `${tokens.size} distinct ClientTokens sent for ${ROWS} rows`);
  check(throttled.length === 0, `${throttled.length} ThrottlingException answers`);
  console.log(
    `bulk job after a crash: ${view?.counts.created} rows created, ${contactIds.size} tasks, ` +
      `${requests.length} StartTaskContact calls with ${tokens.size} ClientTokens, ` +
      `${throttled.length} throttled`,
  );
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
  console.log("OK: the job finished after the crash, every row created exactly once");
}
