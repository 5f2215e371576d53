/**
 * What the bulk page and its worker (bulk-check.worker.ts) say to each other: plain data only
 * (structured clone), so the lookups travel as lists and the clock stays in the worker.
 */
import type { CheckOptions, FileCheck } from "@/lib/bulk/check";
import type { BulkLookups } from "@/lib/bulk/lookups";
import type { TemplateDefinition } from "@/lib/connect/lookups";

export type CheckRequest =
  | { type: "templates"; id: number; text: string }
  | {
      type: "check";
      id: number;
      text: string;
      options: Omit<CheckOptions, "lookups" | "now">;
      lookups: Omit<BulkLookups, "templateDefinitions">;
      templateDefinitions: TemplateDefinition[];
    };

export type CheckResponse =
  | { type: "templates"; id: number; values: string[] }
  | { type: "checked"; id: number; result: FileCheck }
  | { type: "failed"; id: number; message: string };
