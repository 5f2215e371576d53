/**
 * The body of a server action as React's reply decoder will read it (action-request-guard.ts
 * checks the request around it): a JSON argument list, or multipart parts that hold the root
 * model in field "0". Only the values a console form can produce pass, and every reference must
 * name a part the body holds. Neutral module: web APIs only.
 */
export type GuardVerdict = { ok: true } | { ok: false; status: 400 | 403 | 413; message: string };

export const OK: GuardVerdict = { ok: true };
export const malformed = (reason: string): GuardVerdict => ({
  ok: false,
  status: 400,
  message: `Malformed request: ${reason}.`,
});

/** Deeper than any console form nests (the task composer: about 4 levels). */
export const MAX_NESTING = 64;
/** The console's actions take one argument; Next refuses more than 1,000 with a 500. */
export const MAX_ARGUMENTS = 8;

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function checkUrlEncoded(bytes: Uint8Array): GuardVerdict {
  const text = utf8(bytes);
  if (text === null) return malformed("the form body is not valid URL encoding");
  for (const pair of text.split("&")) {
    try {
      decodeURIComponent(pair.replaceAll("+", " "));
    } catch {
      return malformed("the form body is not valid URL encoding");
    }
  }
  return OK;
}

export function checkTextReply(bytes: Uint8Array): GuardVerdict {
  const text = utf8(bytes);
  if (text === null) return malformed("the body is not UTF-8 text");
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return malformed("the body is not JSON");
  }
  return checkArguments(root, () => null);
}

export async function checkMultipart(
  bytes: Uint8Array,
  contentType: string,
  isFetchAction: boolean,
): Promise<GuardVerdict> {
  let form: FormData;
  try {
    form = await new Response(bytes as BodyInit, {
      headers: { "content-type": contentType },
    }).formData();
  } catch {
    return malformed("the multipart body cannot be read");
  }
  // A form posted before hydration is decoded by Next itself, which answers bad ids with 4xx.
  if (!isFetchAction) return OK;
  const root = form.get("0");
  if (typeof root !== "string") return malformed("the body has no argument list");
  let args: unknown;
  try {
    args = JSON.parse(root);
  } catch {
    return malformed("the body is not JSON");
  }
  return checkArguments(args, (id) => {
    const value = form.get(id);
    if (value === null) return null;
    if (typeof value !== "string") return { kind: "blob" };
    try {
      return { kind: "model", value: JSON.parse(value) as unknown };
    } catch {
      return null;
    }
  });
}

type Part = { kind: "model"; value: unknown } | { kind: "blob" };

/**
 * The reply's values as React's decoder will read them: "$"-prefixed strings are references
 * and special values. Only those a console form can produce are accepted, and a reference must
 * name a part the body holds (a missing one leaves the decoder waiting, then failing with a 500).
 */
function checkArguments(root: unknown, partOf: (id: string) => Part | null): GuardVerdict {
  if (!Array.isArray(root) || root.length > MAX_ARGUMENTS)
    return malformed("the body is not a list of arguments");
  const unknownValue = malformed("the body holds a value no console form sends");
  const visitedParts = new Set<string>();
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, depth } = next;
    if (depth > MAX_NESTING) return malformed(`the body is nested deeper than ${MAX_NESTING}`);
    if (value !== null && typeof value === "object") {
      for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
      continue;
    }
    if (typeof value !== "string") continue;
    const reference = referenceIn(value);
    if (reference === "invalid") return unknownValue;
    if (reference === null || visitedParts.has(reference.id)) continue;
    const part = partOf(reference.id);
    if (part === null || (part.kind === "blob") !== (reference.kind === "blob"))
      return unknownValue;
    visitedParts.add(reference.id);
    if (part.kind === "model") stack.push({ value: part.value, depth: depth + 1 });
  }
  return OK;
}

/** Tags of self-contained values: escaped "$", undefined, Infinity, -0 / -Infinity, NaN, Date. */
const SELF_CONTAINED = new Set(["$", "u", "I", "-", "N", "D"]);
/** Tags of references to another part: promise, Map, Set (models) and Blob. */
const PART_TAGS = new Set(["@", "Q", "W", "B"]);

type Reference = { id: string; kind: "model" | "blob" } | "invalid" | null;

/** A plain string (null), a reference to a part (by its field name), or a value refused. */
function referenceIn(value: string): Reference {
  if (!value.startsWith("$")) return null;
  const tag = value[1] ?? "";
  if (SELF_CONTAINED.has(tag)) return null;
  // BigInt digits (React refuses more than 300); FormData, whose entries are "<id>_<name>" fields.
  if (tag === "n") return /^-?\d{1,300}$/.test(value.slice(2)) ? null : "invalid";
  if (tag === "K") return /^[0-9a-f]{1,8}$/.test(value.slice(2)) ? null : "invalid";
  // Parts are fields named by decimal id; references name them in hex, "$<id>[:path]" for models.
  const hex = (PART_TAGS.has(tag) ? value.slice(2) : value.slice(1)).split(":")[0] ?? "";
  if (!/^[0-9a-f]{1,8}$/.test(hex)) return "invalid";
  return { id: String(Number.parseInt(hex, 16)), kind: tag === "B" ? "blob" : "model" };
}
