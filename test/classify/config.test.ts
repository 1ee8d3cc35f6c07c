import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClassifier, loadClassifierConfig, parseClassifierConfig } from '../../src/classify/index.js';
import { InputError } from '../../src/util/errors.js';
import { VALUES } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/classifier');

function failure(text: string, file = 'classifier.yaml'): InputError {
  try {
    parseClassifierConfig(text, file);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

describe('classifier config: custom info types and labels', () => {
  it('loads a YAML config and finds custom types with keyword proximity and validators', async () => {
    const config = await loadClassifierConfig(join(FIXTURES, 'config.yaml'));
    expect(config.customInfoTypes.map((t) => t.name)).toEqual(['Contoso Employee ID', 'Contoso Loyalty Card']);
    const classifier = createClassifier(config);
    const find = (body: unknown) =>
      classifier
        .classifyMessage({ responseBody: JSON.stringify(body) })
        .map((f) => `${f.jsonPath} ${f.infoType} ${f.confidence}`);
    expect(find({ note: 'staff id EMP-004211 on leave' })).toEqual(['$.note Contoso Employee ID high']);
    expect(find({ employee: 'EMP-004211' })).toEqual(['$.employee Contoso Employee ID high']);
    // Without a keyword the custom type drops one level, as configured.
    expect(find({ note: 'ref EMP-004211' })).toEqual(['$.note Contoso Employee ID medium']);
    // No keywords configured: the pattern and its Luhn check alone give the configured confidence.
    expect(find({ program: '7000123456789010' })).toEqual(['$.program Contoso Loyalty Card medium']);
    expect(find({ program: '7000123456789011' })).toEqual([]);
  });

  it('applies the highest-priority label whose types are found at its confidence', async () => {
    const classifier = createClassifier(await loadClassifierConfig(join(FIXTURES, 'config.yaml')));
    const label = (body: unknown) =>
      classifier.labelFor(classifier.classifyMessage({ responseBody: JSON.stringify(body) }))?.name;
    expect(label({ owner: 'jane@contoso.com' })).toBe('Internal');
    expect(label({ owner: 'jane@contoso.com', cardNumber: VALUES.visa })).toBe('Restricted');
    expect(label({ status: 'ok' })).toBeUndefined();
  });

  it('uses the default label set without a labels section', async () => {
    const classifier = createClassifier(await loadClassifierConfig(join(FIXTURES, 'config.json')));
    expect(classifier.labels.map((l) => `${l.priority} ${l.name}`)).toEqual([
      '0 Public',
      '1 General',
      '2 Confidential',
      '3 Highly Confidential',
    ]);
    const findings = classifier.classifyMessage({
      responseBody: JSON.stringify({ ssn: '536-90-4421', ticket: 'TCK-12345' }),
    });
    expect(findings.map((f) => f.infoType).sort()).toEqual(['Ticket Number', 'U.S. Social Security Number (SSN)']);
    expect(classifier.labelFor(findings)?.name).toBe('Highly Confidential');
  });

  it('names the file, line, column and reason of a bad setting', () => {
    const bad = failure('customInfoTypes:\n  - name: Bad\n    pattern: "(a+"\n');
    expect(bad.position).toEqual({ file: 'classifier.yaml', line: 3, column: 14 });
    expect(bad.reason).toMatch(/^customInfoTypes\[0\]\.pattern: not a valid RE2 pattern/);

    const lookaround = failure('customInfoTypes:\n  - name: Lookbehind\n    pattern: "(?<=x)y"\n');
    expect(lookaround.reason).toMatch(/not a valid RE2 pattern/);

    const unknownType = failure(
      'labels:\n  - name: Secret\n    priority: 4\n    infoTypes: [Credit Card Number, Nope]\n',
    );
    expect(unknownType.position).toEqual({ file: 'classifier.yaml', line: 4, column: 37 });
    expect(unknownType.reason).toContain('unknown info type "Nope"');

    const builtIn = failure('customInfoTypes:\n  - name: Email Address\n    pattern: x\n');
    expect(builtIn.reason).toContain('already defined (built-in)');
    expect(failure('customInfoTypes:\n  - name: A\n    pattern: x\n    validator: crc32\n').reason).toContain(
      'must be one of luhn, mod97, iban, ssn',
    );
    expect(failure('customInfoTypes:\n  - name: A\n    pattern: x\n    confidence: certain\n').reason).toContain(
      'must be low, medium or high',
    );
    expect(failure('customInfoTypes:\n  - pattern: x\n').reason).toContain('"name" is required');
    expect(failure('labels:\n  - name: A\n    priority: 1\n  - name: B\n    priority: 1\n').reason).toContain(
      'priority 1 is already used',
    );
    expect(failure('customTypes: []\n').reason).toContain('unknown setting "customTypes"');
  });

  it('reports YAML and JSON syntax errors with their position', () => {
    const yaml = failure('customInfoTypes:\n  - name: a\n    pattern: [x\n');
    expect(yaml.position.file).toBe('classifier.yaml');
    expect(yaml.position.line).toBeGreaterThanOrEqual(3);
    expect(yaml.reason).toMatch(/^invalid YAML/);
    const json = failure('{\n  "customInfoTypes": [\n    { "name": "a", }\n  ]\n}\n', 'classifier.json');
    expect(json.position).toMatchObject({ file: 'classifier.json', line: 3 });
    expect(json.reason).toMatch(/^invalid JSON/);
    expect(json.message).toMatch(/^classifier\.json:3:\d+: invalid JSON/);
  });

  it('runs a catastrophic-backtracking pattern in linear time and gets the answer right', () => {
    const config = parseClassifierConfig(
      'customInfoTypes:\n  - name: Evil\n    pattern: "(a+)+$"\n    confidence: high\n',
      'evil.yaml',
    );
    const classifier = createClassifier(config);
    const hostile = `${'a'.repeat(50_000)}!`;
    expect(classifier.classifyMessage({ responseBody: hostile }).filter((f) => f.infoType === 'Evil')).toEqual([]);
    const benign = `${'a'.repeat(50_000)}`;
    expect(classifier.classifyMessage({ responseBody: benign }).filter((f) => f.infoType === 'Evil')).toHaveLength(1);
  });
});
