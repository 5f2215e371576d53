import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="px-4 py-8">
      {children}
    </main>
  );
}
