/**
 * A table's header row: one `<th scope="col">` per column, so every table of the console names
 * its columns the same way (screen readers announce them, tests find cells by them). A column may
 * carry its own class (alignment, a narrow checkbox column).
 */
import type { ReactNode } from "react";

export type Column = string | { label: ReactNode; key: string; className?: string };

export function ColumnHeaders({
  columns,
  cellClassName,
  rowClassName,
}: {
  columns: readonly Column[];
  cellClassName: string;
  rowClassName?: string;
}) {
  return (
    <tr className={rowClassName}>
      {columns.map((column) => {
        const { label, key, className } =
          typeof column === "string"
            ? { label: column, key: column, className: undefined }
            : column;
        return (
          <th key={key} scope="col" className={className ?? cellClassName}>
            {label}
          </th>
        );
      })}
    </tr>
  );
}
