import { detach, detachAll } from './detach.js';
import type { GatewayLogRecord, LogPosition, LoggedHeaders } from './record.js';

/**
 * One sampled call: the parts sensitive-data classification reads (path, query, headers, bodies), already redacted
 * of credentials. Bodies are handed to the classifier callback and not kept in the summary.
 */
export interface TrafficSample {
  readonly time: string;
  readonly position: LogPosition;
  readonly method?: string;
  readonly url?: string;
  readonly responseCode?: number;
  readonly requestHeaders?: LoggedHeaders;
  readonly responseHeaders?: LoggedHeaders;
  readonly requestBody?: string;
  readonly responseBody?: string;
  /** The body was longer than the body limit and was cut. */
  readonly truncated?: boolean;
  readonly correlationId?: string;
}

/** What the summary keeps of a sample: no bodies, only their lengths. */
export type SampleSummary = Omit<TrafficSample, 'requestBody' | 'responseBody'> & {
  readonly requestBodyChars?: number;
  readonly responseBodyChars?: number;
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** APIM logs at most 8,192 body bytes per message (diagnostic `body.bytes` maximum); more is kept from no source. */
export const DEFAULT_MAX_BODY_CHARS = 8192;

/**
 * A sample of a record. The frontend request and response are what callers send and receive; when only the
 * backend side was logged, its bodies stand in.
 */
export function sampleOf(record: GatewayLogRecord, maxBodyChars: number): TrafficSample {
  // Samples outlive the row they came from: every kept string is detached from the reader's buffers.
  const sample: Mutable<TrafficSample> = { time: record.time, position: record.position };
  if (record.method !== undefined) sample.method = detach(record.method);
  if (record.url !== undefined) sample.url = detach(record.url);
  if (record.responseCode !== undefined) sample.responseCode = record.responseCode;
  if (record.requestHeaders !== undefined) sample.requestHeaders = detachAll(record.requestHeaders);
  if (record.responseHeaders !== undefined) sample.responseHeaders = detachAll(record.responseHeaders);
  if (record.correlationId !== undefined) sample.correlationId = detach(record.correlationId);
  const request = record.requestBody ?? record.backendRequestBody;
  const response = record.responseBody ?? record.backendResponseBody;
  if (request !== undefined) sample.requestBody = detach(request.slice(0, maxBodyChars));
  if (response !== undefined) sample.responseBody = detach(response.slice(0, maxBodyChars));
  if ((request?.length ?? 0) > maxBodyChars || (response?.length ?? 0) > maxBodyChars) sample.truncated = true;
  return sample;
}

export function summarizeSample(sample: TrafficSample): SampleSummary {
  const { requestBody, responseBody, ...rest } = sample;
  return {
    ...rest,
    ...(requestBody !== undefined ? { requestBodyChars: requestBody.length } : {}),
    ...(responseBody !== undefined ? { responseBodyChars: responseBody.length } : {}),
  };
}
