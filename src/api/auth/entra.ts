import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { EntraSettings } from '../../config/server.js';
import { unauthenticated, type AuthOutcome } from './principal.js';

/**
 * Entra ID issues access tokens signed with RS256 only; pinning the algorithm rejects `alg: none` and any
 * attempt to have an HMAC key confusion verify a forged token.
 */
const ALGORITHMS = ['RS256'];

function keySet(settings: EntraSettings): JWTVerifyGetKey {
  if ('keys' in settings.jwks) return createLocalJWKSet(settings.jwks.keys);
  // Keys are cached and refetched on an unknown `kid` (Entra rolls its signing keys), at most once per cooldown.
  return createRemoteJWKSet(new URL(settings.jwks.url), {
    timeoutDuration: 5_000,
    cooldownDuration: 30_000,
    cacheMaxAge: 3_600_000,
  });
}

function roles(payload: JWTPayload, claim: string): string[] {
  const value = payload[claim];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? value.split(' ') : [];
}

function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the access token has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `the access token's "${error.claim}" claim is not accepted`;
  return 'the access token is not valid';
}

export type EntraVerifier = (token: string) => Promise<AuthOutcome>;

/**
 * Validates an Entra ID access token: signature against the tenant's JWKS, issuer, audience, expiry and
 * not-before (with a small clock tolerance), then maps app roles to ours: an admin role makes an admin; a reader
 * role (or any valid token, when no reader roles are configured) makes a reader.
 */
export function createEntraVerifier(settings: EntraSettings, log: (line: string) => void): EntraVerifier {
  const keys = keySet(settings);
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: settings.issuer,
        audience: [...settings.audience],
        algorithms: ALGORITHMS,
        clockTolerance: settings.clockToleranceSeconds,
        requiredClaims: ['exp', 'iss', 'aud'],
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout))
        return unauthenticated(reason(error), 'invalid_token');
      log(`entra: cannot validate tokens: ${error instanceof Error ? error.message : String(error)}`);
      return {
        ok: false,
        status: 500,
        code: 'INTERNAL_SERVER_ERROR',
        message: 'The token signing keys cannot be fetched',
      };
    }
    const held = roles(payload, settings.roleClaim);
    const subject = typeof payload['oid'] === 'string' ? payload['oid'] : (payload.sub ?? 'unknown');
    if (held.some((r) => settings.adminRoles.includes(r)))
      return { ok: true, principal: { id: `entra:${subject}`, role: 'admin', via: 'entra' } };
    if (settings.readerRoles.length === 0 || held.some((r) => settings.readerRoles.includes(r))) {
      return { ok: true, principal: { id: `entra:${subject}`, role: 'reader', via: 'entra' } };
    }
    return {
      ok: false,
      status: 403,
      code: 'FORBIDDEN',
      message: 'the access token carries none of the app roles this server accepts',
      challenge: 'insufficient_scope',
    };
  };
}
