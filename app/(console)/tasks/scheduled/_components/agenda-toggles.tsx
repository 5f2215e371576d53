import Link from "next/link";

import { type AgendaScope, type AgendaView, agendaHref } from "@/lib/task/agenda-query";

/**
 * The view and scope switches are links: the choice lives in the URL, so a reload or a shared
 * link shows the same agenda, and the current one is marked with aria-current.
 */
function Toggle({
  label,
  options,
}: {
  label: string;
  options: { href: string; text: string; isCurrent: boolean }[];
}) {
  return (
    <nav aria-label={label}>
      <ul className="inline-flex overflow-hidden rounded border border-slate-300 text-sm">
        {options.map((option) => (
          <li key={option.href} className="border-slate-300 not-first:border-l">
            <Link
              href={option.href}
              aria-current={option.isCurrent ? "page" : undefined}
              className={
                option.isCurrent
                  ? "bg-brand-600 block px-3 py-1.5 font-medium text-white"
                  : "block bg-white px-3 py-1.5 text-slate-700 hover:bg-slate-50"
              }
            >
              {option.text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function AgendaToggles({
  view,
  scope,
  canChooseScope,
  week,
  range,
}: {
  view: AgendaView;
  scope: AgendaScope;
  canChooseScope: boolean;
  /** The grid's week and the list's days: a change of scope keeps the ones on screen. */
  week?: string | undefined;
  range?: { from?: string | undefined; to?: string | undefined };
}) {
  const kept = view === "grid" ? { week } : { from: range?.from, to: range?.to };
  return (
    <div className="flex flex-wrap items-center gap-4">
      <Toggle
        label="Agenda view"
        options={[
          { href: agendaHref({ view: "grid", scope }), text: "Grid", isCurrent: view === "grid" },
          { href: agendaHref({ view: "list", scope }), text: "List", isCurrent: view === "list" },
        ]}
      />
      {canChooseScope ? (
        <Toggle
          label="Whose tasks"
          options={[
            {
              href: agendaHref({ view, scope: "all", ...kept }),
              text: "Everyone",
              isCurrent: scope === "all",
            },
            {
              href: agendaHref({ view, scope: "mine", ...kept }),
              text: "Mine",
              isCurrent: scope === "mine",
            },
          ]}
        />
      ) : null}
    </div>
  );
}
