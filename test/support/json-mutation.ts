/**
 * Mutations of real JSON fixtures for fuzzing: take a document Azure really returns and break it the ways exports
 * break (a field dropped, retyped or null, odd casing, huge strings, deep nesting, unicode, prototype keys).
 * Each mutation picks its target by index modulo the number of positions, so fast-check can shrink it.
 */
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type Mutation =
  | { readonly op: 'drop'; readonly at: number }
  | { readonly op: 'set'; readonly at: number; readonly value: Json }
  | { readonly op: 'recase'; readonly at: number; readonly upper: boolean }
  | { readonly op: 'rename'; readonly at: number; readonly key: string }
  | { readonly op: 'huge'; readonly at: number; readonly length: number }
  | { readonly op: 'deep'; readonly at: number; readonly depth: number };

type Position = { readonly parent: Json[] | { [key: string]: Json }; readonly key: string | number };

function positions(root: Json): Position[] {
  const out: Position[] = [];
  const walk = (value: Json) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        out.push({ parent: value, key: i });
        walk(item);
      });
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        out.push({ parent: value, key });
        walk(value[key]!);
      }
    }
  };
  walk(root);
  return out;
}

function get(p: Position): Json {
  return Array.isArray(p.parent) ? p.parent[p.key as number]! : p.parent[p.key as string]!;
}

function put(p: Position, value: Json): void {
  if (Array.isArray(p.parent)) p.parent[p.key as number] = value;
  else p.parent[p.key as string] = value;
}

function nest(depth: number, leaf: Json): Json {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { nested: value };
  return value;
}

/** Applies the mutations to a deep copy of the document. */
export function mutate(document: Json, mutations: readonly Mutation[]): Json {
  const root: { doc: Json } = { doc: structuredClone(document) };
  for (const m of mutations) {
    const all = positions(root.doc);
    if (all.length === 0) break;
    const p = all[m.at % all.length]!;
    switch (m.op) {
      case 'drop':
        if (Array.isArray(p.parent)) p.parent.splice(p.key as number, 1);
        else delete p.parent[p.key as string];
        break;
      case 'set':
        put(p, m.value);
        break;
      case 'recase': {
        const value = get(p);
        if (typeof value === 'string') put(p, m.upper ? value.toUpperCase() : value.toLowerCase());
        else if (!Array.isArray(p.parent)) {
          const key = p.key as string;
          delete p.parent[key];
          p.parent[m.upper ? key.toUpperCase() : key.toLowerCase()] = value;
        }
        break;
      }
      case 'rename':
        if (!Array.isArray(p.parent)) {
          const value = get(p);
          delete p.parent[p.key as string];
          // defineProperty: a plain assignment of "__proto__" would set the prototype, not a key.
          Object.defineProperty(p.parent, m.key, { value, enumerable: true, writable: true, configurable: true });
        }
        break;
      case 'huge': {
        const value = get(p);
        const seed = typeof value === 'string' && value.length > 0 ? value : 'x';
        put(p, seed.repeat(Math.ceil(m.length / seed.length)).slice(0, m.length));
        break;
      }
      case 'deep':
        put(p, nest(m.depth, get(p)));
        break;
    }
  }
  return root.doc;
}

/** Strings that break naive code: unicode of every plane, controls, bidi overrides, ARM-id look-alikes. */
export const oddString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e',
    '\ud800',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
    '/',
    '//',
    '/subscriptions/',
    '/SUBSCRIPTIONS/X/RESOURCEGROUPS/Y/PROVIDERS/MICROSOFT.WEB/SITES/Z',
    'Microsoft.ApiManagement/service/apis',
    '__proto__',
    'constructor',
    'NaN',
    '-1',
    '1e400',
    'true',
    'null',
    '<policies><inbound><base/></inbound></policies>',
    '<policies><inbound>',
    '@(context.Request)',
    '*',
    '0.0.0.0/0',
    'Internet',
    'https://',
    'http://[::1',
  ),
);

export const anyJson: fc.Arbitrary<Json> = fc.oneof(
  { depthSize: 'small' },
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.integer(),
  oddString,
  fc.array(oddString, { maxLength: 3 }),
  fc.dictionary(oddString, oddString, { maxKeys: 3 }),
) as fc.Arbitrary<Json>;

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: anyJson }),
  fc.record({ op: fc.constant('recase' as const), at: fc.nat(), upper: fc.boolean() }),
  fc.record({
    op: fc.constant('rename' as const),
    at: fc.nat(),
    key: fc.oneof(oddString, fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty')),
  }),
  fc.record({ op: fc.constant('huge' as const), at: fc.nat(), length: fc.integer({ min: 10_000, max: 300_000 }) }),
  fc.record({ op: fc.constant('deep' as const), at: fc.nat(), depth: fc.integer({ min: 20, max: 1_000 }) }),
);

export const mutationsArb: fc.Arbitrary<Mutation[]> = fc.array(mutationArb, { minLength: 1, maxLength: 4 });
