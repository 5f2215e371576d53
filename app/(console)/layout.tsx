import type { ReactNode } from "react";

import { SiteHeader } from "@/components/site-header";
import { requirePageUser } from "@/lib/server/auth/authorise";

/** Every page of the console needs a signed-in user; each page checks its own permission too. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  return (
    <>
      <SiteHeader user={user} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
