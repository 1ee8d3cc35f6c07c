import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_WEIGHTS, loadRiskWeights, parseRiskWeights } from '../../../src/analysis/risk/index.js';
import { InputError } from '../../../src/util/errors.js';

function failure(text: string): InputError {
  try {
    parseRiskWeights(text, 'risk.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected a failure');
}

describe('risk weights overrides', () => {
  it('merges a partial override over the defaults and leaves the defaults untouched', () => {
    const w = parseRiskWeights('impact:\n  PermissionLevel:\n    admin: 0.8\n', 'risk.yaml');
    expect(w.impact.PermissionLevel).toEqual({ read: 0.3, write: 0.5, admin: 0.8 });
    expect(w.exploitability).toEqual(DEFAULT_RISK_WEIGHTS.exploitability);
    expect(DEFAULT_RISK_WEIGHTS.impact.PermissionLevel.admin).toBe(0.6);
    expect(Object.isFrozen(w.impact.PermissionLevel)).toBe(true);
    expect(parseRiskWeights('', 'empty.yaml')).toBe(DEFAULT_RISK_WEIGHTS);
  });

  it('names the file, line, column and reason for each mistake', () => {
    expect(failure('exploitability:\n  Anonymous: 0.4\n').message).toBe(
      'risk.yaml:2:3: exploitability.Anonymous: unknown key (expected one of InternetExposure, AllowsAnonymousAccess, UnencryptedAccess, GatewayBypass, Inactive, SharedServiceExposure, restrictedInternetExposure)',
    );
    expect(failure('impact:\n  base: -0.1\n')).toMatchObject({
      position: { file: 'risk.yaml', line: 2, column: 9 },
      reason: 'impact.base: must be a number ≥ 0',
    });
    expect(failure('impact:\n  base: "high"\n').reason).toContain('must be a number');
    expect(failure('impact: 3\n').reason).toBe('impact: must be a mapping');
    expect(failure('impact:\n  PermissionLevel: { read: 0.7 }\n').reason).toBe(
      'impact.PermissionLevel: weights must not decrease from read to write to admin',
    );
    expect(failure('levels: { high: 8 }\n').reason).toBe('levels: thresholds must satisfy critical > high > medium');
    expect(failure('exploitability: { restrictedInternetExposure: 0.9 }\n').reason).toContain(
      'must not exceed InternetExposure',
    );
    expect(failure('scale: 0\n').reason).toBe('scale: must be greater than 0');
  });

  it('reports YAML syntax errors with their position', () => {
    const error = failure('impact:\n  base: [0.1\n');
    expect(error.position.file).toBe('risk.yaml');
    expect(error.position.line).toBeGreaterThan(0);
    expect(error.reason).toMatch(/^invalid YAML/);
  });

  it('loads a file and names it when it cannot be read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apiposture-weights-'));
    const file = join(dir, 'risk.json');
    await writeFile(file, '{ "scale": 100 }');
    expect((await loadRiskWeights(file)).scale).toBe(100);
    await expect(loadRiskWeights(join(dir, 'missing.yaml'))).rejects.toThrow(
      /missing\.yaml: cannot read the risk model file: ENOENT/,
    );
  });
});
