import { normalizeId } from '../model/arm-ids.js';
import { InputError } from '../util/errors.js';
import { detach } from './detach.js';
import type { GatewayLogRecord, LogPosition, LogShape, LoggedHeaders } from './record.js';
import { redactHeaders, redactUrl } from './redact.js';
import { fieldOf, shapeOf, type LogField } from './shapes.js';
import { bool, isObject, num, text } from '../util/json.js';

type Row = Readonly<Record<string, unknown>>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The portal's CSV export writes `5/14/2025, 9:21:07.412 AM` in a `TimeGenerated [UTC]` column. */
const PORTAL_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s+(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?\s*([AP]M)?$/i;

/** Milliseconds since the epoch, or NaN. ISO strings without a zone are UTC, as Log Analytics writes them. */
export function parseLogTime(v: unknown): number {
  if (v instanceof Date) return v.getTime();
  if (typeof v !== 'string' || v.length === 0) return Number.NaN;
  // Fast path: Log Analytics' own form, `2025-05-14T09:21:07.412Z`.
  if (v.length >= 20 && v.charCodeAt(10) === 84 && v.charCodeAt(v.length - 1) === 90 && v.charCodeAt(4) === 45)
    return Date.parse(v);
  const portal = PORTAL_TIME.exec(v.trim());
  if (portal) {
    const [, month, day, year, h, m, s, fraction, meridiem] = portal;
    let hour = Number(h) % (meridiem ? 12 : 24);
    if (meridiem?.toUpperCase() === 'PM') hour += 12;
    const ms = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0;
    return Date.UTC(Number(year), Number(month) - 1, Number(day), hour, Number(m), Number(s), ms);
  }
  const iso = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(v.trim());
  if (iso) return Date.parse(`${iso[1]}T${iso[2]}${iso[3] ?? 'Z'}`);
  return Number.NaN;
}

/** Headers arrive as an object (JSON exports) or as its JSON text (CSV, `az`). `{}` says nothing: none configured. */
function headersOf(v: unknown): Record<string, unknown> | undefined {
  let value = v;
  if (typeof value === 'string' && value.startsWith('{')) {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return isObject(value) && Object.keys(value).length > 0 ? value : undefined;
}

function bodyOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v.length > 0 ? v : undefined;
  if (isObject(v) || Array.isArray(v)) return JSON.stringify(v);
  return undefined;
}

/** Rows repeat a handful of service ids: normalise each once (bounded, so a log of odd ids cannot grow it). */
const gatewayIds = new Map<string, string>();
function gatewayIdOf(raw: string): string {
  let id = gatewayIds.get(raw);
  if (id === undefined) {
    id = detach(normalizeId(raw));
    if (gatewayIds.size >= 1000) gatewayIds.clear();
    gatewayIds.set(detach(raw), id);
  }
  return id;
}

/** A log row of another category (WebSocketConnectionLogs, or another provider's AzureDiagnostics row). */
function isOtherCategory(row: Row, shape: LogShape): boolean {
  const category = text(fieldOf(row, shape, 'category'));
  if (category !== undefined && category !== 'GatewayLogs') return true;
  const provider = text(row['ResourceProvider']);
  return (
    shape === 'azure-diagnostics' && provider !== undefined && provider.toUpperCase() !== 'MICROSOFT.APIMANAGEMENT'
  );
}

const TEXT_FIELDS = [
  ['apiId', 'apiId'],
  ['apiRevision', 'apiRevision'],
  ['operationId', 'operationId'],
  ['apimSubscriptionId', 'apimSubscriptionId'],
  ['productId', 'productId'],
  ['userId', 'userId'],
  ['backendId', 'backendId'],
  ['backendMethod', 'backendMethod'],
  ['correlationId', 'correlationId'],
  ['region', 'region'],
  ['clientProtocol', 'clientProtocol'],
  ['clientTlsVersion', 'clientTlsVersion'],
] as const satisfies readonly (readonly [LogField, keyof GatewayLogRecord])[];

const HEADER_FIELDS = [
  ['responseHeaders', 'responseHeaders'],
  ['backendRequestHeaders', 'backendRequestHeaders'],
  ['backendResponseHeaders', 'backendResponseHeaders'],
] as const satisfies readonly (readonly [LogField, keyof GatewayLogRecord])[];

const BODY_FIELDS = [
  ['requestBody', 'requestBody'],
  ['responseBody', 'responseBody'],
  ['backendRequestBody', 'backendRequestBody'],
  ['backendResponseBody', 'backendResponseBody'],
] as const satisfies readonly (readonly [LogField, keyof GatewayLogRecord])[];

function readNumbers(row: Row, shape: LogShape, record: Mutable<GatewayLogRecord>): void {
  const responseCode = num(fieldOf(row, shape, 'responseCode'));
  if (responseCode !== undefined) record.responseCode = Math.trunc(responseCode);
  const backendCode = num(fieldOf(row, shape, 'backendResponseCode'));
  if (backendCode !== undefined) record.backendResponseCode = Math.trunc(backendCode);
  const total = num(fieldOf(row, shape, 'totalTime'));
  if (total !== undefined) record.totalTimeMs = total;
  const backend = num(fieldOf(row, shape, 'backendTime'));
  if (backend !== undefined) record.backendTimeMs = backend;
  const success = bool(fieldOf(row, shape, 'isRequestSuccess'));
  if (success !== undefined) record.isRequestSuccess = success;
}

function readUrls(row: Row, shape: LogShape, record: Mutable<GatewayLogRecord>): void {
  const url = text(fieldOf(row, shape, 'url'));
  if (url !== undefined) {
    const redacted = redactUrl(url);
    record.url = redacted.url;
    record.credentialInUrl = redacted.credential;
  }
  const backendUrl = text(fieldOf(row, shape, 'backendUrl'));
  if (backendUrl !== undefined) record.backendUrl = redactUrl(backendUrl).url;
}

function readHeadersAndBodies(row: Row, shape: LogShape, record: Mutable<GatewayLogRecord>): void {
  const request = headersOf(fieldOf(row, shape, 'requestHeaders'));
  if (request) {
    const redacted = redactHeaders(request);
    record.requestHeaders = redacted.headers;
    record.credentialInHeaders = redacted.credential;
    record.authorizationHeader = redacted.authorization;
  }
  for (const [field, key] of HEADER_FIELDS) {
    const headers = headersOf(fieldOf(row, shape, field));
    if (headers) record[key] = redactHeaders(headers).headers as LoggedHeaders;
  }
  for (const [field, key] of BODY_FIELDS) {
    const body = bodyOf(fieldOf(row, shape, field));
    if (body !== undefined) record[key] = body;
  }
}

/**
 * One gateway log row → a redacted record; `null` for a log row of another category. The raw row is not kept, so
 * nothing unredacted outlives this call. A row without a valid time is malformed: the log window and `Inactive`
 * both rest on it.
 */
export function normalizeLogRow(row: Row, position: LogPosition): GatewayLogRecord | null {
  const shape = shapeOf(row);
  if (isOtherCategory(row, shape)) return null;
  const rawTime = fieldOf(row, shape, 'time');
  const timeMs = parseLogTime(rawTime);
  if (!Number.isFinite(timeMs)) {
    const column = shape === 'diagnostic-archive' ? 'time' : 'TimeGenerated';
    throw new InputError(
      position,
      rawTime === undefined ? `gateway log row without "${column}"` : `gateway log row with an invalid "${column}"`,
    );
  }
  const record: Mutable<GatewayLogRecord> = {
    position,
    shape,
    time: new Date(timeMs).toISOString(),
    timeMs,
    credentialInUrl: false,
  };
  const gateway = text(fieldOf(row, shape, 'gatewayId'));
  if (gateway !== undefined) record.gatewayId = gatewayIdOf(gateway);
  for (const [field, key] of TEXT_FIELDS) {
    const value = text(fieldOf(row, shape, field));
    if (value !== undefined) record[key] = value;
  }
  const method = text(fieldOf(row, shape, 'method'));
  if (method !== undefined) record.method = method.toUpperCase();
  const caller = text(fieldOf(row, shape, 'callerIp'));
  if (caller !== undefined) record.callerIp = caller.trim();
  readNumbers(row, shape, record);
  readUrls(row, shape, record);
  readHeadersAndBodies(row, shape, record);
  return record;
}
