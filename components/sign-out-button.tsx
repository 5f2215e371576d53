"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";

import { signOut } from "@/app/(console)/actions/sign-out";
import { SMALL_BUTTON } from "@/components/fields/classes";

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
      className={SMALL_BUTTON}
    >
      {isPending ? "Signing out…" : "Sign out"}
    </button>
  );
}
