import Link from "next/link";

import { ContactJump } from "@/components/contact-jump";
import { MainNav } from "@/components/main-nav";
import { SignOutButton } from "@/components/sign-out-button";
import { ROLE_LABELS, type Role } from "@/lib/permissions";

export function SiteHeader({ user }: { user: { name: string; email: string; role: Role } }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center gap-8 px-4 py-3">
        <Link href="/" prefetch={false} className="text-brand-700 font-semibold">
          Connect Task Console
        </Link>
        <MainNav role={user.role} />
        <div className="ml-auto flex items-center gap-3 text-sm">
          <ContactJump />
          <span aria-label="Signed in as">
            <span className="font-medium">{user.name}</span>{" "}
            <span className="text-slate-500">({ROLE_LABELS[user.role]})</span>
          </span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
