/**
 * Re-ingest replaces a node's properties exactly: a property Azure stopped reporting disappears. What a write
 * does not own stays: the run stamps (the store sets them), what the analysis wrote, and what the other source
 * wrote — gateway-log ingest (src/ingest/traffic.ts) describes an endpoint's traffic on the same node that
 * resource ingest describes its configuration, and neither may wipe the other's facts. Both stores apply these
 * rules, so they answer alike.
 */
import { assertNever, type GraphNode, type JsonValue, type Properties } from '../model/index.js';
import { UNINGESTED_PROPERTIES } from './port.js';

/** The source that owns a property of an ingested node. */
export type PropertyOwner = 'resource' | 'traffic';

/** Properties only gateway-log ingest writes (its traffic summary and what the classifier found in samples). */
export const TRAFFIC_PROPERTIES: ReadonlySet<string> = new Set([
  'lastCalled',
  'firstCalled',
  'callCount',
  'traffic',
  'sensitiveInfoTypes',
  'sensitiveFindings',
  'sensitivityLabel',
  'sensitivityLabelPriority',
]);

/** Set by the store on every write, from the run. */
export const RUN_STAMPS: ReadonlySet<string> = new Set(['firstSeen', 'lastSeen', 'lastRunId']);

const ANALYSIS_PROPERTIES: ReadonlySet<string> = new Set(UNINGESTED_PROPERTIES);

/** A write carrying traffic properties only is a traffic write; any other is a resource (re-)ingest. */
export function ownerOfWrite(node: GraphNode): PropertyOwner {
  const names = Object.keys(node.properties);
  return names.length > 0 && names.every((name) => TRAFFIC_PROPERTIES.has(name)) ? 'traffic' : 'resource';
}

/** Whether a stored property survives a write by `owner` that does not carry it. */
export function keptOnWrite(owner: PropertyOwner, name: string): boolean {
  if (RUN_STAMPS.has(name) || ANALYSIS_PROPERTIES.has(name)) return true;
  switch (owner) {
    case 'resource':
      return TRAFFIC_PROPERTIES.has(name);
    case 'traffic':
      return !TRAFFIC_PROPERTIES.has(name);
    default:
      return assertNever(owner);
  }
}

/**
 * A stored node's properties as ingest wrote them (stamps and analysis left out), for a partial update that ingest
 * completes into a whole node before writing it (a policy row for an API stored by an earlier run).
 */
export function ingestedProperties(node: GraphNode): Properties {
  const out: Record<string, JsonValue> = {};
  for (const [name, value] of Object.entries(node.properties)) {
    if (!RUN_STAMPS.has(name) && !ANALYSIS_PROPERTIES.has(name)) out[name] = value;
  }
  return out;
}
