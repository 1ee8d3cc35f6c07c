import { describe, expect, it } from 'vitest';
import { at, bool, isObject, num, obj, objects, str, strs, text } from '../../src/util/json.js';

describe('JSON readers', () => {
  it('isObject accepts plain objects only', () => {
    expect([{}, { a: 1 }].map(isObject)).toEqual([true, true]);
    expect([null, undefined, [], 'x', 1, true].map(isObject)).toEqual([false, false, false, false, false, false]);
  });

  it('str: a non-empty string, else undefined (never "" or null)', () => {
    expect(str('a')).toBe('a');
    expect([str(''), str(null), str(undefined), str(3), str({})]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('text: a string, or a finite number as text', () => {
    expect([text('x'), text(404), text(0)]).toEqual(['x', '404', '0']);
    expect([text(''), text(Number.NaN), text(Number.POSITIVE_INFINITY), text(true)]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('bool: booleans and their text in any case', () => {
    expect([bool(true), bool(false), bool('true'), bool('True'), bool('FALSE')]).toEqual([true, false, true, true, false]);
    expect([bool('yes'), bool(1), bool(null), bool(undefined)]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('num: finite numbers and their text', () => {
    expect([num(3), num('8080'), num(' 1.5 '), num(0)]).toEqual([3, 8080, 1.5, 0]);
    expect([num(''), num('  '), num('80a'), num(Number.NaN), num(null)]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('strs: the non-empty strings of an array; undefined when not an array (absent differs from empty)', () => {
    expect(strs(['a', '', 3, 'b'])).toEqual(['a', 'b']);
    expect(strs([])).toEqual([]);
    expect(strs('a')).toBeUndefined();
  });

  it('objects and obj', () => {
    expect(objects([{ a: 1 }, null, [], 'x', { b: 2 }])).toEqual([{ a: 1 }, { b: 2 }]);
    expect(objects({ a: 1 })).toEqual([]);
    expect(obj({ a: 1 })).toEqual({ a: 1 });
    expect(obj([1])).toBeUndefined();
  });

  it('at walks a path of keys and stops at anything that is not an object', () => {
    const v = { properties: { ingress: { external: true }, list: [1] } };
    expect(at(v, 'properties', 'ingress', 'external')).toBe(true);
    expect(at(v, 'properties', 'missing', 'external')).toBeUndefined();
    expect(at(v, 'properties', 'list', '0')).toBeUndefined();
    expect(at(v)).toBe(v);
  });
});
