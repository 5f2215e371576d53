/**
 * Reading a bulk CSV: UTF-8 with or without a byte-order mark, comma or semicolon (a spreadsheet
 * in a comma-decimal locale saves with semicolons), quoted fields with newlines and doubled quotes.
 * papaparse does the parsing; the delimiter is decided here from the header line, because
 * papaparse's own guess looks at data rows, where free text holds commas of its own.
 */
import Papa from "papaparse";

export type CsvDelimiter = "," | ";";

export interface ParsedCsv {
  delimiter: CsvDelimiter;
  header: string[];
  /** Data records (the header excluded), each a list of cells; blank lines are dropped. */
  records: string[][];
  /** Malformed quoting and the like, by record number (the header is record 1). */
  errors: { record: number; message: string }[];
}

const BOM = "\uFEFF";

export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/**
 * The delimiter of the header line (up to the first newline outside quotes): whichever of comma
 * and semicolon occurs more often outside quotes; a comma on a tie (a one-column file).
 */
export function detectDelimiter(text: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let isQuoted = false;
  for (const character of text) {
    if (character === '"') isQuoted = !isQuoted;
    else if (!isQuoted && (character === "\n" || character === "\r")) break;
    else if (!isQuoted && character === ",") commas += 1;
    else if (!isQuoted && character === ";") semicolons += 1;
  }
  return semicolons > commas ? ";" : ",";
}

export function parseCsv(input: string): ParsedCsv {
  const text = stripBom(input);
  const delimiter = detectDelimiter(text);
  const result = Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: "greedy",
    header: false,
    dynamicTyping: false,
  });
  const [header = [], ...records] = result.data;
  const errors = result.errors.map((error) => ({
    record: (error.row ?? 0) + 1,
    message: error.message,
  }));
  return { delimiter, header, records, errors };
}

/** Cells as one CSV text (comma, CRLF, quotes where needed), for the files the page offers. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return Papa.unparse(rows as string[][], { newline: "\r\n" });
}
