import { confidenceOf } from './confidence.js';
import type { Detector } from './detectors/index.js';
import { preserveLongIntegers } from './json-numbers.js';
import { formatJsonPath, walkJson, type JsonPathSegment, type WalkBounds } from './json-walk.js';
import { maskSample } from './mask.js';
import { scanValue } from './scan.js';
import type { FieldContext, Finding, Location, ResponseClass } from './types.js';

export type Headers = Readonly<Record<string, string | readonly string[] | undefined>>;

/** One sampled API call, as a gateway log or a HAR entry gives it. Bodies may be raw text or already-parsed JSON. */
export interface ApiMessage {
  readonly method?: string;
  readonly url?: string;
  readonly requestHeaders?: Headers;
  readonly requestBody?: unknown;
  readonly responseHeaders?: Headers;
  readonly responseBody?: unknown;
  readonly responseCode?: number;
}

export interface ScanOptions {
  readonly detectors: readonly Detector[];
  readonly proximity: number;
  readonly keepMaskedSample: boolean;
  /** Bodies longer than this are scanned up to this many characters, as text: a larger JSON body is not parsed. */
  readonly maxBodyChars: number;
  /** Array items and leaves read from a JSON body. */
  readonly walk?: WalkBounds;
}

/** Where a value sat: a JSON path, or a header, parameter or path-segment key. */
interface Where {
  readonly jsonPath?: string;
  readonly key?: string;
}

interface Slot {
  infoType: string;
  score: number;
  location: Location;
  jsonPath?: string;
  key?: string;
  sample?: string;
}

/**
 * Keeps one finding per (type, location, path/key), the most confident one. Values never enter it unless masked.
 * Slots are found by their JSON path or key (a string the message already holds, so no key string is built per
 * match) and then by type and location among the few slots that share it; `order` keeps first-seen order.
 */
class Collector {
  // Made on the first finding: most messages have none, and two Maps per message were a tenth of what a scan allocated.
  private byPath: Map<string, Slot[]> | undefined;
  private byKey: Map<string, Slot[]> | undefined;
  private unplaced: Slot[] | undefined;
  private readonly order: Slot[] = [];
  constructor(private readonly options: ScanOptions) {}

  /** `where` is a JSON path still to be formatted (only done when something was found), or a finished place. */
  scan(
    text: string,
    field: FieldContext | undefined,
    location: Location,
    at: Where | readonly JsonPathSegment[],
  ): void {
    const matches = scanValue(text, field, this.options.detectors, this.options.proximity);
    if (matches.length === 0) return;
    const where: Where = Array.isArray(at)
      ? { jsonPath: formatJsonPath(at as readonly JsonPathSegment[]) }
      : (at as Where);
    const bucket = this.bucketOf(where);
    for (const m of matches) {
      const existing = slotIn(bucket, m.infoType, location, where);
      if (existing !== undefined && existing.score >= m.score) continue;
      const slot: Slot = existing ?? newSlot(m.infoType, m.score, location, where);
      // A more confident match in the same place takes over the slot, which keeps its place in the output.
      slot.score = m.score;
      if (this.options.keepMaskedSample) {
        const credential = this.options.detectors.find((d) => d.infoType === m.infoType)?.credential ?? false;
        slot.sample = maskSample(text.slice(m.start, m.end), credential || m.infoType === 'Generic Secret');
      }
      if (existing === undefined) {
        bucket.push(slot);
        this.order.push(slot);
      }
    }
  }

  private bucketOf(where: Where): Slot[] {
    if (where.jsonPath !== undefined) return bucketIn((this.byPath ??= new Map()), where.jsonPath);
    if (where.key !== undefined) return bucketIn((this.byKey ??= new Map()), where.key);
    return (this.unplaced ??= []);
  }

  findings(responseClass: ResponseClass | undefined): Finding[] {
    const out: Finding[] = [];
    for (const slot of this.order) {
      const confidence = confidenceOf(slot.score);
      if (confidence === undefined) continue;
      // Properties in the order callers see them, set one by one rather than spread from a temporary object each.
      const finding: { -readonly [K in keyof Finding]: Finding[K] } = {
        infoType: slot.infoType,
        confidence,
        location: slot.location,
      };
      if (slot.jsonPath !== undefined) finding.jsonPath = slot.jsonPath;
      if (slot.key !== undefined) finding.key = slot.key;
      if (responseClass !== undefined) finding.responseClass = responseClass;
      if (slot.sample !== undefined) finding.sample = slot.sample;
      out.push(finding);
    }
    return out;
  }
}

/** The slot of one type at one place, if any (a bucket holds the few slots that share a path or key). */
function slotIn(bucket: readonly Slot[], infoType: string, location: Location, where: Where): Slot | undefined {
  for (let i = 0; i < bucket.length; i++) {
    const s = bucket[i] as Slot;
    if (s.infoType === infoType && s.location === location && s.jsonPath === where.jsonPath && s.key === where.key)
      return s;
  }
  return undefined;
}

/** A slot with the place's own properties only, as `{ ...where }` would give it. */
function newSlot(infoType: string, score: number, location: Location, where: Where): Slot {
  const slot: Slot = { infoType, score, location };
  if ('jsonPath' in where) slot.jsonPath = where.jsonPath as string;
  if ('key' in where) slot.key = where.key as string;
  return slot;
}

function bucketIn(map: Map<string, Slot[]>, name: string): Slot[] {
  let bucket = map.get(name);
  if (bucket === undefined) map.set(name, (bucket = []));
  return bucket;
}

function responseClassOf(code: number | undefined): ResponseClass | undefined {
  if (code === undefined || !Number.isInteger(code) || code < 100 || code > 599) return undefined;
  return `${Math.floor(code / 100)}xx` as ResponseClass;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

function scanParams(params: URLSearchParams, location: Location, collector: Collector): void {
  const names = [...new Set(params.keys())];
  for (const [name, value] of params) {
    collector.scan(value, { name, parents: [], siblings: names }, location, { key: name });
  }
}

function scanUrl(url: string, collector: Collector): void {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://localhost');
  } catch {
    collector.scan(url, undefined, 'path', {});
    return;
  }
  const segments = parsed.pathname.split('/').filter((s) => s.length > 0);
  // The segment before a value is its collection, read like an enclosing object's name: /customers/{email},
  // /ssn/{number}. It is not the value's own name, so /password/reset does not make "reset" a password.
  segments.forEach((segment, index) => {
    const parents = index > 0 ? [decode(segments[index - 1] ?? '')] : [];
    collector.scan(decode(segment), { name: '', parents, siblings: [] }, 'path', { key: String(index) });
  });
  scanParams(parsed.searchParams, 'query', collector);
}

function scanHeaders(headers: Headers | undefined, location: Location, collector: Collector): void {
  if (headers === undefined) return;
  const names = Object.keys(headers).map((n) => n.toLowerCase());
  for (const [rawName, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const name = rawName.toLowerCase();
    for (const value of typeof raw === 'string' ? [raw] : raw) {
      collector.scan(value, { name, parents: [], siblings: names }, location, { key: name });
    }
  }
}

function contentTypeOf(headers: Headers | undefined): string {
  if (headers === undefined) return '';
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'content-type')
      return (typeof value === 'string' ? value : (value?.[0] ?? '')).toLowerCase();
  }
  return '';
}

function scanJson(root: unknown, location: Location, collector: Collector, bounds: WalkBounds | undefined): void {
  // The path is formatted only for values that turn out to hold something (Collector.scan).
  walkJson(root, (value, field, path) => collector.scan(value, field, location, path), bounds);
}

function scanBody(
  body: unknown,
  headers: Headers | undefined,
  location: Location,
  collector: Collector,
  options: ScanOptions,
): void {
  if (body === undefined || body === null) return;
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
    scanJson(body, location, collector, options.walk);
    return;
  }
  // Only the first maxBodyChars are ever decoded or parsed: a 10 MB body costs what its first megabyte costs.
  const text =
    typeof body === 'string'
      ? body
      : Buffer.from(body.subarray(0, Math.min(body.length, options.maxBodyChars * 4))).toString('utf8');
  const first = text.trimStart().charAt(0);
  if ((first === '{' || first === '[') && text.length <= options.maxBodyChars) {
    try {
      scanJson(JSON.parse(preserveLongIntegers(text)), location, collector, options.walk);
      return;
    } catch {
      // Not JSON after all (truncated sample, JSON lines, a log line): read it as text.
    }
  }
  if (contentTypeOf(headers).includes('x-www-form-urlencoded')) {
    scanParams(new URLSearchParams(text), location, collector);
    return;
  }
  collector.scan(
    text.length > options.maxBodyChars ? text.slice(0, options.maxBodyChars) : text,
    undefined,
    location,
    {},
  );
}

/** Every sensitive info type in one message: path segments, query parameters, headers and both bodies. */
export function scanMessage(message: ApiMessage, options: ScanOptions): Finding[] {
  const collector = new Collector(options);
  if (message.url !== undefined) scanUrl(message.url, collector);
  scanHeaders(message.requestHeaders, 'requestHeader', collector);
  scanBody(message.requestBody, message.requestHeaders, 'requestBody', collector, options);
  scanHeaders(message.responseHeaders, 'responseHeader', collector);
  scanBody(message.responseBody, message.responseHeaders, 'responseBody', collector, options);
  return collector.findings(responseClassOf(message.responseCode));
}
