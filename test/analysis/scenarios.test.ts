import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze, analyzeView } from '../../src/analysis/analyze.js';
import { findChokePoints } from '../../src/analysis/chokepoints/index.js';
import { GraphView } from '../../src/analysis/graph-view.js';
import { recordFromNode, type AttackPathRecord } from '../../src/analysis/paths/index.js';
import { DEFAULT_RISK_WEIGHTS } from '../../src/analysis/risk/index.js';
import { ingestFiles } from '../../src/ingest/index.js';
import { MemoryStore, listAllNodes, type GraphStore } from '../../src/store/index.js';
import { newRun } from '../support/graph-fixture.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';

/**
 * Hand-drawn scenario estates (test/fixtures/scenarios/<nn>-<name>/, each with a picture in its README.md): every
 * one is ingested from Azure's own JSON and analysed, and must give exactly the paths, order, risk levels and top
 * choke points its expected.json names — on the memory store and on the real Neo4j.
 */

const ROOT = new URL('../fixtures/scenarios/', import.meta.url);

interface Expected {
  readonly subscriptionId: string;
  readonly paths: readonly {
    rank: number;
    riskLevel: string;
    family: string;
    steps: readonly string[];
    /** When given: exactly the path's risk factors (names, sorted). */
    riskFactors?: readonly string[];
  }[];
  readonly chokePoints: readonly { kind: string; recommendation?: string; assetId: string }[];
  /** Assets the internet must not reach directly (no CAN_REACH edge). */
  readonly unreachable?: readonly string[];
  /** Assets the internet must reach directly, with the shared-service tags or switches the CAN_REACH names ([] for none). */
  readonly reachable?: readonly { id: string; sharedServiceTags: readonly string[] }[];
}

interface Scenario {
  readonly name: string;
  readonly dir: string;
  readonly expected: Expected;
}

const scenarios: Scenario[] = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort()
  .map((name) => {
    const dir = new URL(`${name}/`, ROOT).pathname;
    return { name, dir, expected: JSON.parse(readFileSync(`${dir}expected.json`, 'utf8')) as Expected };
  });

interface Outcome {
  /** Stored AttackPath records of this scenario, in stored rank order. */
  readonly stored: AttackPathRecord[];
  readonly chokePoints: { kind: string; recommendation?: string; assetId: string }[];
  readonly reached: Set<string>;
  /** Shared-service tags named on each CAN_REACH, by target. */
  readonly sharedTags: Map<string, string[]>;
}

/**
 * Ingest + analyze, then read back. The Neo4j database is shared (other scenarios' and other files' estates may be
 * in it, and analysis is global), so only what lies in this scenario's subscription is compared.
 */
async function runScenario(store: GraphStore, scenario: Scenario): Promise<Outcome> {
  const mine = (id: string) => id.startsWith(`/subscriptions/${scenario.expected.subscriptionId}/`);
  await ingestFiles(store, [`${scenario.dir}azure`], { source: 'azure-export', run: newRun() });
  await analyze(store, newRun());
  const stored = (await listAllNodes(store, 'AttackPath'))
    .map(recordFromNode)
    .filter((r) => mine(r.target.id))
    .sort((a, b) => a.rank - b.rank);
  const view = await GraphView.load(store);
  const output = analyzeView(view);
  const paths = output.paths.filter((p) => mine(p.record.target.id));
  const findings = output.findings.filter((f) => mine(f.assetId));
  const chokePoints = findChokePoints(paths, findings, DEFAULT_RISK_WEIGHTS, { limit: 3 }).map((c) => ({
    kind: c.kind,
    ...(c.recommendation ? { recommendation: c.recommendation } : {}),
    assetId: c.assetId,
  }));
  const reached = new Set(view.out('internet', 'CAN_REACH').map((e) => e.to));
  const sharedTags = new Map<string, string[]>();
  for (const edge of [...view.out('internet', 'CAN_REACH'), ...output.edges.filter((e) => e.kind === 'CAN_REACH')]) {
    reached.add(edge.to);
    const tags = edge.properties['sharedServiceTags'];
    sharedTags.set(edge.to, Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : []);
  }
  return { stored, chokePoints, reached, sharedTags };
}

function assertScenario(outcome: Outcome, expected: Expected): void {
  expect(outcome.stored.map((r) => r.steps.map((s) => s.id))).toEqual(expected.paths.map((p) => p.steps));
  expect(outcome.stored.map((r) => [r.riskLevel, r.family])).toEqual(expected.paths.map((p) => [p.riskLevel, p.family]));
  expect(outcome.chokePoints).toEqual(expected.chokePoints);
  for (const id of expected.unreachable ?? []) expect(outcome.reached.has(id), id).toBe(false);
  for (const { id, sharedServiceTags } of expected.reachable ?? []) expect(outcome.sharedTags.get(id), id).toEqual(sharedServiceTags);
  expected.paths.forEach((p, i) => {
    if (p.riskFactors) expect([...(outcome.stored[i]?.riskFactors ?? [])].sort(), `path ${p.rank}`).toEqual([...p.riskFactors].sort());
  });
  // Paths stay simple: no step twice.
  for (const record of outcome.stored) expect(new Set(record.steps.map((s) => s.id)).size).toBe(record.steps.length);
}

describe('scenario estates on the memory store', () => {
  it('has at least 15 scenarios, each with a picture', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(15);
    for (const s of scenarios) expect(readFileSync(`${s.dir}README.md`, 'utf8'), s.name).toMatch(/```/);
  });

  it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_, scenario) => {
    const store = await MemoryStore.open();
    assertScenario(await runScenario(store, scenario), scenario.expected);
  });

  it('authentication lowers the score of the same path without hiding it', async () => {
    const score = async (name: string) => {
      const scenario = scenarios.find((s) => s.name.startsWith(name)) as Scenario;
      const { stored } = await runScenario(await MemoryStore.open(), scenario);
      expect(stored).toHaveLength(1);
      return stored[0] as AttackPathRecord;
    };
    const anonymous = await score('01-');
    const authenticated = await score('02-');
    expect(authenticated.steps.map((s) => s.kind)).toEqual(anonymous.steps.map((s) => s.kind));
    expect(authenticated.score).toBeLessThan(anonymous.score);
    expect(authenticated.riskFactors).not.toContain('AllowsAnonymousAccess');
  });
});

describe.skipIf(!neo4jSettings())('scenario estates on Neo4j', () => {
  // One store, scenarios in sequence: analysis replacement is global, each scenario has its own subscription.
  it('gives every scenario exactly its expected paths, order and choke points', async () => {
    const store = await openNeo4jStore();
    try {
      for (const scenario of scenarios) {
        const outcome = await runScenario(store, scenario);
        try {
          assertScenario(outcome, scenario.expected);
        } catch (error) {
          throw new Error(`${scenario.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    } finally {
      await store.close();
    }
  }, 600_000);
});
