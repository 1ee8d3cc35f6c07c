import { ClientError } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUERY_TOKENS } from '../../src/api/limits.js';
import { MemoryStore } from '../../src/store/index.js';
import { loadEstate, startServer, testConfig, type RunningServer } from './support.js';

describe('query size in tokens', () => {
  let api: RunningServer;

  beforeAll(async () => {
    const store = await MemoryStore.open();
    await loadEstate(store);
    api = await startServer(store, testConfig());
  });
  afterAll(() => api?.close());

  it('refuses thousands of aliases while parsing, before the quadratic overlap validation runs', async () => {
    const aliases = Array.from({ length: MAX_QUERY_TOKENS }, (_, i) => `a${i}: __typename`).join(' ');
    const refused = await api
      .client()
      .request(`{ ${aliases} }`)
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(ClientError);
    const response = (refused as ClientError).response;
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_PARSE_FAILED');
    expect(response.errors?.[0]?.message).toMatch(/4000 tokens/);
  });

  it('still answers an ordinary query and a few hundred aliases', async () => {
    const aliases = Array.from({ length: 300 }, (_, i) => `a${i}: __typename`).join(' ');
    const answer = await api.client().request<Record<string, string>>(`{ ${aliases} }`);
    expect(Object.keys(answer)).toHaveLength(300);
    expect(answer['a299']).toBe('Query');
  });
});
