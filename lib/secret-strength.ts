/**
 * How strong a session-signing secret is (BETTER_AUTH_SECRET): long enough, varied enough and
 * without repeated runs, so a placeholder or a pattern is refused at start-up, not deployed.
 */
const MIN_SECRET_LENGTH = 32;
const MIN_SECRET_DISTINCT_CHARACTERS = 8;
/**
 * Shannon entropy of the character frequencies times the length: an estimate that a random
 * 32-character hex string (128 real bits) passes and a pattern does not.
 */
const MIN_SECRET_ESTIMATED_BITS = 96;
/** A run this long that occurs twice is a repeated word, not chance (about 1 in 10^6 for hex). */
const SECRET_REPEAT_LENGTH = 8;

/** Why a session-signing secret is too weak to use, or null when it is fine. */
export function secretWeakness(value: string): string | null {
  if (value.length < MIN_SECRET_LENGTH) return `must be at least ${MIN_SECRET_LENGTH} characters`;
  const counts = new Map<string, number>();
  for (const character of value) counts.set(character, (counts.get(character) ?? 0) + 1);
  if (counts.size < MIN_SECRET_DISTINCT_CHARACTERS) {
    return `uses only ${counts.size} different characters`;
  }
  let bitsPerCharacter = 0;
  for (const count of counts.values()) {
    const share = count / value.length;
    bitsPerCharacter -= share * Math.log2(share);
  }
  const bits = Math.floor(bitsPerCharacter * value.length);
  if (bits < MIN_SECRET_ESTIMATED_BITS) {
    return `has about ${bits} bits of entropy, fewer than ${MIN_SECRET_ESTIMATED_BITS}`;
  }
  const seen = new Set<string>();
  for (let start = 0; start + SECRET_REPEAT_LENGTH <= value.length; start += 1) {
    const run = value.slice(start, start + SECRET_REPEAT_LENGTH);
    if (seen.has(run)) return `repeats a run of ${SECRET_REPEAT_LENGTH} or more characters`;
    seen.add(run);
  }
  return null;
}
