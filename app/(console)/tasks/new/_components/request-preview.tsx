"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";

import { SECONDARY_BUTTON } from "@/components/fields/classes";
import { Section } from "@/components/section";
import type { PreviewModel } from "@/lib/composer-contract";
import type { TaskFormValues } from "@/lib/task/schema";

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
          className={SECONDARY_BUTTON}
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

/**
 * The exact request the submit will send, and the same request as an AWS CLI command. The page
 * opens with the server's preview of the initial values; after a change the browser computes it
 * with the schema, which it loads then (it is not part of the page's first load).
 */
export function RequestPreview({
  initial,
  horizonSeconds,
  maxSeconds,
  templateHasFlow,
}: {
  initial: PreviewModel;
  horizonSeconds: number;
  maxSeconds: number;
  templateHasFlow: boolean | undefined;
}) {
  const { control } = useFormContext<TaskFormValues>();
  const values = useWatch({ control }) as TaskFormValues;
  const [copied, setCopied] = useState("");
  const [model, setModel] = useState(initial);
  const isInitial = useRef(true);

  useEffect(() => {
    // The server's preview already shows the values the page opened with.
    if (isInitial.current) {
      isInitial.current = false;
      return;
    }
    let isCurrent = true;
    void import("./task-validation").then(({ previewOf }) => {
      if (isCurrent) setModel(previewOf(values, { horizonSeconds, maxSeconds, templateHasFlow }));
    });
    return () => {
      isCurrent = false;
    };
  }, [values, horizonSeconds, maxSeconds, templateHasFlow]);

  return (
    <Section
      id="preview"
      title="Preview"
      description="StartTaskContact exactly as it will be sent, kept in sync with the form."
    >
      {model.isComplete ? (
        <div className="space-y-4">
          <CopyBlock title="Request JSON" text={model.json} onCopied={setCopied} />
          <CopyBlock title="CLI command" text={model.cli} onCopied={setCopied} />
        </div>
      ) : (
        <p className="text-sm text-slate-700">
          The preview appears once these sections are complete: {model.sections.join(", ")}.
        </p>
      )}
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
