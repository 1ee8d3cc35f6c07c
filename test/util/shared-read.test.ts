import { describe, expect, it } from 'vitest';
import { sharedRead } from '../../src/util/shared-read.js';

/** A read whose answer the test hands over when it chooses, counting how many reads were started. */
function controlledRead() {
  const pending: { resolve: (v: number) => void; reject: (e: Error) => void }[] = [];
  const read = () =>
    new Promise<number>((resolve, reject) => {
      pending.push({ resolve, reject });
    });
  return { read, pending };
}

describe('sharedRead', () => {
  it('answers callers that ask while a read runs with that read, and starts a new read once it has settled', async () => {
    const { read, pending } = controlledRead();
    const shared = sharedRead(read);
    const a = shared();
    const b = shared();
    expect(pending).toHaveLength(1);
    pending[0]!.resolve(1);
    expect([await a, await b]).toEqual([1, 1]);

    // Asked after the first read settled: a fresh read, so a change made since is seen.
    const c = shared();
    expect(pending).toHaveLength(2);
    pending[1]!.resolve(2);
    expect(await c).toBe(2);
  });

  it('shares a failure with the callers waiting on it, and does not keep it', async () => {
    const { read, pending } = controlledRead();
    const shared = sharedRead(read);
    const a = shared();
    const b = shared();
    pending[0]!.reject(new Error('store down'));
    await expect(a).rejects.toThrow('store down');
    await expect(b).rejects.toThrow('store down');

    const c = shared();
    expect(pending).toHaveLength(2);
    pending[1]!.resolve(3);
    expect(await c).toBe(3);
  });
});
