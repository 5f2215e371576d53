/**
 * Work a caller does not have to wait for: in a request, Next's `after()` runs it once the
 * response has been sent; outside one (a job, a script, a unit test) there is no response to
 * send first, so it runs at once and is awaited. `work` logs its own failures: after a response
 * there is no one left to tell.
 */
import "server-only";

import { after } from "next/server";

export async function afterResponse(work: () => Promise<void>): Promise<void> {
  try {
    // Throws synchronously outside a request scope; inside, it only queues the work.
    after(work);
    return;
  } catch {
    // Not in a request: nothing is waiting for a response.
  }
  await work();
}
