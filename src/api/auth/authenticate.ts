import { timingSafeEqual } from 'node:crypto';
import { hashApiKey, type ApiKeyRecord } from '../../config/api-keys.js';
import type { ServerConfig } from '../../config/server.js';
import { createEntraVerifier, type EntraVerifier } from './entra.js';
import { unauthenticated, type AuthOutcome } from './principal.js';

export type Authenticator = (authorization: string | undefined) => Promise<AuthOutcome>;

/** Three base64url parts, the first a JSON header: the shape of a JWS, which an API key never has. */
const JWT_SHAPE = /^eyJ[\w-]*\.[\w-]*\.[\w-]*$/;
const BEARER = /^Bearer\s+(\S+)\s*$/i;

function keyVerifier(records: readonly ApiKeyRecord[]) {
  const byHash = new Map(records.map((r) => [r.sha256, r]));
  return (key: string): AuthOutcome => {
    const hash = hashApiKey(key);
    // The lookup is by hash: timing reveals nothing about a key's text. The final compare is constant-time anyway.
    const record = byHash.get(hash);
    if (!record || !timingSafeEqual(Buffer.from(record.sha256, 'hex'), Buffer.from(hash, 'hex')))
      return unauthenticated('the API key is not valid', 'invalid_token');
    return { ok: true, principal: { id: `key:${record.id}`, role: record.role, via: 'api-key' } };
  };
}

/**
 * Turns the Authorization header into a principal. With no authentication configured (loopback only, enforced
 * by the configuration), every caller is the anonymous principal; otherwise a valid bearer API key or Entra ID
 * token is required.
 */
export function createAuthenticator(config: ServerConfig, log: (line: string) => void): Authenticator {
  const anonymousRole = config.anonymousRole;
  const checkKey = config.apiKeys.length > 0 ? keyVerifier(config.apiKeys) : null;
  const checkToken: EntraVerifier | null = config.entra ? createEntraVerifier(config.entra, log) : null;
  return async (authorization) => {
    if (anonymousRole !== null)
      return { ok: true, principal: { id: 'anonymous', role: anonymousRole, via: 'anonymous' } };
    if (!authorization)
      return unauthenticated('authentication required: send Authorization: Bearer <API key or Entra ID access token>');
    const credential = BEARER.exec(authorization)?.[1];
    if (!credential)
      return unauthenticated('the Authorization header must be "Bearer <credential>"', 'invalid_request');
    if (checkToken && JWT_SHAPE.test(credential)) return checkToken(credential);
    if (checkKey) return checkKey(credential);
    return unauthenticated('the access token is not valid', 'invalid_token');
  };
}
