import { describe, expect, it } from 'vitest';
import { keccak256 } from '../../src/util/keccak.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('Keccak-256', () => {
  // The Keccak team's published digests for the original padding (as Ethereum uses it).
  it('matches the published digests of the empty message, "abc" and the pangram', () => {
    expect(hex(keccak256(new Uint8Array()))).toBe('c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
    expect(hex(keccak256(Buffer.from('abc')))).toBe('4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45');
    expect(hex(keccak256(Buffer.from('The quick brown fox jumps over the lazy dog')))).toBe(
      '4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15',
    );
  });

  it('differs from SHA3-256, whose padding byte is 0x06', async () => {
    const { createHash } = await import('node:crypto');
    expect(hex(keccak256(Buffer.from('abc')))).not.toBe(createHash('sha3-256').update('abc').digest('hex'));
  });

  it('absorbs messages longer than one 136-byte block, and one exactly a block long', () => {
    const long = keccak256(Buffer.alloc(200, 0x61));
    const block = keccak256(Buffer.alloc(136, 0x61));
    expect(long).toHaveLength(32);
    expect(hex(block)).not.toBe(hex(keccak256(Buffer.alloc(135, 0x61))));
    expect(hex(long)).not.toBe(hex(block));
  });
});
