import { PolicyLibrary, type PolicyProblem } from './library.js';
import { parsePolicy, PolicyParseError, type PolicyElement } from './parse.js';

export type PolicyScope = 'global' | 'workspace' | 'product' | 'api' | 'operation';
export type PolicySection = 'inbound' | 'backend' | 'outbound' | 'on-error';

export interface ScopedPolicy {
  readonly scope: PolicyScope;
  /** Raw policy XML, or null when the scope has no policy. */
  readonly xml: string | null;
  /** The resource holding the policy (gateway, workspace, product, API, operation), named in problem reports. */
  readonly ownerId?: string;
}

/** A policy statement as it runs, with the scope that contributed it. */
export interface EffectiveStatement {
  readonly scope: PolicyScope;
  readonly element: PolicyElement;
}

export interface EffectivePolicy {
  readonly sections: Readonly<Record<PolicySection, readonly EffectiveStatement[]>>;
  /** Scopes whose XML could not be read, fragments and named values missing: reported, never fatal. */
  readonly problems: readonly PolicyProblem[];
}

export const POLICY_SECTIONS: readonly PolicySection[] = ['inbound', 'backend', 'outbound', 'on-error'];

/**
 * The service's built-in global policy, in force when the input carries none: its backend section is the
 * `forward-request` that sends every request on (policy reference: the backend default at global scope).
 */
const DEFAULT_GLOBAL = '<policies><inbound /><backend><forward-request /></backend><outbound /><on-error /></policies>';

function sectionOf(document: PolicyElement, section: PolicySection): PolicyElement | null {
  const policies = document.children.find((c) => c.name === 'policies');
  return policies?.children.find((c) => c.name === section) ?? null;
}

/**
 * Composes the effective policy from the outermost scope inward (global → workspace → product → API → operation):
 * in each scope, `<base />` stands for the whole effective section of the scopes above it, and `<base />` at
 * global scope does nothing. A scope without a policy behaves as a lone `<base />`; so does a missing section
 * element (documented examples leave `<backend>` out and still forward). Fragments are pasted in place and named
 * values substituted before anything reads the statements, each scope from its own library (`forScope`).
 */
export function effectivePolicy(
  chain: readonly ScopedPolicy[],
  parse: (xml: string) => PolicyElement = parsePolicy,
  library: PolicyLibrary = PolicyLibrary.EMPTY,
): EffectivePolicy {
  const problems: PolicyProblem[] = [];
  let current: Record<PolicySection, EffectiveStatement[]> = { inbound: [], backend: [], outbound: [], 'on-error': [] };
  const withDefault = chain.some((s) => s.scope === 'global') ? chain : [{ scope: 'global' as const, xml: null }, ...chain];
  for (const { scope, xml, ownerId } of withDefault) {
    const text = scope === 'global' && (xml === null || xml.trim() === '') ? DEFAULT_GLOBAL : xml;
    if (text === null || text.trim() === '') continue;
    const owner = ownerId ?? `${scope} policy`;
    const scopeLibrary = library.forScope(scope);
    let document: PolicyElement;
    try {
      document = parse(text);
    } catch (error) {
      const where = error instanceof PolicyParseError ? ` at offset ${error.offset}` : '';
      problems.push({ assetId: owner, problem: `${scope} policy could not be read${where}: ${(error as Error).message}; its statements are not evaluated` });
      continue;
    }
    const next: Record<PolicySection, EffectiveStatement[]> = { inbound: [], backend: [], outbound: [], 'on-error': [] };
    for (const section of POLICY_SECTIONS) {
      const element = sectionOf(document, section);
      if (!element) {
        next[section] = current[section];
        continue;
      }
      for (const child of scopeLibrary.expand(element.children, owner, problems)) {
        if (child.name === 'base') next[section].push(...current[section]);
        else next[section].push({ scope, element: child });
      }
    }
    current = next;
  }
  return { sections: current, problems };
}
