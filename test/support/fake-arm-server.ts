import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { generate } from 'selfsigned';

/**
 * A local stand-in for Azure Resource Manager, enough for the real SDK clients: the Resource Graph query endpoint
 * (`$skipToken` paging, quota headers) and ARM GETs (lists paged with `nextLink`, ARM error bodies).
 *
 * It speaks HTTPS with a certificate made for 127.0.0.1 at start: the SDK's bearer-token policy refuses plain
 * `http://` URLs outright. Clients trust it through their `tlsOptions.ca`, so nothing process-wide is loosened.
 */

export interface FakeArmEstate {
  /** Resource Graph rows by table, as `objectArray` rows (lower-case `type`). */
  readonly tables: Readonly<Record<string, readonly Record<string, unknown>[]>>;
  /** ARM GET answers by path (matched case-insensitively): lists as `{ value: [...] }`, resources as themselves. */
  readonly arm: Readonly<Record<string, unknown>>;
  /**
   * Long-running POSTs by path (matched case-insensitively), as ARM runs them: 202 with a `Location` to poll
   * (`Retry-After: 0`), `polls` more 202s there, then 200 with `result`.
   */
  readonly operations?: Readonly<Record<string, { readonly result: unknown; readonly polls?: number }>>;
}

export interface RecordedRequest {
  readonly method: string;
  /** Lower-cased path without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly at: number;
  readonly authorization: string | undefined;
  /** Status the server answered with. */
  status: number;
}

/**
 * How a fault answers: an ARM error with `status` (the default), or a network fault on the real socket —
 * `hang`: no answer at all; `stall`: the status line, headers and half the body, then silence; `reset`: the same
 * half answer, then the connection destroyed.
 */
export type FaultBehaviour = 'status' | 'hang' | 'stall' | 'reset';

export interface Fault {
  readonly match: (request: RecordedRequest) => boolean;
  readonly behaviour?: FaultBehaviour;
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly code?: string;
  readonly message?: string;
  /** Answers left; Infinity for every matching request. */
  times: number;
}

export interface FakeArmOptions {
  /** Items per ARM list page (a `nextLink` follows while more are left). */
  readonly armPageSize?: number;
  /** Resource Graph queries allowed per window, and the window length. */
  readonly quota?: { readonly limit: number; readonly windowMs: number };
  /** Tables answered like a query that cannot page (all-dynamic columns, `take`): truncated, no `$skipToken`. */
  readonly truncatedTables?: readonly string[];
}

export interface FakeArmServer {
  readonly url: string;
  /** PEM of the server's self-signed certificate, to trust in the clients under test. */
  readonly certificate: string;
  readonly requests: RecordedRequest[];
  /** Most requests the server was answering at once. */
  maxInFlight(): number;
  addFault(fault: Fault): void;
  /**
   * A try deadline (`retry.tryDeadline` of the live settings) that expires the moment this server withholds the
   * try's answer (`hang`, or `stall` once the half body is sent), matched by the SDK's `x-ms-client-request-id`.
   * The timeout path runs as with the timer, without waiting out a deadline sized for a loaded machine; a try the
   * server answers is never cut short.
   */
  readonly expireWhenWithheld: (expire: () => void, timeoutMs: number, request: { readonly requestId: string }) => () => void;
  close(): Promise<void>;
}

/**
 * Live settings that talk to a fake server: its URL and certificate, the fake credential, short retries. Typed
 * loosely here (the support code does not import the product); callers spread it into `LiveSettings`.
 */
export function fakeArmSettings(server: FakeArmServer, subscriptions: readonly string[], concurrency = 4) {
  return {
    credential: fakeCredential,
    armEndpoint: server.url,
    subscriptions,
    concurrency,
    retry: { maxRetries: 2, retryDelayInMs: 10, maxRetryDelayInMs: 50, tryTimeoutInMs: 5_000 },
    caCertificates: [server.certificate],
  };
}

export const RESOURCE_GRAPH_PATH = '/providers/microsoft.resourcegraph/resources';

/** Collections that exist (empty) even when the estate lists nothing under them. */
const COLLECTIONS = new Set([
  'apis',
  'operations',
  'backends',
  'products',
  'subscriptions',
  'workspaces',
  'functions',
  'firewallrules',
  'origingroups',
  'origins',
  'routes',
  'securitypolicies',
  'policyfragments',
  'namedvalues',
]);

/** A credential double: the SDK clients, pipeline and paging under test are real. */
export const fakeCredential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({ token: 'fake-arm-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

const armError = (code: string, message: string) => ({ error: { code, message } });

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/**
 * A network fault on the live socket; the recorded status stays 0 (no complete answer). `withheld` runs once the
 * server has sent all it is going to send of a `hang` or `stall`.
 */
function breakAnswer(res: ServerResponse, behaviour: Exclude<FaultBehaviour, 'status'>, withheld: () => void): void {
  if (behaviour === 'hang') return withheld();
  const body = JSON.stringify({ value: [], padding: 'x'.repeat(4096) });
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) });
  res.write(body.slice(0, body.length / 2), () => {
    if (behaviour === 'stall') withheld();
  });
  if (behaviour === 'reset') setTimeout(() => res.socket?.destroy(), 20);
}

/** `hh:mm:ss`, rounded up to whole seconds, as Resource Graph writes `x-ms-user-quota-resets-after`. */
function timeSpan(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`;
}

interface QueryBody {
  subscriptions?: string[];
  managementGroups?: string[];
  query?: string;
  options?: { $top?: number; $skipToken?: string };
}

class FakeArm {
  readonly requests: RecordedRequest[] = [];
  readonly faults: Fault[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** The deadline of each try in flight, by client request id (see `expireWhenWithheld`). */
  readonly deadlines = new Map<string, () => void>();
  private readonly arm = new Map<string, unknown>();
  private readonly operations = new Map<string, { result: unknown; polls: number }>();
  /** Started operations by their polling path: polls left and the final answer. */
  private readonly running = new Map<string, { left: number; result: unknown }>();
  private quotaLeft: number;
  private windowEndsAt = 0;
  url = '';

  constructor(
    private readonly estate: FakeArmEstate,
    private readonly options: FakeArmOptions,
  ) {
    for (const [path, body] of Object.entries(estate.arm)) this.arm.set(path.toLowerCase(), body);
    for (const [path, op] of Object.entries(estate.operations ?? {}))
      this.operations.set(path.toLowerCase(), { result: op.result, polls: op.polls ?? 1 });
    this.quotaLeft = options.quota?.limit ?? Number.MAX_SAFE_INTEGER;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname.toLowerCase().replace(/\/+$/, ''),
      query: url.searchParams,
      body: await readBody(req),
      at: Date.now(),
      authorization: req.headers.authorization,
      status: 0,
    };
    this.requests.push(request);
    const answer = (status: number, body: unknown, headers?: Record<string, string>) => {
      this.inFlight -= 1;
      request.status = status;
      send(res, status, body, headers);
    };
    if (!request.authorization?.startsWith('Bearer '))
      return answer(401, armError('AuthenticationFailed', 'No bearer token'));
    const fault = this.faults.find((f) => f.times > 0 && f.match(request));
    if (fault) {
      fault.times -= 1;
      if (fault.behaviour && fault.behaviour !== 'status') {
        this.inFlight -= 1;
        const id = req.headers['x-ms-client-request-id'];
        return breakAnswer(res, fault.behaviour, () => {
          const expire = typeof id === 'string' ? this.deadlines.get(id) : undefined;
          this.deadlines.delete(String(id));
          expire?.();
        });
      }
      return answer(fault.status, armError(fault.code ?? `Http${fault.status}`, fault.message ?? 'injected fault'), {
        ...fault.headers,
      });
    }
    if (request.method === 'POST' && request.path === RESOURCE_GRAPH_PATH) return this.resourceGraph(request, answer);
    // Every NIC has a route table: an estate that gives none answers Azure's system routes as an empty list.
    if (request.method === 'POST' && request.path.endsWith('/effectiveroutetable') && !this.operations.has(request.path)) {
      this.operations.set(request.path, { result: { value: [] }, polls: 0 });
    }
    if (request.method === 'POST' && this.operations.has(request.path)) return this.startOperation(request, url, answer);
    if (request.method === 'GET' && this.running.has(request.path)) return this.pollOperation(request, url, answer);
    if (request.method === 'GET') return this.armGet(request, url, answer);
    return answer(405, armError('MethodNotAllowed', `${request.method} ${request.path}`));
  }

  /** Resource Graph: filter by scope, sort by id, page with an opaque `$skipToken`, count the user's quota. */
  private resourceGraph(
    request: RecordedRequest,
    answer: (status: number, body: unknown, headers?: Record<string, string>) => void,
  ): void {
    const now = Date.now();
    const quota = this.options.quota;
    if (quota && now >= this.windowEndsAt) {
      this.quotaLeft = quota.limit;
      this.windowEndsAt = now + quota.windowMs;
    }
    if (this.quotaLeft <= 0) {
      return answer(429, armError('RateLimiting', 'Please provide below info when asking for support'), {
        'retry-after': String(Math.ceil((this.windowEndsAt - now) / 1000)),
      });
    }
    this.quotaLeft -= 1;
    const body = (request.body ?? {}) as QueryBody;
    const table = /^\s*(\w+)/.exec(body.query ?? '')?.[1]?.toLowerCase() ?? '';
    const scope = body.subscriptions?.map((s) => s.toLowerCase());
    const rows = (this.estate.tables[table] ?? [])
      // Rows outside any subscription (built-in role definitions) belong to every scope.
      .filter((row) => !scope || !row['subscriptionId'] || scope.includes(String(row['subscriptionId']).toLowerCase()))
      .sort((a, b) => (String(a['id']) < String(b['id']) ? -1 : String(a['id']) > String(b['id']) ? 1 : 0));
    const top = Math.min(body.options?.$top ?? 1000, 1000);
    const offset = body.options?.$skipToken
      ? (JSON.parse(Buffer.from(body.options.$skipToken, 'base64').toString()) as { offset: number }).offset
      : 0;
    const data = rows.slice(offset, offset + top);
    const more = offset + data.length < rows.length;
    const truncated = more && (this.options.truncatedTables ?? []).includes(table);
    const next =
      more && !truncated ? Buffer.from(JSON.stringify({ offset: offset + data.length })).toString('base64') : undefined;
    answer(
      200,
      {
        totalRecords: rows.length,
        count: data.length,
        resultTruncated: truncated ? 'true' : 'false',
        ...(next ? { $skipToken: next } : {}),
        data,
        facets: [],
      },
      {
        'x-ms-user-quota-remaining': String(quota ? this.quotaLeft : 14),
        'x-ms-user-quota-resets-after': timeSpan(quota ? this.windowEndsAt - now : 5000),
      },
    );
  }

  /** A long-running POST: 202 Accepted and where to poll. */
  private startOperation(request: RecordedRequest, url: URL, answer: (status: number, body: unknown, headers?: Record<string, string>) => void): void {
    const op = this.operations.get(request.path)!;
    const pollPath = `/providers/microsoft.network/locations/westeurope/operationresults/op-${this.running.size + 1}`;
    this.running.set(pollPath, { left: op.polls, result: op.result });
    const location = `${this.url}${pollPath}?api-version=${url.searchParams.get('api-version') ?? ''}`;
    answer(202, undefined, { location, 'retry-after': '0' });
  }

  /** Polling a started operation: 202 while polls are left, then 200 with the result. */
  private pollOperation(request: RecordedRequest, url: URL, answer: (status: number, body: unknown, headers?: Record<string, string>) => void): void {
    const op = this.running.get(request.path)!;
    if (op.left > 0) {
      op.left -= 1;
      return answer(202, undefined, { location: `${this.url}${request.path}?${url.searchParams.toString()}`, 'retry-after': '0' });
    }
    answer(200, op.result);
  }

  /** ARM GET: the estate's answer (lists paged with `nextLink`), an empty collection, or ARM's 404. */
  private armGet(request: RecordedRequest, url: URL, answer: (status: number, body: unknown) => void): void {
    const found = this.arm.get(request.path);
    if (found === undefined) {
      const last = request.path.slice(request.path.lastIndexOf('/') + 1);
      if (COLLECTIONS.has(last)) return answer(200, { value: [] });
      // serviceTags.list always answers for a subscription's cloud; an estate that gives no tags lists none.
      if (last === 'servicetags') return answer(200, { name: 'Public', id: request.path, type: 'Microsoft.Network/serviceTags', changeNumber: '1', cloud: 'Public', values: [] });
      return answer(404, armError('ResourceNotFound', `The resource '${request.path}' was not found.`));
    }
    const value = (found as { value?: unknown }).value;
    const size = this.options.armPageSize;
    if (!Array.isArray(value) || !size) return answer(200, found);
    const offset = Number(url.searchParams.get('$skiptoken') ?? '0');
    const page = value.slice(offset, offset + size);
    const nextUrl = new URL(url.pathname, this.url);
    nextUrl.searchParams.set('api-version', url.searchParams.get('api-version') ?? '');
    nextUrl.searchParams.set('$skiptoken', String(offset + size));
    answer(200, { value: page, ...(offset + size < value.length ? { nextLink: nextUrl.toString() } : {}) });
  }
}

export async function startFakeArmServer(estate: FakeArmEstate, options: FakeArmOptions = {}): Promise<FakeArmServer> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
    ],
  });
  const fake = new FakeArm(estate, options);
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    fake.handle(req, res).catch((error: unknown) => send(res, 500, armError('FakeServerError', String(error))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: fake.url,
    certificate: pems.cert,
    requests: fake.requests,
    maxInFlight: () => fake.maxInFlight,
    addFault: (fault) => fake.faults.push(fault),
    expireWhenWithheld: (expire, _timeoutMs, request) => {
      fake.deadlines.set(request.requestId, expire);
      return () => {
        if (fake.deadlines.get(request.requestId) === expire) fake.deadlines.delete(request.requestId);
      };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
