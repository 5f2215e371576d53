"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";

import { FormField } from "@/components/form-field";
import type { ActionFailure } from "@/lib/errors";

import { signIn } from "../actions/sign-in";

export function SignInForm() {
  const router = useRouter();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [isPending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === "string" ? value : "";
    };
    const values = { email: text("email"), password: text("password") };
    startTransition(async () => {
      const result = await signIn(values);
      if (result.ok) {
        router.replace("/");
        router.refresh();
        return;
      }
      setFailure(result);
      // Keep the email; clear only the password after a failed attempt.
      const password = form.elements.namedItem("password");
      if (password instanceof HTMLInputElement) password.value = "";
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="sign-in-title">
      <fieldset disabled={isPending} className="space-y-4">
        <FormField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          error={failure?.fieldErrors.email}
        />
        <FormField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={failure?.fieldErrors.password}
        />
        <div
          role="status"
          aria-live="polite"
          aria-label="Sign-in status"
          className="min-h-5 text-sm text-red-700"
        >
          {failure ? failure.formError : null}
        </div>
        <button
          type="submit"
          className="bg-brand-600 hover:bg-brand-700 w-full rounded px-4 py-2 font-medium text-white disabled:opacity-60"
        >
          {isPending ? "Signing in…" : "Sign in"}
        </button>
      </fieldset>
    </form>
  );
}
