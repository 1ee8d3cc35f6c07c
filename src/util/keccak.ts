/**
 * Keccak-256 as Ethereum uses it (the original Keccak padding 0x01, not SHA3-256's 0x06, which is why node:crypto's
 * "sha3-256" cannot stand in). Lanes are BigInts: the hash is only computed for the rare values that already have an
 * address's shape, so clarity wins over speed. Round constants and rotation offsets are derived as the Keccak
 * reference defines them (the LFSR x^8+x^6+x^5+x^4+1 and the (x, y) → (y, 2x+3y) walk) rather than typed in.
 */
const MASK = (1n << 64n) - 1n;
const RATE = 136;

function rcBit(t: number): number {
  let r = 1;
  for (let i = 0; i < t % 255; i++) {
    r <<= 1;
    if (r & 0x100) r ^= 0x171;
  }
  return r & 1;
}

const ROUND_CONSTANTS: readonly bigint[] = Array.from({ length: 24 }, (_, round) => {
  let rc = 0n;
  for (let j = 0; j <= 6; j++) if (rcBit(j + 7 * round) === 1) rc |= 1n << BigInt(2 ** j - 1);
  return rc;
});

const ROTATIONS: readonly bigint[] = (() => {
  const r = new Array<bigint>(25).fill(0n);
  let x = 1;
  let y = 0;
  for (let t = 0; t < 24; t++) {
    r[x + 5 * y] = BigInt((((t + 1) * (t + 2)) / 2) % 64);
    [x, y] = [y, (2 * x + 3 * y) % 5];
  }
  return r;
})();

function rotl(v: bigint, n: bigint): bigint {
  return n === 0n ? v : ((v << n) | (v >> (64n - n))) & MASK;
}

function permute(a: bigint[]): void {
  const c = new Array<bigint>(5);
  const b = new Array<bigint>(25);
  for (const rc of ROUND_CONSTANTS) {
    for (let x = 0; x < 5; x++) c[x] = a[x]! ^ a[x + 5]! ^ a[x + 10]! ^ a[x + 15]! ^ a[x + 20]!;
    for (let x = 0; x < 5; x++) {
      const d = c[(x + 4) % 5]! ^ rotl(c[(x + 1) % 5]!, 1n);
      for (let y = 0; y < 25; y += 5) a[x + y] = a[x + y]! ^ d;
    }
    for (let x = 0; x < 5; x++)
      for (let y = 0; y < 5; y++) b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(a[x + 5 * y]!, ROTATIONS[x + 5 * y]!);
    for (let y = 0; y < 25; y += 5)
      for (let x = 0; x < 5; x++) a[x + y] = b[x + y]! ^ (~b[((x + 1) % 5) + y]! & MASK & b[((x + 2) % 5) + y]!);
    a[0] = a[0]! ^ rc;
  }
}

/** Keccak-256 of `data`: 32 bytes. */
export function keccak256(data: Uint8Array): Uint8Array {
  const blocks = Math.floor(data.length / RATE) + 1;
  const padded = new Uint8Array(blocks * RATE);
  padded.set(data);
  padded[data.length] = 0x01;
  padded[padded.length - 1]! |= 0x80;
  const state = new Array<bigint>(25).fill(0n);
  for (let off = 0; off < padded.length; off += RATE) {
    for (let i = 0; i < RATE / 8; i++) {
      let lane = 0n;
      for (let k = 7; k >= 0; k--) lane = (lane << 8n) | BigInt(padded[off + i * 8 + k]!);
      state[i] = state[i]! ^ lane;
    }
    permute(state);
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((state[i >> 3]! >> BigInt(8 * (i & 7))) & 0xffn);
  return out;
}
