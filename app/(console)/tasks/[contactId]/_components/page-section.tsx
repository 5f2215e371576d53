import type { ReactNode } from "react";

/** One part of the task page (see components/section.tsx). */
export { Section as PageSection } from "@/components/section";

/** A term and its value in a description list; an empty value reads "—". */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[12rem_1fr] gap-3 py-1.5 text-sm">
      <dt className="text-slate-500">{term}</dt>
      <dd className="[overflow-wrap:anywhere]">{children ?? "—"}</dd>
    </div>
  );
}

export function Problem({ children }: { children: ReactNode }) {
  return <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">{children}</p>;
}

export const taskHref = (contactId: string, instanceId: string) =>
  `/tasks/${encodeURIComponent(contactId)}?instance=${encodeURIComponent(instanceId)}`;
