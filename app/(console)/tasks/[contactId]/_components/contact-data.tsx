import type { ContactReference } from "@/lib/server/connect/contacts";
import type { Loaded } from "@/lib/server/tasks/task-page";

import { Problem } from "./page-section";

const TABLE = "min-w-full text-left text-sm";
const HEAD = "bg-slate-50 text-slate-600";
const CELL = "px-3 py-2 align-top [overflow-wrap:anywhere]";

export function ContactReferences({ references }: { references: Loaded<ContactReference[]> }) {
  return (
    <div className="space-y-2">
      <h3 className="font-medium">References</h3>
      {!references.ok ? (
        <Problem>The references could not be read: {references.message}</Problem>
      ) : references.value.length === 0 ? (
        <p className="text-sm text-slate-600">No references.</p>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-200">
          <table className={TABLE}>
            <caption className="sr-only">References</caption>
            <thead className={HEAD}>
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Name
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Type
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Value
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {references.value.map((reference, index) => (
                <tr key={`${reference.name}-${index}`}>
                  <td className={CELL}>{reference.name}</td>
                  <td className={CELL}>
                    {reference.type}
                    {reference.status ? ` (${reference.status.toLowerCase()})` : ""}
                  </td>
                  <td className={CELL}>{reference.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function ContactAttributes({
  attributes,
  initialContactId,
}: {
  attributes: Loaded<Record<string, string>>;
  /** Set when the attributes belong to an earlier contact of the chain. */
  initialContactId: string | null;
}) {
  const entries = attributes.ok
    ? Object.entries(attributes.value).sort(([a], [b]) => a.localeCompare(b))
    : [];
  return (
    <div className="space-y-2">
      <h3 className="font-medium">Attributes</h3>
      {initialContactId ? (
        <p className="text-sm text-slate-600">
          Attributes belong to the chain&apos;s initial contact,{" "}
          <code className="font-mono text-xs">{initialContactId}</code>.
        </p>
      ) : null}
      {!attributes.ok ? (
        <Problem>The attributes could not be read: {attributes.message}</Problem>
      ) : entries.length === 0 ? (
        <p className="text-sm text-slate-600">No attributes.</p>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-200">
          <table className={TABLE}>
            <caption className="sr-only">Attributes</caption>
            <thead className={HEAD}>
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Key
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Value
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {entries.map(([key, value]) => (
                <tr key={key}>
                  <td className={`${CELL} font-mono text-xs`}>{key}</td>
                  <td className={CELL}>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
