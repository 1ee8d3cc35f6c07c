import { randomUUID } from 'node:crypto';
import { validateEdge, validateNode, type EdgeInput, type GraphEdge, type GraphNode, type NodeInput } from '../../src/model/index.js';
import type { RunContext } from '../../src/store/index.js';

export const node = (input: NodeInput): GraphNode => validateNode(input);
export const edge = (input: EdgeInput): GraphEdge => validateEdge(input);

let runCounter = 0;
export function newRun(startedAt = new Date(Date.UTC(2026, 0, 1, 0, 0, runCounter)).toISOString()): RunContext {
  runCounter += 1;
  return { runId: `run-${randomUUID()}`, startedAt };
}

/** A small estate in one subscription: gateway → api → two endpoints → function app → storage via identity. */
export function smallEstate(subscriptionId: string) {
  const base = `/subscriptions/${subscriptionId}/resourcegroups/rg-app/providers`;
  const ids = {
    subscription: `/subscriptions/${subscriptionId}`,
    gateway: `${base}/microsoft.apimanagement/service/apim-${subscriptionId.slice(0, 8)}`,
    api: `${base}/microsoft.apimanagement/service/apim-${subscriptionId.slice(0, 8)}/apis/orders`,
    getOrder: `${base}/microsoft.apimanagement/service/apim-${subscriptionId.slice(0, 8)}/apis/orders/operations/get-order`,
    createOrder: `${base}/microsoft.apimanagement/service/apim-${subscriptionId.slice(0, 8)}/apis/orders/operations/create-order`,
    app: `${base}/microsoft.web/sites/fn-orders`,
    identity: `${base}/microsoft.web/sites/fn-orders/identities/system`,
    storage: `${base}/microsoft.storage/storageaccounts/stdata`,
  };
  const az = { subscriptionId, resourceGroup: 'rg-app', location: 'westeurope' };
  const nodes = [
    node({ id: ids.subscription, kind: 'Subscription', properties: { name: 'sub', subscriptionId } }),
    node({
      id: ids.gateway,
      kind: 'ApiGateway',
      properties: { ...az, name: 'apim', virtualNetworkType: 'None', hostNames: ['apim.azure-api.net'], tags: { env: 'prod', owner: 'team-a' } },
    }),
    node({ id: ids.api, kind: 'Api', properties: { ...az, name: 'orders', path: 'orders', protocols: ['https'], subscriptionRequired: true } }),
    node({ id: ids.getOrder, kind: 'ApiEndpoint', properties: { ...az, name: 'get-order', method: 'GET', urlTemplate: '/orders/{id}', callCount: 12 } }),
    node({ id: ids.createOrder, kind: 'ApiEndpoint', properties: { ...az, name: 'create-order', method: 'POST', urlTemplate: '/orders', callCount: 3 } }),
    node({ id: ids.app, kind: 'FunctionApp', properties: { ...az, name: 'fn-orders', httpsOnly: false, defaultHostName: 'fn-orders.azurewebsites.net' } }),
    node({ id: ids.identity, kind: 'ManagedIdentity', properties: { ...az, name: 'fn-orders', identityType: 'SystemAssigned' } }),
    node({ id: ids.storage, kind: 'StorageAccount', properties: { ...az, name: 'stdata', allowBlobPublicAccess: true } }),
  ];
  const e = (kind: string, from: GraphNode, to: GraphNode, properties = {}) =>
    edge({ kind, from: from.id, fromKind: from.kind, to: to.id, toKind: to.kind, properties: { subscriptionId, ...properties } });
  const [subscription, gateway, api, getOrder, createOrder, app, identity] = nodes as [GraphNode, GraphNode, GraphNode, GraphNode, GraphNode, GraphNode, GraphNode, GraphNode];
  const edges = [
    e('CONTAINS', subscription, gateway),
    e('CONTAINS', gateway, api),
    e('CONTAINS', api, getOrder),
    e('CONTAINS', api, createOrder),
    e('CAN_AUTHENTICATE_AS', app, identity),
  ];
  return { ids, nodes, edges };
}
