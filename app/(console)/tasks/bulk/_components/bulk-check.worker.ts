/**
 * The bulk page's own module worker: parses and checks a file off the main thread, with the same
 * code the server runs again (lib/bulk/check.ts). Own worker, not papaparse's `worker: true`,
 * which loads itself by a script URL that bundlers rewrite.
 */
import { type CheckOptions, checkFile, templateValuesOf } from "@/lib/bulk/check";
import type { TemplateDefinition } from "@/lib/connect/lookups";

import type { CheckRequest, CheckResponse } from "./check-messages";

function reply(message: CheckResponse) {
  postMessage(message);
}

addEventListener("message", (event: MessageEvent<CheckRequest>) => {
  const request = event.data;
  if (request.type === "templates") {
    reply({ type: "templates", id: request.id, values: templateValuesOf(request.text) });
    return;
  }
  const definitions = new Map<string, TemplateDefinition>(
    request.templateDefinitions.map((template) => [template.id, template]),
  );
  const options: CheckOptions = {
    ...request.options,
    lookups: { ...request.lookups, templateDefinitions: definitions },
    now: () => new Date(),
  };
  checkFile(request.text, options).then(
    (result) => reply({ type: "checked", id: request.id, result }),
    (error: unknown) =>
      reply({
        type: "failed",
        id: request.id,
        message: error instanceof Error ? error.message : String(error),
      }),
  );
});
