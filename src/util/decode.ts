import { ValidationError } from './errors.js';

/**
 * Decoders for JSON a program wrote itself and reads back (a stored record): each checks that a value has the
 * shape its type promises, so nothing downstream needs `as unknown as` or guards required fields by hand. A
 * mismatch throws a DecodeError naming the field (`steps[2].kind`) and what was wrong with it.
 */
export type Decoder<T> = (value: unknown, at: string) => T;

/** A field that may be absent. Present, it must decode; `null` is not absence (stored records never hold it). */
export interface OptionalField<T> {
  readonly optional: Decoder<T>;
}

export class DecodeError extends ValidationError {
  constructor(
    /** Where the value sits: `field`, `list[3].field`; empty for the value itself. */
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field || 'value'}: ${reason}`);
    this.name = 'DecodeError';
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

const fail = (at: string, expected: string, value: unknown): never => {
  throw new DecodeError(at, `expected ${expected}, found ${describe(value)}`);
};

export const decodeString: Decoder<string> = (value, at) => (typeof value === 'string' ? value : fail(at, 'a string', value));

export const decodeNumber: Decoder<number> = (value, at) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fail(at, 'a finite number', value);

/** One of a closed set of names (a kind, an insight, a level): `name` says which set in the error. */
export function decodeOneOf<T extends string>(values: readonly T[], name: string): Decoder<T> {
  const allowed: ReadonlySet<string> = new Set(values);
  return (value, at) => (typeof value === 'string' && allowed.has(value) ? (value as T) : fail(at, `a ${name}`, value));
}

/** The values of a closed union declared as a record, so a value added to the union fails to compile where it is listed. */
export const valuesOf = <T extends string>(all: Readonly<Record<T, true>>): readonly T[] => Object.keys(all) as T[];

export function decodeArray<T>(item: Decoder<T>): Decoder<readonly T[]> {
  return (value, at) => (Array.isArray(value) ? value.map((v: unknown, i) => item(v, `${at}[${i}]`)) : fail(at, 'an array', value));
}

export const optional = <T>(decoder: Decoder<T>): OptionalField<T> => ({ optional: decoder });

/** The keys of T that may be absent (`x?: …`). */
type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

/** One decoder per field of T: a plain Decoder for a required field, `optional(…)` for one that may be absent. */
export type Shape<T> = {
  readonly [K in keyof T]-?: K extends OptionalKeys<T> ? OptionalField<Exclude<T[K], undefined>> : Decoder<T[K]>;
};

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An object with the fields of `shape`. Every required field must be there; fields not in the shape are dropped
 * (a record written by a newer version reads back as this version's type). The fields keep the order they were
 * stored in, so a record read back prints exactly as it was written.
 */
export function decodeObject<T>(shape: Shape<T>): Decoder<T> {
  const fields = shape as Readonly<Record<string, Decoder<unknown> | OptionalField<unknown>>>;
  return (value, at) => {
    if (!isRecord(value)) return fail(at, 'an object', value);
    const field = (key: string) => (at ? `${at}.${key}` : key);
    for (const [key, decoder] of Object.entries(fields)) {
      if (typeof decoder === 'function' && !Object.hasOwn(value, key)) throw new DecodeError(field(key), 'missing');
    }
    const decoded: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(value)) {
      if (!Object.hasOwn(fields, key)) continue;
      const decoder = fields[key]!;
      decoded[key] = typeof decoder === 'function' ? decoder(raw, field(key)) : decoder.optional(raw, field(key));
    }
    // Sound: every required key was checked present above, and every kept key was decoded by its field's decoder.
    return decoded as T;
  };
}
