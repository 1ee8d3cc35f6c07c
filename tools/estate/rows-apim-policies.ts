/** APIM policies (`PolicyContract`, rawxml): one global policy per service, an API-scope policy on three APIs in five. */
import type { EstateContext } from './context.js';
import { apiId, apimId, apiService, backendName } from './naming.js';
import { apiHasPolicy } from './plan.js';
import type { Rng } from './prng.js';
import { armListItem, type AzureRow } from './rows.js';

const policyDocument = (inbound: string[]) =>
  [
    '<policies>',
    '  <inbound>',
    ...inbound.map((line) => `    ${line}`),
    '  </inbound>',
    '  <backend><base /></backend>',
    '  <outbound><base /></outbound>',
    '  <on-error><base /></on-error>',
    '</policies>',
  ].join('\r\n');

function globalPolicy(rng: Rng): string {
  const inbound: string[] = [];
  if (rng.chance(0.3))
    inbound.push(
      '<cors allow-credentials="false"><allowed-origins><origin>*</origin></allowed-origins><allowed-methods><method>GET</method><method>POST</method></allowed-methods></cors>',
    );
  if (rng.chance(0.5)) inbound.push('<rate-limit calls="1000" renewal-period="60" />');
  return [
    '<policies>',
    '  <inbound>',
    ...inbound.map((l) => `    ${l}`),
    '  </inbound>',
    '  <backend><forward-request /></backend>',
    '  <outbound />',
    '  <on-error />',
    '</policies>',
  ].join('\r\n');
}

/** An API policy: authentication (JWT, Entra token, a weak header check, or nothing), and often a backend switch. */
function apiPolicy(ctx: EstateContext, rng: Rng, service: number): string {
  const inbound = ['<base />'];
  if (rng.chance(0.1))
    inbound.push('<ip-filter action="forbid"><address-range from="198.51.100.0" to="198.51.100.255" /></ip-filter>');
  const auth = rng.weighted([
    ['jwt', 0.45],
    ['entra', 0.1],
    ['header', 0.1],
    ['none', 0.35],
  ] as const);
  if (auth === 'jwt') {
    inbound.push(
      `<validate-jwt header-name="Authorization" failed-validation-httpcode="401" require-scheme="Bearer"><openid-config url="https://login.microsoftonline.com/${ctx.tenantId}/v2.0/.well-known/openid-configuration" /><audiences><audience>api://contoso-apis</audience></audiences></validate-jwt>`,
    );
  } else if (auth === 'entra') {
    inbound.push(
      `<validate-azure-ad-token tenant-id="${ctx.tenantId}"><audiences><audience>api://contoso-apis</audience></audiences></validate-azure-ad-token>`,
    );
  } else if (auth === 'header') {
    inbound.push(
      '<check-header name="X-Api-Client" failed-check-httpcode="403" failed-check-error-message="Forbidden" ignore-case="true"><value>mobile-app</value></check-header>',
    );
  }
  const backends = Math.floor((ctx.sub.backends - 1 - service) / ctx.sub.apimServices) + 1;
  if (service < ctx.sub.backends && backends > 0 && rng.chance(0.5)) {
    inbound.push(
      `<set-backend-service backend-id="${backendName(service + ctx.sub.apimServices * rng.int(backends))}" />`,
    );
  }
  if (rng.chance(0.15)) inbound.push('<authentication-managed-identity resource="https://management.azure.com/" />');
  return policyDocument(inbound);
}

export function* policyRows(ctx: EstateContext, s: number): Generator<AzureRow> {
  for (let a = 0; a < ctx.sub.apimServices; a++) {
    const value = globalPolicy(ctx.rng('apim-policy', s, a));
    yield armListItem(`${apimId(ctx, s, a)}/policies/policy`, 'Microsoft.ApiManagement/service/policies', 'policy', {
      format: 'rawxml',
      value,
    });
  }
  for (let i = 0; i < ctx.sub.apis; i++) {
    if (!apiHasPolicy(i)) continue;
    const value = apiPolicy(ctx, ctx.rng('api-policy', s, i), apiService(ctx, s, i));
    yield armListItem(
      `${apiId(ctx, s, i)}/policies/policy`,
      'Microsoft.ApiManagement/service/apis/policies',
      'policy',
      { format: 'rawxml', value },
    );
  }
}
