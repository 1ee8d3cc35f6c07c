import { InputError } from '../../../util/errors.js';
import type { ArmRow } from '../arm-row.js';
import { parentId } from '../../../model/arm-ids.js';
import type { NodeRef, Transform, TransformOutput } from '../transform.js';
import { str } from '../../../util/json.js';

/**
 * API Management policies, one row per scope: global (`…/service/<s>/policies/policy`), workspace
 * (`…/workspaces/<w>/policies/policy`), product, API and operation (`…/<scope id>/policies/policy`). The XML text is kept as the row gives it (`rawxml`, or `xml` with its
 * expressions XML-escaped), except for literal secrets, which are masked before anything is stored.
 */

export type PolicyScope = 'ApiGateway' | 'ApiWorkspace' | 'ApiProduct' | 'Api' | 'ApiEndpoint';

const MASK = '[redacted]';

/** Header and query parameter names whose values are credentials (function keys, APIM keys, SAS signatures, tokens). */
const SECRET_NAMES = new Set([
  'x-functions-key',
  'ocp-apim-subscription-key',
  'subscription-key',
  'api-key',
  'x-api-key',
  'apikey',
  'authorization',
  'code',
  'sig',
  'access_token',
  'client_secret',
]);

/** Named values (`{{name}}`) and policy expressions (`@(…)`, `@{…}`) name or compute a secret without holding it. */
function isReference(value: string): boolean {
  const v = value.trim();
  return /^\{\{[^{}]+\}\}$/.test(v) || v.startsWith('@');
}

const mask = (value: string) => (isReference(value) ? value : MASK);

const ATTRIBUTES = `(?:[^>"']|"[^"]*"|'[^']*')*?`;
/** `(<tag …>)(body)(</tag>)` of the elements whose `<value>` children may hold credentials (not self-closing ones). */
const VALUE_ELEMENTS = new RegExp(
  `(<(set-header|set-query-parameter|check-header)\\b${ATTRIBUTES}(?<!/)>)([\\s\\S]*?)(</\\2\\s*>)`,
  'gi',
);
const SIGNING_KEYS = /(<(issuer-signing-keys|decryption-keys)\b[^>]*(?<!\/)>)([\s\S]*?)(<\/\2\s*>)/gi;
const SECRET_ATTRIBUTES = /\b(password|client-secret|secret)(\s*=\s*)(["'])(.*?)\3/gi;
const QUERY_SECRETS = /([?&](?:amp;)?(?:sig|code|subscription-key|api-key|apikey|access_token)=)([^&"'\s<>]+)/gi;
/** Credentials written into a policy as literal header values or comparisons (a hand-written Basic check). */
const SCHEME_CREDENTIALS = /\b(Basic|Bearer)(\s+)([A-Za-z0-9+/=._~-]{8,})/g;
const CONNECTION_STRING_SECRETS = /\b(AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd)=([^;"'<&\s]+)/gi;

function nameAttribute(attributes: string): string {
  return (
    /\bname\s*=\s*(?:"([^"]*)"|'([^']*)')/i
      .exec(attributes)
      ?.slice(1)
      .find((x) => x !== undefined) ?? ''
  ).toLowerCase();
}

function maskChildren(body: string, child: string): string {
  const element = new RegExp(`(<${child}\\b[^>]*>)([\\s\\S]*?)(</${child}\\s*>)`, 'gi');
  return body.replace(element, (_, open: string, value: string, close: string) => `${open}${mask(value)}${close}`);
}

/**
 * Masks literal credentials in a policy: values of credential headers and query parameters it sets, every value
 * a `check-header` accepts (those are the keys callers must send), symmetric signing keys of `validate-jwt`,
 * password attributes, SAS signatures and keys in URLs, and keys in connection strings.
 */
export function maskPolicySecrets(xml: string): string {
  return xml
    .replace(VALUE_ELEMENTS, (element: string, open: string, tag: string, body: string, close: string) => {
      if (tag.toLowerCase() !== 'check-header' && !SECRET_NAMES.has(nameAttribute(open))) return element;
      return `${open}${maskChildren(body, 'value')}${close}`;
    })
    .replace(
      SIGNING_KEYS,
      (_, open: string, _tag: string, body: string, close: string) => `${open}${maskChildren(body, 'key')}${close}`,
    )
    .replace(
      SECRET_ATTRIBUTES,
      (_, name: string, eq: string, quote: string, value: string) => `${name}${eq}${quote}${mask(value)}${quote}`,
    )
    .replace(QUERY_SECRETS, (_, key: string, value: string) => `${key}${mask(value)}`)
    .replace(CONNECTION_STRING_SECRETS, (_, key: string, value: string) => `${key}=${mask(value)}`)
    .replace(SCHEME_CREDENTIALS, (_, scheme: string, space: string) => `${scheme}${space}${MASK}`);
}

/**
 * A transform for the policy rows of one scope: the policy lands on the node of the id above `/policies/policy`.
 * Policies of non-current API revisions (`<api>;rev=N`) are skipped, as the revisions themselves are.
 */
export function policyTransform(scope: PolicyScope): Transform {
  return (row: ArmRow, out: TransformOutput) => {
    const target = parentId(row.id);
    if (target.includes(';rev=')) return;
    const value = policyText(row, 'policy');
    if (value === null) return;
    // An update, not a node: a policy describes its scope's node and never makes one. Without that node in the
    // input or the store the row is reported as incomplete, rather than leaving an endpoint with no method or URL.
    out.update(target, { [scope === 'ApiGateway' ? 'globalPolicy' : 'policy']: maskPolicySecrets(value) });
  };
}

/** The XML of a policy or fragment row, or null for `*-link` formats (a URL to fetch the policy from, not the policy). */
function policyText(row: ArmRow, what: string): string | null {
  const format = (str(row.properties['format']) ?? 'xml').toLowerCase();
  if (format.endsWith('-link')) return null;
  const value = str(row.properties['value']);
  if (!value) throw new InputError({ file: row.file, index: row.index }, `${what} ${row.id} without "properties.value"`);
  return value;
}

/** `…/policyFragments/<f>`: the fragment body, literal secrets masked, kept under its gateway or workspace. */
export function transformPolicyFragment(row: ArmRow, out: TransformOutput, owner: NodeRef): void {
  const value = policyText(row, 'policy fragment');
  if (value === null) return;
  const fragment = out.node('ApiPolicyFragment', row.id, {
    name: row.name,
    subscriptionId: row.subscriptionId ?? undefined,
    resourceGroup: row.resourceGroup ?? undefined,
    value: maskPolicySecrets(value),
    format: str(row.properties['format']) ?? 'xml',
    description: str(row.properties['description']),
  });
  out.edge('CONTAINS', owner, fragment, { subscriptionId: row.subscriptionId ?? undefined });
}

/**
 * `…/namedValues/<nv>` (of the service or a workspace): the display name policies use, and the value only when it is plain: a secret
 * or Key Vault–backed value is never read, even when an export (listValue) put it in the row.
 */
export function transformNamedValue(row: ArmRow, out: TransformOutput, owner: NodeRef): void {
  const p = row.properties;
  const displayName = str(p['displayName']);
  if (!displayName) throw new InputError({ file: row.file, index: row.index }, `named value ${row.id} without "properties.displayName"`);
  const keyVault = p['keyVault'];
  const keyVaultBacked = typeof keyVault === 'object' && keyVault !== null && Object.keys(keyVault).length > 0;
  const secret = p['secret'] === true;
  const named = out.node('ApiNamedValue', row.id, {
    name: row.name,
    subscriptionId: row.subscriptionId ?? undefined,
    resourceGroup: row.resourceGroup ?? undefined,
    displayName,
    secret,
    keyVaultBacked,
    value: secret || keyVaultBacked ? undefined : str(p['value']),
  });
  out.edge('CONTAINS', owner, named, { subscriptionId: row.subscriptionId ?? undefined });
}
