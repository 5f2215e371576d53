"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";

import { signOut } from "@/app/(console)/actions/sign-out";

export function SignOutButton() {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  return (
    <button
      type="button"
      disabled={isPending}
      onClick={() =>
        startTransition(async () => {
          // Whatever the answer (already signed out included), the session is gone: go to sign-in.
          await signOut({});
          router.replace("/sign-in");
          router.refresh();
        })
      }
      className="rounded border border-slate-300 px-3 py-1 text-slate-700 hover:bg-slate-50"
    >
      {isPending ? "Signing out…" : "Sign out"}
    </button>
  );
}
