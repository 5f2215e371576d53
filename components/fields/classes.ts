/**
 * The console's control and button looks, each written once. They are class strings rather than
 * components so server components, links styled as buttons and the composer's client parts all
 * use them without a wrapper (no extra component in the composer's render). Extra classes are
 * appended for layout only (`w-full`, `mt-6`), never to restyle a look: two Tailwind classes on one
 * property win by stylesheet order, not by their order in the string.
 */

/** A text input, select or textarea filling its field: red border when invalid, grey read-only. */
export const CONTROL =
  "block w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm read-only:bg-slate-50 aria-invalid:border-red-600";

/** A control in a row of other things (a table cell, the header): no width, no font size. */
export const COMPACT_CONTROL =
  "rounded border border-slate-300 bg-white px-2 py-1 aria-invalid:border-red-600";

/** A field's label, and the legend of a group of fields. */
export const LABEL = "block text-sm font-medium text-slate-700";

/** The one main action of a form or page (links styled as buttons too). */
export const PRIMARY_BUTTON =
  "bg-brand-600 hover:bg-brand-700 rounded px-4 py-2 text-sm font-medium text-white disabled:opacity-60";

/** Any other action beside a form's fields or a list. */
export const SECONDARY_BUTTON =
  "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60";

/** An action in a table row or the header, where a full-size button would crowd the line. */
export const SMALL_BUTTON =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-700 hover:bg-slate-50 disabled:opacity-60";

/** The confirm button of a dialog whose action cannot be undone. */
export const DANGER_BUTTON =
  "rounded bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60";

/** The button that opens such a dialog. */
export const DANGER_OUTLINE_BUTTON =
  "rounded border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60";
