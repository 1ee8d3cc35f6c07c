import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../src/classify/index.js';
import { DEFAULT_WALK_BOUNDS, walkJson } from '../../src/classify/json-walk.js';
import { CARD, SSN } from './helpers.js';

/** Oversized payloads are sampled within the configured bounds, never read whole. */
describe('payload bounds', () => {
  it('samples the first items of a 100,000-element array and stops at the leaf budget', () => {
    const items = Array.from({ length: 100_000 }, (_, i) => ({ id: `c-${i}`, note: 'ok' }));
    let visited = 0;
    walkJson(items, () => visited++);
    expect(visited).toBe(DEFAULT_WALK_BOUNDS.maxArrayItems * 2);
    visited = 0;
    walkJson({ a: items.map((i) => i.id) }, () => visited++, { maxArrayItems: 1_000_000, maxLeaves: 5_000 });
    expect(visited).toBe(5_000);
  });
  it('reports what the sampled items hold and nothing beyond the bound', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ ssn: i === 10 || i === 50_000 ? '536-90-4421' : 'n/a' }));
    const findings = classifyMessage({ responseBody: JSON.stringify(rows) }, { maxBodyChars: 10_000_000 });
    expect(findings.map((f) => `${f.infoType} ${f.jsonPath}`)).toEqual([`${SSN} $[10].ssn`]);
  });
  it('reads a 10 MB body over its first maxBodyChars as text instead of parsing it whole', () => {
    const filler = 'x'.repeat(10_000_000);
    const body = `{"cardNumber":"4539 1488 0343 6467","blob":"${filler}","ssn":"536-90-4421"}`;
    const findings = classifyMessage({ responseBody: body }, { maxBodyChars: 1_000_000 });
    expect(findings.map((f) => f.infoType)).toEqual([CARD]);
    expect(findings[0]?.jsonPath).toBeUndefined();
    const bytes = Buffer.from(body);
    expect(classifyMessage({ responseBody: bytes }, { maxBodyChars: 1_000_000 }).map((f) => f.infoType)).toEqual([
      CARD,
    ]);
  });
});
