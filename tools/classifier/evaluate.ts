import type { Classifier } from '../../src/classify/classifier.js';
import type { Headers } from '../../src/classify/message.js';
import type { BuiltInInfoType, Confidence, Finding, Location } from '../../src/classify/types.js';
import { BUILT_IN_INFO_TYPES } from '../../src/classify/types.js';
import { IDENTIFIER_SPECS } from '../../src/classify/detectors/national-ids.js';

/**
 * Scoring a classifier against a labelled corpus, the authoring loop Microsoft describes for sensitive information
 * types: positive and negative samples, precision and recall per type, thresholds set from what was measured. F2 weighs
 * recall above precision, as Presidio's evaluation guidance recommends for PII.
 */
export interface CorpusLabel {
  readonly location: Location;
  readonly jsonPath?: string;
  readonly key?: string;
  /** The types a reviewer says the field holds; empty for a negative. */
  readonly infoTypes: readonly string[];
  /** For negatives chosen because they look sensitive: what they exercise. */
  readonly hardNegative?: string;
}

export interface CorpusMessage {
  readonly id: string;
  readonly endpointId: string;
  readonly method: string;
  readonly url: string;
  readonly requestHeaders?: Headers;
  readonly requestBody?: unknown;
  readonly responseHeaders?: Headers;
  readonly responseBody?: unknown;
  readonly responseCode: number;
  readonly labels: readonly CorpusLabel[];
}

export interface Corpus {
  readonly generator: string;
  readonly seed: number;
  readonly messages: readonly CorpusMessage[];
}

export type TargetClass = 'checksum' | 'structured' | 'secret';

export interface Target {
  readonly precision: number;
  readonly recall: number;
}

/** The acceptance targets: checksum types, other structured types, generic secrets; endpoint-level F2. */
export const TARGETS: Readonly<Record<TargetClass, Target>> = {
  checksum: { precision: 0.98, recall: 0.95 },
  structured: { precision: 0.9, recall: 0.9 },
  secret: { precision: 0.85, recall: 0.85 },
};
export const ENDPOINT_F2_TARGET = 0.95;

/** Types whose validator is a published checksum: held to the checksum targets. */
const CHECKSUM_TYPES: ReadonlySet<string> = new Set([
  'Credit Card Number',
  'International Banking Account Number (IBAN)',
  ...IDENTIFIER_SPECS.filter((s) => s.checked).map((s) => s.infoType),
]);

export function targetClassOf(infoType: string): TargetClass {
  if (CHECKSUM_TYPES.has(infoType)) return 'checksum';
  return infoType === 'Generic Secret' ? 'secret' : 'structured';
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Scores extends Counts {
  readonly precision: number;
  readonly recall: number;
  readonly f2: number;
}

export interface TypeResult {
  readonly infoType: string;
  readonly targetClass: TargetClass;
  readonly field: Scores;
  readonly endpoint: Scores;
}

export interface EvaluationResult {
  readonly messages: number;
  readonly labelledFields: number;
  readonly hardNegatives: number;
  /** Hard-negative fields on which some type was reported at the counted confidence. */
  readonly hardNegativeHits: number;
  readonly hardNegativeHitsByReason: Readonly<Record<string, number>>;
  readonly types: readonly TypeResult[];
  readonly endpoint: Scores;
  /** Bytes of bodies scanned and the time the classifier took over the corpus. */
  readonly bodyBytes: number;
  readonly millis: number;
  /** One line per missed target; empty when every target is met. */
  readonly failures: readonly string[];
}

export function scores(c: Counts): Scores {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f2 = precision + recall === 0 ? 0 : (5 * precision * recall) / (4 * precision + recall);
  return { ...c, precision, recall, f2 };
}

function fieldId(
  messageId: string,
  where: { location: Location; jsonPath?: string | undefined; key?: string | undefined },
): string {
  return `${messageId}\u0000${where.location}\u0000${where.jsonPath ?? ''}\u0000${where.key ?? ''}`;
}

/** The message as it travels: JSON bodies as text, so the classifier parses them as it would in production. */
function onTheWire(m: CorpusMessage): { message: Parameters<Classifier['classifyMessage']>[0]; bytes: number } {
  const request =
    m.requestBody === undefined || typeof m.requestBody === 'string' ? m.requestBody : JSON.stringify(m.requestBody);
  const response =
    m.responseBody === undefined || typeof m.responseBody === 'string'
      ? m.responseBody
      : JSON.stringify(m.responseBody);
  const bytes =
    Buffer.byteLength(typeof request === 'string' ? request : '') +
    Buffer.byteLength(typeof response === 'string' ? response : '');
  return {
    message: {
      method: m.method,
      url: m.url,
      ...(m.requestHeaders !== undefined ? { requestHeaders: m.requestHeaders } : {}),
      ...(request !== undefined ? { requestBody: request } : {}),
      ...(m.responseHeaders !== undefined ? { responseHeaders: m.responseHeaders } : {}),
      ...(response !== undefined ? { responseBody: response } : {}),
      responseCode: m.responseCode,
    },
    bytes,
  };
}

function counter(map: Map<string, Counts>, key: string): Counts {
  let c = map.get(key);
  if (c === undefined) map.set(key, (c = { tp: 0, fp: 0, fn: 0 }));
  return c;
}

export interface EvaluateOptions {
  /** Findings below this confidence do not count (default medium, the default labels' threshold). */
  readonly minConfidence?: Confidence;
  readonly infoTypes?: readonly string[];
}

export function evaluateCorpus(
  corpus: Corpus,
  classifier: Classifier,
  options: EvaluateOptions = {},
): EvaluationResult {
  const types: readonly string[] = options.infoTypes ?? (BUILT_IN_INFO_TYPES as readonly BuiltInInfoType[]);
  const field = new Map<string, Counts>();
  const endpointTruth = new Map<string, Set<string>>();
  const endpointSeen = new Map<string, Set<string>>();
  let labelledFields = 0;
  let hardNegatives = 0;
  let hardNegativeHits = 0;
  const byReason: Record<string, number> = {};
  let bodyBytes = 0;
  let millis = 0;

  for (const m of corpus.messages) {
    const { message, bytes } = onTheWire(m);
    bodyBytes += bytes;
    const started = performance.now();
    const findings: Finding[] = classifier.classifyMessage(message, {
      minConfidence: options.minConfidence ?? 'medium',
    });
    millis += performance.now() - started;

    const found = new Map<string, Set<string>>();
    for (const f of findings) {
      const id = fieldId(m.id, f);
      if (!found.has(id)) found.set(id, new Set());
      found.get(id)?.add(f.infoType);
    }
    const truth = new Map<string, CorpusLabel>();
    for (const l of m.labels) truth.set(fieldId(m.id, l), l);
    labelledFields += m.labels.length;

    for (const [id, label] of truth) {
      const got = found.get(id) ?? new Set<string>();
      for (const type of types) {
        const expected = label.infoTypes.includes(type);
        if (expected && got.has(type)) counter(field, type).tp++;
        else if (expected) counter(field, type).fn++;
        else if (got.has(type)) counter(field, type).fp++;
      }
      if (label.hardNegative !== undefined) {
        hardNegatives++;
        if ([...got].some((t) => types.includes(t))) {
          hardNegativeHits++;
          byReason[label.hardNegative] = (byReason[label.hardNegative] ?? 0) + 1;
        }
      }
    }
    // A finding on a field nobody labelled is a false positive too.
    for (const [id, got] of found) {
      if (truth.has(id)) continue;
      for (const type of got) if (types.includes(type)) counter(field, type).fp++;
    }
    const expectedTypes = endpointTruth.get(m.endpointId) ?? new Set<string>();
    m.labels.forEach((l) => l.infoTypes.forEach((t) => expectedTypes.add(t)));
    endpointTruth.set(m.endpointId, expectedTypes);
    const seenTypes = endpointSeen.get(m.endpointId) ?? new Set<string>();
    findings.forEach((f) => seenTypes.add(f.infoType));
    endpointSeen.set(m.endpointId, seenTypes);
  }

  const endpointCounts = new Map<string, Counts>();
  const overall: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const [endpoint, expected] of endpointTruth) {
    const seen = endpointSeen.get(endpoint) ?? new Set<string>();
    for (const type of types) {
      const c = counter(endpointCounts, type);
      const bucket: keyof Counts | undefined = expected.has(type)
        ? seen.has(type)
          ? 'tp'
          : 'fn'
        : seen.has(type)
          ? 'fp'
          : undefined;
      if (bucket !== undefined) {
        c[bucket]++;
        overall[bucket]++;
      }
    }
  }

  const results: TypeResult[] = types.map((infoType) => ({
    infoType,
    targetClass: targetClassOf(infoType),
    field: scores(field.get(infoType) ?? { tp: 0, fp: 0, fn: 0 }),
    endpoint: scores(endpointCounts.get(infoType) ?? { tp: 0, fp: 0, fn: 0 }),
  }));
  const endpoint = scores(overall);
  const failures: string[] = [];
  for (const r of results) {
    const target = TARGETS[r.targetClass];
    if (r.field.tp + r.field.fn === 0) failures.push(`${r.infoType}: no labelled positives in the corpus`);
    if (r.field.precision < target.precision)
      failures.push(`${r.infoType}: precision ${r.field.precision.toFixed(3)} < ${target.precision}`);
    if (r.field.recall < target.recall)
      failures.push(`${r.infoType}: recall ${r.field.recall.toFixed(3)} < ${target.recall}`);
  }
  if (endpoint.f2 < ENDPOINT_F2_TARGET)
    failures.push(`endpoint-level F2 ${endpoint.f2.toFixed(3)} < ${ENDPOINT_F2_TARGET}`);
  return {
    messages: corpus.messages.length,
    labelledFields,
    hardNegatives,
    hardNegativeHits,
    hardNegativeHitsByReason: byReason,
    types: results,
    endpoint,
    bodyBytes,
    millis,
    failures,
  };
}
