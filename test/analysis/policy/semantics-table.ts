/**
 * The policy semantics table: policy documents written for apiposture from the API Management policy reference
 * (each element's documented behaviour) and from common real-world shapes (regional routers, blob and Key Vault
 * reads through send-request, fragments holding JWT validation, custom authorizers). Each states the caller
 * authentication verdict, the backends requests are forwarded to and the resources the gateway itself calls.
 *
 * Hosts: D = the API's serviceUrl host, EU/US = the backend entities be-eu/be-us. Resources by name: stsemdata
 * (storage), kv-sem (Key Vault), apim-sem (the gateway itself).
 *
 * Where a case's operation lives (`place`, default `sem`):
 *
 *   apim-sem (no global policy)                 apim-sem-g (global: <include-fragment gate/> = validate-jwt)
 *   ├─ apis/sem                                 ├─ apis/sem-g                         place sem-g
 *   └─ workspaces/ws-sem (validate-jwt)         ├─ workspaces/ws-open (inbound without <base />)
 *      ├─ fragment route-eu (→ US), {{ws-host}} │  └─ apis/open-api                   place ws-open
 *      └─ apis/ws-api         place ws-sem      └─ workspaces/ws-inherit (<base />; fragment gate = rate-limit)
 *                                                  └─ apis/inherit-api                place ws-inherit
 */
import type { AuthenticationRequirement } from '../../../src/analysis/policy/index.js';

export const SUB = '7d3c9a51-2e4b-4f60-9a1d-5c8e7f6b0a42';
export const SVC = `/subscriptions/${SUB}/resourceGroups/rg-sem/providers/Microsoft.ApiManagement/service/apim-sem`;
export const D = 'host:default.backend.example';
export const EU = 'host:eu.backend.example';
export const US = 'host:us.backend.example';
/** A second service whose global policy requires a JWT, with two workspaces under it. */
export const SVC_G = `/subscriptions/${SUB}/resourceGroups/rg-sem/providers/Microsoft.ApiManagement/service/apim-sem-g`;

/** The API each place holds (see the picture above). */
const API_OF = {
  sem: `${SVC}/apis/sem`,
  'ws-sem': `${SVC}/workspaces/ws-sem/apis/ws-api`,
  'sem-g': `${SVC_G}/apis/sem-g`,
  'ws-open': `${SVC_G}/workspaces/ws-open/apis/open-api`,
  'ws-inherit': `${SVC_G}/workspaces/ws-inherit/apis/inherit-api`,
} as const;
export type Place = keyof typeof API_OF;

export interface SemanticsCase {
  readonly name: string;
  readonly inbound: string;
  readonly backend?: string;
  readonly outbound?: string;
  readonly onError?: string;
  readonly auth: AuthenticationRequirement;
  /** ROUTES_TO targets: `host:<name>` or a resource name. */
  readonly routes: readonly string[];
  /** CALLS targets. */
  readonly calls?: readonly string[];
  /** The API the operation belongs to; `sem` (service level, no global policy) unless said. */
  readonly place?: Place;
}

const JWT = '<validate-jwt header-name="Authorization" failed-validation-httpcode="401"><openid-config url="https://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration" /><audiences><audience>api://sem</audience></audiences></validate-jwt>';
const AAD = '<validate-azure-ad-token tenant-id="t"><client-application-ids><application-id>a</application-id></client-application-ids></validate-azure-ad-token>';
const R401 = '<return-response><set-status code="401" reason="Unauthorized" /></return-response>';
const EU_BACKEND = '<set-backend-service backend-id="be-eu" />';
const US_BACKEND = '<set-backend-service backend-id="be-us" />';
const REGION = '@(context.Request.Headers.GetValueOrDefault("X-Region","") == "eu")';
const BLOB_READ =
  '<send-request mode="new" response-variable-name="blob" timeout="20"><set-url>https://stsemdata.blob.core.windows.net/docs/report.json</set-url><set-method>GET</set-method>' +
  '<set-header name="x-ms-version" exists-action="override"><value>2019-12-12</value></set-header><authentication-managed-identity resource="https://storage.azure.com/" /></send-request>';
const KV_READ = '<send-request mode="new" response-variable-name="secret"><set-url>https://kv-sem.vault.azure.net/secrets/db-password?api-version=7.4</set-url><set-method>GET</set-method><authentication-managed-identity resource="https://vault.azure.net" /></send-request>';
const RETURN_BLOB = '<return-response response-variable-name="blob" />';
const AUTHORIZER = '<send-request mode="new" response-variable-name="authz" timeout="10" ignore-error="false"><set-url>https://auth.partner.example/check</set-url><set-method>POST</set-method></send-request>';
const when = (condition: string, body: string) => `<when condition="${condition}">${body}</when>`;
const choose = (...parts: string[]) => `<choose>${parts.join('')}</choose>`;
const otherwise = (body: string) => `<otherwise>${body}</otherwise>`;

export const CASES: readonly SemanticsCase[] = [
  // Caller authentication policies and what does not count.
  { name: 'no policy of its own', inbound: '<base />', auth: 'none', routes: [D] },
  { name: 'validate-jwt', inbound: `<base />${JWT}`, auth: 'required', routes: [D] },
  { name: 'validate-azure-ad-token', inbound: `<base />${AAD}`, auth: 'required', routes: [D] },
  { name: 'validate-client-certificate', inbound: '<base /><validate-client-certificate validate-revocation="true" validate-trust="true" />', auth: 'required', routes: [D] },
  { name: 'validate-client-certificate with ignore-error rejects nothing', inbound: '<base /><validate-client-certificate ignore-error="true" />', auth: 'none', routes: [D] },
  { name: 'check-header alone is a gate', inbound: '<base /><check-header name="X-Api-Key" failed-check-httpcode="401" failed-check-error-message="no" ignore-case="false"><value>k</value></check-header>', auth: 'none', routes: [D] },
  { name: 'check-header Authorization without a value checks presence only', inbound: '<base /><check-header name="Authorization" failed-check-httpcode="401" failed-check-error-message="no" ignore-case="true" />', auth: 'none', routes: [D] },
  { name: 'ip-filter is a network gate', inbound: '<base /><ip-filter action="allow"><address-range from="10.0.0.0" to="10.0.0.255" /></ip-filter>', auth: 'none', routes: [D] },
  { name: 'rate limits do not authenticate', inbound: '<base /><rate-limit-by-key calls="10" renewal-period="60" counter-key="@(context.Request.IpAddress)" />', auth: 'none', routes: [D] },
  { name: 'rate limit and validate-jwt', inbound: `<base /><rate-limit calls="100" renewal-period="60" />${JWT}`, auth: 'required', routes: [D] },
  { name: 'authentication-basic is backend authentication', inbound: '<base /><authentication-basic username="svc" password="{{secret-key}}" />', auth: 'none', routes: [D] },
  { name: 'authentication-certificate is backend authentication', inbound: '<base /><authentication-certificate certificate-id="backend-cert" />', auth: 'none', routes: [D] },
  { name: 'authentication-managed-identity is backend authentication', inbound: '<base /><authentication-managed-identity resource="api://backend" />', auth: 'none', routes: [D] },
  { name: 'validate-jwt in outbound protects nothing', inbound: '<base />', outbound: `<base />${JWT}`, auth: 'none', routes: [D] },
  // Control flow.
  { name: 'validate-jwt in every when and in otherwise', inbound: `<base />${choose(when(REGION, JWT), when('@(context.Request.Method == "POST")', AAD), otherwise(JWT))}`, auth: 'required', routes: [D] },
  { name: 'validate-jwt in a when without otherwise', inbound: `<base />${choose(when(REGION, JWT))}`, auth: 'conditional', routes: [D] },
  { name: 'validate-jwt in a when, otherwise without it', inbound: `<base />${choose(when(REGION, JWT), otherwise('<set-header name="X-Open" exists-action="override"><value>1</value></set-header>'))}`, auth: 'conditional', routes: [D] },
  { name: '401 when the header is missing, otherwise validate-jwt', inbound: `<base />${choose(when('@(!context.Request.Headers.ContainsKey("Authorization"))', R401), otherwise(JWT))}`, auth: 'required', routes: [D] },
  { name: 'validate-jwt before a choose', inbound: `<base />${JWT}${choose(when(REGION, EU_BACKEND))}`, auth: 'required', routes: [EU, D] },
  { name: 'nested choose, every leaf authenticates', inbound: `<base />${choose(when(REGION, choose(when('@(true)', JWT), otherwise(AAD))), otherwise(JWT))}`, auth: 'required', routes: [D] },
  { name: 'nested choose, one leaf open', inbound: `<base />${choose(when(REGION, choose(when('@(true)', JWT), otherwise('<set-variable name="x" value="1" />'))), otherwise(JWT))}`, auth: 'conditional', routes: [D] },
  { name: 'a when answering 200 without authentication', inbound: `<base />${choose(when(REGION, '<return-response><set-status code="200" reason="OK" /><set-body>{"ok":true}</set-body></return-response>'), otherwise(JWT))}`, auth: 'conditional', routes: [D] },
  { name: 'validate-azure-ad-token in every when, otherwise 401', inbound: `<base />${choose(when(REGION, AAD), when('@(context.Request.Headers.ContainsKey("X-Tenant"))', AAD), otherwise(R401))}`, auth: 'required', routes: [D] },
  { name: 'ip-filter everywhere, validate-jwt on one branch', inbound: `<base /><ip-filter action="allow"><address>1.2.3.4</address></ip-filter>${choose(when(REGION, JWT))}`, auth: 'conditional', routes: [D] },
  { name: 'retry runs its children', inbound: `<base /><retry condition="@(false)" count="2" interval="1">${JWT}</retry>`, auth: 'required', routes: [D] },
  { name: 'limit-concurrency runs its children', inbound: `<base /><limit-concurrency key="@(context.Request.IpAddress)" max-count="5">${JWT}</limit-concurrency>`, auth: 'required', routes: [D] },
  { name: 'a choose without when runs nothing it holds', inbound: `<base /><choose>${JWT}</choose>`, auth: 'none', routes: [D] },
  // Ending the pipeline.
  { name: 'return-response before forwarding: no route', inbound: '<base /><return-response><set-status code="200" reason="OK" /><set-body>pong</set-body></return-response>', auth: 'none', routes: [] },
  { name: 'mock-response: no route', inbound: '<base /><mock-response status-code="200" content-type="application/json" />', auth: 'none', routes: [] },
  { name: 'validate-jwt then mock-response', inbound: `<base />${JWT}<mock-response status-code="200" content-type="application/json" />`, auth: 'required', routes: [] },
  { name: 'validate-jwt after return-response never runs', inbound: `<base /><return-response><set-status code="200" reason="OK" /></return-response>${JWT}`, auth: 'none', routes: [] },
  { name: 'every request rejected', inbound: `<base />${R401}`, auth: 'required', routes: [] },
  { name: 'backend without forward-request forwards nothing', inbound: '<base />', backend: '<set-header name="X" exists-action="override"><value>1</value></set-header>', auth: 'none', routes: [] },
  { name: 'forward-request inside retry', inbound: '<base />', backend: '<retry condition="@(context.Response.StatusCode == 503)" count="3" interval="1"><forward-request buffer-request-body="true" /></retry>', auth: 'none', routes: [D] },
  { name: 'forward-request inside limit-concurrency', inbound: '<base />', backend: '<limit-concurrency key="k" max-count="10"><forward-request /></limit-concurrency>', auth: 'none', routes: [D] },
  // Routing as a set.
  { name: 'set-backend-service backend-id', inbound: `<base />${JWT}${EU_BACKEND}`, auth: 'required', routes: [EU] },
  { name: 'set-backend-service base-url', inbound: '<base /><set-backend-service base-url="https://us.backend.example/api" />', auth: 'none', routes: [US] },
  { name: 'the last set-backend-service wins', inbound: `<base />${EU_BACKEND}${US_BACKEND}`, auth: 'none', routes: [US] },
  { name: 'set-backend-service in the backend section overrides inbound', inbound: `<base />${EU_BACKEND}`, backend: `${US_BACKEND}<forward-request />`, auth: 'none', routes: [US] },
  { name: 'regional router: when eu, otherwise us', inbound: `<base />${JWT}${choose(when(REGION, EU_BACKEND), otherwise(US_BACKEND))}`, auth: 'required', routes: [EU, US] },
  { name: 'router without otherwise keeps the serviceUrl', inbound: `<base />${choose(when(REGION, EU_BACKEND))}`, auth: 'none', routes: [EU, D] },
  { name: 'random load balancing over three targets', inbound: `<base /><set-variable name="r" value="@(new Random().Next(3))" />${choose(when('@((int)context.Variables["r"] == 0)', EU_BACKEND), when('@((int)context.Variables["r"] == 1)', US_BACKEND), otherwise('<set-backend-service base-url="https://default.backend.example" />'))}`, auth: 'none', routes: [EU, US, D] },
  { name: 'size-based routing with a 413 branch', inbound: `<base />${choose(when('@(context.Request.Body.As<string>(preserveContent: true).Length > 1000)', '<return-response><set-status code="413" reason="Too large" /></return-response>'), when(REGION, EU_BACKEND), otherwise(US_BACKEND))}`, auth: 'none', routes: [EU, US] },
  { name: 'a computed base-url is unresolved', inbound: '<base /><set-backend-service base-url="@(context.Variables.GetValueOrDefault<string>("u"))" />', auth: 'none', routes: [] },
  { name: 'a branch answering from the gateway routes nowhere', inbound: `<base />${choose(when(REGION, '<mock-response status-code="200" content-type="application/json" />'), otherwise(EU_BACKEND))}`, auth: 'none', routes: [EU] },
  // Outbound calls.
  { name: 'blob read answered by return-response, anonymous', inbound: `<base />${BLOB_READ}${RETURN_BLOB}`, auth: 'none', routes: [], calls: ['stsemdata'] },
  { name: 'blob read behind validate-jwt', inbound: `<base />${JWT}${BLOB_READ}${RETURN_BLOB}`, auth: 'required', routes: [], calls: ['stsemdata'] },
  { name: 'blob write', inbound: `<base />${JWT}<send-request mode="new" response-variable-name="put"><set-url>https://stsemdata.blob.core.windows.net/uploads/item</set-url><set-method>PUT</set-method><set-body>@(context.Request.Body.As<string>())</set-body><authentication-managed-identity resource="https://storage.azure.com/" /></send-request><return-response><set-status code="201" reason="Created" /></return-response>`, auth: 'required', routes: [], calls: ['stsemdata'] },
  { name: 'blob delete', inbound: '<base /><send-request mode="new" response-variable-name="del"><set-url>https://stsemdata.blob.core.windows.net/uploads/item</set-url><set-method>DELETE</set-method><authentication-managed-identity resource="https://storage.azure.com/" /></send-request><return-response><set-status code="202" reason="Accepted" /></return-response>', auth: 'none', routes: [], calls: ['stsemdata'] },
  { name: 'queue message', inbound: `<base />${JWT}<send-one-way-request mode="new"><set-url>https://stsemdata.queue.core.windows.net/orders/messages</set-url><set-method>POST</set-method><authentication-managed-identity resource="https://storage.azure.com/" /></send-one-way-request>`, auth: 'required', routes: [D], calls: ['stsemdata'] },
  { name: 'table read', inbound: `<base />${JWT}<send-request mode="new" response-variable-name="row"><set-url>https://stsemdata.table.core.windows.net/customers(PartitionKey='a',RowKey='b')</set-url><set-method>GET</set-method><authentication-managed-identity resource="https://storage.azure.com/" /></send-request>`, auth: 'required', routes: [D], calls: ['stsemdata'] },
  { name: 'Key Vault secret read', inbound: `<base />${JWT}${KV_READ}`, auth: 'required', routes: [D], calls: ['kv-sem'] },
  { name: 'fan-out to storage and Key Vault', inbound: `<base /><wait for="all">${BLOB_READ}${KV_READ}</wait>${RETURN_BLOB}`, auth: 'none', routes: [], calls: ['stsemdata', 'kv-sem'] },
  { name: 'call to an outside host', inbound: '<base /><send-request mode="new" response-variable-name="geo"><set-url>https://api.partner.example/geo</set-url><set-method>GET</set-method></send-request>', auth: 'none', routes: [D], calls: ['host:api.partner.example'] },
  { name: 'fire-and-forget log call', inbound: '<base />', outbound: '<base /><send-one-way-request mode="new"><set-url>https://log.partner.example/ingest</set-url><set-method>POST</set-method></send-one-way-request>', auth: 'none', routes: [D], calls: ['host:log.partner.example'] },
  { name: 'a computed set-url is not followed', inbound: '<base /><send-request mode="new" response-variable-name="x"><set-url>@("https://" + context.Variables["h"])</set-url><set-method>GET</set-method></send-request>', auth: 'none', routes: [D], calls: [] },
  { name: 'call back into API Management itself', inbound: `<base />${JWT}<send-request mode="new" response-variable-name="inner"><set-url>https://apim-sem.azure-api.net/inner/op</set-url><set-method>GET</set-method></send-request>`, auth: 'required', routes: [D], calls: ['apim-sem'] },
  { name: 'on-error copies the request to an error sink', inbound: `<base />${JWT}`, onError: '<base /><send-request mode="copy" response-variable-name="e"><set-url>https://errors.partner.example/collect</set-url></send-request>', auth: 'required', routes: [D], calls: ['host:errors.partner.example'] },
  // Custom authentication.
  { name: 'authorizer send-request gates a 401', inbound: `<base />${AUTHORIZER}${choose(when('@(((IResponse)context.Variables["authz"]).StatusCode != 200)', R401))}`, auth: 'custom', routes: [D], calls: ['host:auth.partner.example'] },
  { name: 'authorizer through a set-variable gates a 403', inbound: `<base />${AUTHORIZER}<set-variable name="allowed" value="@(((IResponse)context.Variables["authz"]).StatusCode == 200)" />${choose(when('@((bool)context.Variables["allowed"])', EU_BACKEND), otherwise('<return-response><set-status code="403" reason="Forbidden" /></return-response>'))}`, auth: 'custom', routes: [EU], calls: ['host:auth.partner.example'] },
  { name: 'hand-written Basic check gates a 401', inbound: `<base />${choose(when('@(context.Request.Headers.GetValueOrDefault("Authorization","") != "Basic c3ZjOnBhc3N3b3JkMTIz")', R401))}`, auth: 'custom', routes: [D] },
  { name: 'Authorization presence test alone is not a check', inbound: `<base />${choose(when('@(!context.Request.Headers.ContainsKey("Authorization"))', R401))}`, auth: 'none', routes: [D] },
  { name: 'a send-request whose answer gates nothing', inbound: `<base />${AUTHORIZER}`, auth: 'none', routes: [D], calls: ['host:auth.partner.example'] },
  // Fragments and named values.
  { name: 'validate-jwt kept in a fragment', inbound: '<base /><include-fragment fragment-id="jwt-check" />', auth: 'required', routes: [D] },
  { name: 'a fragment including a router fragment', inbound: '<base /><include-fragment fragment-id="route-outer" />', auth: 'none', routes: [EU] },
  { name: 'a missing fragment', inbound: '<base /><include-fragment fragment-id="no-such-fragment" />', auth: 'none', routes: [D] },
  { name: 'a fragment cycle', inbound: '<base /><include-fragment fragment-id="cycle-a" />', auth: 'required', routes: [D] },
  { name: 'a fragment that does not parse', inbound: '<base /><include-fragment fragment-id="broken" />', auth: 'none', routes: [D] },
  { name: 'a named value in base-url', inbound: '<base /><set-backend-service base-url="{{eu-host}}" />', auth: 'none', routes: [EU] },
  { name: 'a missing named value in base-url', inbound: '<base /><set-backend-service base-url="https://{{no-such-value}}/" />', auth: 'none', routes: [] },
  { name: 'a secret named value is never read', inbound: '<base /><send-request mode="new" response-variable-name="p"><set-url>https://api.partner.example/v1?key={{secret-key}}</set-url><set-method>GET</set-method></send-request>', auth: 'none', routes: [D], calls: ['host:api.partner.example'] },
  { name: 'a named value in a send-request host', inbound: `<base />${JWT}<send-request mode="new" response-variable-name="b"><set-url>https://{{data-account}}.blob.core.windows.net/c/b</set-url><set-method>GET</set-method><authentication-managed-identity resource="https://storage.azure.com/" client-id="5b8c2d1e-9f0a-4b3c-8d7e-6f5a4b3c2d1e" /></send-request>`, auth: 'required', routes: [D], calls: ['stsemdata'] },
  // Workspaces: service All APIs → workspace All APIs → product → API → operation.
  { name: 'workspace validate-jwt inherited through <base /> by a workspace API', place: 'ws-sem', inbound: '<base />', auth: 'required', routes: [D] },
  { name: 'a service-level API is not under a workspace policy', inbound: '<base />', auth: 'none', routes: [D] },
  { name: 'a workspace fragment comes before the service one of the same name', place: 'ws-sem', inbound: '<base /><include-fragment fragment-id="route-eu" />', auth: 'required', routes: [US] },
  { name: 'a workspace named value in base-url', place: 'ws-sem', inbound: '<base /><set-backend-service base-url="{{ws-host}}" />', auth: 'required', routes: [US] },
  { name: 'global validate-jwt from a service fragment', place: 'sem-g', inbound: '<base />', auth: 'required', routes: [D] },
  { name: 'a workspace policy without <base /> drops the global validate-jwt', place: 'ws-open', inbound: '<base />', auth: 'none', routes: [D] },
  { name: 'the global policy keeps the service fragment under a workspace of the same fragment name', place: 'ws-inherit', inbound: '<base />', auth: 'required', routes: [D] },
];

const FRAGMENT = (name: string, body: string, owner: string = SVC) => ({
  id: `${owner}/policyFragments/${name}`,
  type: `Microsoft.ApiManagement/service/${owner.includes('/workspaces/') ? 'workspaces/' : ''}policyFragments`,
  name,
  properties: { format: 'rawxml', value: body, description: name },
});
const NAMED = (name: string, properties: Record<string, unknown>, owner: string = SVC) => ({
  id: `${owner}/namedValues/${name}`,
  type: `Microsoft.ApiManagement/service/${owner.includes('/workspaces/') ? 'workspaces/' : ''}namedValues`,
  name,
  properties,
});
/** A scope's policy; at global scope, <base /> in backend would forward nothing, so the global one forwards itself. */
const POLICY = (owner: string, type: string, inbound: string) => ({
  id: `${owner}/policies/policy`,
  type,
  name: 'policy',
  properties: {
    format: 'rawxml',
    value: `<policies><inbound>${inbound}</inbound><backend>${type.endsWith('service/policies') ? '<forward-request />' : '<base />'}</backend><outbound><base /></outbound><on-error><base /></on-error></policies>`,
  },
});
const WORKSPACE = (id: string) => ({ id, type: 'Microsoft.ApiManagement/service/workspaces', name: id.split('/').pop(), properties: { displayName: id.split('/').pop() } });
const API = (id: string, type: string) => ({ id, type, name: id.split('/').pop(), properties: { path: id.split('/').pop(), protocols: ['https'], serviceUrl: 'https://default.backend.example', subscriptionRequired: false } });

/** The workspaces of the table and the second service, with their policies, fragments, named values and APIs. */
function workspaceRows(): Record<string, unknown>[] {
  const wsSem = `${SVC}/workspaces/ws-sem`;
  const wsOpen = `${SVC_G}/workspaces/ws-open`;
  const wsInherit = `${SVC_G}/workspaces/ws-inherit`;
  const WS = 'Microsoft.ApiManagement/service/workspaces';
  return [
    WORKSPACE(wsSem),
    POLICY(wsSem, `${WS}/policies`, `<base />${JWT}`),
    FRAGMENT('route-eu', '<fragment><set-backend-service base-url="https://us.backend.example" /></fragment>', wsSem),
    NAMED('ws-host', { displayName: 'ws-host', value: 'https://us.backend.example', secret: false }, wsSem),
    API(API_OF['ws-sem'], `${WS}/apis`),
    { id: SVC_G, type: 'Microsoft.ApiManagement/service', name: 'apim-sem-g', location: 'westeurope', properties: { gatewayUrl: 'https://apim-sem-g.azure-api.net', publicNetworkAccess: 'Enabled', virtualNetworkType: 'None' } },
    POLICY(SVC_G, 'Microsoft.ApiManagement/service/policies', '<base /><include-fragment fragment-id="gate" />'),
    FRAGMENT('gate', `<fragment>${JWT}</fragment>`, SVC_G),
    API(API_OF['sem-g'], 'Microsoft.ApiManagement/service/apis'),
    WORKSPACE(wsOpen),
    POLICY(wsOpen, `${WS}/policies`, '<set-header name="X-Workspace" exists-action="override"><value>open</value></set-header>'),
    API(API_OF['ws-open'], `${WS}/apis`),
    WORKSPACE(wsInherit),
    POLICY(wsInherit, `${WS}/policies`, '<base />'),
    FRAGMENT('gate', '<fragment><rate-limit calls="10" renewal-period="60" /></fragment>', wsInherit),
    API(API_OF['ws-inherit'], `${WS}/apis`),
  ];
}

/** The estate every case runs in: one gateway, one API, one operation per case. */
export function semanticsRows(): Record<string, unknown>[] {
  const rg = `/subscriptions/${SUB}/resourceGroups/rg-sem/providers`;
  const api = API_OF.sem;
  const rows: Record<string, unknown>[] = [
    {
      id: SVC,
      type: 'Microsoft.ApiManagement/service',
      name: 'apim-sem',
      location: 'westeurope',
      properties: { gatewayUrl: 'https://apim-sem.azure-api.net', publicNetworkAccess: 'Enabled', virtualNetworkType: 'None' },
      identity: {
        type: 'SystemAssigned, UserAssigned',
        principalId: '0f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f',
        tenantId: '11111111-2222-4333-8444-555555555555',
        userAssignedIdentities: { [`${rg}/Microsoft.ManagedIdentity/userAssignedIdentities/uai-apim-sem`]: { principalId: '2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b', clientId: '5b8c2d1e-9f0a-4b3c-8d7e-6f5a4b3c2d1e' } },
      },
    },
    { id: `${rg}/Microsoft.Storage/storageAccounts/stsemdata`, type: 'Microsoft.Storage/storageAccounts', name: 'stsemdata', location: 'westeurope', properties: { primaryEndpoints: { blob: 'https://stsemdata.blob.core.windows.net/' }, allowBlobPublicAccess: false } },
    { id: `${rg}/Microsoft.KeyVault/vaults/kv-sem`, type: 'Microsoft.KeyVault/vaults', name: 'kv-sem', location: 'westeurope', properties: { vaultUri: 'https://kv-sem.vault.azure.net/', enableRbacAuthorization: true } },
    { id: `${SVC}/backends/be-eu`, type: 'Microsoft.ApiManagement/service/backends', name: 'be-eu', properties: { url: 'https://eu.backend.example', protocol: 'http' } },
    { id: `${SVC}/backends/be-us`, type: 'Microsoft.ApiManagement/service/backends', name: 'be-us', properties: { url: 'https://us.backend.example', protocol: 'http' } },
    { id: api, type: 'Microsoft.ApiManagement/service/apis', name: 'sem', properties: { path: 'sem', protocols: ['https'], serviceUrl: 'https://default.backend.example', subscriptionRequired: false } },
    FRAGMENT('jwt-check', `<fragment>${JWT}</fragment>`),
    FRAGMENT('route-eu', `<fragment>${EU_BACKEND}</fragment>`),
    FRAGMENT('route-outer', '<fragment><include-fragment fragment-id="route-eu" /></fragment>'),
    FRAGMENT('cycle-a', `<fragment>${JWT}<include-fragment fragment-id="cycle-b" /></fragment>`),
    FRAGMENT('cycle-b', '<fragment><include-fragment fragment-id="cycle-a" /></fragment>'),
    FRAGMENT('broken', '<fragment><validate-jwt header-name="Authorization"></fragment>'),
    NAMED('eu-host', { displayName: 'eu-host', value: 'https://eu.backend.example', secret: false }),
    NAMED('data-account-id', { displayName: 'data-account', value: 'stsemdata', secret: false }),
    NAMED('secret-key', { displayName: 'secret-key', secret: true, value: 'never-stored-secret-value' }),
    NAMED('kv-backed', { displayName: 'kv-backed', secret: true, keyVault: { secretIdentifier: 'https://kv-sem.vault.azure.net/secrets/s' }, value: 'never-stored-kv-value' }),
  ];
  rows.push(...workspaceRows());
  CASES.forEach((c, i) => {
    const op = `${API_OF[c.place ?? 'sem']}/operations/op-${i}`;
    const type = `Microsoft.ApiManagement/service/${op.includes('/workspaces/') ? 'workspaces/' : ''}apis/operations`;
    rows.push({ id: op, type, name: `op-${i}`, properties: { method: 'GET', urlTemplate: `/case/${i}` } });
    const xml = `<policies><inbound>${c.inbound}</inbound><backend>${c.backend ?? '<base />'}</backend><outbound>${c.outbound ?? '<base />'}</outbound><on-error>${c.onError ?? '<base />'}</on-error></policies>`;
    rows.push({ id: `${op}/policies/policy`, type: `${type}/policies`, name: 'policy', properties: { format: 'rawxml', value: xml } });
  });
  return rows;
}

export const operationId = (i: number) => `${API_OF[CASES[i]?.place ?? 'sem']}/operations/op-${i}`.toLowerCase();
