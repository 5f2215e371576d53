/**
 * A TCP port free on 127.0.0.1 just now: the kernel picks one for a probe that closes at once.
 * Another process may take it before the caller listens; the callers that start servers on it
 * (the embedded PostgreSQL, the test servers) report a clear error when that race is lost.
 */
import { createServer } from "node:net";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not read the probe port"));
      });
    });
  });
}
