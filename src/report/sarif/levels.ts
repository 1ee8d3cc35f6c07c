import type { SarifLevel } from './types.js';

/**
 * SARIF levels from a finding's severity or a path's risk level (case-insensitive: the catalogue writes "High",
 * paths write "high"). SARIF has no "critical": error is its most severe level, so critical and high both map to it.
 */
export function sarifLevel(severityOrRisk: string): SarifLevel {
  switch (severityOrRisk.toLowerCase()) {
    case 'critical':
    case 'high':
      return 'error';
    case 'medium':
      return 'warning';
    case 'low':
      return 'note';
    default:
      return 'warning';
  }
}

const ORDER: readonly SarifLevel[] = ['error', 'warning', 'note', 'none'];

/** The most severe of the levels (a rule's default: the worst level its results carry here). */
export function worstLevel(levels: readonly SarifLevel[]): SarifLevel {
  return ORDER.find((l) => levels.includes(l)) ?? 'warning';
}

/**
 * GitHub code scanning reads `security-severity` (a CVSS-like 0–10 string) from rule properties to rank alerts;
 * these are the midpoints of its bands (critical ≥ 9, high ≥ 7, medium ≥ 4, low > 0).
 */
export function securitySeverity(severity: string): string {
  const score: Record<string, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '2.0' };
  return score[severity.toLowerCase()] ?? '5.5';
}
