"use client";

/**
 * Checking a file in the worker: asks which templates the file names, reads their definitions
 * (the composer's lookup route, through react-query's cache), then checks every row. A newer
 * file or setting supersedes an older check (answers carry the request's id).
 */
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";

import type { CheckOptions, FileCheck } from "@/lib/bulk/check";
import { type BulkLookups, resolveByNameOrId } from "@/lib/bulk/lookups";
import type { TemplateDefinition } from "@/lib/connect/lookups";

import type { CheckRequest, CheckResponse } from "./check-messages";
import { fetchLookup } from "../../new/_components/lookups";

export type CheckState =
  | { status: "idle" }
  | { status: "checking" }
  | { status: "done"; result: FileCheck; definitions: TemplateDefinition[] }
  | { status: "error"; message: string };

export function useBulkCheck() {
  const worker = useRef<Worker | null>(null);
  const latest = useRef(0);
  const waiting = useRef(new Map<number, (response: CheckResponse) => void>());
  const [state, setState] = useState<CheckState>({ status: "idle" });
  const queryClient = useQueryClient();

  useEffect(() => {
    const created = new Worker(new URL("./bulk-check.worker.ts", import.meta.url), {
      type: "module",
    });
    created.addEventListener("message", (event: MessageEvent<CheckResponse>) => {
      const resolve = waiting.current.get(event.data.id);
      waiting.current.delete(event.data.id);
      resolve?.(event.data);
    });
    worker.current = created;
    return () => created.terminate();
  }, []);

  const ask = useCallback((request: CheckRequest) => {
    return new Promise<CheckResponse>((resolve) => {
      waiting.current.set(request.id, resolve);
      worker.current?.postMessage(request);
    });
  }, []);

  const check = useCallback(
    async (
      text: string,
      options: Omit<CheckOptions, "lookups" | "now">,
      lookups: Omit<BulkLookups, "templateDefinitions">,
    ) => {
      const id = ++latest.current;
      if (!text.trim()) return setState({ status: "idle" });
      setState({ status: "checking" });
      try {
        const named = await ask({ type: "templates", id, text });
        if (named.type !== "templates" || id !== latest.current) return;
        const ids = new Set<string>();
        for (const value of named.values) {
          const resolved = resolveByNameOrId(lookups.templates, value, "template");
          if (resolved.ok) ids.add(resolved.id);
        }
        const definitions = await Promise.all(
          [...ids].map(async (templateId) => {
            const answer = await queryClient.fetchQuery({
              queryKey: ["template", options.instanceId, templateId],
              queryFn: () =>
                fetchLookup("template", { instanceId: options.instanceId, templateId }),
              staleTime: 60_000,
            });
            return answer.template;
          }),
        );
        if (id !== latest.current) return;
        const checked = await ask({
          type: "check",
          id,
          text,
          options,
          lookups,
          templateDefinitions: definitions,
        });
        if (id !== latest.current) return;
        if (checked.type === "checked")
          setState({ status: "done", result: checked.result, definitions });
        else if (checked.type === "failed") setState({ status: "error", message: checked.message });
      } catch (error) {
        if (id === latest.current)
          setState({
            status: "error",
            message: error instanceof Error ? error.message : "The check failed.",
          });
      }
    },
    [ask, queryClient],
  );

  return { state, check };
}
