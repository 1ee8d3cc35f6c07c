import type { Role } from '../../config/api-keys.js';

/** Who is calling: what rate limits and logs key on (never the credential itself), and what they may do. */
export interface Principal {
  /** `key:<key id>`, `entra:<object id>` or `anonymous`. */
  readonly id: string;
  readonly role: Role;
  readonly via: 'api-key' | 'entra' | 'anonymous';
}

export type AuthOutcome =
  | { readonly ok: true; readonly principal: Principal }
  | {
      readonly ok: false;
      readonly status: 401 | 403 | 500;
      readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'INTERNAL_SERVER_ERROR';
      readonly message: string;
      /** RFC 6750 error for the WWW-Authenticate challenge. */
      readonly challenge?: 'invalid_request' | 'invalid_token' | 'insufficient_scope';
    };

export const unauthenticated = (message: string, challenge?: 'invalid_request' | 'invalid_token'): AuthOutcome => ({
  ok: false,
  status: 401,
  code: 'UNAUTHENTICATED',
  message,
  ...(challenge ? { challenge } : {}),
});

export function canAdminister(principal: Principal): boolean {
  return principal.role === 'admin';
}
