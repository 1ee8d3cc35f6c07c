/**
 * ARM id helpers, in the model because every layer that joins on ids (ingest, traffic, analysis, cli) needs them. ARM
 * ids are case-insensitive: every id is lower-cased before it is stored or joined.
 */

export function normalizeId(id: string): string {
  let value = id.trim().toLowerCase();
  // Backend resourceIds may be management URLs: https://management.azure.com/subscriptions/…
  const at = value.indexOf('/subscriptions/');
  if (at > 0 && /^https?:\/\//.test(value)) value = value.slice(at);
  // Trailing slashes off, without a regex: this runs for every id of every row.
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) === 0x2f) end -= 1;
  return end === value.length ? value : value.slice(0, end);
}

export function subscriptionOf(id: string): string | undefined {
  return /^\/subscriptions\/([^/]+)/.exec(id)?.[1];
}

export function resourceGroupOf(id: string): string | undefined {
  return /^\/subscriptions\/[^/]+\/resourcegroups\/([^/]+)/.exec(id)?.[1];
}

/** The id with its last `count` name/value segment pairs removed: `…/apis/a/operations/o` → `…/apis/a`. */
export function parentId(id: string, count = 1): string {
  const parts = id.split('/');
  return parts.slice(0, parts.length - 2 * count).join('/');
}

/** The id up to and including `/<segment>/<name>`, e.g. the APIM service of any of its children. */
export function ancestorId(id: string, segment: string): string | undefined {
  const parts = id.split('/');
  for (let i = parts.length - 2; i >= 0; i--) {
    if (parts[i] === segment) return parts.slice(0, i + 2).join('/');
  }
  return undefined;
}

export function lastSegment(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

/** Id of the system-assigned identity node of a resource. */
export function systemIdentityId(resourceId: string): string {
  return `${resourceId}/identities/system`;
}
