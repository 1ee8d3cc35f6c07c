import { ConfigDocument, readConfigFile, type ConfigPath } from '../../util/config-document.js';
import { DEFAULT_RISK_WEIGHTS, EXPLOITABILITY_FACTORS, type RiskWeights } from './weights.js';
import { isObject } from '../../util/json.js';

/**
 * Overrides of the risk weights from a YAML or JSON file. Any subset of DEFAULT_RISK_WEIGHTS' keys, e.g.
 *
 *     exploitability: { AllowsAnonymousAccess: 0.45 }
 *     impact: { PermissionLevel: { admin: 0.7 } }
 *     levels: { critical: 7.5 }
 *
 * Unknown keys, non-numbers, negative weights, permission weights out of order (read ≤ write ≤ admin) and
 * thresholds out of order (critical > high > medium) fail with the file, the line, the column and the reason.
 */

type Shape = { readonly [key: string]: Shape | 'number' };

const SHAPE: Shape = {
  scale: 'number',
  exploitability: {
    ...Object.fromEntries(EXPLOITABILITY_FACTORS.map((f) => [f, 'number'])),
    restrictedInternetExposure: 'number',
  },
  impact: {
    base: 'number',
    SensitiveData: 'number',
    labelPriorityStep: 'number',
    maxLabelBonus: 'number',
    LateralMovement: 'number',
    PermissionLevel: { read: 'number', write: 'number', admin: 'number' },
  },
  levels: { critical: 'number', high: 'number', medium: 'number' },
};

type Json = { [key: string]: unknown };

/** Merges `value` over `base` following SHAPE, checking each key and number on the way. */
function merge(source: ConfigDocument, value: unknown, base: Json, shape: Shape, path: ConfigPath): Json {
  if (!isObject(value)) throw source.error(path, 'must be a mapping');
  const out: Json = { ...base };
  for (const [key, child] of Object.entries(value)) {
    const expected = shape[key];
    const at = [...path, key];
    if (expected === undefined)
      throw source.error(at, `unknown key (expected one of ${Object.keys(shape).join(', ')})`, 'key');
    if (expected === 'number') {
      if (typeof child !== 'number' || !Number.isFinite(child) || child < 0)
        throw source.error(at, 'must be a number ≥ 0');
      out[key] = child;
    } else out[key] = merge(source, child, base[key] as Json, expected, at);
  }
  return out;
}

function checkOrder(source: ConfigDocument, w: RiskWeights): void {
  const e = w.exploitability;
  if (e.restrictedInternetExposure > e.InternetExposure)
    throw source.error(['exploitability', 'restrictedInternetExposure'], 'must not exceed InternetExposure');
  if (e.SharedServiceExposure > e.InternetExposure)
    throw source.error(['exploitability', 'SharedServiceExposure'], 'must not exceed InternetExposure');
  const p = w.impact.PermissionLevel;
  if (!(p.read <= p.write && p.write <= p.admin))
    throw source.error(['impact', 'PermissionLevel'], 'weights must not decrease from read to write to admin');
  const l = w.levels;
  if (!(l.critical > l.high && l.high > l.medium))
    throw source.error(['levels'], 'thresholds must satisfy critical > high > medium');
  if (w.scale <= 0) throw source.error(['scale'], 'must be greater than 0');
}

/** Path search limits a risk model file may also set (top-level keys beside the weights). */
export interface RiskModelSearch {
  readonly maxPaths?: number;
  readonly maxPathsPerPair?: number;
}

export interface RiskModel {
  readonly weights: RiskWeights;
  readonly search: RiskModelSearch;
}

const SEARCH_KEYS = ['maxPaths', 'maxPathsPerPair'] as const;

/**
 * Parses and validates a risk model file's text: weight overrides (the defaults with them applied, frozen) and
 * the path search limits `maxPaths` / `maxPathsPerPair` (whole numbers ≥ 1), so a model can raise the path cap.
 */
export function parseRiskModel(text: string, file: string, base: RiskWeights = DEFAULT_RISK_WEIGHTS): RiskModel {
  const source = ConfigDocument.parse(text, file);
  if (source.value === null || source.value === undefined) return { weights: base, search: {} }; // an empty file overrides nothing
  if (!isObject(source.value)) throw source.error([], 'must be a mapping');
  const { maxPaths, maxPathsPerPair, ...overrides } = source.value;
  const search: Record<string, number> = {};
  for (const [key, value] of [['maxPaths', maxPaths], ['maxPathsPerPair', maxPathsPerPair]] as const) {
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw source.error([key], 'must be a whole number ≥ 1');
    search[key] = value;
  }
  const shape = { ...SHAPE, ...Object.fromEntries(SEARCH_KEYS.map((k) => [k, 'number' as const])) };
  const merged = merge(source, overrides, structuredClone(base) as unknown as Json, shape, []) as unknown as RiskWeights;
  checkOrder(source, merged);
  return { weights: deepFreeze(merged), search };
}

/** Parses and validates an override file's text; the result is the defaults with the overrides applied, frozen. */
export function parseRiskWeights(text: string, file: string, base: RiskWeights = DEFAULT_RISK_WEIGHTS): RiskWeights {
  return parseRiskModel(text, file, base).weights;
}

/** Reads a risk model file (YAML or JSON): weights and path search limits. */
export async function loadRiskModel(file: string, base: RiskWeights = DEFAULT_RISK_WEIGHTS): Promise<RiskModel> {
  return parseRiskModel(await readConfigFile(file, 'the risk model file'), file, base);
}

/** Reads a weights override file (YAML or JSON). */
export async function loadRiskWeights(file: string, base: RiskWeights = DEFAULT_RISK_WEIGHTS): Promise<RiskWeights> {
  return (await loadRiskModel(file, base)).weights;
}

function deepFreeze<T>(value: T): T {
  if (isObject(value)) for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
