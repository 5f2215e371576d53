/**
 * The bulk page's own module worker: parses and checks a file off the main thread, with the same
 * code the server runs again (lib/bulk/check.ts). Own worker, not papaparse's `worker: true`,
 * which loads itself by a script URL that bundlers rewrite.
 *
 * A check comes in two messages (the file's template names, then the check once the page has
 * their definitions): the first one's parse is kept for the second, so a file is parsed once.
 * The answer leaves out the rows' composer values: the page shows cells and problems, and the
 * server checks the file again to make its job, so cloning 10,000 value objects back would only
 * cost time.
 */
import { type CheckOptions, checkFile, parseFile, templateValuesOf } from "@/lib/bulk/check";
import type { ParsedCsv } from "@/lib/bulk/csv";
import type { TemplateDefinition } from "@/lib/connect/lookups";

import type { CheckRequest, CheckResponse } from "./check-messages";

function reply(message: CheckResponse) {
  postMessage(message);
}

let lastParse: { text: string; parsed: ParsedCsv } | null = null;

addEventListener("message", (event: MessageEvent<CheckRequest>) => {
  const request = event.data;
  if (request.type === "templates") {
    const parsed = parseFile(request.text);
    lastParse = { text: request.text, parsed };
    reply({ type: "templates", id: request.id, values: templateValuesOf(parsed) });
    return;
  }
  const parsed = lastParse?.text === request.text ? lastParse.parsed : undefined;
  lastParse = null;
  const definitions = new Map<string, TemplateDefinition>(
    request.templateDefinitions.map((template) => [template.id, template]),
  );
  const options: CheckOptions = {
    ...request.options,
    lookups: { ...request.lookups, templateDefinitions: definitions },
    now: () => new Date(),
  };
  checkFile(request.text, options, parsed).then(
    (result) =>
      reply({
        type: "checked",
        id: request.id,
        result: result.ok
          ? { ...result, rows: result.rows.map((row) => ({ ...row, values: null })) }
          : result,
      }),
    (error: unknown) =>
      reply({
        type: "failed",
        id: request.id,
        message: error instanceof Error ? error.message : String(error),
      }),
  );
});
