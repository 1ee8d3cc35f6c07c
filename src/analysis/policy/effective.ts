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

/** Every statement of a section, including those nested in `<choose>`, `<when>`, … (with the scope of the top one). */
export function* statementsDeep(policy: EffectivePolicy, section: PolicySection): Generator<EffectiveStatement> {
  for (const statement of policy.sections[section]) {
    yield statement;
    for (const nested of walkPolicy(statement.element)) yield { scope: statement.scope, element: nested };
  }
}
