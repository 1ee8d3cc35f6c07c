/**
 * Fuzzing of the API Management policy reader: well-formed generated policies read back to the tree they came
 * from; edited real policies (the fixtures' rawxml) read or fail with a PolicyParseError at an offset inside the
 * text; and the effective-policy composition never throws, whatever a scope's XML holds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUTHENTICATING_POLICIES,
  authenticationVerdict,
  effectivePolicy,
  parsePolicy,
  PolicyParseError,
  tracePolicy,
  walkPolicy,
  type PolicyElement,
  type PolicyScope,
} from '../../src/analysis/policy/index.js';
import { fuzz, FUZZ_TIMEOUT_MS } from '../support/fuzz.js';
import { oddString } from '../support/json-mutation.js';

/** Every policy document in the fixtures and the example estate, as Azure returns it (`format: rawxml`). */
function fixturePolicies(): string[] {
  const files = [
    'test/fixtures/azure/apim/policies.json',
    ...readdirSync('examples/contoso/arm', { recursive: true, encoding: 'utf8' })
      .filter((n) => /policies.*\.json$/.test(n))
      .map((n) => join('examples/contoso/arm', n)),
  ];
  const found: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string' && v.includes('<policies')) found.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const file of files) walk(JSON.parse(readFileSync(file, 'utf8')));
  return found;
}
const REAL = fixturePolicies();

const NAMES = [
  'policies',
  'inbound',
  'backend',
  'outbound',
  'on-error',
  'base',
  'validate-jwt',
  'validate-azure-ad-token',
  'check-header',
  'ip-filter',
  'choose',
  'when',
  'otherwise',
  'set-header',
  'set-backend-service',
  'rate-limit',
  'Value',
];

interface Tree {
  name: string;
  attributes: [string, string][];
  children: Tree[];
}

const attributeValue = fc.oneof(
  // Plain text never opens like a policy expression: `@(`/`@{` starts one, read to its balanced end with any quotes
  // inside it (rawxml keeps them unescaped), so an unbalanced opener followed by markup is not plain text at all.
  fc
    .string({ maxLength: 12 })
    .map((s) => s.replace(/["&<]/g, ''))
    .filter((s) => !/^@[({]/.test(s)),
  fc.constantFrom(
    '@(context.Request.Headers.GetValueOrDefault("a","") != "b" && 1 < 2)',
    '@{ return "<x/>"; }',
    'https://backend.example/api',
  ),
);
/** Trees up to `depth` levels deep (an explicit bound: fast-check's recursive arbitraries can run away). */
function treeArb(depth: number): fc.Arbitrary<Tree> {
  return fc.record({
    name: fc.constantFrom(...NAMES),
    attributes: fc.uniqueArray(
      fc.tuple(fc.constantFrom('id', 'name', 'condition', 'header-name', 'base-url', 'action'), attributeValue),
      {
        maxLength: 3,
        selector: ([k]) => k,
      },
    ),
    children: depth === 0 ? fc.constant([]) : fc.array(treeArb(depth - 1), { maxLength: 3 }),
  });
}

function serialize(tree: Tree): string {
  const attributes = tree.attributes.map(([k, v]) => ` ${k}="${v}"`).join('');
  if (tree.children.length === 0) return `<${tree.name}${attributes} />`;
  return `<${tree.name}${attributes}>${tree.children.map(serialize).join('\n  ')}</${tree.name}>`;
}

function shape(element: PolicyElement): unknown {
  return { name: element.name, attributes: element.attributes, children: element.children.map(shape) };
}
function expected(tree: Tree): unknown {
  return {
    name: tree.name.toLowerCase(),
    attributes: Object.fromEntries(tree.attributes.map(([k, v]) => [k, v])),
    children: tree.children.map(expected),
  };
}

const editArb = fc.record({
  at: fc.nat(),
  drop: fc.integer({ min: 0, max: 20 }),
  insert: fc.oneof(
    oddString,
    fc.constantFrom(
      '<',
      '>',
      '/>',
      '</inbound>',
      '<choose>',
      '"',
      "'",
      '@(',
      '@{',
      '}',
      ')',
      '<!--',
      '<![CDATA[',
      '<?xml',
      '&#x110000;',
      '&#99999999999;',
      '&bogus;',
      '<validate-jwt/>',
    ),
  ),
});

function edit(text: string, e: { at: number; drop: number; insert: string }): string {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(at + e.drop);
}

function checkParse(xml: string): 'ok' | 'error' {
  try {
    const root = parsePolicy(xml);
    const stack = [...root.children];
    for (let el = stack.pop(); el; el = stack.pop()) {
      expect(el.name).toBe(el.name.toLowerCase());
      stack.push(...el.children);
    }
    return 'ok';
  } catch (error) {
    // Never a TypeError or RangeError: a PolicyParseError pointing into the text.
    if (!(error instanceof PolicyParseError)) throw error;
    expect(error.offset).toBeGreaterThanOrEqual(0);
    expect(error.offset).toBeLessThanOrEqual(xml.length);
    return 'error';
  }
}

const SCOPES: readonly PolicyScope[] = ['global', 'workspace', 'product', 'api', 'operation'];

describe('fuzz: policy XML', () => {
  it(
    'reads generated well-formed policies back to the tree they were written from',
    () => {
      fuzz(
        'policy XML: generated documents round-trip',
        fc.array(treeArb(4), { minLength: 1, maxLength: 3 }),
        (trees) => {
          const root = parsePolicy(trees.map(serialize).join('\r\n'));
          expect(root.children.map(shape)).toEqual(trees.map(expected));
          return 'ok';
        },
        300,
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'reads edited real policies, or fails with a PolicyParseError inside the text',
    () => {
      const count = fuzz(
        'policy XML: edited fixture policies',
        fc.tuple(fc.constantFrom(...REAL), fc.array(editArb, { minLength: 1, maxLength: 4 })),
        ([xml, edits]) => checkParse(edits.reduce(edit, xml)),
        500,
      );
      expect(count.outcomes['ok']).toBeGreaterThan(0);
      expect(count.outcomes['error']).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'composes any chain of scopes without throwing, reporting unreadable scopes as problems',
    () => {
      const xmlArb = fc.oneof(
        fc.constant(null),
        fc.constantFrom(...REAL),
        fc
          .tuple(fc.constantFrom(...REAL), fc.array(editArb, { maxLength: 3 }))
          .map(([xml, edits]) => edits.reduce(edit, xml)),
        fc
          .integer({ min: 1, max: 5_000 })
          .map(
            (d) =>
              `<policies><inbound>${'<choose><when>'.repeat(d)}<validate-jwt/>${'</when></choose>'.repeat(d)}</inbound></policies>`,
          ),
        oddString,
      );
      fuzz(
        'policy XML: effective policy over scope chains',
        fc.array(fc.tuple(fc.constantFrom(...SCOPES), xmlArb), { minLength: 1, maxLength: 5 }),
        (chain) => {
          const effective = effectivePolicy(chain.map(([scope, xml]) => ({ scope, xml })));
          expect(effective.problems.length).toBeLessThanOrEqual(chain.length);
          const flow = tracePolicy(effective);
          const names = new Set(effective.sections.inbound.flatMap((s) => [s.element, ...walkPolicy(s.element)]).map((e) => e.name));
          for (const gate of flow.paths.flatMap((p) => p.authenticators)) {
            expect(AUTHENTICATING_POLICIES).toContain(gate.policy);
            expect(names.has(gate.policy)).toBe(true);
          }
          expect(['required', 'custom', 'conditional', 'none']).toContain(authenticationVerdict(flow).requirement);
          return effective.problems.length > 0 ? 'problems' : 'ok';
        },
        300,
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe('policy XML regressions found by fuzzing', () => {
  it(
    'keeps a character reference past U+10FFFF as written instead of throwing a RangeError',
    () => {
      const root = parsePolicy('<policies><inbound><set-header name="&#x110000;&#65;" /></inbound></policies>');
      expect(root.children[0]!.children[0]!.children[0]!.attributes['name']).toBe('&#x110000;A');
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'walks a policy nested 20,000 levels deep without exhausting the call stack',
    () => {
      const depth = 20_000;
      const xml = `<policies><inbound>${'<choose>'.repeat(depth)}<validate-jwt />${'</choose>'.repeat(depth)}</inbound></policies>`;
      // A choose without when or otherwise runs nothing of what it holds: the validate-jwt never runs.
      const flow = tracePolicy(effectivePolicy([{ scope: 'api', xml }]));
      expect(authenticationVerdict(flow).requirement).toBe('none');
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'reads an attribute value that only starts like an expression as plain text',
    () => {
      const root = parsePolicy('<policies><inbound><rate-limit id="@(" calls="5" /></inbound></policies>');
      expect(root.children[0]!.children[0]!.children[0]!.attributes).toEqual({ id: '@(', calls: '5' });
    },
    FUZZ_TIMEOUT_MS,
  );
});
