/**
 * Counts and limits as people read them ("32,768"). One formatter for the whole console:
 * `Number#toLocaleString` builds a new ICU formatter on every call (about a millisecond on a
 * phone), and the composer formats limits and counters on every render.
 */
const ENGLISH = new Intl.NumberFormat("en");

export const formatCount = (n: number): string => ENGLISH.format(n);
