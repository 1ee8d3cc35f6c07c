import { parsePolicy, PolicyParseError, walkPolicy, type PolicyElement } from './parse.js';

export type PolicyScope = 'global' | 'workspace' | 'product' | 'api' | 'operation';
export type PolicySection = 'inbound' | 'backend' | 'outbound' | 'on-error';

export interface ScopedPolicy {
  readonly scope: PolicyScope;
  /** Raw policy XML, or null when the scope has no policy. */
  readonly xml: string | null;
}

/** A policy statement as it runs, with the scope that contributed it. */
export interface EffectiveStatement {
  readonly scope: PolicyScope;
  readonly element: PolicyElement;
}

export interface EffectivePolicy {
  readonly sections: Readonly<Record<PolicySection, readonly EffectiveStatement[]>>;
  /** Scopes whose XML could not be read; their statements are missing from the effective policy. */
  readonly problems: readonly string[];
}

const SECTIONS: readonly PolicySection[] = ['inbound', 'backend', 'outbound', 'on-error'];

function sectionOf(document: PolicyElement, section: PolicySection): PolicyElement | null {
  const policies = document.children.find((c) => c.name === 'policies');
  return policies?.children.find((c) => c.name === section) ?? null;
}

/**
 * Composes the effective policy from the outermost scope inward (global → product → API → operation): in each
 * scope, `<base />` stands for the whole effective section of the scopes above it. A scope without a policy
 * document behaves as a lone `<base />`; a document without a section runs nothing of the parents there.
 */
export function effectivePolicy(chain: readonly ScopedPolicy[], parse: (xml: string) => PolicyElement = parsePolicy): EffectivePolicy {
  const problems: string[] = [];
  let current: Record<PolicySection, EffectiveStatement[]> = { inbound: [], backend: [], outbound: [], 'on-error': [] };
  for (const { scope, xml } of chain) {
    if (xml === null || xml.trim() === '') continue;
    let document: PolicyElement;
    try {
      document = parse(xml);
    } catch (error) {
      const where = error instanceof PolicyParseError ? ` at offset ${error.offset}` : '';
      problems.push(`${scope} policy could not be read${where}: ${(error as Error).message}`);
      continue;
    }
    const next: Record<PolicySection, EffectiveStatement[]> = { inbound: [], backend: [], outbound: [], 'on-error': [] };
    for (const section of SECTIONS) {
      const element = sectionOf(document, section);
      if (!element) continue;
      for (const child of element.children) {
        if (child.name === 'base') next[section].push(...current[section]);
        else next[section].push({ scope, element: child });
      }
    }
    current = next;
  }
  return { sections: current, problems };
}

/**
 * The effective policies of one analysis, each document parsed once and each chain composed once: an estate has
 * thousands of operations under a few gateways, products and APIs, so chains repeat, and both the routes and the
 * authentication insights read every operation's. Results are shared between callers and must not be changed.
 */
export class EffectivePolicies {
  /** Each distinct policy text: its number (for chain keys) and its parsed document or the error reading it. */
  private readonly documents = new Map<string, { readonly n: number; readonly parsed: PolicyElement | Error }>();
  private readonly chains = new Map<string, EffectivePolicy>();

  private document(xml: string): { readonly n: number; readonly parsed: PolicyElement | Error } {
    let known = this.documents.get(xml);
    if (!known) {
      let parsed: PolicyElement | Error;
      try {
        parsed = parsePolicy(xml);
      } catch (error) {
        parsed = error as Error;
      }
      known = { n: this.documents.size, parsed };
      this.documents.set(xml, known);
    }
    return known;
  }

  of(chain: readonly ScopedPolicy[]): EffectivePolicy {
    const key = chain.map(({ scope, xml }) => `${scope}:${xml === null ? '-' : this.document(xml).n}`).join('|');
    let policy = this.chains.get(key);
    if (!policy) {
      policy = effectivePolicy(chain, (xml) => {
        const { parsed } = this.document(xml);
        if (parsed instanceof Error) throw parsed;
        return parsed;
      });
      this.chains.set(key, policy);
    }
    return policy;
  }
}

/** Every statement of a section, including those nested in `<choose>`, `<when>`, … (with the scope of the top one). */
export function* statementsDeep(policy: EffectivePolicy, section: PolicySection): Generator<EffectiveStatement> {
  for (const statement of policy.sections[section]) {
    yield statement;
    for (const nested of walkPolicy(statement.element)) yield { scope: statement.scope, element: nested };
  }
}
