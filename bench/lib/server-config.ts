/**
 * The API server's configuration in every benchmark that starts one: loopback, authentication off, and the rate
 * limit raised so that a single loopback client measures the API, not the limiter. The default limits are passed
 * in, so a benchmark can take them from the revision of `src/` it measures.
 */
export function benchServerConfig<L extends object>(defaultLimits: L) {
  return {
    host: '127.0.0.1',
    port: 0,
    development: false,
    apiKeys: [],
    entra: null,
    anonymousRole: 'reader' as const,
    introspection: 'admin' as const,
    corsOrigins: [],
    limits: { ...defaultLimits, requestsPerMinute: 10_000_000, burst: 1_000_000 },
    goalsPolicyFile: null,
    riskWeightsFile: null,
  };
}
