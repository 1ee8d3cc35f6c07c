import type { PolicyScope } from './effective.js';
import { parsePolicy, PolicyParseError, type PolicyElement } from './parse.js';

/** A named value as the analysis may use it: non-secret values only; secret and Key Vault values stay opaque. */
export interface NamedValue {
  /** The value, or null when it is secret or Key Vault–backed (never read). */
  readonly value: string | null;
}

/** A problem in a policy: what went wrong, and the resource (policy owner, fragment) it is about. */
export interface PolicyProblem {
  readonly assetId: string;
  readonly problem: string;
}

/** Fragments stop nesting here: the service refuses fragments inside fragments, so anything deeper is input to distrust. */
const MAX_FRAGMENT_DEPTH = 8;
/** Below this nesting, statements are kept as written: the flow stops far above it, and deep input must not exhaust the stack. */
const MAX_EXPANSION_DEPTH = 200;
const NAMED_VALUE = /\{\{([^{}]+)\}\}/g;

/**
 * The policy fragments and named values of one API Management service or workspace, as policies reference them:
 * `<include-fragment fragment-id="…"/>` by the fragment's name, `{{…}}` by the named value's display name (both
 * case-insensitive, as ARM names are). A workspace's library looks in the workspace first, then in its service's
 * (`outer`).
 */
export class PolicyLibrary {
  /** Parsed fragment bodies (the `<fragment>` children), or the error reading them. */
  private readonly parsed = new Map<string, PolicyElement[] | Error>();

  constructor(
    /** Id of the service or workspace, for problem reports and cache keys. */
    readonly ownerId: string,
    private readonly fragments: ReadonlyMap<string, { readonly id: string; readonly xml: string }> = new Map(),
    private readonly namedValues: ReadonlyMap<string, NamedValue> = new Map(),
    /** The service's library, when this one is a workspace's. */
    private readonly outer?: PolicyLibrary,
  ) {}

  static readonly EMPTY = new PolicyLibrary('');

  /**
   * The library a scope's policy resolves against: the global (All APIs) policy belongs to the service and sees
   * only the service's fragments and named values, even when it runs for a workspace API; the workspace and the
   * scopes inside it see the workspace's first.
   */
  forScope(scope: PolicyScope): PolicyLibrary {
    return scope === 'global' && this.outer ? this.outer.forScope(scope) : this;
  }

  private sourceOf(key: string): { readonly id: string; readonly xml: string } | undefined {
    return this.fragments.get(key) ?? this.outer?.sourceOf(key);
  }

  private fragment(name: string): PolicyElement[] | Error | undefined {
    const key = name.toLowerCase();
    const source = this.fragments.get(key);
    if (!source) return this.outer?.fragment(name);
    let parsed = this.parsed.get(key);
    if (!parsed) {
      try {
        const root = parsePolicy(source.xml);
        const body = root.children.find((c) => c.name === 'fragment');
        parsed = body ? body.children : new PolicyParseError('the fragment has no <fragment> root element', 0);
      } catch (error) {
        parsed = error instanceof Error ? error : new Error(String(error));
      }
      this.parsed.set(key, parsed);
    }
    return parsed;
  }

  private namedValue(key: string): NamedValue | undefined {
    return this.namedValues.get(key) ?? this.outer?.namedValue(key);
  }

  /**
   * The statements with every `include-fragment` pasted in place (fragments in fragments too, with a cycle guard)
   * and `{{named values}}` substituted in attributes and text. Problems go to `problems`, against `ownerId`.
   */
  expand(elements: readonly PolicyElement[], ownerId: string, problems: PolicyProblem[]): PolicyElement[] {
    return this.expandWithin(elements, ownerId, problems, [], 0);
  }

  private expandWithin(elements: readonly PolicyElement[], ownerId: string, problems: PolicyProblem[], trail: readonly string[], depth: number): PolicyElement[] {
    if (depth > MAX_EXPANSION_DEPTH) return [...elements];
    const out: PolicyElement[] = [];
    for (const element of elements) {
      if (element.name !== 'include-fragment') {
        out.push(this.substitute(element, ownerId, problems, trail, depth));
        continue;
      }
      const name = element.attributes['fragment-id'] ?? '';
      const key = name.toLowerCase();
      const where = trail.length ? `fragment ${trail[trail.length - 1]}` : 'the policy';
      if (trail.includes(key)) {
        problems.push({ assetId: this.sourceOf(key)?.id ?? ownerId, problem: `policy fragment cycle: ${[...trail, key].join(' → ')}; the repeated inclusion is not evaluated` });
        continue;
      }
      if (trail.length >= MAX_FRAGMENT_DEPTH) {
        problems.push({ assetId: ownerId, problem: `policy fragments nest deeper than ${MAX_FRAGMENT_DEPTH} levels at ${name}; the rest is not evaluated` });
        continue;
      }
      const body = this.fragment(name);
      if (body === undefined) {
        problems.push({ assetId: ownerId, problem: `policy fragment "${name}" included by ${where} is not in the input; its policies are not evaluated` });
        out.push(element);
      } else if (body instanceof Error) {
        const at = body instanceof PolicyParseError ? ` at offset ${body.offset}` : '';
        problems.push({ assetId: this.sourceOf(key)!.id, problem: `policy fragment "${name}" could not be read${at}: ${body.message}; its policies are not evaluated` });
        out.push(element);
      } else {
        out.push(...this.expandWithin(body, ownerId, problems, [...trail, key], depth + 1));
      }
    }
    return out;
  }

  /** `{{name}}` replaced by the named value's text; secret and unknown names are left as written and reported. */
  resolveText(text: string, ownerId: string, problems: PolicyProblem[]): string {
    if (!text.includes('{{')) return text;
    return text.replace(NAMED_VALUE, (whole, raw: string) => {
      const name = raw.trim();
      const named = this.namedValue(name.toLowerCase());
      if (!named) {
        problems.push({ assetId: ownerId, problem: `named value "${name}" is not in the input; {{${name}}} stays unresolved` });
        return whole;
      }
      // A secret is never read: the reference stays, and whatever depends on it (a URL, a host) is unresolved.
      return named.value ?? whole;
    });
  }

  private substitute(element: PolicyElement, ownerId: string, problems: PolicyProblem[], trail: readonly string[], depth: number): PolicyElement {
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(element.attributes)) attributes[name] = this.resolveText(value, ownerId, problems);
    return {
      name: element.name,
      attributes,
      children: this.expandWithin(element.children, ownerId, problems, trail, depth + 1),
      text: this.resolveText(element.text, ownerId, problems),
    };
  }
}
