import { HIGH } from '../confidence.js';
import type { ScanContext } from '../context.js';
import { marksOf, runBits } from '../value-stats.js';
import type { Match } from '../types.js';
import { isPlaceholder } from '../validators.js';
import { floorOf, match, matchesOf, type Detector } from './detector.js';
import { randomPart } from './provider-secrets.js';

// Signed tokens have three parts; unsigned ones (alg "none") end after the payload, with or without the final dot.
const JWT_CANDIDATE =
  /(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.(?:[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*|eyJ[A-Za-z0-9_-]{4,})(?![\w-])/g;

// The jwt.io sample token ships in countless docs and tests; its signature identifies it.
const SAMPLE_JWT_SIGNATURES = new Set(['SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c']);

function decodeSegment(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A JWS/JWT header: a JSON object naming its algorithm (RFC 7515 §4.1.1 makes `alg` mandatory). */
function isJwtHeader(segment: string): boolean {
  const header = decodeSegment(segment);
  return (
    typeof header === 'object' && header !== null && typeof (header as Record<string, unknown>)['alg'] === 'string'
  );
}

/** JSON Web Token: three base64url parts whose header decodes to JSON with `alg`; the structure is the evidence. */
export const jsonWebToken: Detector = {
  infoType: 'JSON Web Token',
  credential: true,
  // Every candidate has a dot after its header.
  floor: floorOf({ length: 30, marks: marksOf('.') }),
  mayMatch: (text) => text.includes('eyJ'),
  detect(ctx: ScanContext): Match[] {
    const out: Match[] = [];
    for (const m of matchesOf(JWT_CANDIDATE, ctx.text)) {
      const [header = '', payload = '', signature] = m[0].split('.');
      if (!isJwtHeader(header) || SAMPLE_JWT_SIGNATURES.has(signature ?? '')) continue;
      // Without a signature part, only a payload that decodes to a JSON object makes it a token.
      if (signature === undefined && typeof decodeSegment(payload) !== 'object') continue;
      out.push(match(this.infoType, m.index, m.index + m[0].length, HIGH));
    }
    return out;
  },
};

const SCHEMES =
  'basic|bearer|digest|negotiate|ntlm|sharedkey|sharedkeylite|sharedaccesssignature|aws4-hmac-sha256|hoba|mutual|oauth|token|apikey|api-token|api-key';
const HEADER_VALUE = new RegExp(`^\\s*(${SCHEMES})\\s+(\\S[^\\r\\n]*)$`, 'i');
const HEADER_IN_TEXT = new RegExp(
  `authorization["']?\\s*[:=]\\s*["']?(${SCHEMES})\\s+([A-Za-z0-9._~+/=:,\\-]{8,})`,
  'gi',
);
const AUTH_NAMES = { tokens: ['authorization'], joined: ['authorization', 'proxyauthorization'] };

/** The credential part of an Authorization value is real, not `<token>`, `${TOKEN}`, `null` or a mask. */
function realCredential(credential: string): boolean {
  const value = credential.trim().replace(/^["']|["']$/g, '');
  return value.length >= 8 && !isPlaceholder(value) && !/^(null|undefined|none|<.*>|\{.*\}|\$.*)$/i.test(value);
}

/**
 * Http Authorization Header (Purview, part of "All credentials"): an Authorization header, or a field or log text
 * named so, carrying a scheme and a credential. Mock, redacted and placeholder values are deliberately not matched.
 */
export const httpAuthorizationHeader: Detector = {
  infoType: 'Http Authorization Header',
  credential: true,
  plain: true,
  floor: floorOf({ length: 10 }),
  mayMatch: (text, ctx) => ctx.ownNameIs(AUTH_NAMES) || (ctx.stats.space && /uthorization/i.test(text)),
  detect(ctx: ScanContext): Match[] {
    if (ctx.ownNameIs(AUTH_NAMES)) {
      const m = HEADER_VALUE.exec(ctx.text);
      if (m !== null && realCredential(m[2] ?? '')) return [match(this.infoType, 0, ctx.text.length, HIGH)];
    }
    const out: Match[] = [];
    for (const m of matchesOf(HEADER_IN_TEXT, ctx.text)) {
      if (realCredential(m[2] ?? '')) out.push(match(this.infoType, m.index, m.index + m[0].length, HIGH));
    }
    return out;
  },
};

const AWS_KEY = /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])/g;

/**
 * AWS Access Key: long-term (AKIA), temporary (ASIA), Bedrock/service (ABIA, ACCA) and older (A3T…) key ids, as
 * gitleaks lists them. AWS's documentation keys end in EXAMPLE; templates fill the id with X or a sequence.
 */
export const awsAccessKey: Detector = {
  infoType: 'AWS Access Key',
  credential: true,
  // A key id is one run of exactly twenty letters and digits.
  floor: floorOf({ length: 20, alnumRuns: runBits(20) }),
  mayMatch: (text) => /A[KSB]IA|ACCA|A3T/.test(text),
  detect(ctx: ScanContext): Match[] {
    const out: Match[] = [];
    for (const m of matchesOf(AWS_KEY, ctx.text)) {
      if (!m[0].endsWith('EXAMPLE') && randomPart(m[0].slice(4), 2.5))
        out.push(match(this.infoType, m.index, m.index + m[0].length, HIGH));
    }
    return out;
  },
};

const PEM_BEGIN = /-----BEGIN ((?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----/g;

/** Private Key: a PEM/OpenSSH/PGP private key block with a real body (not "..." or a placeholder). */
export const privateKey: Detector = {
  infoType: 'Private Key',
  credential: true,
  floor: floorOf({ length: 100, marks: marksOf('-') }),
  mayMatch: (text) => text.includes('-----BEGIN'),
  detect(ctx: ScanContext): Match[] {
    const out: Match[] = [];
    for (const m of matchesOf(PEM_BEGIN, ctx.text)) {
      const bodyStart = m.index + m[0].length;
      const endMarker = ctx.text.indexOf('-----END', bodyStart);
      const body = ctx.text.slice(bodyStart, endMarker < 0 ? bodyStart + 4096 : endMarker);
      // JSON-escaped newlines ("\n") stay literal in raw text bodies; drop them before judging the body.
      const base64 = body.replace(/\\[nr]|\s/g, '');
      if (!/^[A-Za-z0-9+/=:,-]{64,}/.test(base64) || isPlaceholder(base64.slice(0, 16))) continue;
      out.push(match(this.infoType, m.index, endMarker < 0 ? bodyStart + body.length : endMarker, HIGH));
    }
    return out;
  },
};
