"use client";

/**
 * The bulk page: choose the instance and the file-wide time zone, give a CSV file or paste its
 * text, see every row checked in the worker (use-bulk-check.ts) with its problems at their cells,
 * then "Create N tasks" for the ready rows. The server checks every row again before it stores
 * the job (lib/server/bulk/create.ts); the same file again opens the job it made the first time.
 */
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, useTransition } from "react";

import { PRIMARY_BUTTON, SECONDARY_BUTTON } from "@/components/fields/classes";
import { InputField, Options, SelectField, TextAreaField } from "@/components/fields/controls";
import { TimeZoneOptions } from "@/components/zoned-schedule";
import { describeCheck } from "@/lib/bulk/check";
import { problemsCsv } from "@/lib/bulk/files";
import type { BulkLimits } from "@/lib/bulk/limits";
import { fileSizeProblem } from "@/lib/bulk/limits";

import { BulkRowsTable } from "./bulk-rows-table";
import { useBulkCheck } from "./use-bulk-check";
import { lookupErrorText, useLookup } from "../../new/_components/lookups";
import { createBulkJob } from "../actions/create-bulk-job";

export interface BulkUploadProps {
  instances: { id: string; alias: string }[];
  canSchedule: boolean;
  limits: BulkLimits;
  scheduleHorizonSeconds: number;
  defaultTimeZone: string;
}

function csvHref(text: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${text}`)}`;
}

export function BulkUpload(props: BulkUploadProps) {
  const router = useRouter();
  const [instanceId, setInstanceId] = useState(props.instances[0]?.id ?? "");
  const [timeZone, setTimeZone] = useState(props.defaultTimeZone);
  const [fileName, setFileName] = useState("pasted.csv");
  /** The text checked: the chosen file's, or what was pasted. */
  const [text, setText] = useState("");
  // A chosen file is not copied into the paste box: laying out megabytes of text there would
  // cost more than checking them. Pasting clears the file input (a new key), and a file the box.
  const [pasted, setPasted] = useState("");
  const [fileInputKey, setFileInputKey] = useState(0);
  const [fileError, setFileError] = useState<string | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [isCreating, startCreating] = useTransition();
  const { state, check } = useBulkCheck();

  const flows = useLookup("flows", instanceId);
  const quickConnects = useLookup("quick-connects", instanceId);
  const templates = useLookup("templates", instanceId);
  const agents = useLookup("agents", instanceId);
  const lookupError = [flows, quickConnects, templates, agents]
    .map((query) => lookupErrorText(query.error))
    .find(Boolean);
  const lookups = useMemo(
    () =>
      flows.data && quickConnects.data && templates.data && agents.data
        ? {
            flows: flows.data.flows,
            quickConnects: quickConnects.data.quickConnects,
            templates: templates.data.templates,
            agents: agents.data.agents,
          }
        : null,
    [flows.data, quickConnects.data, templates.data, agents.data],
  );

  useEffect(() => {
    if (!lookups) return;
    void check(
      text,
      {
        instanceId,
        timeZone,
        canSchedule: props.canSchedule,
        limits: props.limits,
        scheduleHorizonSeconds: props.scheduleHorizonSeconds,
      },
      lookups,
    );
  }, [
    text,
    instanceId,
    timeZone,
    lookups,
    check,
    props.canSchedule,
    props.limits,
    props.scheduleHorizonSeconds,
  ]);

  async function readFile(file: File | undefined) {
    setFileError(null);
    if (!file) return;
    const tooLarge = fileSizeProblem(file.size, props.limits);
    if (tooLarge) {
      setFileError(tooLarge);
      return;
    }
    setFileName(file.name);
    setPasted("");
    // TextDecoder keeps a byte-order mark out of the text only when told to; the check strips it.
    setText(new TextDecoder("utf-8").decode(await file.arrayBuffer()));
  }

  const result = state.status === "done" ? state.result : null;
  const checked = result?.ok ? result : null;
  // Once per check, not per render: a large file's problems file is a long data URL.
  const problemsHref = useMemo(() => {
    const problems = checked ? checked.rows.flatMap((row) => row.problems) : [];
    return problems.length > 0 ? csvHref(problemsCsv(problems)) : null;
  }, [checked]);
  const rows = checked
    ? onlyProblems
      ? checked.rows.filter((row) => row.problems.length > 0)
      : checked.rows
    : [];

  function create() {
    setSubmitError(null);
    startCreating(async () => {
      const answer = await createBulkJob({ instanceId, timeZone, fileName, text });
      if (!answer.ok) {
        setSubmitError(answer.formError);
        return;
      }
      const query = answer.data.isEarlierJob ? "?earlier=1" : "";
      router.push(`/tasks/bulk/${answer.data.jobId}${query}`);
    });
  }

  return (
    <div className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Instance"
          name="instanceId"
          value={instanceId}
          onChange={(event) => setInstanceId(event.target.value)}
        >
          <Options
            options={props.instances.map((instance) => ({
              value: instance.id,
              label: instance.alias,
            }))}
          />
        </SelectField>
        <SelectField
          label="Time zone"
          name="timeZone"
          hint="For scheduled_at and DATE values of rows without a time_zone."
          value={timeZone}
          onChange={(event) => setTimeZone(event.target.value)}
        >
          <TimeZoneOptions current={timeZone} />
        </SelectField>
      </div>
      <p>
        <a
          className="text-brand-700 underline"
          href={`/api/bulk/template?instanceId=${encodeURIComponent(instanceId)}`}
        >
          Download a template CSV
        </a>
      </p>
      <InputField
        key={fileInputKey}
        label="CSV file"
        name="file"
        type="file"
        accept=".csv,text/csv"
        error={fileError ? [fileError] : undefined}
        onChange={(event) => void readFile(event.target.files?.[0])}
      />
      <TextAreaField
        label="Or paste the CSV text"
        name="text"
        rows={6}
        value={pasted}
        onChange={(event) => {
          if (fileName !== "pasted.csv") setFileInputKey((key) => key + 1);
          setFileName("pasted.csv");
          setPasted(event.target.value);
          setText(event.target.value);
        }}
      />
      {lookupError ? <p className="text-red-700">{lookupError}</p> : null}
      <section
        role="status"
        aria-label="Check result"
        className="rounded border border-slate-200 p-3"
      >
        {state.status === "checking" ? "Checking…" : null}
        {state.status === "error" ? state.message : null}
        {result && !result.ok ? result.message : null}
        {checked ? describeCheck(checked.rows.length, checked.ready) : null}
        {state.status === "idle" ? "No file yet." : null}
      </section>
      {checked ? (
        <>
          <div className="flex flex-wrap items-center gap-4">
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={onlyProblems}
                onChange={(event) => setOnlyProblems(event.target.checked)}
              />
              Show only rows with problems
            </label>
            {problemsHref ? (
              <a className={SECONDARY_BUTTON} href={problemsHref} download="problems.csv">
                Download problems CSV
              </a>
            ) : null}
            <button
              type="button"
              className={PRIMARY_BUTTON}
              disabled={checked.ready === 0 || isCreating}
              onClick={create}
            >
              Create {checked.ready} tasks
            </button>
          </div>
          {submitError ? (
            <p role="alert" className="text-red-700">
              {submitError}
            </p>
          ) : null}
          <BulkRowsTable header={checked.header} rows={rows} />
        </>
      ) : null}
    </div>
  );
}
