import type { EdgeDeclaration } from './declare.js';
import { NODE_KINDS, type EdgeKind, type NodeKind } from './kinds.js';
import { NODE_DECLARATIONS } from './nodes.js';
import { kindsOfFamily as kindsOf } from './families.js';

const AZURE_RESOURCES = NODE_DECLARATIONS.filter((d) => d.subscriptionScoped).map((d) => d.kind);
const BACKENDS: NodeKind[] = [...kindsOf('Compute', 'DataStore'), 'ApiGateway', 'ApplicationGateway', 'LoadBalancer', 'FrontDoor', 'PublicIpAddress', 'NetworkInterface', 'ExternalHost', 'Api'];
/** What findings and paths point at: every kind but analysis results. */
const ASSET_KINDS: NodeKind[] = NODE_KINDS.filter((k) => !kindsOf('AnalysisResult').includes(k));
const ENTRY_POINTS: NodeKind[] = [...kindsOf('ApiAsset', 'Compute', 'DataStore'), 'PublicIpAddress', 'LoadBalancer', 'ApplicationGateway', 'FrontDoor'];

/** One declaration per edge kind. `from`/`to` list the kinds an edge of this kind may join. */
export const EDGE_DECLARATIONS: readonly EdgeDeclaration[] = [
  {
    kind: 'CONTAINS',
    description: 'Containment: subscription → resource group → resource, gateway → workspace → fragment/named value, gateway → API → endpoint, VNet → subnet',
    derived: false,
    from: ['Subscription', 'ResourceGroup', 'ApiGateway', 'ApiWorkspace', 'Api', 'VirtualNetwork', 'FunctionApp', 'LogicApp', 'WebApp', 'SqlServer', 'FrontDoor', 'LoadBalancer', 'ApplicationGateway'],
    to: AZURE_RESOURCES,
    properties: {},
  },
  {
    kind: 'ATTACHED_TO',
    description: 'Network attachment: NIC → subnet/VM, NSG → subnet/NIC, public IP → NIC/LB/app gateway, private endpoint → subnet',
    derived: false,
    from: ['NetworkInterface', 'NetworkSecurityGroup', 'PublicIpAddress', 'PrivateEndpoint', 'ApiGateway', 'ApplicationGateway', 'LoadBalancer', 'WebApp', 'FunctionApp', 'LogicApp', 'ContainerApp', 'ContainerGroup', 'KubernetesCluster', 'VirtualMachineScaleSet'],
    to: [...kindsOf('Network', 'Compute', 'DataStore'), 'ApiGateway'],
    properties: {},
  },
  {
    kind: 'CAN_AUTHENTICATE_AS',
    description: 'A compute resource, gateway or data store runs with a managed identity',
    derived: false,
    from: [...kindsOf('Compute', 'DataStore'), 'ApiGateway'],
    to: ['ManagedIdentity'],
    properties: {},
  },
  {
    kind: 'CAN_REACH',
    description: 'The internet reaches an entry point, on ports, with the evidence chain',
    derived: true,
    from: ['Internet'],
    to: ENTRY_POINTS,
    properties: {
      ports: { type: 'string[]', description: 'Ports or port ranges open to the internet ("443", "8000-8080", "53/udp")' },
      scope: { type: 'string', description: 'any (the internet at large) or restricted (named public ranges only)' },
      evidence: { type: 'json', description: 'The chain of configuration that makes the target reachable' },
      sharedServiceTags: {
        type: 'string[]',
        description: 'Service tags (or "allow Azure services" switches) through which other tenants of a shared service get in',
      },
    },
  },
  {
    kind: 'ROUTES_TO',
    description: 'An endpoint or API forwards to a backend; a load balancer, application gateway or Front Door forwards to its backend',
    derived: true,
    from: ['ApiEndpoint', 'Api', 'LoadBalancer', 'ApplicationGateway', 'FrontDoor', 'PublicIpAddress', 'NetworkInterface'],
    to: BACKENDS,
    properties: {
      resolvedBy: { type: 'string', description: 'How the backend was resolved: set-backend-service, serviceUrl, host name match, …' },
      backendUrl: { type: 'string', description: 'The backend URL' },
      condition: { type: 'string', description: 'APIM: the policy branch that routes here (choose conditions taken); absent when every forwarded request does' },
    },
  },
  {
    kind: 'CALLS',
    description: 'An APIM endpoint makes the gateway call a resource or outside host itself (send-request, send-one-way-request)',
    derived: true,
    from: ['ApiEndpoint'],
    to: [...kindsOf('Compute', 'DataStore'), 'ApiGateway', 'ExternalHost'],
    properties: {
      url: { type: 'string', description: 'The set-url of the call, named values resolved' },
      method: { type: 'string', description: 'HTTP method' },
      policy: { type: 'string', description: 'send-request or send-one-way-request' },
      mode: { type: 'string', description: "new, or copy: the caller's own headers (credentials included) and body travel to the URL" },
      condition: { type: 'string', description: 'The policy branch that makes the call; on-error for error handling; absent when every request does' },
      identityId: { type: 'string', description: "Id of the gateway's managed identity the call authenticates as (authentication-managed-identity)" },
      tokenResource: { type: 'string', description: 'The token audience of authentication-managed-identity' },
      accessLevel: { type: 'string', description: "read, write or admin: what the gateway's identity may do on the target (its role assignments)" },
      roles: { type: 'string[]', description: "The identity's roles on the target" },
      resolvedBy: { type: 'string', description: 'How the target was resolved from the URL' },
    },
  },
  {
    kind: 'HAS_PERMISSION_TO',
    description: 'An identity holds a role (or access policy) on a data store, following scope inheritance',
    derived: true,
    from: ['ManagedIdentity'],
    to: [...kindsOf('DataStore')],
    properties: {
      roles: { type: 'string[]', description: 'Role names or access policy summaries' },
      accessLevel: { type: 'string', description: 'read, write or admin' },
      scopes: { type: 'string[]', description: 'Scopes at which the roles were assigned' },
    },
  },
  {
    kind: 'EXPOSES_DATA',
    description: 'An endpoint carries a sensitive information type in its traffic',
    derived: true,
    from: ['ApiEndpoint'],
    to: ['SensitiveInfoType'],
    properties: {
      locations: { type: 'string[]', description: 'Where: path, query, requestHeader, requestBody, responseHeader, responseBody' },
      confidence: { type: 'string', description: 'high, medium or low' },
      responseClasses: { type: 'string[]', description: 'Response code classes, e.g. 2xx' },
    },
  },
  {
    kind: 'HAS_LABEL',
    description: 'An endpoint or data store carries a sensitivity label',
    derived: true,
    from: ['ApiEndpoint', ...kindsOf('DataStore')],
    to: ['SensitivityLabel'],
    properties: {},
  },
  {
    kind: 'AFFECTS',
    description: 'A finding is about an asset',
    derived: true,
    from: ['Finding'],
    to: ASSET_KINDS,
    properties: {},
  },
  {
    kind: 'TRAVERSES',
    description: 'An attack path passes through an asset, at a position',
    derived: true,
    from: ['AttackPath'],
    to: ASSET_KINDS,
    properties: { position: { type: 'number', description: '0-based step index' } },
  },
  {
    kind: 'INCLUDES',
    description: 'An API Management product includes an API (informational: never walked by the path engine)',
    derived: false,
    from: ['ApiProduct'],
    to: ['Api'],
    properties: {},
  },
];

const BY_KIND = new Map(EDGE_DECLARATIONS.map((d) => [d.kind, d]));

export function edgeDeclaration(kind: EdgeKind): EdgeDeclaration {
  const declaration = BY_KIND.get(kind);
  if (!declaration) throw new Error(`No declaration for edge kind ${kind}`);
  return declaration;
}

export const DERIVED_EDGE_KINDS: readonly EdgeKind[] = EDGE_DECLARATIONS.filter((d) => d.derived).map((d) => d.kind);
export const INGESTED_EDGE_KINDS: readonly EdgeKind[] = EDGE_DECLARATIONS.filter((d) => !d.derived).map((d) => d.kind);
