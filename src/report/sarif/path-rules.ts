import { pathFamily, type PathFamilyId } from '../../analysis/paths/families.js';

/**
 * Rule text for each attack path family: what the path is and how such a path is broken. The concrete fixes for a
 * given path are in the result (its breaking and reducing recommendations); these are the family's general advice.
 */
interface FamilyText {
  readonly full: string;
  readonly help: string;
  readonly tags: readonly string[];
}

const FAMILY_TEXT: Record<PathFamilyId, FamilyText> = {
  'gateway-bypass-data-write': {
    full: 'An API backend (Function App, Web App, Logic App) answers the internet directly, so callers skip the gateway and its policies, and the backend identity can write to a data store.',
    help: 'Restrict the backend to the gateway (access restrictions, private endpoint or VNet integration) and reduce the identity to the data-plane roles it needs.',
    tags: ['gateway-bypass', 'identity', 'data-store'],
  },
  'gateway-bypass': {
    full: 'An API backend answers the internet directly, so callers skip the gateway with its authentication, rate limits and logging.',
    help: 'Restrict the backend to the gateway: access restrictions that allow only the API Management service, a private endpoint, or public network access disabled.',
    tags: ['gateway-bypass', 'network'],
  },
  'unauthenticated-sensitive-api': {
    full: 'An API endpoint reachable from the internet accepts anonymous calls and carries sensitive data.',
    help: 'Require a subscription key or validate a token (validate-jwt, validate-azure-ad-token) on the API, and keep the endpoint off the internet if it is internal.',
    tags: ['authentication', 'sensitive-data', 'internet-exposure'],
  },
  'sensitive-api': {
    full: 'An API endpoint reachable from the internet carries sensitive data.',
    help: 'Confirm the endpoint must be public; if so, keep strong authentication and minimise the sensitive fields it returns.',
    tags: ['sensitive-data', 'internet-exposure'],
  },
  'api-to-vm': {
    full: 'An internet-exposed API routes traffic to a virtual machine that can reach a data store.',
    help: 'Front the VM with authentication at the gateway, restrict its network security group to the gateway, and narrow what it can reach.',
    tags: ['compute', 'lateral-movement'],
  },
  'api-identity-key-vault': {
    full: 'An internet-exposed API routes to a backend whose managed identity can access a Key Vault.',
    help: 'Give the identity only the secret or key permissions it uses (Key Vault Secrets User on one vault, not Contributor), and authenticate the API.',
    tags: ['identity', 'key-vault', 'lateral-movement'],
  },
  'api-identity-write': {
    full: 'An internet-exposed API routes to a backend whose managed identity can write to a data store.',
    help: 'Reduce the identity to read-only or data-plane roles scoped to the container or database it needs, and authenticate the API.',
    tags: ['identity', 'data-store', 'lateral-movement'],
  },
  'api-identity-read': {
    full: 'An internet-exposed API routes to a backend whose managed identity can read a data store.',
    help: 'Scope the identity to the data the backend reads, and authenticate the API.',
    tags: ['identity', 'data-store'],
  },
  'api-routes-to-data-store': {
    full: 'An internet-exposed API routes traffic directly to a data store.',
    help: 'Put a backend with authorization between the API and the store, or disable public access on the store.',
    tags: ['data-store', 'network'],
  },
  'api-reaches-data-store': {
    full: 'An internet-exposed API leads to a data store.',
    help: 'Break the chain at its weakest step: authenticate the API, restrict the backend network, or narrow the identity.',
    tags: ['data-store'],
  },
};

/** "api-identity-write" → "ApiIdentityWrite": SARIF suggests a Pascal-case rule name. */
export const pascal = (id: string) =>
  id
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

export function pathRuleText(family: PathFamilyId): { name: string; short: string } & FamilyText {
  const f = pathFamily(family);
  const text = FAMILY_TEXT[family] ?? { full: f?.name ?? family, help: 'Apply the recommendations that break the path.', tags: [] };
  return { name: pascal(family), short: f?.name ?? family, ...text, tags: [...text.tags, f?.origin ?? 'apiposture'] };
}
