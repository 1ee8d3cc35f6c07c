import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeAttackPaths } from '../../src/analysis/paths/index.js';
import { findingView } from '../../src/report/paths/index.js';
import { renderFindingsSarif, renderPathsSarif, sarifLevel, type SarifLog } from '../../src/report/sarif/index.js';
import { apiToStore } from '../analysis/paths/tiny-graph.js';
import { runInProcess, tempDir } from '../support/cli.js';

/**
 * SARIF output checked against the official SARIF 2.1.0 JSON schema (OASIS, as published in the 2.1.0 release
 * "rtm.5" and shipped by Microsoft's @microsoft/jest-sarif package). The schema is JSON Schema draft-04, hence
 * ajv-draft-04. `unicodeRegExp: false`: one of its `pattern`s (language tags) has a stray `]` that only the
 * non-unicode RegExp syntax accepts, as the draft-04 validators it was written against did.
 */
const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
// Both packages are CommonJS with the class / plugin also on `.default`, the only shape NodeNext types reach.
const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
ajvFormats.default(ajv);
const validateSarif = ajv.compile(schema);

function expectValid(text: string): SarifLog {
  const log = JSON.parse(text) as SarifLog;
  const ok = validateSarif(log);
  expect(validateSarif.errors ?? [], 'SARIF schema errors').toEqual([]);
  expect(ok).toBe(true);
  return log;
}

const graph = apiToStore({ epInsights: ['AllowsAnonymousAccess', 'InternetExposed', 'SensitiveData'] }).graph();
const analysis = analyzeAttackPaths(graph);
const records = analysis.paths.map((p) => p.record);
const findings = analysis.findings.map(findingView);

describe('SARIF renderers', () => {
  it('the schema validator rejects a broken log (it is not a blind check)', () => {
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'critical' }] }] })).toBe(false);
    expect(validateSarif({ version: '2.0.0', runs: [] })).toBe(false);
  });

  it('maps severity and risk level to SARIF levels', () => {
    expect(['critical', 'High', 'medium', 'Low', 'other'].map(sarifLevel)).toEqual(['error', 'error', 'warning', 'note', 'warning']);
  });

  it('writes one result per path with its rule, level, ARM id location, fingerprint, score and factors', () => {
    const log = expectValid(renderPathsSarif(records, { toolVersion: '1.2.3' }));
    const run = log.runs[0]!;
    expect(run.tool.driver).toMatchObject({ name: 'apiposture', version: '1.2.3' });
    expect(run.results).toHaveLength(records.length);
    run.results.forEach((r, i) => {
      const p = records[i]!;
      expect(r.ruleId).toBe(`path/${p.family}`);
      expect(run.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
      expect(r.level).toBe(sarifLevel(p.riskLevel));
      expect(r.locations[0]?.logicalLocations).toEqual([{ name: p.target.name, fullyQualifiedName: p.target.id, kind: 'resource' }]);
      expect(r.partialFingerprints).toEqual({ 'apiposturePathId/v1': p.id });
      expect(r.properties).toMatchObject({ score: p.score, riskLevel: p.riskLevel, riskFactors: p.riskFactors, factors: p.factors });
      expect(r.codeFlows?.[0]?.threadFlows[0]?.locations.map((l) => l.location.logicalLocations?.[0]?.fullyQualifiedName)).toEqual(
        p.steps.map((s) => s.id),
      );
    });
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text && rule.fullDescription.text && rule.help.text).toBeTruthy();
      expect(rule.properties.tags).toContain('attack-path');
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    }
  });

  it('writes one result per finding with the recommendation as its rule (remediation as help)', () => {
    const log = expectValid(renderFindingsSarif(findings));
    const run = log.runs[0]!;
    expect(run.results).toHaveLength(findings.length);
    run.results.forEach((r, i) => {
      const f = findings[i]!;
      const rule = run.tool.driver.rules[r.ruleIndex]!;
      expect(rule.id).toBe(f.recommendationId);
      expect(rule.help.text).toBe(f.remediation.join('\n'));
      expect(r.level).toBe(sarifLevel(f.severity));
      expect(r.locations[0]?.logicalLocations?.[0]).toMatchObject({ fullyQualifiedName: f.assetId, kind: 'resource' });
      expect(r.partialFingerprints).toEqual({ 'apipostureFindingId/v1': f.id });
    });
  });

  it('writes a valid log with no results', () => {
    expect(expectValid(renderPathsSarif([])).runs[0]?.results).toEqual([]);
  });
});

describe('paths and findings --format sarif on the scanned example estate', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await tempDir('sarif');
    const scan = await runInProcess(['scan', 'examples/contoso', '--data-dir', dataDir, '-q']);
    expect(scan.code, scan.stderr).toBe(0);
  });

  it('prints schema-valid SARIF for every path and finding, with stable fingerprints', async () => {
    const paths = await runInProcess(['paths', '--format', 'sarif', '--data-dir', dataDir]);
    expect(paths.code, paths.stderr).toBe(0);
    const pathLog = expectValid(paths.stdout);
    const json = JSON.parse((await runInProcess(['paths', '--format', 'json', '--data-dir', dataDir])).stdout) as { paths: { id: string }[] };
    expect(pathLog.runs[0]?.results.map((r) => r.partialFingerprints['apiposturePathId/v1'])).toEqual(json.paths.map((p) => p.id));

    const found = await runInProcess(['findings', '--format', 'sarif', '--data-dir', dataDir]);
    expect(found.code, found.stderr).toBe(0);
    const findingLog = expectValid(found.stdout);
    expect(findingLog.runs[0]?.results.length).toBeGreaterThan(5);
    expect(new Set(findingLog.runs[0]?.results.map((r) => r.level))).toContain('error');
  });
});
