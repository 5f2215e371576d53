"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** Sections of the console; later features add their entry here. */
export const NAV_ITEMS = [{ href: "/", label: "Overview" }] as const;

export function MainNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main">
      <ul className="flex gap-4 text-sm">
        {NAV_ITEMS.map((item) => {
          const isCurrent = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={isCurrent ? "page" : undefined}
                className={
                  isCurrent
                    ? "text-brand-700 font-medium underline underline-offset-4"
                    : "text-slate-600 hover:text-slate-900"
                }
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
