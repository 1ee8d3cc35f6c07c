import { request as httpRequest } from 'node:http';
import { ClientError, gql } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore, type GraphStore } from '../../src/store/index.js';
import { StoreError } from '../../src/util/errors.js';
import { loadEstate, startServer, testConfig, type RunningServer } from './support.js';

async function rejection(
  run: () => Promise<unknown>,
): Promise<{
  status: number;
  code: unknown;
  message: string | undefined;
  extensions: Record<string, unknown> | undefined;
}> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof ClientError)) throw error;
    const first = error.response.errors?.[0];
    return {
      status: error.response.status,
      code: first?.extensions?.['code'],
      message: first?.message,
      extensions: first?.extensions,
    };
  }
  throw new Error('expected the request to be refused');
}

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

/** A store whose listNodes misbehaves in a chosen way; everything else passes through. */
function failingStore(store: GraphStore, listNodes: () => Promise<never>): GraphStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'listNodes') return listNodes;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('HTTP hardening', () => {
  let store: MemoryStore;
  let api: RunningServer;

  beforeAll(async () => {
    store = await MemoryStore.open();
    await loadEstate(store);
    api = await startServer(
      store,
      testConfig({ corsOrigins: ['https://portal.contoso.example'], limits: { maxBodyBytes: 2_000 } }),
    );
  });
  afterAll(() => api?.close());

  it('sets security headers and no X-Powered-By', async () => {
    for (const response of [
      await fetch(`${api.url}/`),
      await post(api.endpoint, '{"query":"{ inventory { endpoints } }"}'),
    ]) {
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
    const graphql = await post(api.endpoint, '{"query":"{ inventory { endpoints } }"}');
    expect(graphql.headers.get('cache-control')).toBe('no-store');
  });

  it('serves the web explorer page at / that links to /graphql', async () => {
    const response = await fetch(`${api.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toContain('href="/graphql"');
  });

  it('gives a preflight from a foreign origin no CORS allow header, and an allowed origin its own', async () => {
    const preflight = (origin: string) =>
      fetch(api.endpoint, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
    const foreign = await preflight('https://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(foreign.headers.get('access-control-allow-headers')).toBeNull();
    const allowed = await preflight('https://portal.contoso.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://portal.contoso.example');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('refuses a query deeper than the depth limit before running it', async () => {
    let selection = 'id';
    for (let i = 0; i < 6; i++) selection = `neighbours { node { ${selection} } }`;
    const result = await rejection(() => api.client().request(`{ asset(id: "internet") { ${selection} } }`));
    expect(result).toMatchObject({ status: 400, code: 'QUERY_TOO_DEEP' });
  });

  it('refuses a query whose page sizes multiply past the cost limit, variables counted at the largest page', async () => {
    const literal = await rejection(() =>
      api.client().request(gql`
        {
          apiEndpoints(first: 500) {
            edges {
              node {
                neighbours(first: 500) {
                  node {
                    id
                  }
                }
              }
            }
          }
        }
      `),
    );
    expect(literal).toMatchObject({ status: 400, code: 'QUERY_TOO_COSTLY' });
    const variable = await rejection(() =>
      api.client().request(
        gql`
          query ($n: Int) {
            apiEndpoints(first: $n) {
              edges {
                node {
                  neighbours(first: $n) {
                    node {
                      id
                      name
                    }
                  }
                }
              }
            }
          }
        `,
        { n: 2 },
      ),
    );
    expect(variable.code).toBe('QUERY_TOO_COSTLY');
  });

  it('refuses cross-site simple requests (CSRF), oversized bodies and malformed JSON with codes', async () => {
    const csrf = await fetch(api.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"query":"{ inventory { endpoints } }"}',
    });
    expect(csrf.status).toBe(400);
    const big = await post(api.endpoint, JSON.stringify({ query: `{ inventory { endpoints } }${' '.repeat(5_000)}` }));
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
    const malformed = await post(api.endpoint, '{"query": ');
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(await malformed.json())).not.toMatch(/at .*\.js/);
  });

  it('answers only loopback Host names when it runs without authentication (DNS rebinding)', async () => {
    const { port } = new URL(api.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/graphql',
          method: 'POST',
          headers: { host: 'attacker.example', 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{"query":"{ inventory { endpoints } }"}');
    });
    expect(status).toBe(403);
  });

  it('rate-limits a caller with 429 and Retry-After', async () => {
    const limited = await startServer(store, testConfig({ limits: { burst: 3, requestsPerMinute: 60 } }));
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 5; i++) {
        const response = await post(limited.endpoint, '{"query":"{ inventory { endpoints } }"}');
        statuses.push(response.status);
        if (response.status === 429) retryAfter = response.headers.get('retry-after');
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.close();
    }
  });

  it('hides unexpected errors and store details outside development, without stack traces', async () => {
    const secret = 'neo4j://db.internal.contoso:7687 refused';
    const broken = await startServer(
      failingStore(store, () => Promise.reject(new Error(secret))),
      testConfig(),
      { log: () => {} },
    );
    const storeDown = await startServer(
      failingStore(store, () => Promise.reject(new StoreError(secret))),
      testConfig(),
      { log: () => {} },
    );
    try {
      const internal = await rejection(() =>
        broken.client().request(gql`
          {
            apiEndpoints {
              edges {
                node {
                  id
                }
              }
            }
          }
        `),
      );
      expect(internal).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
      expect(internal.extensions).not.toHaveProperty('stacktrace');
      const down = await rejection(() =>
        storeDown.client().request(gql`
          {
            apiEndpoints {
              edges {
                node {
                  id
                }
              }
            }
          }
        `),
      );
      expect(down).toMatchObject({ code: 'STORE_UNAVAILABLE', message: 'The graph store is unavailable' });
    } finally {
      await broken.close();
      await storeDown.close();
    }
  });

  it('answers 503 TIMEOUT when a request outlives its deadline', async () => {
    const slow = failingStore(
      store,
      () => new Promise<never>((_, reject) => setTimeout(() => reject(new Error('too late')), 1_000)),
    );
    const api2 = await startServer(slow, testConfig({ limits: { requestTimeoutMs: 150 } }), { log: () => {} });
    try {
      const started = Date.now();
      const response = await post(api2.endpoint, '{"query":"{ apiEndpoints { edges { node { id } } } }"}');
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'TIMEOUT' } }] });
      expect(Date.now() - started).toBeLessThan(900);
    } finally {
      await api2.close();
    }
  });
});
