import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { getSessionUser } from "@/lib/server/auth/session";

import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await getSessionUser()) redirect("/");
  return (
    <section className="mx-auto mt-16 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 id="sign-in-title" className="mb-1 text-xl font-semibold">
        Sign in
      </h1>
      <p className="mb-6 text-sm text-slate-600">
        Connect Task Console accounts are created by an administrator.
      </p>
      <SignInForm />
    </section>
  );
}
