import "server-only";

import type { z } from "zod";

import { serverEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

import { type RouteContext, defineRoute } from "./route";

/**
 * The composer's lookups: signed-in users who may create tasks, only for configured instances
 * (the console's credentials must not become a way to read other instances), never cached by
 * the browser or a proxy.
 */
export function defineLookupRoute<S extends z.ZodType<{ instanceId: string }>>(
  name: string,
  query: S,
  load: (context: RouteContext<z.output<S>>) => Promise<unknown>,
) {
  return defineRoute({
    name: `lookup.${name}`,
    permission: "task.create",
    query,
    run: async (context) => {
      if (!serverEnv().CONNECT_INSTANCE_ID.includes(context.query.instanceId)) {
        const message = "This instance is not configured in the console.";
        throw new AppError("INVALID_INPUT", { message, fieldErrors: { instanceId: [message] } });
      }
      return Response.json(await load(context), {
        headers: { "Cache-Control": "private, no-store" },
      });
    },
  });
}
