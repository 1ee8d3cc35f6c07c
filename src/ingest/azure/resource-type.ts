/**
 * An ARM id names its resource type: the provider namespace after the last `/providers/`, then every other segment
 * (the type segments; the ones between are names). `…/providers/Microsoft.Web/sites/app/config/web` is
 * `microsoft.web/sites/config`. Ids outside a provider are the tenancy's own: a subscription, a resource group.
 * Ids are lower-cased before they get here.
 */
export function typeFromId(id: string): string | null {
  const parts = id.split('/');
  if (parts[0] !== '' || parts.length < 3) return null;
  const providers = parts.lastIndexOf('providers');
  if (providers < 0) {
    if (parts[1] !== 'subscriptions') return null;
    if (parts.length === 3) return 'microsoft.resources/subscriptions';
    if (parts.length === 5 && parts[3] === 'resourcegroups') return 'microsoft.resources/subscriptions/resourcegroups';
    return null;
  }
  const namespace = parts[providers + 1];
  const segments = parts.slice(providers + 2);
  if (!namespace || segments.length < 2 || segments.length % 2 !== 0) return null;
  return [namespace, ...segments.filter((_, i) => i % 2 === 0)].join('/');
}

/**
 * Spellings Azure itself emits for a type other than the canonical one its ids name, by lower-cased alias. Each is
 * one Microsoft has been seen to return; a test per entry keeps them honest.
 */
export const TYPE_ALIASES: Readonly<Record<string, string>> = {
  // Front Door (classic) list responses in the REST examples say `Microsoft.Network/frontDoor`; ids say `frontDoors`.
  'microsoft.network/frontdoor': 'microsoft.network/frontdoors',
  // EasyAuth v2 exported on its own names the versioned child: ARM's type is `sites/config`, told apart by the name.
  'microsoft.web/sites/authsettingsv2': 'microsoft.web/sites/config',
  'microsoft.web/sites/config/authsettingsv2': 'microsoft.web/sites/config',
  'microsoft.web/sites/slots/authsettingsv2': 'microsoft.web/sites/slots/config',
  // Subnet rows of `az network vnet subnet list` carry the short child type in some API versions.
  'microsoft.network/subnets': 'microsoft.network/virtualnetworks/subnets',
  // Resource Graph's `resourcecontainers` rows.
  'microsoft.resources/resourcegroups': 'microsoft.resources/subscriptions/resourcegroups',
};

/** How a row's type was settled, for the summary. */
export type TypeSource = 'given' | 'id' | 'alias';

/**
 * The canonical lower-cased type of a row: its own `type` when that is what its id names (case aside); the id's type
 * when `type` is missing, a known alias of it, or differs only by a singular/plural segment (`frontDoor` vs
 * `frontDoors`). A `type` that names something else than its id is kept as given: the row is then counted under it.
 */
export function resolveType(given: string | null, id: string): { type: string; source: TypeSource } | null {
  const fromId = typeFromId(id);
  const type = given?.toLowerCase() ?? null;
  if (type === null) return fromId ? { type: fromId, source: 'id' } : null;
  if (fromId === null || type === fromId) return { type, source: 'given' };
  if (TYPE_ALIASES[type] === fromId) return { type: fromId, source: 'alias' };
  if (samePlural(type, fromId)) return { type: fromId, source: 'alias' };
  return { type, source: 'given' };
}

/** Same segments except that one side adds or drops a trailing `s` on some of them. */
function samePlural(a: string, b: string): boolean {
  const x = a.split('/');
  const y = b.split('/');
  if (x.length !== y.length) return false;
  return x.every((segment, i) => {
    const other = y[i]!;
    return segment === other || `${segment}s` === other || segment === `${other}s`;
  });
}
