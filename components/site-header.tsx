import Link from "next/link";

import { MainNav } from "@/components/main-nav";

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center gap-8 px-4 py-3">
        <Link href="/" className="text-brand-700 font-semibold">
          Connect Task Console
        </Link>
        <MainNav />
      </div>
    </header>
  );
}
