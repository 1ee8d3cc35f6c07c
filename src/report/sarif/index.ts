import type { AttackPathRecord } from '../../analysis/paths/record.js';
import type { FindingView } from '../paths/findings.js';
import { RuleSet, findingResult, pathResult } from './results.js';
import type { SarifLog, SarifOptions, SarifResult } from './types.js';

/**
 * SARIF 2.1.0 output (`paths --format sarif`, `findings --format sarif`), for code-scanning dashboards and other
 * SARIF consumers. One run per log, tool `apiposture`; results carry stable fingerprints (the path and finding ids),
 * so a consumer tracks the same issue across scans. Pure: data in, text out.
 */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

export function buildSarifLog(results: (rules: RuleSet) => SarifResult[], options: SarifOptions = {}): SarifLog {
  const rules = new RuleSet();
  const list = results(rules);
  const version = options.toolVersion ?? '0.0.0';
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'apiposture', version, semanticVersion: version, rules: rules.finish() } },
        results: list,
      },
    ],
  };
}

export function renderPathsSarif(paths: readonly AttackPathRecord[], options: SarifOptions = {}): string {
  return `${JSON.stringify(buildSarifLog((rules) => paths.map((p) => pathResult(p, rules)), options), null, 2)}\n`;
}

export function renderFindingsSarif(findings: readonly FindingView[], options: SarifOptions = {}): string {
  return `${JSON.stringify(buildSarifLog((rules) => findings.map((f) => findingResult(f, rules)), options), null, 2)}\n`;
}

export { sarifLevel } from './levels.js';
export type { SarifLog, SarifOptions, SarifLevel, SarifResult, SarifRule } from './types.js';
