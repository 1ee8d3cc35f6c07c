/**
 * KQL for gateway traffic, aggregated in Log Analytics (query results are capped near 500,000 rows / 64 MB, so raw
 * rows are never pulled in bulk). Both tables are first projected to one set of columns; the aggregate and sample
 * queries then read only those.
 */

export type GatewayLogTable = 'ApiManagementGatewayLogs' | 'AzureDiagnostics';

/** Query parameters of the URL that carry credentials (see src/traffic/redact.ts). */
const CREDENTIAL_PARAMETERS =
  'sig|code|subscription-key|subscription_key|api-key|api_key|apikey|key|token|access_token|id_token';
const CREDENTIAL_HEADERS =
  'authorization|proxy-authorization|ocp-apim-subscription-key|x-functions-key|x-api-key|api-key|apikey|cookie';

/** `ApiManagementGatewayLogs`: the resource-specific table already has every column. */
const GATEWAY_LOGS_SOURCE = `ApiManagementGatewayLogs
| where Category == "GatewayLogs" or isempty(Category)
| project TimeGenerated, GatewayId = tolower(_ResourceId), ApiId, OperationId, Method, Url, ResponseCode = toint(ResponseCode),
    CallerIpAddress, ApimSubscriptionId, RequestHeaders, ResponseHeaders, RequestBody, ResponseBody,
    BackendRequestBody, BackendResponseBody, CorrelationId`;

/**
 * Legacy `AzureDiagnostics`: gateway rows of API Management only, flattened columns renamed; columns a workspace
 * may not have (headers and bodies are logged only when configured) are read with column_ifexists.
 */
const AZURE_DIAGNOSTICS_SOURCE = `AzureDiagnostics
| where ResourceProvider == "MICROSOFT.APIMANAGEMENT" and Category == "GatewayLogs"
| project TimeGenerated, GatewayId = tolower(ResourceId),
    ApiId = column_ifexists("apiId_s", ""), OperationId = column_ifexists("operationId_s", ""),
    Method = column_ifexists("method_s", ""), Url = column_ifexists("url_s", ""),
    ResponseCode = toint(column_ifexists("responseCode_d", real(null))), CallerIpAddress = CallerIPAddress,
    ApimSubscriptionId = column_ifexists("apimSubscriptionId_s", ""),
    RequestHeaders = todynamic(column_ifexists("requestHeaders_s", "")), ResponseHeaders = todynamic(column_ifexists("responseHeaders_s", "")),
    RequestBody = column_ifexists("requestBody_s", ""), ResponseBody = column_ifexists("responseBody_s", ""),
    BackendRequestBody = column_ifexists("backendRequestBody_s", ""), BackendResponseBody = column_ifexists("backendResponseBody_s", ""),
    CorrelationId`;

function source(table: GatewayLogTable): string {
  return table === 'AzureDiagnostics' ? AZURE_DIAGNOSTICS_SOURCE : GATEWAY_LOGS_SOURCE;
}

/**
 * Per endpoint key: the service, the API name without its revision, the operation; rows APIM did not map to an
 * operation (empty ApiId) are grouped by URL path instead, so they can still be matched by template here.
 */
const KEYS = `| extend ApiName = tolower(extract(@"^[^;]*", 0, ApiId)), RoutePath = iff(isempty(ApiId) or isempty(OperationId), tostring(parse_url(Url).Path), "")
| extend HeadersText = tostring(RequestHeaders)
| extend HeadersLogged = isnotempty(HeadersText) and HeadersText != "{}"
| extend CredentialHeader = HeadersText matches regex @'(?i)"(${CREDENTIAL_HEADERS})"\\s*:'
| extend AuthorizationHeader = HeadersText matches regex @'(?i)"authorization"\\s*:'
| extend CredentialInUrl = Url matches regex @'(?i)[?&#](${CREDENTIAL_PARAMETERS})=[^&#]'
| extend NoCredentialSeen = isempty(ApimSubscriptionId) and not(CredentialInUrl) and not(CredentialHeader)
| extend IsV4 = isnotnull(parse_ipv4(CallerIpAddress))
| extend CallerScope = case(
    isempty(CallerIpAddress), "unknown",
    IsV4 and (ipv4_is_private(CallerIpAddress) or ipv4_is_in_range(CallerIpAddress, "127.0.0.0/8")
      or ipv4_is_in_range(CallerIpAddress, "169.254.0.0/16") or ipv4_is_in_range(CallerIpAddress, "100.64.0.0/10")), "internal",
    IsV4, "external",
    isnotnull(parse_ipv6(CallerIpAddress)) and ipv6_is_in_any_range(CallerIpAddress, dynamic(["fc00::/7", "fe80::/10", "::1/128"])), "internal",
    isnotnull(parse_ipv6(CallerIpAddress)), "external",
    "unknown")`;

export function aggregateQuery(table: GatewayLogTable): string {
  return `${source(table)}
${KEYS}
| summarize Calls = count(), FirstCall = min(TimeGenerated), LastCall = max(TimeGenerated),
    R1xx = countif(ResponseCode between (100 .. 199)), R2xx = countif(ResponseCode between (200 .. 299)),
    R3xx = countif(ResponseCode between (300 .. 399)), R4xx = countif(ResponseCode between (400 .. 499)),
    R5xx = countif(ResponseCode between (500 .. 599)),
    Callers = dcount(CallerIpAddress), External = countif(CallerScope == "external"),
    Internal = countif(CallerScope == "internal"), UnknownCaller = countif(CallerScope == "unknown"),
    WithoutSubscription = countif(isempty(ApimSubscriptionId)), WithoutCredentialSeen = countif(NoCredentialSeen),
    WithoutCredentialHeadersLogged = countif(NoCredentialSeen and HeadersLogged),
    ServedWithoutCredentialSeen = countif(NoCredentialSeen and ResponseCode < 400),
    AuthorizationHeaderLogged = countif(AuthorizationHeader), Method = take_any(Method)
    by GatewayId, ApiName, OperationId, RoutePath`;
}

export interface SampleQueryOptions {
  /** Rows per endpoint key. */
  readonly size: number;
  /** Fraction of rows considered, 0–1. */
  readonly rate: number;
  readonly seed: number;
  /** Cap on all sample rows of the query. */
  readonly maxRows: number;
}

/**
 * A bounded, repeatable sample: rows are ranked by a hash of their correlation id and the seed (deterministic for
 * the same data, unlike rand()), thinned by the rate, and the first `size` of each endpoint key kept.
 */
export function sampleQuery(table: GatewayLogTable, options: SampleQueryOptions): string {
  const buckets = 1_000_000;
  const threshold = Math.round(options.rate * buckets);
  return `${source(table)}
| extend ApiName = tolower(extract(@"^[^;]*", 0, ApiId)), RoutePath = iff(isempty(ApiId) or isempty(OperationId), tostring(parse_url(Url).Path), "")
| extend SampleRank = hash(strcat(CorrelationId, "|", tostring(TimeGenerated), "|", "${options.seed}"), ${buckets})
| where SampleRank < ${threshold}
| extend SampleKey = strcat(GatewayId, "|", ApiName, "|", OperationId, "|", RoutePath)
| sort by SampleKey asc, SampleRank asc
| extend SampleRow = row_number(1, prev(SampleKey) != SampleKey)
| where SampleRow <= ${options.size}
| take ${options.maxRows}
| project TimeGenerated, _ResourceId = GatewayId, ApiId, OperationId, Method, Url, ResponseCode, CallerIpAddress,
    ApimSubscriptionId, RequestHeaders, ResponseHeaders, RequestBody, ResponseBody, BackendRequestBody, BackendResponseBody, CorrelationId`;
}
