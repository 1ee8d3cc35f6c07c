import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { isLoopbackHost } from '../../config/server.js';
import type { Authenticator } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import { errorBody } from '../errors.js';

/** What the middleware hands the GraphQL context, in `res.locals`. */
export interface RequestLocals {
  principal?: Principal;
  signal?: AbortSignal;
  timedOut?: boolean;
}

/**
 * Security headers on every response. The CSP allows what the web explorer needs and no more: its own scripts,
 * styles and images, and calls to this server's /graphql — nothing inline, no eval, no other origin (cytoscape is
 * served from here and draws on a canvas without eval) — and no framing (clickjacking).
 * HSTS is left to the TLS-terminating proxy in front of a non-loopback deployment: this server speaks plain HTTP.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        connectSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
}

/** Posture data must not sit in shared or browser caches. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/**
 * CORS, closed unless origins are configured: a preflight from any other origin gets no Access-Control-Allow-*
 * header, so the browser never sends the real request. Credentials travel in the Authorization header, never
 * cookies, so Allow-Credentials is never set.
 */
export function cors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (!origin) {
      next();
      return;
    }
    res.vary('Origin');
    const ok = allowed.has(origin);
    if (ok) res.set('Access-Control-Allow-Origin', origin);
    if (req.method !== 'OPTIONS') {
      next();
      return;
    }
    if (ok) {
      res.set({
        'Access-Control-Allow-Methods': 'GET, POST',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, Apollo-Require-Preflight',
        'Access-Control-Max-Age': '600',
      });
    }
    res.status(204).end();
  };
}

/**
 * Without authentication the server trusts whoever reaches the loopback address, so it must also refuse a
 * request whose Host is not a loopback name: that is a web page that rebound its own DNS name to 127.0.0.1
 * (DNS rebinding) to read the API from the user's browser.
 */
export function loopbackHostOnly(enabled: boolean): RequestHandler {
  return (req, res, next) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (!enabled || isLoopbackHost(host)) {
      next();
      return;
    }
    res
      .status(403)
      .type('application/json')
      .send(errorBody('FORBIDDEN', 'this server answers loopback host names only'));
  };
}

export function authenticate(authenticator: Authenticator): RequestHandler {
  return (req, res, next) => {
    authenticator(req.headers.authorization).then((outcome) => {
      if (outcome.ok) {
        (res.locals as RequestLocals).principal = outcome.principal;
        next();
        return;
      }
      if (outcome.status === 401 || outcome.challenge) {
        res.set(
          'WWW-Authenticate',
          `Bearer realm="apiposture"${outcome.challenge ? `, error="${outcome.challenge}"` : ''}`,
        );
      }
      res.status(outcome.status).type('application/json').send(errorBody(outcome.code, outcome.message));
    }, next);
  };
}

/**
 * A deadline per request: past it the client gets 503 TIMEOUT at once, and the GraphQL context's signal is
 * aborted so resolvers stop issuing store calls.
 */
export function deadline(ms: number): RequestHandler {
  return (_req, res, next) => {
    const controller = new AbortController();
    const locals = res.locals as RequestLocals;
    locals.signal = controller.signal;
    const timer = setTimeout(() => {
      locals.timedOut = true;
      controller.abort();
      if (!res.headersSent)
        res
          .status(503)
          .type('application/json')
          .send(errorBody('TIMEOUT', `the request took longer than ${ms} ms`));
    }, ms);
    res.on('close', () => clearTimeout(timer));
    next();
  };
}
