import type { LogShape } from './record.js';
import { isObject } from '../util/json.js';

/** The logical fields read from a gateway log row. */
export type LogField =
  | 'time'
  | 'gatewayId'
  | 'apiId'
  | 'apiRevision'
  | 'operationId'
  | 'method'
  | 'url'
  | 'responseCode'
  | 'callerIp'
  | 'apimSubscriptionId'
  | 'productId'
  | 'userId'
  | 'backendId'
  | 'backendUrl'
  | 'backendMethod'
  | 'backendResponseCode'
  | 'requestHeaders'
  | 'responseHeaders'
  | 'backendRequestHeaders'
  | 'backendResponseHeaders'
  | 'requestBody'
  | 'responseBody'
  | 'backendRequestBody'
  | 'backendResponseBody'
  | 'correlationId'
  | 'region'
  | 'isRequestSuccess'
  | 'totalTime'
  | 'backendTime'
  | 'clientProtocol'
  | 'clientTlsVersion'
  | 'category';

type Columns = Readonly<Record<LogField, readonly string[]>>;

/** `ApiManagementGatewayLogs` (resource-specific table): PascalCase columns (reference/azure-data.md §7.1). */
const GATEWAY_LOGS: Columns = {
  time: ['TimeGenerated'],
  gatewayId: ['_ResourceId', 'ResourceId'],
  apiId: ['ApiId'],
  apiRevision: ['ApiRevision'],
  operationId: ['OperationId'],
  method: ['Method'],
  url: ['Url'],
  responseCode: ['ResponseCode'],
  callerIp: ['CallerIpAddress'],
  apimSubscriptionId: ['ApimSubscriptionId'],
  productId: ['ProductId'],
  userId: ['UserId'],
  backendId: ['BackendId'],
  backendUrl: ['BackendUrl'],
  backendMethod: ['BackendMethod'],
  backendResponseCode: ['BackendResponseCode'],
  requestHeaders: ['RequestHeaders'],
  responseHeaders: ['ResponseHeaders'],
  backendRequestHeaders: ['BackendRequestHeaders'],
  backendResponseHeaders: ['BackendResponseHeaders'],
  requestBody: ['RequestBody'],
  responseBody: ['ResponseBody'],
  backendRequestBody: ['BackendRequestBody'],
  backendResponseBody: ['BackendResponseBody'],
  correlationId: ['CorrelationId'],
  region: ['Region'],
  isRequestSuccess: ['IsRequestSuccess'],
  totalTime: ['TotalTime'],
  backendTime: ['BackendTime'],
  clientProtocol: ['ClientProtocol'],
  clientTlsVersion: ['ClientTlsVersion'],
  category: ['Category'],
};

/**
 * Legacy `AzureDiagnostics`: properties flattened to camelCase plus a type suffix (`_s` string, `_d` double,
 * `_b` bool), common columns in PascalCase (`ResourceId` upper-case, `CallerIPAddress`). The header and body column
 * names follow the same flattening rule; they were not seen in a sample, so they are read when present.
 */
const AZURE_DIAGNOSTICS: Columns = {
  time: ['TimeGenerated'],
  gatewayId: ['ResourceId', '_ResourceId'],
  apiId: ['apiId_s'],
  apiRevision: ['apiRevision_s'],
  operationId: ['operationId_s'],
  method: ['method_s'],
  url: ['url_s'],
  responseCode: ['responseCode_d'],
  callerIp: ['CallerIPAddress', 'callerIpAddress_s'],
  apimSubscriptionId: ['apimSubscriptionId_s'],
  productId: ['productId_s'],
  userId: ['userId_s'],
  backendId: ['backendId_s'],
  backendUrl: ['backendUrl_s'],
  backendMethod: ['backendMethod_s'],
  backendResponseCode: ['backendResponseCode_d'],
  requestHeaders: ['requestHeaders_s'],
  responseHeaders: ['responseHeaders_s'],
  backendRequestHeaders: ['backendRequestHeaders_s'],
  backendResponseHeaders: ['backendResponseHeaders_s'],
  requestBody: ['requestBody_s'],
  responseBody: ['responseBody_s'],
  backendRequestBody: ['backendRequestBody_s'],
  backendResponseBody: ['backendResponseBody_s'],
  correlationId: ['CorrelationId'],
  region: ['Region_s', 'location_s'],
  isRequestSuccess: ['isRequestSuccess_b'],
  totalTime: ['totalTime_d', 'DurationMs'],
  backendTime: ['backendTime_d'],
  clientProtocol: ['clientProtocol_s'],
  clientTlsVersion: ['clientTlsVersion_s'],
  category: ['Category'],
};

/**
 * Diagnostic-setting archives (storage account `PT1H.json` blobs, Event Hub): the common schema of Azure resource
 * logs, camelCase, with the gateway's own fields under `properties`.
 */
const DIAGNOSTIC_ARCHIVE: Columns = {
  time: ['time'],
  gatewayId: ['resourceId'],
  apiId: ['properties.apiId'],
  apiRevision: ['properties.apiRevision'],
  operationId: ['properties.operationId'],
  method: ['properties.method'],
  url: ['properties.url'],
  responseCode: ['properties.responseCode'],
  callerIp: ['callerIpAddress'],
  apimSubscriptionId: ['properties.apimSubscriptionId'],
  productId: ['properties.productId'],
  userId: ['properties.userId'],
  backendId: ['properties.backendId'],
  backendUrl: ['properties.backendUrl'],
  backendMethod: ['properties.backendMethod'],
  backendResponseCode: ['properties.backendResponseCode'],
  requestHeaders: ['properties.requestHeaders'],
  responseHeaders: ['properties.responseHeaders'],
  backendRequestHeaders: ['properties.backendRequestHeaders'],
  backendResponseHeaders: ['properties.backendResponseHeaders'],
  requestBody: ['properties.requestBody'],
  responseBody: ['properties.responseBody'],
  backendRequestBody: ['properties.backendRequestBody'],
  backendResponseBody: ['properties.backendResponseBody'],
  correlationId: ['correlationId'],
  region: ['location'],
  isRequestSuccess: ['isRequestSuccess'],
  totalTime: ['durationMs', 'properties.totalTime'],
  backendTime: ['properties.backendTime'],
  clientProtocol: ['properties.clientProtocol'],
  clientTlsVersion: ['properties.clientTlsVersion'],
  category: ['category'],
};

export const SHAPE_COLUMNS: Readonly<Record<LogShape, Columns>> = {
  'gateway-logs': GATEWAY_LOGS,
  'azure-diagnostics': AZURE_DIAGNOSTICS,
  'diagnostic-archive': DIAGNOSTIC_ARCHIVE,
};

/** Which export a row comes from, by its columns. */
export function shapeOf(row: Readonly<Record<string, unknown>>): LogShape {
  if (row['Type'] === 'AzureDiagnostics' || 'url_s' in row || 'apiId_s' in row) return 'azure-diagnostics';
  if (isObject(row['properties']) && ('category' in row || 'time' in row)) return 'diagnostic-archive';
  return 'gateway-logs';
}

/**
 * AzureDiagnostics caps the table at 500 columns and moves the rest into `AdditionalFields` (a JSON object, or
 * its text), so a field missing from the row is looked up there too.
 */
function overflowOf(row: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  const extra = row['AdditionalFields'];
  if (isObject(extra)) return extra;
  if (typeof extra === 'string' && extra.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(extra);
      return isObject(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/** Column lookups split once: `properties.x` reads `x` under `properties`. */
type Lookup = readonly { readonly nested: boolean; readonly key: string }[];
function compile(columns: Columns): Record<LogField, Lookup> {
  const lookups = {} as Record<LogField, Lookup>;
  for (const field of Object.keys(columns) as LogField[]) {
    lookups[field] = columns[field].map((n) =>
      n.startsWith('properties.') ? { nested: true, key: n.slice(11) } : { nested: false, key: n },
    );
  }
  return lookups;
}
const LOOKUPS: Readonly<Record<LogShape, Record<LogField, Lookup>>> = {
  'gateway-logs': compile(GATEWAY_LOGS),
  'azure-diagnostics': compile(AZURE_DIAGNOSTICS),
  'diagnostic-archive': compile(DIAGNOSTIC_ARCHIVE),
};

/** A field's raw value in a row of the given shape; `undefined` when absent, null or empty. */
export function fieldOf(row: Readonly<Record<string, unknown>>, shape: LogShape, field: LogField): unknown {
  for (const { nested, key } of LOOKUPS[shape][field]) {
    let value: unknown;
    if (nested) {
      const properties = row['properties'];
      value = isObject(properties) ? properties[key] : undefined;
    } else value = row[key];
    if (present(value)) return value;
  }
  if (shape === 'azure-diagnostics' && 'AdditionalFields' in row) {
    const extra = overflowOf(row);
    for (const name of SHAPE_COLUMNS[shape][field]) if (extra && present(extra[name])) return extra[name];
  }
  return undefined;
}
