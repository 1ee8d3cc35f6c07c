import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { generate } from 'selfsigned';

/**
 * A local stand-in for the Log Analytics query API, enough for the real `LogsQueryClient`: workspace queries
 * (`POST /v1/workspaces/{id}/query`) and resource-context queries (`POST /v1/{resourceId}/query`), answering
 * `{ tables: [{ name, columns, rows }] }`, optionally with an `error` beside the tables (a 200 partial result),
 * or an error status with the service's error body.
 *
 * HTTPS with a certificate made for 127.0.0.1 at start, because the SDK's bearer-token policy refuses `http://`;
 * clients trust it through `tlsOptions.ca`, nothing process-wide is loosened.
 */

export interface LogAnalyticsColumn {
  readonly name: string;
  readonly type: string;
}

export interface LogAnalyticsTable {
  readonly name: string;
  readonly columns: readonly LogAnalyticsColumn[];
  readonly rows: readonly (readonly unknown[])[];
}

export interface LogAnalyticsQuery {
  /** `workspace` for `/workspaces/{id}/query`, `resource` for a resource-context query. */
  readonly scope: 'workspace' | 'resource';
  /** The workspace id, or the resource id (lower-cased, leading `/`). */
  readonly target: string;
  readonly query: string;
  readonly timespan: string | undefined;
  readonly authorization: string | undefined;
  readonly prefer: string | undefined;
}

/** What the fake answers: tables (with an optional partial error), or an error status. */
export type LogAnalyticsAnswer =
  | {
      readonly tables: readonly LogAnalyticsTable[];
      readonly error?: { readonly code: string; readonly message: string };
    }
  | { readonly status: number; readonly code: string; readonly message: string };

export interface FakeLogAnalytics {
  /** The API host, e.g. `https://127.0.0.1:54321` (the client appends `/v1`). */
  readonly url: string;
  readonly certificate: string;
  readonly queries: LogAnalyticsQuery[];
  close(): Promise<void>;
}

export const fakeLogsCredential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({
    token: 'fake-log-analytics-token',
    expiresOnTimestamp: Date.now() + 3_600_000,
  }),
};

/** Builds a table the way the service lays it out: columns with types, rows as arrays in column order. */
export function logTable(
  name: string,
  columns: readonly LogAnalyticsColumn[],
  objects: readonly Record<string, unknown>[],
): LogAnalyticsTable {
  return { name, columns, rows: objects.map((o) => columns.map((c) => o[c.name] ?? null)) };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function parseTarget(path: string): { scope: 'workspace' | 'resource'; target: string } | null {
  const workspace = /^\/v1\/workspaces\/([^/]+)\/query$/i.exec(path);
  if (workspace) return { scope: 'workspace', target: decodeURIComponent(workspace[1]!) };
  const resource = /^\/v1\/(subscriptions\/.+)\/query$/i.exec(path);
  if (resource) return { scope: 'resource', target: `/${decodeURIComponent(resource[1]!).toLowerCase()}` };
  return null;
}

export async function startFakeLogAnalytics(
  answer: (query: LogAnalyticsQuery) => LogAnalyticsAnswer,
): Promise<FakeLogAnalytics> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
    ],
  });
  const queries: LogAnalyticsQuery[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const target = req.method === 'POST' ? parseTarget(url.pathname) : null;
    if (!target)
      return send(res, 404, {
        error: { code: 'PathNotFoundError', message: `No route for ${req.method} ${url.pathname}` },
      });
    const body = await readBody(req);
    const query: LogAnalyticsQuery = {
      ...target,
      query: String(body['query'] ?? ''),
      timespan: typeof body['timespan'] === 'string' ? body['timespan'] : undefined,
      authorization: req.headers.authorization,
      prefer: typeof req.headers.prefer === 'string' ? req.headers.prefer : undefined,
    };
    queries.push(query);
    const result = answer(query);
    if ('status' in result) return send(res, result.status, { error: { code: result.code, message: result.message } });
    send(res, 200, { tables: result.tables, ...(result.error ? { error: { ...result.error, details: [] } } : {}) });
  };
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    handle(req, res).catch((error: unknown) =>
      send(res, 500, { error: { code: 'FakeServerError', message: String(error) } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    certificate: pems.cert,
    queries,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
