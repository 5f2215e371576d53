import type { ReactNode } from "react";

import { ColumnHeaders } from "@/components/column-headers";
import type { ContactReference } from "@/lib/server/connect/contacts";
import type { Loaded } from "@/lib/server/tasks/task-page";

import { Problem } from "./page-section";

const CELL = "px-3 py-2 align-top [overflow-wrap:anywhere]";

/**
 * One of Connect's lists about the contact (references, attributes): a captioned table, the
 * reason when Connect could not answer, or a line saying it is empty.
 */
function ContactList({
  title,
  noun,
  note,
  columns,
  rows,
}: {
  title: string;
  /** "references": "No references.", "The references could not be read: …" */
  noun: string;
  note?: ReactNode;
  columns: string[];
  rows: Loaded<{ key: string; cells: ReactNode[] }[]>;
}) {
  return (
    <div className="space-y-2">
      <h3 className="font-medium">{title}</h3>
      {note}
      {!rows.ok ? (
        <Problem>
          The {noun} could not be read: {rows.message}
        </Problem>
      ) : rows.value.length === 0 ? (
        <p className="text-sm text-slate-600">No {noun}.</p>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-200">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">{title}</caption>
            <thead className="bg-slate-50 text-slate-600">
              <ColumnHeaders cellClassName="px-3 py-2 font-medium" columns={columns} />
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.value.map((row) => (
                <tr key={row.key}>
                  {row.cells.map((cell, index) => (
                    <td key={index} className={CELL}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function mapLoaded<T, U>(loaded: Loaded<T>, map: (value: T) => U): Loaded<U> {
  return loaded.ok ? { ok: true, value: map(loaded.value) } : loaded;
}

export function ContactReferences({ references }: { references: Loaded<ContactReference[]> }) {
  return (
    <ContactList
      title="References"
      noun="references"
      columns={["Name", "Type", "Value"]}
      rows={mapLoaded(references, (list) =>
        list.map((reference, index) => ({
          key: `${reference.name}-${index}`,
          cells: [
            reference.name,
            `${reference.type}${reference.status ? ` (${reference.status.toLowerCase()})` : ""}`,
            reference.value,
          ],
        })),
      )}
    />
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
  return (
    <ContactList
      title="Attributes"
      noun="attributes"
      note={
        initialContactId ? (
          <p className="text-sm text-slate-600">
            Attributes belong to the chain&apos;s initial contact,{" "}
            <code className="font-mono text-xs">{initialContactId}</code>.
          </p>
        ) : null
      }
      columns={["Key", "Value"]}
      rows={mapLoaded(attributes, (bag) =>
        Object.entries(bag)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([key, value]) => ({
            key,
            cells: [
              <code key="key" className="font-mono text-xs">
                {key}
              </code>,
              value,
            ],
          })),
      )}
    />
  );
}
