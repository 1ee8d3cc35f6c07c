import { formatJsonPath, type Location } from '../../src/classify/index.js';
import type { CorpusLabel, CorpusMessage } from '../../tools/classifier/evaluate.js';
import { Tagged } from './tags.js';

/** A JSON value whose leaves may carry ground truth. */
export type TaggedJson =
  string | number | boolean | null | Tagged | readonly TaggedJson[] | { readonly [key: string]: TaggedJson };

/** One sampled call as an endpoint generator describes it; `build` turns it into a corpus message with labels. */
export interface SampleSpec {
  readonly method: string;
  readonly host?: string;
  readonly path: readonly (string | Tagged)[];
  readonly query?: readonly (readonly [string, string | Tagged])[];
  readonly requestHeaders?: Readonly<Record<string, string | Tagged>>;
  /** A Tagged or string body is a text body; anything else is JSON. */
  readonly requestBody?: TaggedJson;
  /** An application/x-www-form-urlencoded request body, labelled per parameter. */
  readonly requestForm?: readonly (readonly [string, string | Tagged])[];
  readonly responseHeaders?: Readonly<Record<string, string | Tagged>>;
  readonly responseBody?: TaggedJson;
  readonly responseCode: number;
}

function label(
  location: Location,
  where: { jsonPath?: string; key?: string },
  tagged: Tagged | undefined,
): CorpusLabel {
  return {
    location,
    ...where,
    infoTypes: tagged?.infoTypes ?? [],
    ...(tagged?.hardNegative !== undefined ? { hardNegative: tagged.hardNegative } : {}),
  };
}

function plain(value: string | Tagged): string {
  return value instanceof Tagged ? String(value.value) : value;
}

type Mutable = string | number | boolean | null | Mutable[] | { [key: string]: Mutable };

function untag(value: TaggedJson, location: Location, path: (string | number)[], labels: CorpusLabel[]): Mutable {
  if (value instanceof Tagged) {
    labels.push(label(location, { jsonPath: formatJsonPath(path) }, value));
    return value.value;
  }
  if (typeof value === 'string' || typeof value === 'number') {
    labels.push(label(location, { jsonPath: formatJsonPath(path) }, undefined));
    return value;
  }
  if (value === null || typeof value === 'boolean') return value;
  if (Array.isArray(value))
    return (value as readonly TaggedJson[]).map((item, i) => untag(item, location, [...path, i], labels));
  const out: { [key: string]: Mutable } = {};
  for (const [key, item] of Object.entries(value as { readonly [key: string]: TaggedJson }))
    out[key] = untag(item, location, [...path, key], labels);
  return out;
}

function body(value: TaggedJson | undefined, location: Location, labels: CorpusLabel[]): unknown {
  if (value === undefined) return undefined;
  if (value instanceof Tagged || typeof value === 'string') {
    labels.push(label(location, {}, value instanceof Tagged ? value : undefined));
    return plain(value);
  }
  return untag(value, location, [], labels);
}

function headers(
  value: Readonly<Record<string, string | Tagged>> | undefined,
  location: Location,
  labels: CorpusLabel[],
): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    out[name] = plain(v);
    labels.push(label(location, { key: name.toLowerCase() }, v instanceof Tagged ? v : undefined));
  }
  return out;
}

function form(entries: readonly (readonly [string, string | Tagged])[], labels: CorpusLabel[]): string {
  const params = new URLSearchParams();
  for (const [name, value] of entries) {
    params.append(name, plain(value));
    labels.push(label('requestBody', { key: name }, value instanceof Tagged ? value : undefined));
  }
  return params.toString();
}

export function build(id: string, endpointId: string, spec: SampleSpec): CorpusMessage {
  const labels: CorpusLabel[] = [];
  const segments = spec.path.map((segment, index) => {
    labels.push(label('path', { key: String(index) }, segment instanceof Tagged ? segment : undefined));
    return encodeURIComponent(plain(segment));
  });
  const params = new URLSearchParams();
  for (const [name, value] of spec.query ?? []) {
    params.append(name, plain(value));
    labels.push(label('query', { key: name }, value instanceof Tagged ? value : undefined));
  }
  const query = params.toString();
  const url = `https://${spec.host ?? 'api.contoso.com'}/${segments.join('/')}${query.length > 0 ? `?${query}` : ''}`;
  const requestHeaders = headers(spec.requestHeaders, 'requestHeader', labels);
  const requestBody =
    spec.requestForm !== undefined ? form(spec.requestForm, labels) : body(spec.requestBody, 'requestBody', labels);
  const responseHeaders = headers(spec.responseHeaders, 'responseHeader', labels);
  const responseBody = body(spec.responseBody, 'responseBody', labels);
  return {
    id,
    endpointId,
    method: spec.method,
    url,
    ...(requestHeaders !== undefined ? { requestHeaders } : {}),
    ...(requestBody !== undefined ? { requestBody } : {}),
    ...(responseHeaders !== undefined ? { responseHeaders } : {}),
    ...(responseBody !== undefined ? { responseBody } : {}),
    responseCode: spec.responseCode,
    labels,
  };
}
