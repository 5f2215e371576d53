/**
 * The submit figure of `npm run bench`: a task submit through the console's start action over
 * HTTP (session, parse, checks, audit, SDK) against a bare SDK StartTaskContact call to the same
 * local endpoint, interleaved in the same run. Measured twice: with the endpoint answering at
 * once (the console's own overhead in milliseconds) and with Connect's latency injected by the
 * endpoint's delay fault on StartTaskContact (the ratio a user feels; the target is 1.15 at
 * 100 ms). Where the action's time goes comes from the phase lines it logs at debug level.
 */
import { randomUUID } from "node:crypto";

import { ConnectClient, StartTaskContactCommand } from "@aws-sdk/client-connect";

import { actionId, callAction, cpuTicks, median, stolenShare } from "./support";
import { DEMO_IDS } from "../connect-local/index";
import { emptyTask } from "../lib/task/schema";

const WARM_UP = 3;
/** The latency that the target is stated at. */
export const SUBMIT_LATENCY_MS = 100;
export const SUBMIT_RATIO_TARGET = 1.15;

interface SubmitBenchOptions {
  base: string;
  cookie: string;
  connectUrl: string;
  runs: number;
  /** The console's log so far, and how many lines it has written (its phase lines are read). */
  logTail: (lines: number) => string[];
  logCount: () => number;
}

type Phases = Map<string, number[]>;

interface Figures {
  action: number;
  sdk: number;
  /** Until the response, and after it (the audit row's completion, the draft's deletion). */
  phases: Phases;
  afterResponse: Phases;
  /** How busy the host was meanwhile (stolenShare). */
  steal: string;
}

async function setStartDelay(connectUrl: string, delayMs: number): Promise<void> {
  const faults = delayMs > 0 ? [{ kind: "delay", operations: ["StartTaskContact"], delayMs }] : [];
  const response = await fetch(`${connectUrl}/__admin/faults`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ faults }),
  });
  if (!response.ok) throw new Error(`connect-local faults: ${await response.text()}`);
}

/** The action's debug lines: its timing line (written with the response), and what came after. */
const PHASE_LINES = {
  "action phases": "phases",
  "action after response": "afterResponse",
} as const;

/** The debug lines `task.start` wrote since line `from`: milliseconds per phase. */
function phasesSince(
  options: SubmitBenchOptions,
  from: number,
): Pick<Figures, "phases" | "afterResponse"> {
  const written = options.logCount() - from;
  const figures = { phases: new Map(), afterResponse: new Map() } as Pick<
    Figures,
    "phases" | "afterResponse"
  >;
  for (const line of options.logTail(written)) {
    let entry: { msg?: string; action?: string; phases?: Record<string, number> };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue;
    }
    const kind = PHASE_LINES[entry.msg as keyof typeof PHASE_LINES] as
      (typeof PHASE_LINES)[keyof typeof PHASE_LINES] | undefined;
    if (!kind || entry.action !== "task.start" || !entry.phases) continue;
    for (const [phase, ms] of Object.entries(entry.phases)) {
      const list = figures[kind].get(phase) ?? [];
      list.push(ms);
      figures[kind].set(phase, list);
    }
  }
  return figures;
}

async function measure(options: SubmitBenchOptions, delayMs: number): Promise<Figures> {
  const { base, cookie, connectUrl, runs } = options;
  await setStartDelay(connectUrl, delayMs);
  const startTask = actionId("tasks/new/actions/start-task.ts", "startTask");
  const values = () => ({
    ...emptyTask({ instanceId: DEMO_IDS.instanceId, timeZone: "UTC", clientToken: randomUUID() }),
    name: "Bench task",
    contactFlowId: DEMO_IDS.flows.generalTasks,
  });
  const sdk = new ConnectClient({
    endpoint: connectUrl,
    region: "us-east-1",
    credentials: { accessKeyId: "LOCAL", secretAccessKey: "local" },
  });
  const submit = async () => {
    const response = await callAction(base, "/tasks/new", startTask, [values()], cookie);
    const text = await response.text();
    if (!text.includes('"ok":true')) throw new Error(`Submit failed: ${text.slice(0, 300)}`);
  };
  const bare = () =>
    sdk.send(
      new StartTaskContactCommand({
        InstanceId: DEMO_IDS.instanceId,
        Name: "Bench task",
        ContactFlowId: DEMO_IDS.flows.generalTasks,
        ClientToken: randomUUID(),
      }),
    );
  try {
    for (let i = 0; i < WARM_UP; i++) {
      await submit();
      await bare();
    }
    const from = options.logCount();
    const ticks = cpuTicks();
    const viaAction: number[] = [];
    const viaSdk: number[] = [];
    for (let i = 0; i < runs; i++) {
      let started = performance.now();
      await submit();
      viaAction.push(performance.now() - started);
      started = performance.now();
      await bare();
      viaSdk.push(performance.now() - started);
    }
    return {
      action: median(viaAction),
      sdk: median(viaSdk),
      steal: stolenShare(ticks, cpuTicks()),
      ...phasesSince(options, from),
    };
  } finally {
    sdk.destroy();
    await setStartDelay(connectUrl, 0);
  }
}

function printPhases({ phases, afterResponse }: Figures): void {
  if (phases.size === 0) {
    console.log("  (the console logged no phase lines: start it with LOG_LEVEL=debug)");
    return;
  }
  const list = (of: Phases) =>
    [...of].map(([phase, ms]) => `${phase} ${median(ms).toFixed(1)}`).join(", ");
  console.log(`  where the action's time goes (median ms): ${list(phases)}`);
  if (afterResponse.size > 0)
    console.log(`  after the response, off the user's wait (median ms): ${list(afterResponse)}`);
}

/**
 * The floor under any action: a POST with an action id no build has (Next answers it through
 * the proxy and its own router, before any code of ours, the session or the database runs).
 */
async function pipelineFloor(options: SubmitBenchOptions): Promise<number> {
  const unknown = "7f".padEnd(42, "0");
  const call = async () => {
    const response = await callAction(options.base, "/tasks/new", unknown, [{}], options.cookie);
    await response.arrayBuffer();
    if (response.status < 400) throw new Error(`an unknown action answered ${response.status}`);
  };
  for (let i = 0; i < WARM_UP; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function benchSubmit(options: SubmitBenchOptions): Promise<void> {
  console.log(
    `Next's floor under an action (an unknown action id, through the proxy): median ${(await pipelineFloor(options)).toFixed(1)} ms`,
  );
  const fast = await measure(options, 0);
  console.log(
    `submit through the action: median ${fast.action.toFixed(1)} ms over ${options.runs} runs`,
  );
  console.log(
    `bare SDK StartTaskContact: median ${fast.sdk.toFixed(1)} ms over ${options.runs} runs`,
  );
  console.log(`action overhead: ${(fast.action - fast.sdk).toFixed(1)} ms; ${fast.steal}`);
  printPhases(fast);

  const slow = await measure(options, SUBMIT_LATENCY_MS);
  const ratio = slow.action / slow.sdk;
  console.log(
    `with Connect answering in ${SUBMIT_LATENCY_MS} ms: submit ${slow.action.toFixed(1)} ms, ` +
      `bare SDK ${slow.sdk.toFixed(1)} ms (medians over ${options.runs} runs): ` +
      `submit ratio ${ratio.toFixed(3)} (target <= ${SUBMIT_RATIO_TARGET}); ${slow.steal}`,
  );
  printPhases(slow);
}
