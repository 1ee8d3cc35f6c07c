import { describe, expect, it } from 'vitest';
import { GraphView } from '../../../src/analysis/graph-view.js';
import { apimAnonymous } from '../../../src/analysis/insights/authentication.js';
import { transformResourceRows } from '../../../src/ingest/pipeline.js';

const SVC = '/subscriptions/3f2b8c1e-7a45-4d2b-9c11-5e8f0a6d2b71/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/apim';
const API = `${SVC}/apis/orders`;
const OP = `${API}/operations/get-order`;

const doc = (inbound: string, outbound = '<base />') =>
  `<policies>\n<inbound>${inbound}</inbound>\n<backend><base /></backend>\n<outbound>${outbound}</outbound>\n<on-error><base /></on-error>\n</policies>`;
const JWT = '<validate-jwt header-name="Authorization" failed-validation-httpcode="401"><openid-config url="https://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration" /></validate-jwt>';

interface Case {
  readonly name: string;
  readonly subscriptionRequired?: boolean | null;
  readonly products?: readonly { readonly name: string; readonly subscriptionRequired: boolean; readonly policy?: string }[];
  readonly global?: string;
  readonly api?: string;
  readonly operation?: string;
  readonly anonymous: boolean;
  /** Text the evidence must mention. */
  readonly mentions?: RegExp;
}

const policyRow = (scope: string, xml: string, type: string) => ({ id: `${scope}/policies/policy`, type, name: 'policy', properties: { format: 'rawxml', value: xml } });

async function verdict(c: Case) {
  const apiProperties: Record<string, unknown> = { path: 'orders', protocols: ['https'], serviceUrl: 'https://backend.example' };
  if (c.subscriptionRequired !== null) apiProperties['subscriptionRequired'] = c.subscriptionRequired ?? false;
  const values: Record<string, unknown>[] = [
    { id: SVC, type: 'microsoft.apimanagement/service', name: 'apim', properties: { gatewayUrl: 'https://apim.azure-api.net' } },
    { id: API, type: 'Microsoft.ApiManagement/service/apis', name: 'orders', properties: apiProperties },
    { id: OP, type: 'Microsoft.ApiManagement/service/apis/operations', name: 'get-order', properties: { method: 'GET', urlTemplate: '/orders/{id}' } },
  ];
  for (const product of c.products ?? []) {
    const id = `${SVC}/products/${product.name}`;
    values.push({ id, type: 'Microsoft.ApiManagement/service/products', name: product.name, properties: { displayName: product.name, subscriptionRequired: product.subscriptionRequired, state: 'published' } });
    values.push({ id: `${id}/apis/orders`, type: 'Microsoft.ApiManagement/service/products/apis', name: 'orders', properties: { path: 'orders' } });
    if (product.policy) values.push(policyRow(id, product.policy, 'Microsoft.ApiManagement/service/products/policies'));
  }
  if (c.global) values.push(policyRow(SVC, c.global, 'Microsoft.ApiManagement/service/policies'));
  if (c.api) values.push(policyRow(API, c.api, 'Microsoft.ApiManagement/service/apis/policies'));
  if (c.operation) values.push(policyRow(OP, c.operation, 'Microsoft.ApiManagement/service/apis/operations/policies'));
  const { nodes, edges } = await transformResourceRows(
    values.map((value, index) => ({ file: 'case.json', index, value })),
    { source: 'azure-export' },
  );
  const view = GraphView.of(nodes, edges);
  return apimAnonymous(view, view.get(OP.toLowerCase())!);
}

// Effective-policy authentication (DESIGN §3): global → product → API → operation, <base /> spliced.
const CASES: readonly Case[] = [
  { name: 'subscription key required, no policy', subscriptionRequired: true, anonymous: false, mentions: /subscription key required/ },
  { name: 'subscriptionRequired absent in list output counts as required', subscriptionRequired: null, anonymous: false },
  { name: 'no key, no policy', anonymous: true, mentions: /does not require a subscription key/ },
  { name: 'no key, validate-jwt at API scope', api: doc(`<base />${JWT}`), anonymous: false, mentions: /validate-jwt \(api\)/ },
  { name: 'no key, validate-jwt at operation scope only', operation: doc(`<base />${JWT}`), anonymous: false },
  { name: 'no key, validate-jwt at global scope only', global: doc(JWT), anonymous: false, mentions: /validate-jwt \(global\)/ },
  { name: 'global validate-jwt dropped by an API policy without <base />', global: doc(JWT), api: doc('<set-header name="x" exists-action="override"><value>1</value></set-header>'), anonymous: true },
  { name: 'API validate-jwt dropped by an operation policy without <base />', api: doc(`<base />${JWT}`), operation: doc('<rate-limit calls="10" renewal-period="60" />'), anonymous: true },
  { name: 'API validate-jwt kept by an operation policy with <base />', api: doc(`<base />${JWT}`), operation: doc('<base /><rate-limit calls="10" renewal-period="60" />'), anonymous: false },
  { name: 'check-header only: still anonymous, the gate is noted', api: doc('<base /><check-header name="X-Api-Key" failed-check-httpcode="401" failed-check-error-message="no"><value>{{key}}</value></check-header>'), anonymous: true, mentions: /check-header at api scope \(a gate, not authentication\)/ },
  { name: 'ip-filter only: still anonymous, the gate is noted', global: doc('<ip-filter action="allow"><address-range from="203.0.113.0" to="203.0.113.255" /></ip-filter>'), anonymous: true, mentions: /ip-filter at global scope/ },
  { name: 'validate-jwt inside <choose>: conditional, still anonymous', api: doc(`<base /><choose><when condition="@(context.Request.Headers.ContainsKey("X-Internal"))">${JWT}</when></choose>`), anonymous: true, mentions: /some branches only.*when context.Request.Headers.ContainsKey/ },
  { name: 'validate-jwt in the outbound section does not authenticate callers', api: doc('<base />', `<base />${JWT}`), anonymous: true },
  { name: 'validate-client-certificate at operation scope', operation: doc('<base /><validate-client-certificate validate-revocation="true" validate-trust="true" />'), anonymous: false },
  { name: 'validate-azure-ad-token at product scope', products: [{ name: 'partners', subscriptionRequired: false, policy: doc('<base /><validate-azure-ad-token tenant-id="t" />') }], anonymous: false, mentions: /validate-azure-ad-token \(product\)/ },
  { name: 'API requires a key but an open product (subscriptionRequired false) opens it', subscriptionRequired: true, products: [{ name: 'starter', subscriptionRequired: false }], anonymous: true, mentions: /product starter does not require a subscription key/ },
  { name: 'API and product both require a key', subscriptionRequired: true, products: [{ name: 'unlimited', subscriptionRequired: true }], anonymous: false },
  { name: 'one product requires a key, another is open', subscriptionRequired: true, products: [{ name: 'gold', subscriptionRequired: true }, { name: 'open', subscriptionRequired: false }], anonymous: true, mentions: /through product open/ },
  { name: 'open product whose policy validates tokens', subscriptionRequired: true, products: [{ name: 'open', subscriptionRequired: false, policy: doc(`<base />${JWT}`) }], anonymous: false },
  { name: 'open product policy without <base /> drops the global validate-jwt', subscriptionRequired: true, global: doc(JWT), products: [{ name: 'open', subscriptionRequired: false, policy: doc('<cors><allowed-origins><origin>*</origin></allowed-origins></cors>') }], anonymous: true },
  { name: 'rawxml expressions around validate-jwt still read', api: doc(`<base /><set-variable name="t" value="@(context.Request.Headers.GetValueOrDefault("Authorization","").Split(' ').Last())" />${JWT}`), anonymous: false },
  { name: 'unreadable API policy: anonymous, and the problem is reported', api: '<policies><inbound><base />', anonymous: true, mentions: /api policy could not be read/ },
];

describe('APIM effective-policy authentication', () => {
  it('has at least 20 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(20));
  for (const c of CASES) {
    it(c.name, async () => {
      const result = await verdict(c);
      expect(result.anonymous).toBe(c.anonymous);
      if (c.mentions) expect(JSON.stringify(result.evidence)).toMatch(c.mentions);
    });
  }
});
