/**
 * The closed vocabulary of the graph: node kinds, their families, edge kinds, insights and risk factors.
 * Every other part of apiposture takes its names from here; adding a member fails to compile until each
 * `switch` over the union handles it.
 */

export const NODE_KINDS = [
  'ApiGateway',
  'ApiWorkspace',
  'Api',
  'ApiEndpoint',
  'ApiProduct',
  'ApiBackend',
  'ApiSubscription',
  'ApiPolicyFragment',
  'ApiNamedValue',
  'VirtualMachine',
  'VirtualMachineScaleSet',
  'WebApp',
  'FunctionApp',
  'LogicApp',
  'ContainerApp',
  'ContainerAppsEnvironment',
  'ContainerGroup',
  'KubernetesCluster',
  'PublicIpAddress',
  'NetworkInterface',
  'NetworkSecurityGroup',
  'VirtualNetwork',
  'Subnet',
  'PrivateEndpoint',
  'LoadBalancer',
  'ApplicationGateway',
  'FrontDoor',
  'ServiceTag',
  'StorageAccount',
  'SqlServer',
  'SqlDatabase',
  'CosmosDbAccount',
  'KeyVault',
  'PostgreSqlServer',
  'MySqlServer',
  'ManagedIdentity',
  'RoleAssignment',
  'RoleDefinition',
  'Subscription',
  'ResourceGroup',
  'SensitiveInfoType',
  'SensitivityLabel',
  'Finding',
  'AttackPath',
  'ChokePoint',
  'RemediationPlan',
  'GoalSubject',
  'Internet',
  'ExternalHost',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** Family labels: every node carries its kind's label and its family's label. */
export const FAMILIES = [
  'ApiAsset',
  'Compute',
  'Network',
  'DataStore',
  'Identity',
  'Tenancy',
  'Classification',
  'AnalysisResult',
  'External',
] as const;
export type Family = (typeof FAMILIES)[number];

export const EDGE_KINDS = [
  'CONTAINS',
  'ATTACHED_TO',
  'CAN_AUTHENTICATE_AS',
  'CAN_REACH',
  'ROUTES_TO',
  'CALLS',
  'HAS_PERMISSION_TO',
  'EXPOSES_DATA',
  'HAS_LABEL',
  'AFFECTS',
  'TRAVERSES',
  'INCLUDES',
] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

/** The only edges the attack path engine walks (BloodHound's lesson: informational edges are never traversed). */
export const TRAVERSABLE_EDGES = [
  'CAN_REACH',
  'CONTAINS',
  'ROUTES_TO',
  'CALLS',
  'CAN_AUTHENTICATE_AS',
  'HAS_PERMISSION_TO',
] as const satisfies readonly EdgeKind[];
export type TraversableEdge = (typeof TRAVERSABLE_EDGES)[number];

export const INSIGHTS = [
  'InternetExposed',
  'AllowsAnonymousAccess',
  'UnencryptedAccess',
  'Inactive',
  'AwaitingData',
  'SensitiveData',
  'GatewayBypass',
  'PublicDataAccess',
  'WeakTlsAllowed',
] as const;
export type Insight = (typeof INSIGHTS)[number];

export const RISK_FACTORS = [
  'InternetExposure',
  'AllowsAnonymousAccess',
  'UnencryptedAccess',
  'SensitiveData',
  'LateralMovement',
  'PermissionLevel',
  'GatewayBypass',
  'Inactive',
  'SharedServiceExposure',
] as const;
export type RiskFactor = (typeof RISK_FACTORS)[number];

export const RISK_LEVELS = ['critical', 'high', 'medium', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export function isNodeKind(value: string): value is NodeKind {
  return (NODE_KINDS as readonly string[]).includes(value);
}

export function isEdgeKind(value: string): value is EdgeKind {
  return (EDGE_KINDS as readonly string[]).includes(value);
}

export function isInsight(value: string): value is Insight {
  return (INSIGHTS as readonly string[]).includes(value);
}

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${String(value)}`);
}
