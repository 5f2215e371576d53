"use client";

import { useDeferredValue, useId, useMemo, useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";

import { toStartTaskContactInput } from "@/lib/task/request";
import { type TaskFormValues, createTaskSchema } from "@/lib/task/schema";

import { cliCommand } from "./cli-command";
import { BUTTON, Section } from "./fields";

export const SECTION_OF: Record<string, string> = {
  instanceId: "Instance",
  name: "Task",
  description: "Task",
  routingKind: "Routing",
  contactFlowId: "Routing",
  quickConnectId: "Routing",
  taskTemplateId: "Routing",
  templateFields: "Template fields",
  references: "References",
  attributes: "Attributes",
  expiryAmount: "Expiry and creator",
  expiryUnit: "Expiry and creator",
  createdByArn: "Expiry and creator",
  scheduleMode: "Schedule",
  scheduledLocal: "Schedule",
  timeZone: "Schedule",
  linkKind: "Link",
  linkedContactId: "Link",
  clientToken: "Advanced",
};

function CopyBlock({
  title,
  text,
  onCopied,
}: {
  title: string;
  text: string;
  onCopied: (message: string) => void;
}) {
  const captionId = useId();
  return (
    <figure aria-labelledby={captionId} className="space-y-2">
      <div className="flex items-center justify-between">
        <figcaption id={captionId} className="text-sm font-medium text-slate-700">
          {title}
        </figcaption>
        <button
          type="button"
          className={BUTTON}
          onClick={() => {
            navigator.clipboard.writeText(text).then(
              () => onCopied(`Copied the ${title.toLowerCase()}.`),
              () => onCopied("Copying failed: select the text and copy it by hand."),
            );
          }}
        >
          Copy {title.toLowerCase()}
        </button>
      </div>
      <pre
        tabIndex={0}
        className="max-h-96 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100"
      >
        {text}
      </pre>
    </figure>
  );
}

/** The exact request the submit will send, and the same request as an AWS CLI command. */
export function RequestPreview({
  horizonSeconds,
  templateHasFlow,
}: {
  horizonSeconds: number;
  templateHasFlow: boolean | undefined;
}) {
  const { control } = useFormContext<TaskFormValues>();
  const values = useWatch({ control }) as TaskFormValues;
  // Typing stays urgent; parsing and printing the request follow in a render React may
  // interrupt, with the previous preview kept until then.
  const deferredValues = useDeferredValue(values);
  const [copied, setCopied] = useState("");
  const schema = useMemo(
    () => createTaskSchema({ now: () => new Date(), scheduleHorizonSeconds: horizonSeconds }),
    [horizonSeconds],
  );

  const body = useMemo(() => {
    const parsed = schema.safeParse(deferredValues);
    if (!parsed.success) {
      const sections = [
        ...new Set(parsed.error.issues.map((issue) => SECTION_OF[String(issue.path[0])] ?? "Task")),
      ];
      return (
        <p className="text-sm text-slate-700">
          The preview appears once these sections are complete: {sections.join(", ")}.
        </p>
      );
    }
    const options = templateHasFlow === undefined ? {} : { templateHasFlow };
    const input = toStartTaskContactInput(parsed.data, options);
    return (
      <div className="space-y-4">
        <CopyBlock
          title="Request JSON"
          text={JSON.stringify(input, null, 2)}
          onCopied={setCopied}
        />
        <CopyBlock title="CLI command" text={cliCommand(input)} onCopied={setCopied} />
      </div>
    );
  }, [schema, deferredValues, templateHasFlow]);

  return (
    <Section
      id="preview"
      title="Preview"
      description="StartTaskContact exactly as it will be sent, kept in sync with the form."
    >
      {body}
      <p
        role="status"
        aria-live="polite"
        aria-label="Copy status"
        className="text-sm text-green-800"
      >
        {copied}
      </p>
    </Section>
  );
}
