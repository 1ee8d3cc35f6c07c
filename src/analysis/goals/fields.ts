import { isNodeKind, RISK_LEVELS, type NodeKind, type RiskLevel } from '../../model/index.js';
import type { ConfigDocument, ConfigPath } from '../../util/config-document.js';
import type { GoalScope } from './types.js';

/** Typed readers over one YAML mapping: each failure names the file, the line, the column and the key. */
export class Fields {
  constructor(
    readonly source: ConfigDocument,
    readonly path: ConfigPath,
    readonly value: Readonly<Record<string, unknown>>,
  ) {}

  static of(source: ConfigDocument, path: ConfigPath, value: unknown, what: string): Fields {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw source.error(path, `${what} must be a mapping`);
    return new Fields(source, path, value as Record<string, unknown>);
  }

  allow(keys: readonly string[]): void {
    for (const key of Object.keys(this.value)) {
      if (!keys.includes(key))
        throw this.source.error([...this.path, key], `unknown key (expected one of ${keys.join(', ')})`, 'key');
    }
  }

  has(key: string): boolean {
    return this.value[key] !== undefined && this.value[key] !== null;
  }

  fail(key: string, reason: string): never {
    throw this.source.error([...this.path, key], reason);
  }

  string(key: string): string | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || v.trim() === '') this.fail(key, 'must be a non-empty string');
    return v;
  }

  requiredString(key: string): string {
    return this.string(key) ?? this.fail(key, 'is required');
  }

  number(key: string, min: number, max = Number.POSITIVE_INFINITY): number | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)
      this.fail(key, `must be a number from ${min}${Number.isFinite(max) ? ` to ${max}` : ' up'}`);
    return v;
  }

  integer(key: string, min: number): number | undefined {
    const v = this.number(key, min);
    if (v !== undefined && !Number.isInteger(v)) this.fail(key, 'must be a whole number');
    return v;
  }

  boolean(key: string, fallback: boolean): boolean {
    const v = this.value[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean') this.fail(key, 'must be true or false');
    return v;
  }

  riskLevel(key: string): RiskLevel {
    const v = this.requiredString(key);
    if (!(RISK_LEVELS as readonly string[]).includes(v)) this.fail(key, `must be one of ${RISK_LEVELS.join(', ')}`);
    return v as RiskLevel;
  }

  kinds(key: string): NodeKind[] | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.length === 0) this.fail(key, 'must be a non-empty list of node kinds');
    return v.map((k, i) => {
      if (typeof k !== 'string' || !isNodeKind(k))
        throw this.source.error([...this.path, key, i], `"${String(k)}" is not a node kind`);
      return k;
    });
  }

  scope(key: string): GoalScope | undefined {
    if (!this.has(key)) return undefined;
    const f = Fields.of(this.source, [...this.path, key], this.value[key], 'scope');
    f.allow(['subscriptions', 'tags']);
    const subscriptions = f.subscriptions('subscriptions');
    const tags = f.tags('tags');
    return { ...(subscriptions ? { subscriptions } : {}), ...(tags ? { tags } : {}) };
  }

  /** GUIDs or /subscriptions/<guid> ids, kept as lower-case GUIDs. */
  private subscriptions(key: string): string[] | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.length === 0) this.fail(key, 'must be a non-empty list of subscription ids');
    return v.map((s, i) => {
      if (typeof s !== 'string' || s.trim() === '')
        throw this.source.error([...this.path, key, i], 'must be a subscription id');
      return s
        .trim()
        .toLowerCase()
        .replace(/^\/subscriptions\//, '')
        .replace(/\/+$/, '');
    });
  }

  private tags(key: string): Record<string, string> | undefined {
    if (!this.has(key)) return undefined;
    const f = Fields.of(this.source, [...this.path, key], this.value[key], 'tags');
    const tags: Record<string, string> = {};
    for (const [name, value] of Object.entries(f.value)) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
        f.fail(name, 'a tag value must be a string');
      tags[name] = String(value);
    }
    return tags;
  }
}
