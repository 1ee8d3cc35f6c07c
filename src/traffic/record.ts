/**
 * One API Management gateway log row, whatever table or export it came from, after redaction. Nothing that can
 * authenticate a caller (keys, SAS signatures, tokens, cookies) survives into this type: URLs and header values are
 * redacted by the reader before a record exists.
 */

/** Where a row came from: the resource-specific table, the legacy AzureDiagnostics table, or a storage/Event Hub archive. */
export type LogShape = 'gateway-logs' | 'azure-diagnostics' | 'diagnostic-archive';

export interface LogPosition {
  readonly file: string;
  /** 0-based position of the row within its file. */
  readonly index: number;
  /** 1-based line where the row starts, when known. */
  readonly line?: number;
}

/** Logged headers, name → value, with credential values replaced by `[REDACTED]`. */
export type LoggedHeaders = Readonly<Record<string, string>>;

export interface GatewayLogRecord {
  readonly position: LogPosition;
  readonly shape: LogShape;
  /** ISO time the gateway started processing the request (`TimeGenerated`). */
  readonly time: string;
  readonly timeMs: number;
  /** The API Management service, lower-cased ARM id (`_ResourceId` / `ResourceId`). */
  readonly gatewayId?: string;
  /** APIM API name (`orders-api`, maybe with `;rev=N`), not an ARM id. */
  readonly apiId?: string;
  readonly apiRevision?: string;
  /** APIM operation name (`get-order`), not an ARM id. */
  readonly operationId?: string;
  readonly method?: string;
  /** Request URL with credentials redacted. */
  readonly url?: string;
  readonly responseCode?: number;
  /** The immediate caller: may be an Application Gateway or Front Door rather than the client. */
  readonly callerIp?: string;
  /** Name of the APIM subscription the call was made with (an id, never a key). */
  readonly apimSubscriptionId?: string;
  readonly productId?: string;
  readonly userId?: string;
  readonly backendId?: string;
  readonly backendUrl?: string;
  readonly backendMethod?: string;
  readonly backendResponseCode?: number;
  /** Only headers the APIM diagnostic was configured to log; absent when none were logged. */
  readonly requestHeaders?: LoggedHeaders;
  readonly responseHeaders?: LoggedHeaders;
  readonly backendRequestHeaders?: LoggedHeaders;
  readonly backendResponseHeaders?: LoggedHeaders;
  /** Bodies, only when the diagnostic logs body bytes; handed to the classifier, never stored. */
  readonly requestBody?: string;
  readonly responseBody?: string;
  readonly backendRequestBody?: string;
  readonly backendResponseBody?: string;
  readonly correlationId?: string;
  readonly region?: string;
  readonly isRequestSuccess?: boolean;
  readonly totalTimeMs?: number;
  readonly backendTimeMs?: number;
  readonly clientProtocol?: string;
  readonly clientTlsVersion?: string;
  /** The request URL carried a credential in its query or fragment (`code=`, `sig=`, `subscription-key=`, …). */
  readonly credentialInUrl: boolean;
  /** Request headers were logged and one of them carries a credential; absent when no request header was logged. */
  readonly credentialInHeaders?: boolean;
  /** Request headers were logged and include `Authorization`; absent when no request header was logged. */
  readonly authorizationHeader?: boolean;
}
