import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeAttackPaths } from '../../../src/analysis/paths/index.js';
import { DEFAULT_RISK_WEIGHTS } from '../../../src/analysis/risk/index.js';
import { WORKED_EXAMPLES } from './worked-examples.js';

const doc = await readFile(join(import.meta.dirname, '../../../docs/risk-model.md'), 'utf8');

/** The fenced block after `<!-- example: id -->`. */
function exampleBlock(id: string): string {
  const match = new RegExp(`<!-- example: ${id} -->\\n\`\`\`text\\n([\\s\\S]*?)\`\`\``).exec(doc);
  if (!match?.[1]) throw new Error(`docs/risk-model.md has no example block "${id}"`);
  return match[1];
}

function flatten(value: unknown, prefix = ''): [string, number][] {
  if (typeof value === 'number') return [[prefix, value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    flatten(v, prefix ? `${prefix}.${k}` : k),
  );
}

describe('docs/risk-model.md agrees with the code', () => {
  it.each(Object.keys(WORKED_EXAMPLES))(
    'worked example %s shows the score, formula and factors the code computes',
    (id) => {
      const paths = analyzeAttackPaths(WORKED_EXAMPLES[id]!()).paths;
      expect(paths).toHaveLength(1);
      const record = paths[0]!.record;
      const block = exampleBlock(id);
      expect(block).toContain(`score = ${record.formula} → ${record.riskLevel}`);
      const listed = [...block.matchAll(/^(\w+)\s+(exploitability|impact)\s+(.+)$/gm)].map((m) => ({
        factor: m[1],
        axis: m[2],
        value: m[3],
      }));
      expect(listed.map((l) => l.factor).sort()).toEqual([...record.riskFactors].sort());
      for (const f of record.factors) {
        const line = listed.find((l) => l.factor === f.factor)!;
        expect(line.axis).toBe(f.axis);
        // The contribution is the line's number, or the result of its arithmetic ("… = 0.7").
        expect(line.value).toMatch(new RegExp(`(^|= )${String(f.contribution).replace('.', '\\.')}( |$)`));
      }
    },
  );

  it('lists every default weight with its value', () => {
    for (const [path, value] of flatten(DEFAULT_RISK_WEIGHTS)) expect(doc).toContain(`| \`${path}\` | ${value} |`);
  });

  it('quotes the reductions the code computes in the prose', () => {
    const [path] = analyzeAttackPaths(WORKED_EXAMPLES['unauthenticated-sensitive-endpoint']!()).paths;
    // The path family requires the anonymous endpoint: authenticating it breaks the path rather than reducing it.
    expect(path!.record.reducingRecommendations).toEqual([]);
    expect(path!.record.breakingRecommendations.map((r) => r.recommendationId)).toContain('apim-endpoint-authentication');
    expect(doc).toContain('is listed as *breaking* it');
    const [dormant] = analyzeAttackPaths(WORKED_EXAMPLES['restricted-dormant-unencrypted']!()).paths;
    expect(dormant!.record.reducingRecommendations.map((r) => [r.recommendationId, r.scoreReduction])).toEqual([
      ['apim-api-encrypted-protocols', 0.5],
      ['apim-endpoint-authentication', 2],
    ]);
    expect(doc).toContain('encrypting reduces it by 0.5, authenticating by 2.');
  });
});
