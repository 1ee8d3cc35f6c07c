/**
 * Keccak-256 as Ethereum uses it (the original Keccak padding 0x01, not SHA3-256's 0x06, which is why node:crypto's
 * "sha3-256" cannot stand in). Each 64-bit lane is two 32-bit words (low word first) in one Uint32Array, so the
 * permutation runs on plain integer operations. Round constants and rotation offsets are derived as the Keccak
 * reference defines them (the LFSR x^8+x^6+x^5+x^4+1 and the (x, y) → (y, 2x+3y) walk) rather than typed in.
 */
const RATE = 136;
const ROUNDS = 24;

function rcBit(t: number): number {
  let r = 1;
  for (let i = 0; i < t % 255; i++) {
    r <<= 1;
    if (r & 0x100) r ^= 0x171;
  }
  return r & 1;
}

/** Round constants as low and high words. */
const RC = new Uint32Array(2 * ROUNDS);
for (let round = 0; round < ROUNDS; round++) {
  for (let j = 0; j <= 6; j++) {
    if (rcBit(j + 7 * round) === 0) continue;
    const bit = 2 ** j - 1;
    if (bit < 32) RC[2 * round] = (RC[2 * round] ?? 0) | (1 << bit);
    else RC[2 * round + 1] = (RC[2 * round + 1] ?? 0) | (1 << (bit - 32));
  }
}

/** Rotation offset of lane x + 5y, and the lane it moves to in the pi step. */
const ROTATION = new Uint8Array(25);
const TARGET = new Uint8Array(25);
{
  let x = 1;
  let y = 0;
  for (let t = 0; t < 24; t++) {
    ROTATION[x + 5 * y] = (((t + 1) * (t + 2)) / 2) % 64;
    [x, y] = [y, (2 * x + 3 * y) % 5];
  }
  for (let lx = 0; lx < 5; lx++) for (let ly = 0; ly < 5; ly++) TARGET[lx + 5 * ly] = ly + 5 * ((2 * lx + 3 * ly) % 5);
}

function permute(s: Uint32Array, c: Uint32Array, b: Uint32Array): void {
  for (let round = 0; round < ROUNDS; round++) {
    for (let x = 0; x < 5; x++) {
      c[2 * x] = s[2 * x]! ^ s[2 * x + 10]! ^ s[2 * x + 20]! ^ s[2 * x + 30]! ^ s[2 * x + 40]!;
      c[2 * x + 1] = s[2 * x + 1]! ^ s[2 * x + 11]! ^ s[2 * x + 21]! ^ s[2 * x + 31]! ^ s[2 * x + 41]!;
    }
    for (let x = 0; x < 5; x++) {
      const next = 2 * ((x + 1) % 5);
      const prev = 2 * ((x + 4) % 5);
      const lo = c[next]!;
      const hi = c[next + 1]!;
      const dLo = c[prev]! ^ ((lo << 1) | (hi >>> 31));
      const dHi = c[prev + 1]! ^ ((hi << 1) | (lo >>> 31));
      for (let y = 0; y < 25; y += 5) {
        s[2 * (x + y)] = s[2 * (x + y)]! ^ dLo;
        s[2 * (x + y) + 1] = s[2 * (x + y) + 1]! ^ dHi;
      }
    }
    for (let i = 0; i < 25; i++) {
      const lo = s[2 * i]!;
      const hi = s[2 * i + 1]!;
      const n = ROTATION[i]!;
      const to = 2 * TARGET[i]!;
      if (n === 0) {
        b[to] = lo;
        b[to + 1] = hi;
      } else if (n < 32) {
        b[to] = (lo << n) | (hi >>> (32 - n));
        b[to + 1] = (hi << n) | (lo >>> (32 - n));
      } else if (n === 32) {
        b[to] = hi;
        b[to + 1] = lo;
      } else {
        const m = n - 32;
        b[to] = (hi << m) | (lo >>> (32 - m));
        b[to + 1] = (lo << m) | (hi >>> (32 - m));
      }
    }
    for (let y = 0; y < 25; y += 5) {
      for (let x = 0; x < 5; x++) {
        const i = 2 * (x + y);
        const i1 = 2 * (((x + 1) % 5) + y);
        const i2 = 2 * (((x + 2) % 5) + y);
        s[i] = b[i]! ^ (~b[i1]! & b[i2]!);
        s[i + 1] = b[i + 1]! ^ (~b[i1 + 1]! & b[i2 + 1]!);
      }
    }
    s[0] = s[0]! ^ RC[2 * round]!;
    s[1] = s[1]! ^ RC[2 * round + 1]!;
  }
}

/** Keccak-256 of `data`: 32 bytes. */
export function keccak256(data: Uint8Array): Uint8Array {
  const blocks = Math.floor(data.length / RATE) + 1;
  const padded = new Uint8Array(blocks * RATE);
  padded.set(data);
  padded[data.length] = 0x01;
  padded[padded.length - 1] = (padded[padded.length - 1] ?? 0) | 0x80;
  const state = new Uint32Array(50);
  const c = new Uint32Array(10);
  const b = new Uint32Array(50);
  const words = new DataView(padded.buffer);
  for (let off = 0; off < padded.length; off += RATE) {
    for (let w = 0; w < RATE / 4; w++) state[w] = state[w]! ^ words.getUint32(off + 4 * w, true);
    permute(state, c, b);
  }
  const out = new Uint8Array(32);
  const view = new DataView(out.buffer);
  for (let w = 0; w < 8; w++) view.setUint32(4 * w, state[w]!, true);
  return out;
}
