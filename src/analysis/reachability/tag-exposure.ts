/**
 * The service tags among a verdict's admitted sources, read against the tag catalogue: which of them let other
 * tenants in (customer-originatable, an unchecked shared edge, or unknown), with the evidence an owner can act on —
 * which tag, which services make it reachable, and what to do instead.
 */
import { assertNever } from '../../model/kinds.js';
import {
  classifyServiceTag,
  serviceTagFix,
  type ServiceTagClass,
  type ServiceTagVerdict,
} from '../../model/service-tags.js';

/** A tag name: letters, digits and dots, not an address (`10.0.0.0/8`, `2001:db8::/32`, `1.2.3.4`). */
export function looksLikeServiceTag(text: string): boolean {
  const t = text.trim();
  return /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/.test(t) && !['*', 'any', 'internet', 'anyvnets'].includes(t.toLowerCase());
}

/**
 * The tag a source text names: sources can carry annotations after the tag (`AzureFrontDoor.Backend [x-azure-fdid: …]`,
 * `… (minus ranges decided by earlier rules)`), which are cut off first. Null for addresses and wildcards.
 */
export function tagOfSource(source: string): string | null {
  const head = source.split(/\s[[(]/)[0]?.trim() ?? '';
  return looksLikeServiceTag(head) ? head : null;
}

/** One tag through which other tenants get in, as it goes on a CAN_REACH edge's evidence. */
export interface SharedServiceTag {
  readonly tag: string;
  readonly tagClass: Exclude<ServiceTagClass, 'infrastructure'>;
  readonly services: readonly string[];
  readonly fix: string;
  readonly documentation: string | null;
}

/** The admitted tags that let other tenants in, each once, in the order they were admitted. */
export function sharedServiceTags(sources: readonly string[]): SharedServiceTag[] {
  const seen = new Set<string>();
  const out: SharedServiceTag[] = [];
  for (const source of sources) {
    const tag = tagOfSource(source);
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    const verdict = classifyServiceTag(tag);
    if (verdict.tagClass === 'infrastructure') continue;
    out.push({
      tag,
      tagClass: verdict.tagClass,
      services: verdict.entry?.services ?? [],
      fix: serviceTagFix(verdict),
      documentation: verdict.entry?.source ?? null,
    });
  }
  return out;
}

/** One evidence line per tag: why its ranges count as reachable and what the owner should do instead. */
export function sharedServiceEvidence(tag: SharedServiceTag): string {
  const fix = `instead: ${tag.fix}`;
  switch (tag.tagClass) {
    case 'customerOriginatable':
      return `service tag ${tag.tag} is not a security boundary: any customer of ${tag.services.join(', ')} can send requests from its ranges; ${fix}`;
    case 'sharedEdge':
      return `service tag ${tag.tag} is a shared edge without an owner check: any tenant's ${tag.services.join(', ')} reaches the origin from its ranges; ${fix}`;
    case 'unknown':
      return `service tag ${tag.tag} is not in the catalogue (unknown, low confidence): treated as reachable by other Azure customers; ${fix}`;
    default:
      return assertNever(tag.tagClass, 'service tag class');
  }
}

/** Whether a rule's tag is a shared edge whose owner id is checked (Front Door's `X-Azure-FDID`). */
export function ownerChecked(verdict: ServiceTagVerdict, headerNames: readonly string[]): boolean {
  return verdict.tagClass === 'sharedEdge' && headerNames.some((h) => h.toLowerCase() === 'x-azure-fdid');
}
