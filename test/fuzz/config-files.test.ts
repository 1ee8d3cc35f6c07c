/**
 * Fuzzing of the configuration files users write: posture goals (examples/goals.yaml) and classifier configs with
 * custom info types (test/fixtures/classifier/config.yaml), mutated as data and as text. Each case is a parsed
 * config that works, or an InputError naming the file and a line inside it. Custom patterns run on RE2 (re2js), so
 * a pattern that backtracks catastrophically in a JavaScript RegExp stays linear here.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parse as parseYaml } from 'yaml';
import { parsePolicy } from '../../src/analysis/goals/index.js';
import { createClassifier, parseClassifierConfig } from '../../src/classify/index.js';
import { InputError } from '../../src/util/errors.js';
import { fuzz, outcome, type FuzzCount, FUZZ_TIMEOUT_MS } from '../support/fuzz.js';
import { mutate, mutationsArb, oddString, type Json } from '../support/json-mutation.js';

const GOALS_TEXT = readFileSync('examples/goals.yaml', 'utf8');
const CLASSIFIER_TEXT = readFileSync('test/fixtures/classifier/config.yaml', 'utf8');

const BILLION_LAUGHS = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
goals: [*e,*e,*e,*e,*e,*e,*e,*e,*e]
customInfoTypes: [*e,*e,*e,*e,*e,*e,*e,*e,*e]
`;

/** A config as data mutated then written as YAML, or its text edited, or something hostile. */
function documentArb(text: string): fc.Arbitrary<string> {
  const data = parseYaml(text) as Json;
  return fc.oneof(
    // The yaml writer recurses per level: data nesting stays at 100 here, deep text comes from the constants below.
    {
      weight: 4,
      arbitrary: mutationsArb.map((ms) =>
        stringify(
          mutate(
            data,
            ms.map((m) => (m.op === 'deep' ? { ...m, depth: Math.min(m.depth, 100) } : m)),
          ),
        ),
      ),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          fc.nat(),
          fc.integer({ min: 0, max: 30 }),
          fc.oneof(
            oddString,
            fc.constantFrom(':', '- ', '\t', '  ', '&x', '*x', '!!js/function', '{', '"', "'", '\n  - '),
          ),
        )
        .map(([at, drop, insert]) => {
          const i = at % (text.length + 1);
          return text.slice(0, i) + insert + text.slice(i + drop);
        }),
    },
    fc.constantFrom(
      BILLION_LAUGHS,
      '',
      '---\n---\n',
      '[1, 2',
      'goals: !!binary AAAA',
      `${'- '.repeat(5000)}x`,
      `goals: ${'['.repeat(5000)}${']'.repeat(5000)}`,
      `goals:\n${'  '.repeat(3000)}- x`,
      '{"goals": []}',
    ),
  );
}

function expectError(error: unknown, file: string, text: string): 'error' {
  expect(error).toBeInstanceOf(InputError);
  const e = error as InputError;
  expect(e.position.file).toBe(file);
  if (e.position.line !== undefined) expect(e.position.line).toBeLessThanOrEqual(text.split('\n').length + 1);
  return 'error';
}

function expectBoth(count: FuzzCount): void {
  expect(count.outcomes['ok'] ?? 0).toBeGreaterThan(0);
  expect(count.outcomes['error'] ?? 0).toBeGreaterThan(0);
}

describe('fuzz: posture goals files', () => {
  it(
    'parses mutated goals policies, or fails with the file, line and reason',
    () => {
      const count = fuzz(
        'goals YAML: mutated policies',
        documentArb(GOALS_TEXT),
        (text) => {
          const parsed = outcome(() => parsePolicy(text, 'goals.yaml'));
          if (!parsed.ok) return expectError(parsed.error, 'goals.yaml', text);
          const ids = parsed.value.goals.map((g) => g.id);
          expect(new Set(ids).size).toBe(ids.length);
          expect(ids.length).toBeGreaterThan(0);
          return 'ok';
        },
        400,
      );
      expectBoth(count);
    },
    FUZZ_TIMEOUT_MS,
  );
});

const MESSAGE = {
  method: 'POST',
  url: 'https://api.example/orders/EMP-123456?card=4111111111111111',
  requestHeaders: { 'content-type': 'application/json' },
  requestBody: {
    employee: 'EMP-123456',
    email: 'ann@example.com',
    loyalty: '7000000000000002',
    note: 'staff id EMP-654321',
  },
  responseCode: 200,
};

describe('fuzz: classifier configs', () => {
  it(
    'parses mutated classifier configs into a working classifier, or fails with the file and position',
    () => {
      const count = fuzz(
        'classifier config: mutated custom info types and labels',
        documentArb(CLASSIFIER_TEXT),
        (text) => {
          const parsed = outcome(() => parseClassifierConfig(text, 'classifier.yaml'));
          if (!parsed.ok) return expectError(parsed.error, 'classifier.yaml', text);
          const classifier = createClassifier(parsed.value);
          const findings = classifier.classifyMessage(MESSAGE);
          for (const f of findings) expect(classifier.infoTypes).toContain(f.infoType);
          return 'ok';
        },
        300,
      );
      expectBoth(count);
    },
    FUZZ_TIMEOUT_MS,
  );

  /** Patterns with nested and overlapping quantifiers: exponential for a backtracking engine on a near-miss input. */
  const catastrophicArb = fc.oneof(
    fc.constantFrom(
      '(a+)+$',
      '(a|a)*b',
      '(a*)*b',
      '((a|aa)+)+c',
      '(x+x+)+y',
      '^(\\w+\\s?)*$',
      '(.*a){12}',
      '(a|b|ab)*c',
      '([a-z]+)*[0-9]',
    ),
    fc
      .tuple(
        fc.constantFrom('a', '\\w', '.', '[a-z]', 'a|aa'),
        fc.constantFrom('+', '*', '{1,9}'),
        fc.constantFrom('+', '*', '{2,}'),
        fc.constantFrom('$', 'b', '!', '\\d'),
      )
      .map(([atom, inner, outer, end]) => `((${atom})${inner})${outer}${end}`),
  );

  it(
    'runs catastrophic custom patterns in time linear in the body (RE2), never hanging',
    () => {
      fuzz(
        'classifier config: catastrophic custom patterns on 20–200 KB bodies',
        fc.tuple(catastrophicArb, fc.integer({ min: 20_000, max: 200_000 }), fc.constantFrom('a', 'x', 'ab', 'a ')),
        ([pattern, length, unit]) => {
          const config = parseClassifierConfig(
            JSON.stringify({ customInfoTypes: [{ name: 'Backtracker', pattern, confidence: 'high' }] }),
            'redos.yaml',
          );
          const classifier = createClassifier(config);
          // A near miss: long runs the pattern almost matches, ended by a character it does not expect.
          const body = `${unit.repeat(Math.ceil(length / unit.length))}!`;
          const findings = classifier.classifyMessage({
            method: 'POST',
            url: 'https://api.example/x',
            requestBody: body,
            responseBody: { value: body },
          });
          for (const f of findings) expect(classifier.infoTypes).toContain(f.infoType);
          return findings.some((f) => f.infoType === 'Backtracker') ? 'matched' : 'no match';
        },
        40,
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'refuses patterns RE2 cannot run (backreferences, lookaround) with the file and position',
    () => {
      for (const pattern of ['(a)\\1', '(?=a)b', '(?<!a)b', '(?<name>a)\\k<name>', '[']) {
        const text = `customInfoTypes:\n  - name: Bad\n    pattern: '${pattern}'\n    confidence: high\n`;
        const parsed = outcome(() => parseClassifierConfig(text, 'bad.yaml'));
        expect(parsed.ok, pattern).toBe(false);
        if (!parsed.ok) {
          expect(parsed.error).toBeInstanceOf(InputError);
          expect(parsed.error.message).toMatch(/^bad\.yaml:3:\d+: /);
        }
      }
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe('config regressions found by fuzzing', () => {
  it('refuses a keyword too long to compile, naming the file and position, instead of a SyntaxError', () => {
    const text = `customInfoTypes:\n  - name: Long\n    pattern: 'x\\d+'\n    keywords: [${'employee'.repeat(40_000)}]\n`;
    const parsed = outcome(() => createClassifier(parseClassifierConfig(text, 'long.yaml')));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(/^long\.yaml:4:\d+: .*at most 1000 characters/);
  });
});
