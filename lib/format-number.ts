/**
 * Counts and limits as people read them ("32,768"), written out by hand rather than by
 * `Intl.NumberFormat`: the first Intl formatter a page builds loads ICU's data, tens of
 * milliseconds on a phone, and the composer shows its counters while it starts. Counts are whole
 * numbers; anything else (never shown today) still goes through Intl, built on first use.
 */
let english: Intl.NumberFormat | undefined;

export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return (english ??= new Intl.NumberFormat("en")).format(n);
  const digits = String(Math.abs(n));
  let grouped = "";
  for (let end = digits.length; end > 0; end -= 3)
    grouped = digits.slice(Math.max(0, end - 3), end) + (grouped ? `,${grouped}` : "");
  // Intl writes the minus sign of -0 too.
  return n < 0 || Object.is(n, -0) ? `-${grouped}` : grouped;
}
