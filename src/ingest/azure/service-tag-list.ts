/**
 * The prefixes behind Azure's service tags, as Azure lists them: `az network list-service-tags --location <region>`
 * output and `serviceTags.list(location)` of @azure/arm-network (`{ name: "Public", type:
 * "Microsoft.Network/serviceTags", changeNumber, cloud, values: [...] }`), and the weekly downloadable
 * `ServiceTags_Public_<date>.json` (the same without `type`). Recognised by that shape: a `values` array whose entries
 * carry `properties.addressPrefixes`. `location` is a version reference, not a filter: one list holds every region
 * of the cloud (reference/service-tags.md §1.3).
 */
import { InputError, type InputPosition } from '../../util/errors.js';
import { positionOf, type InputRow } from '../../util/input/rows.js';
import type { TransformOutput } from './transform.js';
import { isObject, num, obj, str } from '../../util/json.js';

export interface ServiceTagPrefixes {
  /** The tag as Azure names it (`ApiManagement.WestEurope`); matched case-insensitively elsewhere. */
  readonly name: string;
  /** Region of a regional tag, null for a base tag (Azure writes ""). */
  readonly region: string | null;
  readonly systemService: string | null;
  /** IPv4 and IPv6 prefixes as Azure wrote them. */
  readonly addressPrefixes: readonly string[];
}

export interface ServiceTagList {
  readonly cloud: string | null;
  /** A string in the API, a number in the downloadable file: kept as text. */
  readonly changeNumber: string | null;
  readonly tags: readonly ServiceTagPrefixes[];
}

/** Whether a document has the shape of a service-tag list (API, CLI or downloadable file). */
export function isServiceTagList(value: unknown): value is Record<string, unknown> {
  if (!isObject(value) || !Array.isArray(value['values'])) return false;
  const type = str(value['type']);
  if (type !== undefined && type.toLowerCase() !== 'microsoft.network/servicetags') return false;
  const first: unknown = value['values'][0];
  return value['values'].length === 0 ? type !== undefined : isObject(first) && isObject(first['properties']) && 'addressPrefixes' in first['properties'];
}

function text(v: unknown): string | null {
  const n = num(v);
  return n !== undefined ? String(n) : (str(v) ?? null);
}

/**
 * The tags and their prefixes. A malformed entry fails with the file, the entry's position in `values` and the
 * reason: a tag without a name or without a list of prefixes would silently leave ranges unclassified.
 */
export function parseServiceTagList(value: Record<string, unknown>, file: string, row?: InputPosition): ServiceTagList {
  const tags = (value['values'] as unknown[]).map((raw, index): ServiceTagPrefixes => {
    // Inside a file of rows, the position is the row's; the entry's own index is named in the reason.
    const at: InputPosition = row ?? { file, index };
    if (!isObject(raw)) throw new InputError(at, `values[${index}] is not an object`);
    const name = str(raw['name']);
    if (!name) throw new InputError(at, `values[${index}] without "name"`);
    const properties = obj(raw['properties']);
    const prefixes: unknown = properties?.['addressPrefixes'];
    if (!Array.isArray(prefixes)) throw new InputError(at, `service tag ${name} without "properties.addressPrefixes"`);
    const bad = prefixes.findIndex((p) => typeof p !== 'string' || p.trim().length === 0);
    if (bad >= 0) throw new InputError(at, `service tag ${name}: addressPrefixes[${bad}] is not an address prefix`);
    return {
      name,
      region: str(properties?.['region']) || null,
      systemService: str(properties?.['systemService']) || null,
      addressPrefixes: (prefixes as string[]).map((p) => p.trim()),
    };
  });
  return { cloud: str(value['cloud']) ?? null, changeNumber: text(value['changeNumber']), tags };
}

/** Id of the node that holds one tag's prefixes: tag names are matched case-insensitively. */
export function serviceTagNodeId(name: string): string {
  return `servicetag:${name.toLowerCase()}`;
}

/**
 * Stores each tag of a list as a ServiceTag node with its prefixes, so reachability can tell which tag an address
 * range in a rule really is. A list read again (a newer file, or the live answer) replaces each tag's prefixes.
 */
export function transformServiceTagList(input: InputRow, out: TransformOutput): void {
  const at = positionOf(input);
  const list = parseServiceTagList(input.value, input.file, at);
  for (const tag of list.tags) {
    out.node('ServiceTag', serviceTagNodeId(tag.name), {
      name: tag.name,
      region: tag.region ?? undefined,
      systemService: tag.systemService ?? undefined,
      addressPrefixes: [...tag.addressPrefixes],
      cloud: list.cloud ?? undefined,
      changeNumber: list.changeNumber ?? undefined,
    });
  }
}
