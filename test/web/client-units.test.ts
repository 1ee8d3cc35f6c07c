import { describe, expect, it } from 'vitest';
import { INSIGHTS, type Insight } from '../../src/model/index.js';
import { API_ERROR_CODES } from '../../src/api/errors.js';
import { API_ERROR_CODES as CLIENT_CODES, toClientErrorCode } from '../../src/web/client/error-codes.js';
import { ENDPOINT_FILTER_INSIGHTS } from '../../src/web/client/insights.js';
import { formatRoute, parseRoute, type Route } from '../../src/web/client/routes.js';

describe('web explorer client modules', () => {
  it('knows exactly the API error codes the server sends', () => {
    expect([...CLIENT_CODES]).toEqual([...API_ERROR_CODES]);
    expect(toClientErrorCode('RATE_LIMITED')).toBe('RATE_LIMITED');
    expect(toClientErrorCode('GRAPHQL_VALIDATION_FAILED')).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(toClientErrorCode('SOMETHING_NEW')).toBe('INTERNAL_SERVER_ERROR');
    expect(toClientErrorCode(undefined)).toBe('INTERNAL_SERVER_ERROR');
  });

  it("offers the model's insights as inventory filters, but for those no endpoint carries", () => {
    // PublicDataAccess is set on data stores only, WeakTlsAllowed on the TLS floor of gateways, apps and stores.
    const notOnEndpoints: ReadonlySet<Insight> = new Set(['PublicDataAccess', 'WeakTlsAllowed']);
    expect([...ENDPOINT_FILTER_INSIGHTS]).toEqual(INSIGHTS.filter((i) => !notOnEndpoints.has(i)));
  });

  it('round-trips every route through the URL hash', () => {
    const routes: Route[] = [
      { view: 'dashboard' },
      {
        view: 'inventory',
        filter: {
          source: 'apim',
          insights: ['InternetExposed', 'SensitiveData'],
          method: 'GET',
          urlContains: 'a b/&?#',
          sensitiveInfoType: 'U.S. Social Security Number (SSN)',
        },
      },
      {
        view: 'inventory',
        filter: { source: null, insights: [], method: null, urlContains: null, sensitiveInfoType: null },
      },
      { view: 'findings', severity: 'High' },
      { view: 'paths', riskLevel: null },
      { view: 'path', id: 'path:62dd2c17f0360293' },
      { view: 'path', id: '/subscriptions/x/a b?c#d' },
      { view: 'explorer', template: 'anonymous-functions' },
      { view: 'remediation' },
      { view: 'goals' },
    ];
    for (const route of routes) expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('takes anything else for a missing view, not for the dashboard', () => {
    expect(parseRoute('')).toEqual({ view: 'dashboard' });
    expect(parseRoute('#main')).toEqual({ view: 'notFound', hash: 'main' });
    expect(parseRoute('#/nope')).toEqual({ view: 'notFound', hash: '/nope' });
    expect(parseRoute('#/paths/%E0%A4%A')).toEqual({ view: 'notFound', hash: '/paths/%E0%A4%A' });
  });
});
