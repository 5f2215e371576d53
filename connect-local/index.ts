/**
 * Local Amazon Connect endpoint: a standalone HTTP server that speaks Connect's restJson1 wire
 * protocol, so the unmodified @aws-sdk/client-connect works against it as against AWS.
 *
 *   const local = await startConnectLocal({ port: 0 });
 *   const client = new ConnectClient({ endpoint: local.url, region: "us-east-1", credentials });
 *
 * Everything it needs lives in connect-local/ (model subset, seed, sources).
 */
import { createServer, type Server } from "node:http";
import type { Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";

import { DEMO_IDS, demoSeed } from "./seed/demo";
import { Clock } from "./src/clock";
import { Faults } from "./src/faults";
import { loadModel } from "./src/model";
import { TIMESTAMP_MODES, type ConnectLocalOptions, type RunningConnectLocal } from "./src/options";
import { DEFAULT_RULES, checkRules } from "./src/rules";
import { Runtime } from "./src/runtime";
import { createHandler } from "./src/server";
import { loadState, saveState, stateFromSeed } from "./src/state";
import { Store } from "./src/store";
import { Throttle } from "./src/throttle";

export type {
  ConnectLocalOptions,
  ConnectLocalRules,
  RunningConnectLocal,
  TimestampMode,
} from "./src/options";
export { TIMESTAMP_MODES } from "./src/options";
export type { FaultRule } from "./src/faults";
export { DEMO_IDS } from "./seed/demo";

export async function startConnectLocal(
  options: ConnectLocalOptions = {},
): Promise<RunningConnectLocal> {
  const checked = checkRules(options.rules ?? {});
  if (typeof checked === "string")
    throw new Error(`connect-local: invalid rules option: ${checked}`);
  const clock = new Clock(options.now ?? Date.now);

  // A used data folder is loaded as it is; a new one is seeded and written straight away.
  let state = options.dataDir ? loadState(options.dataDir) : undefined;
  if (!state) {
    state = stateFromSeed(demoSeed(clock.nowSeconds()));
    if (options.dataDir) saveState(options.dataDir, state);
  }
  const store = new Store(state, options.dataDir);
  const throttle = new Throttle(
    options.throttling ?? true,
    options.monotonicNow ?? (() => performance.now()),
  );
  const timestamps = options.timestamps ?? "documented";
  if (!TIMESTAMP_MODES.includes(timestamps))
    throw new Error(
      `connect-local: invalid timestamps option "${String(timestamps)}"; use "documented" or "legacy"`,
    );
  const rt = new Runtime(
    loadModel(),
    store,
    clock,
    throttle,
    new Faults(),
    { ...DEFAULT_RULES, ...checked },
    timestamps,
    options.sleep ?? ((ms) => sleep(ms)),
  );

  const server = createServer(createHandler(rt));
  // Track sockets so stop() can end keep-alive connections the SDK holds open.
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const host = options.host ?? "127.0.0.1";
  const port = await listen(server, options.port ?? 4599, host);
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const instanceId = store.instanceIds.includes(DEMO_IDS.instanceId)
    ? DEMO_IDS.instanceId
    : (store.instanceIds[0] ?? "");
  // One line with both, so a script can wait for it.
  options.log?.(
    `connect-local: Amazon Connect endpoint ${url} (instance ids: ${store.instanceIds.join(", ")})`,
  );

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= new Promise<void>((resolve, reject) => {
      server.close((err) => {
        try {
          store.persist(); // flush; every mutation already wrote, this is the last word
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
          return;
        }
        if (err) reject(err);
        else resolve();
      });
      server.closeIdleConnections();
      for (const socket of sockets) socket.destroy();
    }));

  return { url, port, instanceId, stop };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) =>
      reject(new Error(`connect-local: cannot listen on ${host}:${port}: ${err.message}`));
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}
