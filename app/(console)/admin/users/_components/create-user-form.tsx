"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";

import { PRIMARY_BUTTON } from "@/components/fields/classes";
import { InputField, SelectField } from "@/components/fields/controls";
import type { ActionFailure } from "@/lib/errors";
import { ROLE_LABELS, type Role } from "@/lib/permissions";
import { MIN_PASSWORD_LENGTH } from "@/lib/users/limits";

import { RoleOptions } from "./role-options";
import { createUser } from "../actions/create-user";

interface Draft {
  name: string;
  email: string;
  role: Role;
  password: string;
}

const EMPTY: Draft = { name: "", email: "", role: "support", password: "" };

export function CreateUserForm() {
  const router = useRouter();
  // Controlled fields: whatever the administrator typed stays put when the server says no.
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  const update = (field: keyof Draft) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = draft;
    startTransition(async () => {
      const result = await createUser(values);
      if (!result.ok) {
        setCreated(null);
        setFailure(result);
        return;
      }
      setFailure(null);
      setDraft(EMPTY);
      setCreated(
        `Created ${values.name} (${result.data.email}) as ${ROLE_LABELS[result.data.role]}. ` +
          "Give them the initial password through a safe channel.",
      );
      router.refresh();
    });
  }

  const errors = failure?.fieldErrors ?? {};
  return (
    <section
      aria-labelledby="create-user-title"
      className="rounded-lg border border-slate-200 bg-white p-5"
    >
      <h2 id="create-user-title" className="text-lg font-medium">
        Create user
      </h2>
      <form onSubmit={onSubmit} noValidate aria-labelledby="create-user-title" className="mt-4">
        <fieldset disabled={isPending} className="grid gap-4 sm:grid-cols-2">
          <InputField
            label="Name"
            name="name"
            autoComplete="off"
            value={draft.name}
            onChange={(event) => update("name")(event.target.value)}
            error={errors.name}
          />
          <InputField
            label="Email"
            name="email"
            type="email"
            autoComplete="off"
            value={draft.email}
            onChange={(event) => update("email")(event.target.value)}
            error={errors.email}
          />
          <SelectField
            label="Role"
            name="role"
            value={draft.role}
            onChange={(event) => update("role")(event.target.value)}
            error={errors.role}
          >
            <RoleOptions />
          </SelectField>
          <InputField
            label="Initial password"
            name="password"
            type="password"
            autoComplete="new-password"
            hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
            value={draft.password}
            onChange={(event) => update("password")(event.target.value)}
            error={errors.password}
          />
          <div className="flex items-center gap-4 sm:col-span-2">
            <button type="submit" className={PRIMARY_BUTTON}>
              {isPending ? "Creating…" : "Create user"}
            </button>
            <p
              role="status"
              aria-live="polite"
              aria-label="Create user status"
              className={`text-sm ${failure ? "text-red-700" : "text-green-800"}`}
            >
              {failure ? failure.formError : created}
            </p>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
