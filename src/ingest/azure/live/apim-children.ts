import type { ApiContract, OperationContract } from '@azure/arm-apimanagement';
import type { ArmShape } from './arm-shape.js';
import type { ChildFetch, OnResponse, ParentResource } from './child-fetch.js';

const SERVICE = 'Microsoft.ApiManagement/service';

/** `ApiContract.apiType` is `properties.type` on the wire (apim mappers). */
const apiShape = (type: string): ArmShape => ({ type, renames: { apiType: 'type' } });
/** `BackendContract.typePropertiesType` is `properties.type` (Single / Pool). */
const BACKEND: ArmShape = { type: `${SERVICE}/backends`, renames: { typePropertiesType: 'type' } };
const PRODUCT: ArmShape = { type: `${SERVICE}/products` };
/** Subscriptions: which scope a key opens, its owner and whether it is active; the keys themselves are never copied. */
const SUBSCRIPTION: ArmShape = { type: `${SERVICE}/subscriptions`, drop: ['primaryKey', 'secondaryKey'] };
const WORKSPACE: ArmShape = { type: `${SERVICE}/workspaces` };
const POLICY_FRAGMENT: ArmShape = { type: `${SERVICE}/policyFragments` };
/** Named values: ARM lists secret and Key Vault values without their value; the transform never reads one anyway. */
const NAMED_VALUE: ArmShape = { type: `${SERVICE}/namedValues` };

/**
 * Policy GET options: `format: rawxml` returns policy expressions unescaped, as authors wrote them. Policies are
 * read from the response body: `apiPolicy.get` is generated as an XML operation, and its deserializer drops
 * `properties.value` from ARM's JSON answer (Azure/azure-sdk-for-js#31566); every scope is read the same way.
 */
const policyOptions = (onResponse: OnResponse) => ({ format: 'rawxml', onResponse }) as const;

/** The policy row: ARM's JSON as sent, or, should ARM answer with the policy document itself, a row around it. */
function policyRow(path: string, type: string) {
  return (body: string, contentType: string): Record<string, unknown> => {
    if (/xml/i.test(contentType) && !/json/i.test(contentType)) {
      return { id: path, name: 'policy', type, properties: { format: 'rawxml', value: body } };
    }
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error(`${path}: policy answer is not a JSON object`);
    return parsed as Record<string, unknown>;
  };
}

type PolicyGet = (onResponse: OnResponse) => Promise<unknown>;

/** APIs of the service itself or of one of its workspaces: the same children, through different SDK groups. */
interface ApiScope {
  /** ARM path of the scope: the service, or `<service>/workspaces/<ws>`. */
  readonly path: string;
  /** ARM type prefix of the scope's children. */
  readonly type: string;
  /** SDK group prefix for failure reports. */
  readonly sdk: string;
  listApis(): AsyncIterable<ApiContract>;
  listOperations(apiId: string): AsyncIterable<OperationContract>;
  getApiPolicy(apiId: string): PolicyGet;
  getOperationPolicy(apiId: string, operationId: string): PolicyGet;
}

function serviceScope(service: ParentResource, fetch: ChildFetch): ApiScope {
  const client = fetch.clients.apim(service.subscriptionId);
  const rg = service.resourceGroup;
  const svc = service.name;
  return {
    path: service.id,
    type: SERVICE,
    sdk: 'apim',
    listApis: () => client.api.listByService(rg, svc),
    listOperations: (api) => client.apiOperation.listByApi(rg, svc, api),
    getApiPolicy: (api) => (on) => client.apiPolicy.get(rg, svc, api, 'policy', policyOptions(on)),
    getOperationPolicy: (api, op) => (on) =>
      client.apiOperationPolicy.get(rg, svc, api, op, 'policy', policyOptions(on)),
  };
}

function workspaceScope(service: ParentResource, fetch: ChildFetch, workspace: string): ApiScope {
  const client = fetch.clients.apim(service.subscriptionId);
  const rg = service.resourceGroup;
  const svc = service.name;
  return {
    path: `${service.id}/workspaces/${workspace}`,
    type: `${SERVICE}/workspaces`,
    sdk: 'apim.workspace',
    listApis: () => client.workspaceApi.listByService(rg, svc, workspace),
    listOperations: (api) => client.workspaceApiOperation.listByApi(rg, svc, workspace, api),
    getApiPolicy: (api) => (on) => client.workspaceApiPolicy.get(rg, svc, workspace, api, 'policy', policyOptions(on)),
    getOperationPolicy: (api, op) => (on) =>
      client.workspaceApiOperationPolicy.get(rg, svc, workspace, api, op, 'policy', policyOptions(on)),
  };
}

/** One policy GET; 404 means the scope has no policy of its own. */
function policy(
  fetch: ChildFetch,
  parent: ParentResource,
  operation: string,
  path: string,
  type: string,
  get: PolicyGet,
) {
  return fetch.getBody(parent, operation, path, get, policyRow(path, type));
}

/** Only the current revision is what callers reach; other revisions (`api;rev=N`) are not read further. */
const isCurrent = (api: ApiContract) => api.isCurrent !== false && !(api.name ?? '').includes(';rev=');

async function fetchOperations(
  service: ParentResource,
  scope: ApiScope,
  fetch: ChildFetch,
  apiId: string,
): Promise<void> {
  const apiPath = `${scope.path}/apis/${apiId}`;
  const [operations] = await Promise.all([
    fetch.list(
      service,
      `${scope.sdk}.apiOperation.listByApi`,
      `${apiPath}/operations`,
      () => scope.listOperations(apiId),
      {
        type: `${scope.type}/apis/operations`,
      },
    ),
    policy(
      fetch,
      service,
      `${scope.sdk}.apiPolicy.get`,
      `${apiPath}/policies/policy`,
      `${scope.type}/apis/policies`,
      scope.getApiPolicy(apiId),
    ),
  ]);
  await Promise.all(
    (operations ?? []).map((operation) => {
      const operationId = operation.name ?? '';
      return policy(
        fetch,
        service,
        `${scope.sdk}.apiOperationPolicy.get`,
        `${apiPath}/operations/${operationId}/policies/policy`,
        `${scope.type}/apis/operations/policies`,
        scope.getOperationPolicy(apiId, operationId),
      );
    }),
  );
}

async function fetchApis(service: ParentResource, scope: ApiScope, fetch: ChildFetch): Promise<void> {
  const apis = await fetch.list(
    service,
    `${scope.sdk}.api.listByService`,
    `${scope.path}/apis`,
    () => scope.listApis(),
    apiShape(`${scope.type}/apis`),
  );
  await Promise.all(
    (apis ?? []).filter(isCurrent).map((api) => fetchOperations(service, scope, fetch, api.name ?? '')),
  );
}

async function fetchProducts(service: ParentResource, fetch: ChildFetch): Promise<void> {
  const client = fetch.clients.apim(service.subscriptionId);
  const { resourceGroup: rg, name: svc } = service;
  const products = await fetch.list(
    service,
    'apim.product.listByService',
    `${service.id}/products`,
    () => client.product.listByService(rg, svc),
    PRODUCT,
  );
  await Promise.all(
    (products ?? []).map((product) => {
      const productId = product.name ?? '';
      const path = `${service.id}/products/${productId}`;
      return Promise.all([
        fetch.list(
          service,
          'apim.productApi.listByProduct',
          `${path}/apis`,
          () => client.productApi.listByProduct(rg, svc, productId),
          apiShape(`${SERVICE}/products/apis`),
        ),
        policy(
          fetch,
          service,
          'apim.productPolicy.get',
          `${path}/policies/policy`,
          `${SERVICE}/products/policies`,
          (on) => client.productPolicy.get(rg, svc, productId, 'policy', policyOptions(on)),
        ),
      ]);
    }),
  );
}

/**
 * Workspaces hold APIs, a policy, fragments and named values of their own (`…/service/<svc>/workspaces/<ws>/…`).
 * Tiers without workspaces answer
 * the list with 400 or 404, which means "none" here.
 */
async function fetchWorkspaces(service: ParentResource, fetch: ChildFetch): Promise<void> {
  const client = fetch.clients.apim(service.subscriptionId);
  const workspaces = await fetch.list(
    service,
    'apim.workspace.listByService',
    `${service.id}/workspaces`,
    () => client.workspace.listByService(service.resourceGroup, service.name),
    WORKSPACE,
    { absentOn: [400] },
  );
  await Promise.all((workspaces ?? []).map((ws) => fetchWorkspace(service, fetch, ws.name ?? '')));
}

/**
 * One workspace: its APIs, and what its policies compose with and resolve against: the workspace-scope policy,
 * its policy fragments and its named values (workspace policies see these before the service's).
 */
async function fetchWorkspace(service: ParentResource, fetch: ChildFetch, workspace: string): Promise<void> {
  const client = fetch.clients.apim(service.subscriptionId);
  const { resourceGroup: rg, name: svc } = service;
  const path = `${service.id}/workspaces/${workspace}`;
  await Promise.all([
    fetchApis(service, workspaceScope(service, fetch, workspace), fetch),
    policy(fetch, service, 'apim.workspacePolicy.get', `${path}/policies/policy`, `${SERVICE}/workspaces/policies`, (on) =>
      client.workspacePolicy.get(rg, svc, workspace, 'policy', policyOptions(on)),
    ),
    fetch.list(
      service,
      'apim.workspacePolicyFragment.listByService',
      `${path}/policyFragments`,
      () => client.workspacePolicyFragment.listByService(rg, svc, workspace),
      { type: `${SERVICE}/workspaces/policyFragments` },
    ),
    fetch.list(
      service,
      'apim.workspaceNamedValue.listByService',
      `${path}/namedValues`,
      () => client.workspaceNamedValue.listByService(rg, svc, workspace),
      { type: `${SERVICE}/workspaces/namedValues` },
    ),
  ]);
}

/**
 * Everything under an API Management service that Resource Graph does not hold: APIs and operations (also in
 * workspaces), raw-XML policies at global, product, API and operation scope, policy fragments, named values
 * (display names and plain values), backends, products with their APIs, and subscriptions (scope and state only).
 */
export async function fetchApimChildren(service: ParentResource, fetch: ChildFetch): Promise<void> {
  const client = fetch.clients.apim(service.subscriptionId);
  const { resourceGroup: rg, name: svc } = service;
  await Promise.all([
    policy(fetch, service, 'apim.policy.get', `${service.id}/policies/policy`, `${SERVICE}/policies`, (on) =>
      client.policy.get(rg, svc, 'policy', policyOptions(on)),
    ),
    fetchApis(service, serviceScope(service, fetch), fetch),
    fetch.list(
      service,
      'apim.backend.listByService',
      `${service.id}/backends`,
      () => client.backend.listByService(rg, svc),
      BACKEND,
    ),
    fetchProducts(service, fetch),
    fetch.list(
      service,
      'apim.policyFragment.listByService',
      `${service.id}/policyFragments`,
      () => client.policyFragment.listByService(rg, svc),
      POLICY_FRAGMENT,
    ),
    fetch.list(service, 'apim.namedValue.listByService', `${service.id}/namedValues`, () => client.namedValue.listByService(rg, svc), NAMED_VALUE),
    fetch.list(
      service,
      'apim.subscription.list',
      `${service.id}/subscriptions`,
      () => client.subscription.list(rg, svc),
      SUBSCRIPTION,
    ),
    fetchWorkspaces(service, fetch),
  ]);
}
