/**
 * SHA-256 (FIPS 180-4) of a short byte string, synchronously. The bulk check derives one
 * ClientToken per row; Web Crypto's digest is asynchronous, and ten thousand awaited digests
 * cost most of the check's time budget, while this runs them in a few milliseconds. The file's
 * own digest still uses Web Crypto (token.ts); the tests compare both with Node's.
 */
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** The initial hash value H(0). */
const INITIAL = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/** One 64-byte block at `offset` of `view` into `state` (the compression function), `w` scratch. */
function compress(state: Uint32Array, view: DataView, offset: number, w: Uint32Array): void {
  for (let t = 0; t < 16; t += 1) w[t] = view.getUint32(offset + t * 4);
  for (let t = 16; t < 64; t += 1) {
    const x = w[t - 15]!;
    const y = w[t - 2]!;
    const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
    const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
    w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) >>> 0;
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  for (let t = 0; t < 64; t += 1) {
    const t1 =
      (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t]! + w[t]!) >>> 0;
    const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) >>> 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) >>> 0;
  }
  state[0] = (state[0]! + a) >>> 0;
  state[1] = (state[1]! + b) >>> 0;
  state[2] = (state[2]! + c) >>> 0;
  state[3] = (state[3]! + d) >>> 0;
  state[4] = (state[4]! + e) >>> 0;
  state[5] = (state[5]! + f) >>> 0;
  state[6] = (state[6]! + g) >>> 0;
  state[7] = (state[7]! + h) >>> 0;
}

/**
 * The digest of `prefix` followed by any suffix, with the prefix's whole blocks hashed once: the
 * bulk check hashes "<file digest>:<row>" for every row, and the 64-character file digest is one
 * whole block, so each row then costs one block instead of two.
 */
export function sha256WithPrefix(prefix: Uint8Array): (suffix: Uint8Array) => Uint8Array {
  const whole = prefix.length - (prefix.length % 64);
  const midstate = new Uint32Array(INITIAL);
  const w = new Uint32Array(64);
  const prefixView = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  for (let offset = 0; offset < whole; offset += 64) compress(midstate, prefixView, offset, w);
  const rest = prefix.subarray(whole);
  const state = new Uint32Array(8);
  return (suffix) => {
    const tailLength = rest.length + suffix.length;
    const padded = new Uint8Array(((tailLength + 9 + 63) >> 6) << 6);
    padded.set(rest);
    padded.set(suffix, rest.length);
    padded[tailLength] = 0x80;
    const view = new DataView(padded.buffer);
    const bitLength = (whole + tailLength) * 8;
    view.setUint32(padded.length - 8, Math.floor(bitLength / 0x100000000));
    view.setUint32(padded.length - 4, bitLength >>> 0);
    state.set(midstate);
    for (let offset = 0; offset < padded.length; offset += 64) compress(state, view, offset, w);
    const out = new Uint8Array(32);
    const outView = new DataView(out.buffer);
    for (let index = 0; index < 8; index += 1) outView.setUint32(index * 4, state[index]!);
    return out;
  };
}

export function sha256(message: Uint8Array): Uint8Array {
  return sha256WithPrefix(new Uint8Array(0))(message);
}
