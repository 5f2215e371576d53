import { ATTRIBUTE_KEY_PATTERN } from "@/lib/task/limits";

/** `key=value` lines → rows; lines that do not parse are returned with the reason. */
export function parseAttributeLines(text: string): {
  rows: { key: string; value: string }[];
  problems: { line: number; text: string; reason: string }[];
} {
  const rows: { key: string; value: string }[] = [];
  const problems: { line: number; text: string; reason: string }[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === "") return;
    const at = raw.indexOf("=");
    const key = at < 0 ? "" : raw.slice(0, at).trim();
    const reason =
      at < 0
        ? "no “=” between key and value"
        : key === ""
          ? "the key is empty"
          : !ATTRIBUTE_KEY_PATTERN.test(key)
            ? "the key may use only letters, digits, - and _"
            : null;
    if (reason) problems.push({ line: index + 1, text: raw, reason });
    else rows.push({ key, value: raw.slice(at + 1) });
  });
  return { rows, problems };
}
