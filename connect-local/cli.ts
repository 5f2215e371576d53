/**
 * `npm run connect:local`: serves the local Amazon Connect endpoint until SIGINT/SIGTERM.
 * Flags win over environment variables; both are listed in `--help` and the README.
 * Bad flags exit with status 2, a refused data folder (see README) with status 1.
 */
import { startConnectLocal, type ConnectLocalOptions } from "./index";
import { USAGE, UsageError, parseCli } from "./src/cli-options";

async function main(): Promise<void> {
  let options: ConnectLocalOptions | "help";
  try {
    options = parseCli(process.argv.slice(2), process.env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`connect-local: ${e.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === "help") {
    console.log(USAGE);
    return;
  }
  let running;
  try {
    running = await startConnectLocal({ ...options, log: (line) => console.log(line) });
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
  console.log(
    `data folder: ${options.dataDir}; throttling ${options.throttling ? "on" : "off"}; timestamps ${options.timestamps ?? "documented"}; admin API at ${running.url}/__admin/health`,
  );
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`connect-local: ${signal}, stopping`);
    running.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error("connect-local: stop failed", e);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

void main();
