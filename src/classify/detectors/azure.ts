import { HIGH, MEDIUM } from '../confidence.js';
import type { ScanContext } from '../context.js';
import { ANTI_FORGERY_TEXT, DIGEST_NAMES, STORAGE_KEY } from '../keywords.js';
import type { Match } from '../types.js';
import { decodeUriSafe, isPlaceholder, shannonEntropy } from '../validators.js';
import { floorOf, match, matchesOf, type Detector } from './detector.js';
import { marksOf } from '../value-stats.js';

/** The storage emulator's published account key (Purview's CEP_AzureEmulatorStorageAccountFilter excludes it). */
export const EMULATOR_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const ACCOUNT_KEY = /^[A-Za-z0-9+/]{86}$/;
const BASE64_CHAR = /[A-Za-z0-9+/]/;
const AFTER_KEY = /[A-Za-z0-9+/=]/;

/**
 * Spans of exactly 86 base64 characters followed by "==", found from each "==" backwards: cheaper than a regex sweep
 * over long base64 blobs (images, certificates), where "==" only ends the whole blob.
 */
function keySpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (let at = text.indexOf('==', 86); at >= 0; at = text.indexOf('==', at + 2)) {
    const start = at - 86;
    if (AFTER_KEY.test(text.charAt(at + 2)) || (start > 0 && BASE64_CHAR.test(text.charAt(start - 1)))) continue;
    if (ACCOUNT_KEY.test(text.slice(start, at))) out.push([start, at + 2]);
  }
  return out;
}

/**
 * Azure Storage Account Key: 64 random bytes in base64, i.e. 86 characters and "==". Purview's generic variant fires on
 * the shape alone (85); a SHA-512 digest in base64 has the same shape, so digest names (`integrity`, `hash`) and SRI
 * prefixes (`sha512-`) rule a value out, and without a key keyword the shape alone is medium.
 */
export const azureStorageAccountKey: Detector = {
  infoType: 'Azure Storage Account Key',
  credential: true,
  floor: floorOf({ length: 88, marks: marksOf('=') }),
  mayMatch: (text, ctx) => ctx.stats.equals && text.includes('=='),
  detect(ctx: ScanContext): Match[] {
    const out: Match[] = [];
    if (ctx.ownNameIs(DIGEST_NAMES)) return out;
    for (const [start, end] of keySpans(ctx.text)) {
      const key = ctx.text.slice(start, end);
      if (key === EMULATOR_ACCOUNT_KEY || shannonEntropy(key) < 4.5) continue;
      if (/sha(256|384|512)-$/i.test(ctx.before(start, 7)) || ANTI_FORGERY_TEXT.test(ctx.before(start, 60))) continue;
      const keyed = ctx.supported(STORAGE_KEY, start, end, 30);
      out.push(match(this.infoType, start, end, keyed ? HIGH : MEDIUM));
    }
    return out;
  },
};

const CONNECTION_STRING =
  /(?:DefaultEndpointsProtocol|AccountName|BlobEndpoint|QueueEndpoint|TableEndpoint|FileEndpoint)=[^\s"'<>]*?(?:AccountKey=([A-Za-z0-9+/]{86}==)|SharedAccessSignature=([^\s"'<>;]+))/gi;

/**
 * Azure Storage Connection String: the `DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…` form (the shape Purview's
 * Azure Storage account key SIT matches) and the SAS form with `SharedAccessSignature=`. The emulator's connection
 * string (devstoreaccount1 and its well-known key) is excluded, as is `UseDevelopmentStorage=true`.
 */
export const azureStorageConnectionString: Detector = {
  infoType: 'Azure Storage Connection String',
  credential: true,
  floor: floorOf({ length: 40, marks: marksOf('=') }),
  mayMatch: (text, ctx) => ctx.stats.equals && /accountkey=|sharedaccesssignature=/i.test(text),
  detect(ctx: ScanContext): Match[] {
    const out: Match[] = [];
    for (const m of matchesOf(CONNECTION_STRING, ctx.text)) {
      const key = m[1];
      const sas = m[2];
      if (key !== undefined && (key === EMULATOR_ACCOUNT_KEY || /AccountName=devstoreaccount1/i.test(m[0]))) continue;
      if (sas !== undefined && (isPlaceholder(sas) || !/sig=/i.test(sas))) continue;
      out.push(match(this.infoType, m.index, m.index + m[0].length, HIGH));
    }
    return out;
  },
};

const SIG_PARAM = /(?:^|[?&;\s"'])sig=([A-Za-z0-9%+/=_-]{20,})/g;
const SAS_VERSION = /(?:^|[?&;\s"'=])sv=\d{4}-\d{2}-\d{2}(?:$|[&;\s"'])/;

/** The query-string run around a position: up to whitespace, quotes or the start of the URL's query. */
function queryRun(text: string, at: number): string {
  let start = at;
  while (start > 0 && !/[\s"'<>?]/.test(text.charAt(start - 1))) start--;
  let end = at;
  while (end < text.length && !/[\s"'<>#]/.test(text.charAt(end))) end++;
  return text.slice(start, end);
}

/**
 * Azure SAS Token: a signed version (`sv=YYYY-MM-DD`) and a signature (`sig=`, URL-encoded base64 of an HMAC-SHA256)
 * in one query string. As a parsed query parameter, `sig` with a sibling `sv` is the same evidence.
 */
export const azureSasToken: Detector = {
  infoType: 'Azure SAS Token',
  credential: true,
  floor: floorOf({ length: 20 }),
  mayMatch: (text, ctx) => ctx.field?.name === 'sig' || (ctx.stats.equals && text.includes('sig=')),
  detect(ctx: ScanContext): Match[] {
    if (ctx.field?.name === 'sig' && ctx.field.siblings.includes('sv')) {
      const value = ctx.text.trim();
      return /^[A-Za-z0-9%+/=_-]{20,}$/.test(value) && !isPlaceholder(value)
        ? [match(this.infoType, 0, ctx.text.length, HIGH)]
        : [];
    }
    const out: Match[] = [];
    for (const m of matchesOf(SIG_PARAM, ctx.text)) {
      const signature = m[1] ?? '';
      if (isPlaceholder(decodeUriSafe(signature))) continue;
      if (!SAS_VERSION.test(queryRun(ctx.text, m.index + 1))) continue;
      out.push(match(this.infoType, m.index, m.index + m[0].length, HIGH));
    }
    return out;
  },
};
