import "server-only";

/**
 * The composer's lookups: signed-in users who may create tasks, only for configured instances
 * (the console's credentials must not become a way to read other instances), never cached by
 * the browser or a proxy. Each answers the shape `LookupResponses` names for it, so the route,
 * the adapter behind it and the composer's hooks are checked against one definition.
 */
import type { z } from "zod";

import type { LookupName, LookupResponses } from "@/lib/connect/lookups";
import { isConfiguredInstance } from "@/lib/env";
import { AppError } from "@/lib/errors";

import { type RouteContext, defineRoute } from "./route";

export function defineLookupRoute<
  K extends LookupName,
  S extends z.ZodType<{ instanceId: string }>,
>(name: K, query: S, load: (context: RouteContext<z.output<S>>) => Promise<LookupResponses[K]>) {
  return defineRoute({
    // Audit and log names use "_" ("lookup.quick_connects"), the URL "-".
    name: `lookup.${name.replaceAll("-", "_")}`,
    permission: "task.create",
    query,
    run: async (context) => {
      if (!isConfiguredInstance(context.query.instanceId)) {
        const message = "This instance is not configured in the console.";
        throw new AppError("INVALID_INPUT", { message, fieldErrors: { instanceId: [message] } });
      }
      const body: LookupResponses[K] = await load(context);
      return Response.json(body, { headers: { "Cache-Control": "private, no-store" } });
    },
  });
}
