import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/util/errors.js';
import { SUB, SUB_ID, rg, transformFixtures, transformInline } from './fixture-graph.js';

const APP = `${rg('rg-app-prod')}/providers`;
const INTAKE = `${APP}/microsoft.logic/workflows/la-invoice-intake`;
const WEBHOOK = `${APP}/microsoft.logic/workflows/la-order-webhook`;
const NIGHTLY = `${APP}/microsoft.logic/workflows/la-nightly-export`;
const STANDARD = `${APP}/microsoft.web/sites/las-fulfilment-prod`;
const SHIP = `${STANDARD}/workflows/ship-order`;
const CANCEL = `${STANDARD}/workflows/cancel-order`;

describe('Logic Apps transforms', () => {
  it('makes a Consumption workflow a LogicApp with an Api of its Request triggers', async () => {
    const g = await transformFixtures('logic');
    expect(g.nodeTuples).toEqual(
      expect.arrayContaining([
        `LogicApp ${INTAKE}`,
        `Api ${INTAKE}/apis/workflow`,
        `ApiEndpoint ${INTAKE}/triggers/manual`,
        `ManagedIdentity ${INTAKE}/identities/system`,
        `LogicApp ${WEBHOOK}`,
        `Api ${WEBHOOK}/apis/workflow`,
        `ApiEndpoint ${WEBHOOK}/triggers/when_a_http_request_is_received`,
        `LogicApp ${NIGHTLY}`,
      ]),
    );
    expect(g.edgeTuples).toEqual(
      expect.arrayContaining([
        `${SUB_ID} -CONTAINS-> ${INTAKE}`,
        `${INTAKE} -CONTAINS-> ${INTAKE}/apis/workflow`,
        `${INTAKE}/apis/workflow -CONTAINS-> ${INTAKE}/triggers/manual`,
        `${INTAKE} -CAN_AUTHENTICATE_AS-> ${INTAKE}/identities/system`,
        `${WEBHOOK} -CONTAINS-> ${WEBHOOK}/apis/workflow`,
        `${WEBHOOK}/apis/workflow -CONTAINS-> ${WEBHOOK}/triggers/when_a_http_request_is_received`,
      ]),
    );
    expect(g.edges.every((e) => e.properties['subscriptionId'] === SUB)).toBe(true);
  });

  it('keeps accessControl as is and records the access endpoint and its addresses', async () => {
    const app = (await transformFixtures('logic')).node(INTAKE).properties;
    expect(app).toMatchObject({
      logicAppPlan: 'consumption',
      state: 'Enabled',
      accessEndpoint: 'https://prod-27.westeurope.logic.azure.com:443/workflows/0f1e2d3c4b5a49687766554433221100',
      accessEndpointIpAddresses: ['13.95.155.53', '52.174.54.218'],
      outboundIpAddresses: ['40.113.12.95', '52.174.54.218'],
    });
    expect(app['accessControl']).toEqual({
      triggers: {
        allowedCallerIpAddresses: [{ addressRange: '203.0.113.0/24' }, { addressRange: '198.51.100.10-198.51.100.20' }],
        openAuthenticationPolicies: {
          policies: {
            'entra-partners': {
              type: 'AAD',
              claims: [
                { name: 'iss', value: 'https://sts.windows.net/6b0f2c1d-4e8a-4c7b-9f3e-2a1d5c6e7f80/' },
                { name: 'aud', value: 'https://management.core.windows.net/' },
              ],
            },
          },
        },
        sasAuthenticationPolicy: { state: 'Disabled' },
      },
      contents: { allowedCallerIpAddresses: [] },
    });
  });

  it('records on each Request trigger its method, path, callback URL (no query) and the access control facts', async () => {
    const g = await transformFixtures('logic');
    expect(g.node(`${INTAKE}/triggers/manual`).properties).toMatchObject({
      // `<workflow>/<trigger>`: every Request trigger is "manual" until renamed, so the workflow names it.
      name: 'la-invoice-intake/manual',
      endpointSource: 'logicapp',
      method: 'POST',
      urlTemplate: '/invoices/{tenant}',
      url: 'https://prod-27.westeurope.logic.azure.com:443/workflows/0f1e2d3c4b5a49687766554433221100/triggers/manual/paths/invoke/invoices/{tenant}',
      sasEnabled: false,
      oauthPolicies: ['entra-partners'],
      allowedCallerIpAddresses: ['203.0.113.0/24', '198.51.100.10-198.51.100.20'],
    });
  });

  it('defaults a trigger without accessControl to SAS on, any caller, no OAuth; any method at /', async () => {
    const trigger = (await transformFixtures('logic')).node(
      `${WEBHOOK}/triggers/when_a_http_request_is_received`,
    ).properties;
    expect(trigger).toMatchObject({
      name: 'la-order-webhook/When_a_HTTP_request_is_received',
      method: '*',
      urlTemplate: '/',
      url: 'https://prod-05.westeurope.logic.azure.com:443/workflows/1a2b3c4d5e6f47889900aabbccddeeff/triggers/When_a_HTTP_request_is_received/run',
      sasEnabled: true,
      oauthPolicies: [],
    });
    expect(trigger['allowedCallerIpAddresses']).toBeUndefined();
  });

  it('gives a workflow without Request triggers no Api', async () => {
    const g = await transformFixtures('logic');
    expect(g.node(NIGHTLY).properties).toMatchObject({ state: 'Disabled', logicAppPlan: 'consumption' });
    expect(g.has(`${NIGHTLY}/apis/workflow`)).toBe(false);
  });

  it('reads Standard workflows (files[workflow.json] or definition) as Apis of the workflowapp site', async () => {
    const g = await transformFixtures('logic');
    expect(g.nodeTuples).toEqual(
      expect.arrayContaining([
        `LogicApp ${STANDARD}`,
        `Api ${SHIP}/apis/workflow`,
        `ApiEndpoint ${SHIP}/triggers/when_a_http_request_is_received`,
        `Api ${CANCEL}/apis/workflow`,
        `ApiEndpoint ${CANCEL}/triggers/manual`,
      ]),
    );
    expect(g.has(`${CANCEL}/triggers/every_hour`)).toBe(false);
    expect(g.edgeTuples).toEqual(
      expect.arrayContaining([
        `${STANDARD} -CONTAINS-> ${SHIP}/apis/workflow`,
        `${SHIP}/apis/workflow -CONTAINS-> ${SHIP}/triggers/when_a_http_request_is_received`,
        `${STANDARD} -CONTAINS-> ${CANCEL}/apis/workflow`,
        `${CANCEL}/apis/workflow -CONTAINS-> ${CANCEL}/triggers/manual`,
      ]),
    );
    expect(g.node(STANDARD).properties).toMatchObject({ logicAppPlan: 'standard' });
    expect(g.node(`${SHIP}/apis/workflow`).properties).toMatchObject({
      name: 'ship-order',
      apiSource: 'logicapp',
      subscriptionId: SUB,
    });
    const ship = g.node(`${SHIP}/triggers/when_a_http_request_is_received`).properties;
    expect(ship).toMatchObject({ method: 'GET', urlTemplate: '/shipments/{orderId}', endpointSource: 'logicapp' });
    // The row does not say how Standard triggers authenticate: nothing is guessed.
    expect(ship['sasEnabled']).toBeUndefined();
    expect(g.node(`${CANCEL}/triggers/manual`).properties).toMatchObject({ method: 'DELETE', urlTemplate: '/' });
  });

  it('reads a workflow.json given as text, and rejects one that is not JSON', async () => {
    const row = (file: string) => ({
      id: `${STANDARD}/workflows/text-file`,
      type: 'microsoft.web/sites/workflows',
      properties: { files: { 'workflow.json': file } },
    });
    const definition = JSON.stringify({
      definition: { triggers: { manual: { type: 'Request', kind: 'Http', inputs: { method: 'PUT' } } } },
    });
    // The workflow's site comes with it: a workflow whose app is absent is left out as incomplete (no phantom API).
    const site = { id: STANDARD, type: 'Microsoft.Web/sites', kind: 'functionapp,workflowapp', properties: {} };
    expect(
      (await transformInline(site, row(definition))).node(`${STANDARD}/workflows/text-file/triggers/manual`).properties,
    ).toMatchObject({ method: 'PUT' });
    await expect(transformInline(row('{ not json'))).rejects.toThrow(InputError);
  });

  it('never stores the definition or parameters: no keys, SAS signatures or connection strings', async () => {
    const g = await transformFixtures('logic');
    expect(g.text).not.toContain('SECRET-');
    expect(g.text).not.toMatch(/sig=|x-functions-key|AccountKey/);
  });
});
