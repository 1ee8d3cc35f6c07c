import { RE2JSException } from 're2js';
import { isConfidence } from './confidence.js';
import { ConfigDocument, readConfigFile, type ConfigPath } from '../util/config-document.js';
import {
  compilePattern,
  CUSTOM_DEFAULT_PROXIMITY,
  CUSTOM_VALIDATORS,
  type CustomInfoType,
  type CustomValidator,
} from './custom.js';
import type { SensitivityLabel } from './labels.js';
import { BUILT_IN_INFO_TYPES } from './types.js';
import { isObject } from '../util/json.js';

/** What a classifier config file holds. Without `labels`, the default label set applies. */
export interface ClassifierConfig {
  readonly customInfoTypes: readonly CustomInfoType[];
  readonly labels?: readonly SensitivityLabel[];
}

type Obj = Record<string, unknown>;

/** Longest keyword or label info-type name accepted: far above any real one. */
const MAX_LIST_ITEM_CHARS = 1000;

/** Reads fields of one config object, reporting any problem at its position in the file. */
class Reader {
  constructor(
    private readonly doc: ConfigDocument,
    private readonly path: ConfigPath,
    private readonly obj: Obj,
  ) {}

  static at(doc: ConfigDocument, path: ConfigPath, value: unknown, allowed: readonly string[]): Reader {
    if (!isObject(value)) throw doc.error(path, 'must be a mapping (object)');
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key))
        throw doc.error([...path, key], `unknown setting "${key}" (allowed: ${allowed.join(', ')})`);
    }
    return new Reader(doc, path, value);
  }

  fail(key: string | undefined, reason: string): Error {
    return this.doc.error(key === undefined ? this.path : [...this.path, key], reason);
  }

  string(key: string): string {
    const value = this.obj[key];
    if (value === undefined) throw this.fail(undefined, `"${key}" is required`);
    if (typeof value !== 'string' || value.trim().length === 0) throw this.fail(key, 'must be a non-empty string');
    return value;
  }

  optional<T>(key: string, read: (key: string) => T): T | undefined {
    return this.obj[key] === undefined ? undefined : read(key);
  }

  strings(key: string): string[] {
    const value = this.obj[key] ?? [];
    if (!Array.isArray(value)) throw this.fail(key, 'must be a list of strings');
    return value.map((item, i) => {
      if (typeof item !== 'string' || item.trim().length === 0)
        throw this.doc.error([...this.path, key, i], 'must be a non-empty string');
      // Keywords become one alternation: past a few hundred KB the RegExp engine refuses to compile it.
      if (item.length > MAX_LIST_ITEM_CHARS)
        throw this.doc.error([...this.path, key, i], `must be at most ${MAX_LIST_ITEM_CHARS} characters`);
      return item;
    });
  }

  integer(key: string, min: number, max: number): number {
    const value = this.obj[key];
    if (value === undefined) throw this.fail(undefined, `"${key}" is required`);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw this.fail(key, `must be an integer from ${min} to ${max}`);
    }
    return value;
  }

  boolean(key: string): boolean {
    const value = this.obj[key];
    if (typeof value !== 'boolean') throw this.fail(key, 'must be true or false');
    return value;
  }

  confidence(key: string, fallback: 'low' | 'medium' | 'high'): 'low' | 'medium' | 'high' {
    const value = this.obj[key] ?? fallback;
    if (!isConfidence(value)) throw this.fail(key, 'must be low, medium or high');
    return value;
  }
}

const TOP = ['customInfoTypes', 'labels'];
const TYPE_KEYS = ['name', 'pattern', 'keywords', 'validator', 'confidence', 'proximity', 'caseSensitive'];
const LABEL_KEYS = ['name', 'priority', 'infoTypes', 'minConfidence'];

function list(doc: ConfigDocument, root: Obj, key: string): unknown[] {
  const value = root[key] ?? [];
  if (!Array.isArray(value)) throw doc.error([key], 'must be a list');
  return value;
}

function readCustomType(doc: ConfigDocument, item: unknown, index: number, taken: Set<string>): CustomInfoType {
  const r = Reader.at(doc, ['customInfoTypes', index], item, TYPE_KEYS);
  const name = r.string('name').trim();
  if (taken.has(name))
    throw r.fail(
      'name',
      `info type "${name}" is already defined${BUILT_IN_INFO_TYPES.includes(name as never) ? ' (built-in)' : ''}`,
    );
  taken.add(name);
  const pattern = r.string('pattern');
  const caseSensitive = r.optional('caseSensitive', (k) => r.boolean(k));
  try {
    compilePattern(pattern, caseSensitive);
  } catch (error) {
    if (error instanceof RE2JSException) throw r.fail('pattern', `not a valid RE2 pattern: ${error.message}`);
    throw error;
  }
  const validator = r.optional('validator', (k) => {
    const value = r.string(k);
    if (!CUSTOM_VALIDATORS.includes(value as CustomValidator))
      throw r.fail(k, `must be one of ${CUSTOM_VALIDATORS.join(', ')}`);
    return value as CustomValidator;
  });
  return {
    name,
    pattern,
    keywords: r.strings('keywords'),
    confidence: r.confidence('confidence', 'medium'),
    proximity: r.optional('proximity', (k) => r.integer(k, 0, 10_000)) ?? CUSTOM_DEFAULT_PROXIMITY,
    ...(validator !== undefined ? { validator } : {}),
    ...(caseSensitive !== undefined ? { caseSensitive } : {}),
  };
}

function readLabel(
  doc: ConfigDocument,
  item: unknown,
  index: number,
  known: Set<string>,
  seen: Map<string, number>,
): SensitivityLabel {
  const r = Reader.at(doc, ['labels', index], item, LABEL_KEYS);
  const name = r.string('name').trim();
  const priority = r.integer('priority', 0, 1000);
  if (seen.has(name)) throw r.fail('name', `label "${name}" is defined twice`);
  if ([...seen.values()].includes(priority))
    throw r.fail('priority', `priority ${priority} is already used by another label`);
  seen.set(name, priority);
  const infoTypes = r.strings('infoTypes');
  infoTypes.forEach((type, i) => {
    if (!known.has(type))
      throw doc.error(
        ['labels', index, 'infoTypes', i],
        `unknown info type "${type}" (neither built-in nor defined under customInfoTypes)`,
      );
  });
  return { name, priority, infoTypes, minConfidence: r.confidence('minConfidence', 'medium') };
}

/** Parses and validates a classifier config (YAML or JSON); errors name the file, line, column and reason. */
export function parseClassifierConfig(text: string, file: string): ClassifierConfig {
  const doc = ConfigDocument.parse(text, file, 'indexed');
  const root = doc.value ?? {};
  if (!isObject(root)) throw doc.error([], 'must be a mapping with customInfoTypes and/or labels');
  Reader.at(doc, [], root, TOP);
  const taken = new Set<string>(BUILT_IN_INFO_TYPES);
  const customInfoTypes = list(doc, root, 'customInfoTypes').map((item, i) => readCustomType(doc, item, i, taken));
  if (root['labels'] === undefined) return { customInfoTypes };
  const seen = new Map<string, number>();
  const labels = list(doc, root, 'labels').map((item, i) => readLabel(doc, item, i, taken, seen));
  return { customInfoTypes, labels };
}

export async function loadClassifierConfig(file: string): Promise<ClassifierConfig> {
  return parseClassifierConfig(await readConfigFile(file, 'the classifier config'), file);
}
