/**
 * The values the fuzzer's near-valid and hostile cases are made of: times the clocks skip, zones
 * and dates that do not exist, edge values of each typed reference, Unicode no form sends,
 * lengths just over the limits, and inputs slow for a backtracking pattern.
 */

/** Wall-clock times that do not exist in their zone (the clocks jump over them). */
export const DST_GAPS = [
  { timeZone: "Europe/Paris", local: "2027-03-28T02:30" },
  { timeZone: "America/New_York", local: "2027-03-14T02:30" },
  { timeZone: "Australia/Lord_Howe", local: "2027-10-03T02:15" },
  { timeZone: "Pacific/Chatham", local: "2027-09-26T02:50" },
] as const;

export const BAD_ZONES = [
  "Mars/Olympus_Mons",
  "Europe/Paris ",
  "UTC+2",
  "GMT+14",
  "Etc/GMT-15",
  "",
  "Local",
  "../../etc/passwd",
  "Z".repeat(300),
  "US/Pacific-New",
  "\u0000UTC",
];
export const BAD_DATES = [
  "2027-02-30T10:00",
  "2027-13-01T00:00",
  "0000-01-01T00:00",
  "9999-12-31T23:59",
  "275760-09-13T00:00",
  "2027-1-1T1:1",
  "2027-01-01T24:00",
  "2027-01-01",
  "yesterday",
  "",
  "2027-01-01T10:00:00.000+99:00",
];

/**
 * Edge values of each typed reference (and template field) type: what the console's rule and
 * Connect's rule may judge differently, so a value the console lets through reaches Connect.
 */
export const TYPED_EDGES: Record<string, string[]> = {
  DATE: ["1969-12-31T23:59", "1900-01-01T00:00", "0001-01-01T00:00", "9999-12-31T23:59"],
  NUMBER: ["1e999", ".5", "5.", "+1", " 42 ", "0x1F", "١٢٣", "1_000", "-", "1e-400"],
  EMAIL: ["a@.b.c", "a@b.c.", " a@b.c ", "a@b..c", '"a b"@c.d'],
  URL: ["https://a", "http://[::1]/", "HTTPS://X.ORG", "http://a:99999", "https://a b.org"],
};

export const ODD_UNICODE = [
  "\uD800",
  "\uDFFF",
  "a\uD83D",
  "\u0000",
  "nul\u0000inside",
  "\u202Eevil\u202C",
  "\u200F\u200E\u061C",
  "\uFEFF",
  "e\u0301\u0301\u0301\u0301\u0301",
  "\u2028\u2029",
  "👩‍👩‍👧‍👦",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  "\uFFFE\uFFFF",
  "'; DROP TABLE audit_event; --",
  "$1",
  "$$",
  '=HYPERLINK("http://x")',
  "<script>alert(1)</script>",
  "%00%ff",
];

export const LENGTHS = [101, 257, 501, 1_025, 4_097, 32_768, 100_001];
/** Within the length limits, but slow for a backtracking pattern (emails, numbers, URLs). */
export const PATHOLOGICAL = [
  `a@${"a".repeat(4_000)}`,
  `${"a@".repeat(2_000)}`,
  `${"1".repeat(4_000)}e`,
  `https://${"a.".repeat(2_000)}`,
  `${" ".repeat(4_000)}x`,
];
