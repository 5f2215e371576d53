"use client";

/**
 * The checked rows, each problem at its cell: the cell is marked aria-invalid and described by
 * its message, as a form field with an error is. Problems of the row as a whole sit at its row
 * number. Long files show their first rows only (the problems file has every problem).
 */
import { ColumnHeaders } from "@/components/column-headers";
import type { CheckedFileRow } from "@/lib/bulk/check";

export const TABLE_ROWS_SHOWN = 200;

const problemId = (row: number, column: number | "row") => `bulk-problem-${row}-${column}`;

export function BulkRowsTable({ header, rows }: { header: string[]; rows: CheckedFileRow[] }) {
  const shown = rows.slice(0, TABLE_ROWS_SHOWN);
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Rows of the file</caption>
        <thead className="border-b border-slate-200 text-slate-600">
          <ColumnHeaders
            columns={[
              { key: "row", label: "Row", className: "px-2 py-1" },
              // Keyed by position: a file may repeat a header (reported as a problem).
              ...header.map((cell, index) => ({ key: `column-${index}`, label: cell })),
            ]}
            cellClassName="px-2 py-1 font-medium"
          />
        </thead>
        <tbody>
          {shown.map((row) => {
            const rowProblems = row.problems.filter(
              (problem) => problem.column === null || !header.includes(problem.column),
            );
            return (
              <tr key={row.row} className="border-b border-slate-100 align-top">
                <th
                  scope="row"
                  className="px-2 py-1 font-normal"
                  aria-invalid={rowProblems.length > 0 || undefined}
                  aria-describedby={rowProblems.length > 0 ? problemId(row.row, "row") : undefined}
                >
                  {row.row}
                  {rowProblems.length > 0 ? (
                    <p id={problemId(row.row, "row")} className="text-red-700">
                      {rowProblems.map((problem) => problem.message).join(" ")}
                    </p>
                  ) : null}
                </th>
                {header.map((column, index) => {
                  const problems = row.problems.filter((problem) => problem.column === column);
                  const isInvalid = problems.length > 0;
                  return (
                    <td
                      key={index}
                      className={`px-2 py-1 whitespace-pre-wrap ${isInvalid ? "bg-red-50" : ""}`}
                      aria-invalid={isInvalid || undefined}
                      aria-describedby={isInvalid ? problemId(row.row, index) : undefined}
                    >
                      {row.cells[index] ?? ""}
                      {isInvalid ? (
                        <p id={problemId(row.row, index)} className="text-red-700">
                          {problems.map((problem) => problem.message).join(" ")}
                        </p>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length > shown.length ? (
        <p className="mt-2 text-sm text-slate-600">
          The first {TABLE_ROWS_SHOWN} of {rows.length} rows are shown; the problems file lists
          every problem.
        </p>
      ) : null}
    </div>
  );
}
