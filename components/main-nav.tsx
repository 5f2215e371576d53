"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { type Permission, type Role, hasPermission } from "@/lib/permissions";

/**
 * Sections of the console. Hiding an entry is for the reader only: every page, action and route
 * handler checks the permission again on the server.
 */
export const NAV_ITEMS: { href: string; label: string; permission: Permission }[] = [
  { href: "/", label: "Overview", permission: "session.own" },
  { href: "/tasks", label: "Tasks", permission: "task.read.own" },
  { href: "/tasks/scheduled", label: "Agenda", permission: "task.schedule" },
  { href: "/tasks/new", label: "New task", permission: "task.create" },
  { href: "/tasks/bulk", label: "Bulk create", permission: "task.bulk" },
  { href: "/audit", label: "Audit trail", permission: "audit.read.own" },
  { href: "/admin/users", label: "Users", permission: "users.manage" },
  { href: "/admin/connect", label: "Connect settings", permission: "connect.settings.read" },
];

export function MainNav({ role }: { role: Role }) {
  const pathname = usePathname();
  const items = NAV_ITEMS.filter((item) => hasPermission(role, item.permission));
  // The most specific entry is current: /tasks/new is "New task", not "Tasks".
  const current = items
    .filter((item) =>
      item.href === "/"
        ? pathname === "/"
        : pathname === item.href || pathname.startsWith(`${item.href}/`),
    )
    .sort((a, b) => b.href.length - a.href.length)[0];
  return (
    <nav aria-label="Main">
      <ul className="flex gap-4 text-sm">
        {items.map((item) => {
          const isCurrent = item === current;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                // Every console page renders per request, so a prefetch would fetch little that
                // a click does not fetch again, and the page's load would pay for seven of them.
                prefetch={false}
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
