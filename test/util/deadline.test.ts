import { describe, expect, it } from 'vitest';
import { QueryTimeoutError, createDeadline, withinBudget } from '../../src/util/deadline.js';

describe('withinBudget', () => {
  it('fails a spent budget at once, and the work failing later is no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const late = new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error('the store refused')), 5));
      await expect(withinBudget(late, createDeadline(0, () => 0))).rejects.toBeInstanceOf(QueryTimeoutError);
      await new Promise((resolve) => setTimeout(resolve, 30));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('passes the failure of the work through while the budget lasts', async () => {
    await expect(withinBudget(Promise.reject(new Error('the store refused')), createDeadline(1_000))).rejects.toThrow('the store refused');
  });
});
