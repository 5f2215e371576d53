"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";

import { COMPACT_CONTROL, SMALL_BUTTON } from "@/components/fields/classes";
import { TASK_LIMITS } from "@/lib/task/limits";

/**
 * Opens any contact's task page by its id (from a call, a chat, another tool), where a follow-up
 * can be created. The label is not "Contact id": the composer's link field owns that name.
 */
export function ContactJump() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);

  function open(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const raw = new FormData(event.currentTarget).get("contactId");
    const contactId = typeof raw === "string" ? raw.trim() : "";
    if (contactId === "") return setError("Enter a contact id.");
    if (contactId.length > TASK_LIMITS.contactIdMax)
      return setError(`At most ${TASK_LIMITS.contactIdMax} characters.`);
    setError(null);
    router.push(`/tasks/${encodeURIComponent(contactId)}`);
  }

  return (
    <search className="relative">
      <form onSubmit={open} noValidate className="flex items-center gap-1.5 text-sm">
        <label htmlFor="contact-jump" className="sr-only">
          Go to contact
        </label>
        <input
          id="contact-jump"
          name="contactId"
          placeholder="Contact id"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "contact-jump-error" : undefined}
          onChange={() => setError(null)}
          className={`${COMPACT_CONTROL} w-44 font-mono text-xs`}
        />
        <button type="submit" className={SMALL_BUTTON}>
          Open
        </button>
      </form>
      {error ? (
        <p
          id="contact-jump-error"
          className="absolute top-full left-0 mt-1 rounded bg-white px-1 text-xs text-red-700 shadow"
        >
          {error}
        </p>
      ) : null}
    </search>
  );
}
