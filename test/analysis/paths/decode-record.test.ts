import { describe, expect, it } from 'vitest';
import { AttackPathRecordError, analyzeAttackPaths, recordFromNode, toAnalysisResult } from '../../../src/analysis/paths/index.js';
import type { GraphNode, JsonValue } from '../../../src/model/index.js';
import { DecodeError, decodeArray, decodeNumber, decodeObject, decodeString, optional } from '../../../src/util/decode.js';
import { apiToStore } from './tiny-graph.js';

/** A path through the gateway and one around it, the second over a CAN_REACH edge with ports and scope. */
const analysis = analyzeAttackPaths(
  apiToStore({ epInsights: ['AllowsAnonymousAccess', 'InternetExposed', 'SensitiveData'] })
    .edge('CAN_REACH', 'internet', '/fn', { ports: ['443'], scope: 'any', sharedServiceTags: ['AzureFrontDoor.Backend'] })
    .insights('/fn', ['GatewayBypass', 'InternetExposed'])
    .graph(),
);
const nodes = toAnalysisResult(
  analysis.paths.map((p) => p.record),
  analysis.findings,
).nodes.filter((n) => n.kind === 'AttackPath');

/** The stored node with its details changed by `edit` (a deep copy: the fixture stays intact). */
function damaged(edit: (details: Record<string, JsonValue>) => void): GraphNode {
  const node = nodes[0]!;
  const details = structuredClone(node.properties['details']) as Record<string, JsonValue>;
  edit(details);
  return { ...node, properties: { ...node.properties, details } };
}

function failure(node: GraphNode): AttackPathRecordError {
  try {
    recordFromNode(node);
  } catch (error) {
    if (error instanceof AttackPathRecordError) return error;
    throw error;
  }
  throw new Error('the record decoded');
}

describe('recordFromNode decodes the stored path record', () => {
  it('reads back every record exactly as it was built, fields in the same order', () => {
    expect(nodes.length).toBeGreaterThan(1);
    for (const node of nodes) {
      const built = analysis.paths.find((p) => p.record.id === node.id)!.record;
      expect(JSON.stringify(recordFromNode(node))).toBe(JSON.stringify(built));
    }
    const bypass = nodes.map(recordFromNode).find((r) => r.anchor === 'gatewayBypass')!;
    expect(bypass.edges[0]).toMatchObject({ kind: 'CAN_REACH', ports: ['443'], scope: 'any', sharedServiceTags: ['AzureFrontDoor.Backend'] });
  });

  it('takes rank, score and level from the node, which the store filters and sorts on', () => {
    const node = nodes[0]!;
    const read = recordFromNode({ ...node, properties: { ...node.properties, rank: 42, score: 1.5, riskLevel: 'low' } });
    expect(read).toMatchObject({ rank: 42, score: 1.5, riskLevel: 'low' });
  });

  it('names the path and the missing field', () => {
    const error = failure(damaged((d) => delete d['formula']));
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR', pathId: nodes[0]!.id, field: 'formula', reason: 'missing' });
    expect(error.message).toBe(`AttackPath ${nodes[0]!.id}: details.formula: missing`);
  });

  it('names a nested field of the wrong type or outside its closed set', () => {
    const kind = failure(damaged((d) => ((d['steps'] as Record<string, JsonValue>[])[2]!['kind'] = 'Mainframe')));
    expect(kind.field).toBe('steps[2].kind');
    expect(kind.reason).toBe('expected a node kind, found "Mainframe"');
    const score = failure(damaged((d) => ((d['factors'] as Record<string, JsonValue>[])[0]!['contribution'] = '0.4')));
    expect(score.field).toBe('factors[0].contribution');
    expect(failure(damaged((d) => (d['edges'] = {}))).reason).toBe('expected an array, found an object');
    const rec = failure(damaged((d) => (d['breakingRecommendations'] = [{ findingId: 'f' }])));
    expect(rec.field).toBe('breakingRecommendations[0].recommendationId');
  });

  it('refuses a node without details, and a node of another kind', () => {
    const { details: _, ...rest } = nodes[0]!.properties;
    expect(failure({ ...nodes[0]!, properties: rest }).message).toBe(`AttackPath ${nodes[0]!.id}: details: expected an object, found nothing`);
    expect(() => recordFromNode({ id: 'x', kind: 'Finding', properties: {} })).toThrow(/not an AttackPath/);
  });

  it('drops a field this version does not know (a record written by a newer one)', () => {
    const read = recordFromNode(damaged((d) => (d['futureField'] = 1)));
    expect(read).not.toHaveProperty('futureField');
  });
});

describe('object decoder', () => {
  const point = decodeObject<{ x: number; label?: string; tags: readonly string[] }>({
    x: decodeNumber,
    label: optional(decodeString),
    tags: decodeArray(decodeString),
  });

  it('keeps optional fields absent and the stored field order', () => {
    expect(point({ tags: [], x: 1 }, '')).toEqual({ tags: [], x: 1 });
    expect(Object.keys(point({ tags: ['a'], label: 'p', x: 1 }, ''))).toEqual(['tags', 'label', 'x']);
  });

  it('does not take inherited names for fields', () => {
    expect(() => point(Object.assign(Object.create({ x: 1 }) as object, { tags: [] }), 'p')).toThrow(new DecodeError('p.x', 'missing'));
    expect(point({ x: 1, tags: [], constructor: 'c', __proto__: null } as unknown, '')).toEqual({ x: 1, tags: [] });
  });

  it('refuses a present optional field of the wrong type, and non-finite numbers', () => {
    expect(() => point({ x: 1, tags: [], label: null }, '')).toThrow('label: expected a string, found null');
    expect(() => point({ x: Number.NaN, tags: [] }, '')).toThrow('x: expected a finite number, found number NaN');
  });
});
