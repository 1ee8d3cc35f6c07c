import type { PropertyDeclarations } from './declare.js';

/** Properties every node carries, whatever its kind. */
export const COMMON_NODE_PROPERTIES: PropertyDeclarations = {
  id: { type: 'string', description: 'Unique id: the lower-cased ARM id for Azure resources' },
  name: { type: 'string', description: 'Display name', indexed: true },
  source: { type: 'string', description: 'Where the node came from: azure-export, azure-live, gateway-logs, analysis' },
  firstSeen: { type: 'string', description: 'ISO time of the first run that saw the node' },
  lastSeen: { type: 'string', description: 'ISO time of the last run that saw the node' },
  lastRunId: { type: 'string', description: 'The run that last wrote the node' },
  insights: { type: 'string[]', description: 'Insights found by the last analysis' },
  insightEvidence: { type: 'json', description: 'Evidence per insight: what configuration or traffic proved it' },
};

/** Properties of every Azure resource node. */
export const AZURE_RESOURCE_PROPERTIES: PropertyDeclarations = {
  subscriptionId: { type: 'string', description: 'Subscription GUID (lower case)', indexed: true },
  resourceGroup: { type: 'string', description: 'Resource group name (lower case)' },
  location: { type: 'string', description: 'Azure region' },
  tenantId: { type: 'string', description: 'Entra tenant GUID' },
  azureType: { type: 'string', description: 'ARM resource type, lower case' },
  tags: { type: 'json', description: 'ARM tags' },
};

/** Properties every edge carries. */
export const COMMON_EDGE_PROPERTIES: PropertyDeclarations = {
  derived: { type: 'boolean', description: 'True when computed by analysis; replaced on every analysis' },
  subscriptionId: { type: 'string', description: 'Subscription whose ingest run owns the edge (cleanup scope)' },
  lastRunId: { type: 'string', description: 'The run that last wrote the edge' },
  firstSeen: { type: 'string', description: 'ISO time of the first run that saw the edge' },
  lastSeen: { type: 'string', description: 'ISO time of the last run that saw the edge' },
};
