import { describe, expect, it } from 'vitest';
import { maskPolicySecrets } from '../../../src/ingest/azure/transforms/apim-policies.js';
import { InputError } from '../../../src/util/errors.js';
import { SUB, rg, transformFixtures, transformInline } from './fixture-graph.js';

const S = `${rg('rg-apim-prod')}/providers/microsoft.apimanagement/service/apim-contoso-prod`;
const ORDERS = `${S}/apis/orders-api`;
const GET_ORDER = `${ORDERS}/operations/get-order`;
const STARTER = `${S}/products/starter`;
const UNLIMITED = `${S}/products/unlimited`;
const W = `${S}/workspaces/ws-payments`;
const PAYMENTS = `${W}/apis/payments-api`;

describe('API Management transforms', () => {
  it('reads the gateway, its current APIs and operations, products, backends and subscriptions', async () => {
    const g = await transformFixtures('apim');
    expect(g.nodeTuples).toEqual(
      expect.arrayContaining([
        `ApiGateway ${S}`,
        `Api ${ORDERS}`,
        `ApiEndpoint ${GET_ORDER}`,
        `ApiEndpoint ${ORDERS}/operations/create-order`,
        `ApiProduct ${STARTER}`,
        `ApiProduct ${UNLIMITED}`,
        `ApiBackend ${S}/backends/fn-orders-prod`,
        `ApiBackend ${S}/backends/legacy-inventory`,
        `ApiSubscription ${S}/subscriptions/partner-contoso`,
        `ApiSubscription ${S}/subscriptions/master`,
      ]),
    );
    expect(g.nodeTuples.some((t) => t.includes(';rev='))).toBe(false);
    expect(g.edgeTuples).toEqual(
      expect.arrayContaining([
        `${S} -CONTAINS-> ${ORDERS}`,
        `${ORDERS} -CONTAINS-> ${GET_ORDER}`,
        `${S} -CONTAINS-> ${STARTER}`,
        `${S} -CONTAINS-> ${S}/backends/fn-orders-prod`,
        `${S} -CONTAINS-> ${S}/subscriptions/partner-contoso`,
      ]),
    );
    expect(g.edges.every((e) => e.properties['subscriptionId'] === SUB)).toBe(true);
  });

  it('keeps the policy of each of the four scopes as XML text, rawxml or xml-escaped', async () => {
    const g = await transformFixtures('apim');
    expect(g.node(S).properties['globalPolicy']).toContain('<allowed-origins><origin>*</origin></allowed-origins>');
    // format "xml": expressions stay XML-escaped, as the row gives them.
    expect(g.node(STARTER).properties['policy']).toContain(
      'counter-key="@(context.Request.Headers.GetValueOrDefault(&quot;X-Forwarded-For&quot;,&quot;&quot;))"',
    );
    expect(g.node(ORDERS).properties['policy']).toContain('<check-header name="X-Partner-Key"');
    // format "rawxml": expressions unescaped.
    const operation = String(g.node(GET_ORDER).properties['policy']);
    expect(operation).toContain('<validate-jwt header-name="Authorization"');
    expect(operation).toContain(
      'value="@(context.Request.Headers.GetValueOrDefault("Authorization","").AsJwt()?.Subject)"',
    );
  });

  it('masks literal credentials in policies and keeps named values, expressions and ordinary headers', async () => {
    const policy = String((await transformFixtures('apim')).node(ORDERS).properties['policy']);
    expect(policy).not.toContain('SECRET-');
    expect(policy).toContain('<value>[redacted]</value>');
    expect(policy).toContain('<value>{{partner-key-2}}</value>');
    expect(policy).toContain('<value>@(context.RequestId.ToString())</value>');
    expect(policy).toContain('<value>apim</value>');
    expect(policy).toContain('base-url="https://fn-orders-prod.azurewebsites.net/api?code=[redacted]"');
  });

  it('reads products, and links a product with subscriptionRequired false to its API', async () => {
    const g = await transformFixtures('apim');
    expect(g.node(STARTER).properties).toMatchObject({
      displayName: 'Starter',
      subscriptionRequired: false,
      state: 'published',
    });
    expect(g.node(UNLIMITED).properties).toMatchObject({ subscriptionRequired: true, approvalRequired: true });
    expect(g.edgeTuples).toEqual(
      expect.arrayContaining([`${STARTER} -INCLUDES-> ${ORDERS}`, `${UNLIMITED} -INCLUDES-> ${ORDERS}`]),
    );
    expect(g.node(ORDERS).properties['productIds']).toEqual([STARTER, UNLIMITED]);
    expect(g.has(`${STARTER}/apis/orders-api`)).toBe(false);
  });

  it('reads backends with the resource id stripped of the management host, never their credentials', async () => {
    const g = await transformFixtures('apim');
    expect(g.node(`${S}/backends/fn-orders-prod`).properties).toMatchObject({
      url: 'https://fn-orders-prod.azurewebsites.net/api',
      protocol: 'http',
      backendResourceId: `${rg('rg-app-prod')}/providers/microsoft.web/sites/fn-orders-prod`,
    });
    expect(g.node(`${S}/backends/legacy-inventory`).properties['backendResourceId']).toBeUndefined();
  });

  it('reads subscriptions with full lower-cased scope and owner ids, never their keys', async () => {
    const g = await transformFixtures('apim');
    expect(g.node(`${S}/subscriptions/partner-contoso`).properties).toMatchObject({
      scope: UNLIMITED,
      ownerId: `${S}/users/partner-1`,
      state: 'active',
    });
    expect(g.node(`${S}/subscriptions/master`).properties).toMatchObject({
      scope: `${S}/apis`,
      ownerId: `${S}/users/1`,
    });
    expect(g.text).not.toContain('SECRET-');
    expect(g.text).not.toMatch(/primaryKey|secondaryKey/);
  });

  it('resolves workspace APIs, operations, policies and product links to their parents', async () => {
    const g = await transformFixtures('apim');
    expect(g.nodeTuples).toEqual(
      expect.arrayContaining([
        `Api ${PAYMENTS}`,
        `ApiEndpoint ${PAYMENTS}/operations/refund`,
        `ApiProduct ${W}/products/payments-partners`,
      ]),
    );
    expect(g.edgeTuples).toEqual(
      expect.arrayContaining([
        `${S} -CONTAINS-> ${PAYMENTS}`,
        `${PAYMENTS} -CONTAINS-> ${PAYMENTS}/operations/refund`,
        `${S} -CONTAINS-> ${W}/products/payments-partners`,
        `${W}/products/payments-partners -INCLUDES-> ${PAYMENTS}`,
      ]),
    );
    expect(g.node(PAYMENTS).properties['policy']).toContain('<validate-azure-ad-token');
    expect(g.node(`${PAYMENTS}/operations/refund`).properties).toMatchObject({
      policy: expect.stringContaining('<ip-filter action="allow">'),
      url: 'https://apim-contoso-prod.azure-api.net/payments/refunds',
    });
  });

  it('reads a workspace with its policy, fragments and named values under the workspace, not the gateway', async () => {
    const WS = 'Microsoft.ApiManagement/service/workspaces';
    const g = await transformInline(
      { id: S, type: 'Microsoft.ApiManagement/service', name: 'apim-contoso-prod', properties: {} },
      { id: W, type: WS, name: 'ws-payments', properties: { displayName: 'Payments' } },
      { id: `${W}/policies/policy`, type: `${WS}/policies`, name: 'policy', properties: { format: 'rawxml', value: '<policies><inbound><base /><validate-jwt header-name="Authorization" /></inbound></policies>' } },
      { id: `${W}/policyFragments/jwt`, type: `${WS}/policyFragments`, name: 'jwt', properties: { format: 'rawxml', value: '<fragment><validate-jwt header-name="Authorization" /></fragment>' } },
      { id: `${W}/namedValues/key`, type: `${WS}/namedValues`, name: 'key', properties: { displayName: 'partner-key', secret: true, value: 'SECRET-ws' } },
    );
    expect(g.nodeTuples).toEqual(
      expect.arrayContaining([`ApiWorkspace ${W}`, `ApiPolicyFragment ${W}/policyfragments/jwt`, `ApiNamedValue ${W}/namedvalues/key`]),
    );
    expect(g.edgeTuples).toEqual(
      expect.arrayContaining([`${S} -CONTAINS-> ${W}`, `${W} -CONTAINS-> ${W}/policyfragments/jwt`, `${W} -CONTAINS-> ${W}/namedvalues/key`]),
    );
    expect(g.edgeTuples).not.toContain(`${S} -CONTAINS-> ${W}/policyfragments/jwt`);
    expect(g.node(W).properties).toMatchObject({ displayName: 'Payments', policy: expect.stringContaining('<validate-jwt') });
    expect(g.text).not.toContain('SECRET-');
  });

  it('rejects a subscription row without a scope, naming the row', async () => {
    const row = {
      id: `${S}/subscriptions/x`,
      type: 'Microsoft.ApiManagement/service/subscriptions',
      properties: { state: 'active' },
    };
    await expect(transformInline(row)).rejects.toThrow(InputError);
  });

  it('skips policy rows that only link to the policy', async () => {
    const g = await transformInline({
      id: `${ORDERS}/policies/policy`,
      type: 'Microsoft.ApiManagement/service/apis/policies',
      properties: { format: 'rawxml-link', value: 'https://example.blob.core.windows.net/policies/orders.xml' },
    });
    expect(g.has(ORDERS)).toBe(false);
  });
});

describe('maskPolicySecrets', () => {
  it.each([
    [
      'a SAS signature in an xml-escaped URL',
      '<set-backend-service base-url="https://x/run?sv=1.0&amp;sig=abc123" />',
      '&amp;sig=[redacted]"',
    ],
    [
      'a storage connection string',
      '<set-variable name="c" value="AccountName=a;AccountKey=abc123==;" />',
      'AccountKey=[redacted];',
    ],
    [
      'a basic authentication password',
      '<authentication-basic username="svc" password="abc123" />',
      'password="[redacted]"',
    ],
    [
      'a symmetric signing key',
      '<validate-jwt><issuer-signing-keys><key>abc123</key></issuer-signing-keys></validate-jwt>',
      '<key>[redacted]</key>',
    ],
    [
      'a set-query-parameter code',
      '<set-query-parameter name="code" exists-action="override"><value>abc123</value></set-query-parameter>',
      '<value>[redacted]</value>',
    ],
  ])('masks %s', (_, xml, expected) => {
    const masked = maskPolicySecrets(xml);
    expect(masked).toContain(expected);
    expect(masked).not.toContain('abc123');
  });

  it('does not let a self-closing element swallow the next one', () => {
    const xml =
      '<set-header name="x-functions-key" exists-action="delete" /><set-header name="X-Env"><value>prod</value></set-header>';
    expect(maskPolicySecrets(xml)).toBe(xml);
  });

  it('keeps named values and expressions in secret positions', () => {
    const xml =
      '<set-header name="x-functions-key"><value>{{fn-key}}</value></set-header><set-backend-service base-url="https://x/api?code={{fn-code}}" />';
    expect(maskPolicySecrets(xml)).toBe(xml);
  });
});
