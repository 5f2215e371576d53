"use client";

import { useState } from "react";
import { useFormContext, useFormState, useWatch } from "react-hook-form";

import { LINK_KINDS } from "@/lib/task/fields";
import type { TaskFormValues } from "@/lib/task/schema";
import { describeDistance } from "@/lib/task/zoned-time";

import { BUTTON, InputField, Section, errorAt } from "./fields";
import { isNotFound, useLookup } from "./lookups";

const KIND_LABELS: Record<(typeof LINK_KINDS)[number], string> = {
  none: "None",
  previous: "Previous contact",
  related: "Related contact",
};

function ContactLookupResult({
  instanceId,
  contactId,
  isPrevious,
  maxLinkedTasks,
}: {
  instanceId: string;
  contactId: string;
  isPrevious: boolean;
  maxLinkedTasks: number;
}) {
  const lookup = useLookup("contact", instanceId, { contactId }, contactId !== "");
  if (contactId === "") return null;
  let body: React.ReactNode;
  if (lookup.isPending) body = <p>Looking up {contactId}…</p>;
  else if (lookup.error) {
    body = isNotFound(lookup.error) ? (
      <p className="text-red-700">No contact with this id in this instance.</p>
    ) : (
      <p className="text-red-700">{lookup.error.message}</p>
    );
  } else {
    const { contact, linkedTasks } = lookup.data;
    const limit = linkedTasks.limit || maxLinkedTasks;
    const now = new Date();
    const when = contact.startedAt
      ? `, started ${describeDistance(now, new Date(contact.startedAt))}`
      : contact.scheduledAt
        ? `, scheduled to start ${describeDistance(now, new Date(contact.scheduledAt))}`
        : "";
    body = (
      <>
        <p>
          <span className="font-medium">{contact.channel.toLowerCase()} contact</span>
          {contact.name ? ` “${contact.name}”` : ""}
          {when}
          {contact.disconnectedAt ? ", ended" : ", not ended"}.
        </p>
        {isPrevious ? (
          <p className={linkedTasks.used >= limit ? "font-medium text-red-700" : undefined}>
            {linkedTasks.used} of {limit} linked tasks used (as far as the console knows).
            {linkedTasks.used >= limit
              ? " Connect refuses more tasks with this previous contact: link it as a related contact instead."
              : ""}
          </p>
        ) : null}
      </>
    );
  }
  return (
    <div role="status" aria-label="Contact lookup" className="space-y-1 text-sm text-slate-700">
      {body}
    </div>
  );
}

/** Previous or related contact (never both), with a lookup of what the id is. */
export function LinkField({ maxLinkedTasks }: { maxLinkedTasks: number }) {
  const { control, register, setValue, getValues } = useFormContext<TaskFormValues>();
  const { errors } = useFormState({ control });
  const [kind, instanceId] = useWatch({ control, name: ["linkKind", "instanceId"] });
  // A link the composer opened with (a follow-up, a restored draft) is looked up straight away.
  const [lookedUp, setLookedUp] = useState(() =>
    getValues("linkKind") === "none" ? "" : getValues("linkedContactId").trim(),
  );

  function lookUp() {
    setLookedUp(getValues("linkedContactId").trim());
  }

  return (
    <Section
      id="link"
      title="Link"
      description="Link the task to an earlier contact: as its previous contact (same chain, shared attributes) or as a related contact."
    >
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Link to</legend>
        <div className="mt-2 flex flex-wrap gap-4">
          {LINK_KINDS.map((option) => (
            <label key={option} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                value={option}
                {...register("linkKind", {
                  onChange: () => {
                    if (option === "none") {
                      setValue("linkedContactId", "", { shouldDirty: true });
                      setLookedUp("");
                    }
                  },
                })}
              />
              {KIND_LABELS[option]}
            </label>
          ))}
        </div>
      </fieldset>
      {kind !== "none" ? (
        <div className="flex flex-wrap items-start gap-3">
          <div className="min-w-72 flex-1">
            <InputField
              label="Contact id"
              path="linkedContactId"
              autoComplete="off"
              spellCheck={false}
              error={errorAt(errors, "linkedContactId")}
              onKeyDown={(event) => {
                if (event.key === "Enter") {
                  event.preventDefault();
                  lookUp();
                }
              }}
              {...register("linkedContactId", { onBlur: lookUp })}
            />
          </div>
          <button type="button" className={`${BUTTON} mt-6`} onClick={lookUp}>
            Look up
          </button>
        </div>
      ) : null}
      {kind !== "none" ? (
        <ContactLookupResult
          instanceId={instanceId}
          contactId={lookedUp}
          isPrevious={kind === "previous"}
          maxLinkedTasks={maxLinkedTasks}
        />
      ) : null}
    </Section>
  );
}
