/**
 * Service-tag prefixes applied to the sources a verdict admits. A rule that lists raw addresses can still admit a
 * service tag's traffic: an access restriction allowing `20.38.0.0/16` admits whoever sends from that part of
 * `AzureCloud` — every Azure customer — however it is written. With the tags' prefixes stored (ServiceTag nodes
 * from a service-tag list), each raw source lying wholly inside a tag's ranges is read as that tag (narrowest
 * first), so the tag catalogue's class, services and fix follow, and the evidence names the tag and its class.
 * Without stored prefixes nothing changes.
 */
import type { GraphNode } from '../../model/index.js';
import { classifyServiceTag } from '../../model/service-tags.js';
import { prop, type GraphView } from '../graph-view.js';
import { indexTagPrefixes, matchRangeToTags, rangeTagEvidence, type TagRanges } from '../reachability/tag-prefixes.js';
import { tagOfSource } from '../reachability/tag-exposure.js';

/** Reads raw sources as the service tags whose prefixes hold them; one per derive, matches remembered by text. */
export interface TagRangeReader {
  /** The sources with each raw range that lies in a tag replaced by that tag, and one evidence line per match. */
  read(sources: readonly string[]): { readonly sources: readonly string[]; readonly evidence: readonly string[] };
}

const NO_TAGS: TagRangeReader = { read: (sources) => ({ sources, evidence: [] }) };

function tagPrefixes(tag: GraphNode) {
  return { name: prop.str(tag, 'name') ?? tag.id.replace(/^servicetag:/, ''), addressPrefixes: prop.strs(tag, 'addressPrefixes') };
}

export function tagRangeReader(view: GraphView): TagRangeReader {
  const tags = view.ofKind('ServiceTag');
  if (tags.length === 0) return NO_TAGS;
  let index: TagRanges[] | null = null;
  const memo = new Map<string, { tag: string; line: string } | null>();
  const match = (source: string) => {
    let found = memo.get(source);
    if (found === undefined) {
      index ??= indexTagPrefixes(tags.map(tagPrefixes));
      // Annotated sources (`1.2.3.0/24 (minus ranges decided by earlier rules)`) are matched on their address.
      const address = source.split(/\s[[(]/)[0]?.trim() ?? source;
      const result = tagOfSource(source) === null ? matchRangeToTags(address, index) : null;
      const narrowest = result?.tags[0];
      found = result && narrowest ? { tag: narrowest.tag, line: rangeTagEvidence(result) } : null;
      memo.set(source, found);
    }
    return found;
  };
  return {
    read(sources) {
      const out: string[] = [];
      const evidence: string[] = [];
      for (const source of sources) {
        const found = match(source);
        out.push(found ? found.tag : source);
        if (found && !evidence.includes(found.line)) evidence.push(found.line);
      }
      return { sources: out, evidence };
    },
  };
}

/** Whether every source is a tag whose ranges only Microsoft's own infrastructure sends from. */
export function onlyInfrastructure(sources: readonly string[]): boolean {
  return sources.length > 0 && sources.every((s) => {
    const tag = tagOfSource(s);
    return tag !== null && classifyServiceTag(tag).tagClass === 'infrastructure';
  });
}
