/**
 * Near-valid and hostile inputs. A near-valid input is a valid one with exactly one field
 * changed (wrong type, too long, a bad zone or date, a DST gap, removed, an extra key); a hostile
 * one carries what no form sends: huge strings, deep nesting, prototype keys, broken Unicode.
 */
import fc from "fast-check";

import {
  BAD_DATES,
  BAD_ZONES,
  DST_GAPS,
  LENGTHS,
  ODD_UNICODE,
  PATHOLOGICAL,
  TYPED_EDGES,
} from "./edge-values";
import { ZONES } from "./task-values";

/** A valid zone in random letter case: "eUrOpE/pArIs" names the same zone to Intl. */
const zoneInAnyCase = fc
  .tuple(fc.constantFrom(...ZONES), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }))
  .map(([zone, flips]) =>
    [...zone].map((c, i) => (flips[i] ? c.toUpperCase() : c.toLowerCase())).join(""),
  );

export const oddUnicode = fc.oneof(
  fc.constantFrom(...ODD_UNICODE),
  fc.string({ unit: "binary", maxLength: 50 }),
  fc.array(fc.constantFrom(...ODD_UNICODE), { minLength: 2, maxLength: 6 }).map((p) => p.join("")),
);

/** 100 kB to 3 MB: below and above the 1 MB action body limit. */
export const hugeString = fc
  .tuple(
    fc.constantFrom("a", "é", "😀", "\u0000", "$", " ", "\\"),
    fc.integer({ min: 100_000, max: 3_000_000 }),
  )
  .map(([c, n]) => c.repeat(Math.ceil(n / c.length)));

/** Structured nesting stays within what JSON.stringify can walk; deeper bodies are raw cases. */
const deep = fc
  .tuple(fc.integer({ min: 200, max: 2_000 }), fc.boolean())
  .map(([depth, isArray]) => {
    let value: unknown = "bottom";
    for (let i = 0; i < depth; i++) value = isArray ? [value] : { a: value };
    return value;
  });

/** Objects whose own keys are the ones that reach a prototype when merged carelessly. */
export const protoKeys = fc.constantFrom("__proto__", "constructor", "prototype").map((key) => {
  const object: Record<string, unknown> = {};
  Object.defineProperty(object, key, {
    value: { isAdmin: true, role: "admin", polluted: "yes", prototype: { polluted: "yes" } },
    enumerable: true,
  });
  return object;
});

const wrongType = fc.constantFrom<unknown>(
  42,
  -1,
  1.5,
  0,
  true,
  false,
  null,
  [],
  {},
  "text",
  [""],
  { value: "" },
  1e308,
  -0,
  2 ** 53 + 1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  undefined,
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hugeString,
  deep,
  protoKeys,
  oddUnicode,
  wrongType,
  fc.array(fc.constant("x"), { minLength: 10_000, maxLength: 200_000 }),
  fc.dictionary(fc.string({ maxLength: 10 }), oddUnicode, { minKeys: 200, maxKeys: 5_000 }),
);

/** Every path of a JSON-like value ([] is the value itself). */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value))
    return here.concat(value.flatMap((item, index) => pathsOf(item, [...prefix, index])));
  if (value && typeof value === "object")
    return here.concat(
      Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key])),
    );
  return here;
}

/** A copy of `value` with the node at `path` replaced (`remove` deletes it instead). */
export function setAt(
  value: unknown,
  path: (string | number)[],
  replacement: unknown,
  remove = false,
): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (
    Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }
  ) as Record<string | number, unknown>;
  if (rest.length === 0 && remove) {
    if (Array.isArray(copy)) copy.splice(Number(head), 1);
    else delete copy[head!];
    return copy;
  }
  copy[head!] = setAt(copy[head!], rest, replacement, remove);
  return copy;
}

/** One field of a valid input changed in one way; `mutation` says how, for the report. */
export function nearValid(valid: unknown): fc.Arbitrary<{ value: unknown; mutation: string }> {
  const paths = pathsOf(valid).filter((path) => path.length > 0);
  if (paths.length === 0) return fc.constant({ value: [valid, valid], mutation: "two arguments" });
  const fieldNamed = (name: string) => paths.find((path) => path.at(-1) === name);
  const zonePath = fieldNamed("timeZone");
  const datePaths = paths.filter((path) =>
    /scheduledLocal|fromScheduledAt|^from$|^to$/.test(String(path.at(-1))),
  );
  const options: fc.Arbitrary<{ value: unknown; mutation: string }>[] = [
    fc.tuple(fc.constantFrom(...paths), wrongType).map(([path, v]) => ({
      value: setAt(valid, path, v),
      mutation: `${path.join(".")} = ${JSON.stringify(v) ?? String(v)}`,
    })),
    fc.tuple(fc.constantFrom(...paths), fc.constantFrom(...LENGTHS)).map(([path, n]) => ({
      value: setAt(valid, path, "x".repeat(n)),
      mutation: `${path.join(".")} = ${n} characters`,
    })),
    fc.constantFrom(...paths).map((path) => ({
      value: setAt(valid, path, undefined, true),
      mutation: `${path.join(".")} removed`,
    })),
    fc.tuple(fc.constantFrom(...paths), fc.constantFrom(...PATHOLOGICAL)).map(([path, v]) => ({
      value: setAt(valid, path, v),
      mutation: `${path.join(".")} = ${describe(v)}`,
    })),
    fc.tuple(fc.constantFrom(...paths), oddUnicode).map(([path, v]) => ({
      value: setAt(valid, path, v),
      mutation: `${path.join(".")} = odd Unicode ${JSON.stringify(v).slice(0, 40)}`,
    })),
  ];
  // Zones, dates and DST gaps are what this console gets wrong most easily: weighted up.
  const semantic: fc.Arbitrary<{ value: unknown; mutation: string }>[] = [];
  if (zonePath) {
    semantic.push(
      fc.oneof(fc.constantFrom(...BAD_ZONES), zoneInAnyCase).map((z) => ({
        value: setAt(valid, zonePath, z),
        mutation: `timeZone = ${JSON.stringify(z).slice(0, 40)}`,
      })),
    );
    // Dates typed by a person: schedules, and DATE references and DATE_TIME template fields.
    const gapTargets = [
      ...datePaths,
      ...paths.filter(
        (p) =>
          p.at(-1) === "value" && /^DATE/.test(String(typeAt(valid, [...p.slice(0, -1), "type"]))),
      ),
    ];
    for (const path of gapTargets) {
      semantic.push(
        fc.constantFrom(...DST_GAPS).map((gap) => ({
          value: setAt(setAt(valid, zonePath, gap.timeZone), path, gap.local),
          mutation: `${path.join(".")} = ${gap.local} in ${gap.timeZone} (DST gap)`,
        })),
      );
    }
  }
  for (const path of paths.filter((p) => p.at(-1) === "value")) {
    const type = String(typeAt(valid, [...path.slice(0, -1), "type"])).replace("DATE_TIME", "DATE");
    const edges = TYPED_EDGES[type];
    if (!edges) continue;
    semantic.push(
      fc.constantFrom(...edges).map((edge) => ({
        value: setAt(valid, path, edge),
        mutation: `${path.join(".")} (${type}) = ${JSON.stringify(edge)}`,
      })),
    );
  }
  for (const path of datePaths) {
    semantic.push(
      fc.constantFrom(...BAD_DATES).map((d) => ({
        value: setAt(valid, path, d),
        mutation: `${path.join(".")} = ${JSON.stringify(d)}`,
      })),
    );
  }
  return fc.oneof(
    ...options.map((arbitrary) => ({ arbitrary, weight: 1 })),
    ...semantic.map((arbitrary) => ({ arbitrary, weight: 3 })),
  );
}

function typeAt(value: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>(
    (node, key) =>
      node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined,
    value,
  );
}

/** A hostile input: the whole argument, one of its fields, or extra arguments. */
export function hostile(valid: unknown): fc.Arbitrary<{ args: unknown[]; mutation: string }> {
  const paths = pathsOf(valid);
  return fc.oneof(
    hostileValue.map((v) => ({ args: [v], mutation: `argument = ${describe(v)}` })),
    fc.tuple(fc.constantFrom(...paths), hostileValue).map(([path, v]) => ({
      args: [setAt(valid, path, v)],
      mutation: `${path.join(".") || "argument"} = ${describe(v)}`,
    })),
    protoKeys.map((p) => ({
      args: [{ ...(valid as object), ...p }],
      mutation: `argument + ${Object.keys(p)[0]} key`,
    })),
    fc.constantFrom<unknown[]>([], [null], [valid, valid, valid], [undefined]).map((args) => ({
      args,
      mutation: `arguments = ${args.length} values`,
    })),
  );
}

/** A short label for a value in the report (never the value itself when it is huge). */
export function describe(value: unknown): string {
  if (typeof value === "string")
    return value.length > 60
      ? `string of ${value.length} characters (${JSON.stringify(value.slice(0, 8))}…)`
      : JSON.stringify(value);
  if (Array.isArray(value))
    return `array of ${value.length}${Array.isArray(value[0]) ? " (nested)" : ""}`;
  if (value && typeof value === "object") {
    const keys = Object.keys(value);
    return keys.length > 5 ? `object with ${keys.length} keys` : `object {${keys.join(", ")}}`;
  }
  return String(value);
}
