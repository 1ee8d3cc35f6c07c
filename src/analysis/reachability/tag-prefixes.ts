/**
 * A source written as raw addresses can still be a service tag's ranges: `13.69.64.76/31` is API Management's
 * control plane whether the rule says `ApiManagement` or the CIDR. With the tags' prefixes known (a service-tag list),
 * a range that lies wholly inside a tag's prefixes gets that tag's class and is named with it, so the same verdict
 * and evidence follow as for the tag itself. IPv4 only, as the rest of reachability; IPv6 prefixes are left out.
 */
import { classifyServiceTag, type ServiceTagVerdict } from '../../model/service-tags.js';
import { isEmpty, parseIpv4Range, size, subtract, union, type AddressSet } from './address.js';
import { compareIds } from '../../util/order.js';

/** A tag and its prefixes as a service-tag list gives them (structural: analysis does not depend on ingest). */
export interface TagPrefixList {
  readonly name: string;
  readonly addressPrefixes: readonly string[];
}

export interface TagRanges {
  readonly tag: string;
  readonly addresses: AddressSet;
}

/** The IPv4 ranges of each tag that has any. */
export function indexTagPrefixes(tags: readonly TagPrefixList[]): TagRanges[] {
  const out: TagRanges[] = [];
  for (const t of tags) {
    const sets = t.addressPrefixes.map(parseIpv4Range).filter((s): s is AddressSet => s !== null);
    if (sets.length) out.push({ tag: t.name, addresses: union(...sets) });
  }
  return out;
}

/** A raw source matched to the tags whose prefixes hold it. */
export interface RangeTagMatch {
  readonly source: string;
  /** Every tag holding the whole range, narrowest first (a regional tag before its base, then by name). */
  readonly tags: readonly ServiceTagVerdict[];
}

/**
 * The tags whose prefixes hold the whole of `source` (an address, a CIDR or a range); null when the source is no
 * IPv4 range or no tag holds it all (a range only partly inside a tag is not that tag's traffic alone).
 */
export function matchRangeToTags(source: string, index: readonly TagRanges[]): RangeTagMatch | null {
  const range = parseIpv4Range(source);
  if (!range) return null;
  const holders = index
    .filter((t) => isEmpty(subtract(range, t.addresses)))
    .sort((a, b) => size(a.addresses) - size(b.addresses) || compareIds(a.tag, b.tag));
  if (holders.length === 0) return null;
  return { source: source.trim(), tags: holders.map((t) => classifyServiceTag(t.tag)) };
}

/** The evidence line: which tag's ranges a raw source is, and so which class it takes. */
export function rangeTagEvidence(match: RangeTagMatch): string {
  const [first] = match.tags;
  if (!first) return `${match.source} lies in no service tag's ranges`;
  const also = match.tags.length > 1 ? ` (also in ${match.tags.slice(1).map((t) => t.tag).join(', ')})` : '';
  return `${match.source} lies inside service tag ${first.tag}${also}: classed as the tag (${first.tagClass})`;
}
