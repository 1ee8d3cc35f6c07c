/**
 * `--suite paths` (or standalone: `node --import tsx bench/paths.ts [--sizes 10000,100000,1000000] [--runs 3]
 * [--out FILE]`): the attack path engine on generated graphs with heavy-tailed fan-out. Each run is a fresh child
 * process (`bench/paths.ts --child <nodes>`) that generates the graph, then times the projection, the search and the
 * whole analysis (search, scoring, findings, break/reduce links, ranking), and reports its own peak RSS
 * (`process.resourceUsage().maxRSS`). Target: 1M nodes in ≤ 20 s with ≤ 4 GB RSS.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { analyzeAttackPaths, projectGraph, searchProjection, type AnalysisGraph } from '../src/analysis/paths/index.js';
import { Rng, zipf } from '../src/ingest/generate/index.js';
import type { GraphEdge, GraphNode, Insight, JsonValue, NodeKind } from '../src/model/index.js';
import { ROOT } from './lib/child.js';
import { machineInfo } from './lib/machine.js';
import { renderSection, upsertSection } from './lib/markdown.js';
import { formatNumber, median } from './lib/stats.js';
import type { BenchSuite, Measurement, SuiteContext, SuiteReport } from './lib/types.js';

const SELF = fileURLToPath(import.meta.url);
const RESULT = 'BENCH_RESULT ';
const DEFAULT_SIZES = [10_000, 100_000, 1_000_000];
const TIME_TARGET_S = 20;
const RSS_TARGET_MB = 4096;

/** Share of the nodes per kind; the rest is network and identity noise the engine never walks. */
const SHARES = { gateways: 0.001, apis: 0.03, endpoints: 0.2, apps: 0.04, userIdentities: 0.005, stores: 0.03, vms: 0.02, balancers: 0.002 };
const STORE_KINDS: readonly NodeKind[] = ['StorageAccount', 'StorageAccount', 'SqlDatabase', 'CosmosDbAccount', 'KeyVault'];
const APP_KINDS: readonly NodeKind[] = ['FunctionApp', 'FunctionApp', 'WebApp', 'LogicApp'];
const NOISE_KINDS: readonly NodeKind[] = ['NetworkInterface', 'NetworkSecurityGroup', 'Subnet', 'PublicIpAddress', 'RoleAssignment'];
const LABELS = ['Public', 'General', 'Confidential', 'Highly Confidential'];

/** Collects nodes and edges as plain objects (they follow the model; validating a million of them is not the point). */
class GraphBuilder {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];

  node(id: string, kind: NodeKind, properties: Record<string, JsonValue> = {}): GraphNode {
    const node = { id, kind, properties: { name: id.slice(id.lastIndexOf('/') + 1), ...properties } };
    this.nodes.push(node);
    return node;
  }

  edge(kind: GraphEdge['kind'], from: GraphNode, to: GraphNode, properties: Record<string, JsonValue> = {}): void {
    this.edges.push({ kind, from: from.id, fromKind: from.kind, to: to.id, toKind: to.kind, properties: { derived: true, ...properties } });
  }
}

const count = (total: number, share: number) => Math.max(1, Math.round(total * share));

function insightsOf(rng: Rng): Insight[] {
  const insights: Insight[] = ['InternetExposed'];
  if (rng.chance(0.15)) insights.push('AllowsAnonymousAccess');
  if (rng.chance(0.04)) insights.push('SensitiveData');
  if (rng.chance(0.1)) insights.push('Inactive');
  if (rng.chance(0.05)) insights.push('UnencryptedAccess');
  return insights;
}

/**
 * A derived graph of about `total` nodes: gateways → APIs → endpoints (Zipf: a few APIs hold most endpoints),
 * endpoints routing to apps and load balancers (Zipf: a few backends serve most endpoints), balancers routing to
 * VMs, apps and VMs running as identities (some user-assigned identities shared by many), identities holding
 * roles on a heavy-tailed number of stores (popular stores get most grants), 15 % of apps public (gateway
 * bypasses), and the rest of the nodes network noise on non-traversable edges.
 */
export function generatePathGraph(total: number, seed = 1): AnalysisGraph {
  const rng = new Rng(seed);
  const g = new GraphBuilder();
  const sub = (i: number) => `/subscriptions/00000000-0000-4000-8000-${String(i % 100).padStart(12, '0')}/resourcegroups/rg-${i % 37}/providers`;
  const internet = g.node('internet', 'Internet');
  const labels = LABELS.map((name, priority) => g.node(`label:${name.toLowerCase()}`, 'SensitivityLabel', { name, priority }));
  const reach = (to: GraphNode) => g.edge('CAN_REACH', internet, to, { ports: ['443'], scope: rng.chance(0.1) ? 'restricted' : 'any' });

  const gateways = Array.from({ length: count(total, SHARES.gateways) }, (_, i) => g.node(`${sub(i)}/microsoft.apimanagement/service/apim-${i}`, 'ApiGateway'));
  gateways.forEach(reach);
  const apis = Array.from({ length: count(total, SHARES.apis) }, (_, i) => {
    const gateway = gateways[zipf(rng, gateways.length)]!;
    const api = g.node(`${gateway.id}/apis/api-${i}`, 'Api', { apiSource: 'apim' });
    g.edge('CONTAINS', gateway, api);
    return api;
  });
  const stores = Array.from({ length: count(total, SHARES.stores) }, (_, i) => {
    const store = g.node(`${sub(i)}/microsoft.data/stores/store-${i}`, rng.pick(STORE_KINDS), rng.chance(0.05) ? { insights: ['PublicDataAccess'] } : {});
    if (rng.chance(0.03)) reach(store);
    return store;
  });
  const userIdentities = Array.from({ length: count(total, SHARES.userIdentities) }, (_, i) =>
    g.node(`${sub(i)}/microsoft.managedidentity/userassignedidentities/id-${i}`, 'ManagedIdentity', { identityType: 'UserAssigned' }),
  );
  const grant = (identity: GraphNode) => {
    const seen = new Set<number>();
    const grants = 1 + zipf(rng, 40, 1.3);
    for (let k = 0; k < grants; k++) {
      const s = zipf(rng, stores.length, 0.9);
      if (seen.has(s)) continue;
      seen.add(s);
      g.edge('HAS_PERMISSION_TO', identity, stores[s]!, { accessLevel: rng.weighted([['read', 6], ['write', 3], ['admin', 1]] as const) });
    }
  };
  userIdentities.forEach(grant);
  const apps = Array.from({ length: count(total, SHARES.apps) }, (_, i) => {
    const app = g.node(`${sub(i)}/microsoft.web/sites/app-${i}`, rng.pick(APP_KINDS));
    const system = g.node(`${app.id}/identities/system`, 'ManagedIdentity', { identityType: 'SystemAssigned' });
    g.edge('CAN_AUTHENTICATE_AS', app, system);
    grant(system);
    if (rng.chance(0.2)) g.edge('CAN_AUTHENTICATE_AS', app, userIdentities[zipf(rng, userIdentities.length)]!);
    return app;
  });
  const vms = Array.from({ length: count(total, SHARES.vms) }, (_, i) => {
    const vm = g.node(`${sub(i)}/microsoft.compute/virtualmachines/vm-${i}`, 'VirtualMachine');
    if (rng.chance(0.3)) g.edge('CAN_AUTHENTICATE_AS', vm, userIdentities[zipf(rng, userIdentities.length)]!);
    if (rng.chance(0.05)) reach(vm);
    return vm;
  });
  const balancers = Array.from({ length: count(total, SHARES.balancers) }, (_, i) => {
    const lb = g.node(`${sub(i)}/microsoft.network/loadbalancers/lb-${i}`, 'LoadBalancer');
    reach(lb);
    return lb;
  });
  vms.forEach((vm) => g.edge('ROUTES_TO', balancers[rng.int(balancers.length)]!, vm, { resolvedBy: 'backend pool' }));
  const routedApps = new Set<GraphNode>();
  for (let i = 0; i < count(total, SHARES.endpoints); i++) {
    const api = apis[zipf(rng, apis.length)]!;
    const endpoint = g.node(`${api.id}/operations/op-${i}`, 'ApiEndpoint', { endpointSource: 'apim', insights: insightsOf(rng) });
    g.edge('CONTAINS', api, endpoint);
    if ((endpoint.properties['insights'] as string[]).includes('SensitiveData')) g.edge('HAS_LABEL', endpoint, labels[1 + rng.int(3)]!);
    const route = rng.next();
    if (route < 0.8) {
      const app = apps[zipf(rng, apps.length)]!;
      routedApps.add(app);
      g.edge('ROUTES_TO', endpoint, app, { resolvedBy: 'set-backend-service' });
    } else if (route < 0.9) g.edge('ROUTES_TO', endpoint, balancers[zipf(rng, balancers.length)]!, { resolvedBy: 'serviceUrl' });
    else if (route < 0.92) g.edge('ROUTES_TO', endpoint, stores[zipf(rng, stores.length)]!, { resolvedBy: 'serviceUrl' });
  }
  for (const app of apps) {
    if (!rng.chance(0.15)) continue;
    reach(app);
    if (routedApps.has(app)) (app.properties as Record<string, JsonValue>)['insights'] = ['GatewayBypass', 'InternetExposed'];
  }
  const noise = Math.max(0, total - g.nodes.length);
  const subnets = Array.from({ length: Math.max(1, Math.floor(noise / NOISE_KINDS.length)) }, (_, i) => g.node(`${sub(i)}/microsoft.network/subnets/sn-${i}`, 'Subnet'));
  for (let i = subnets.length; i < noise; i++) {
    const kind = NOISE_KINDS[i % NOISE_KINDS.length]!;
    const node = g.node(`${sub(i)}/microsoft.network/${kind.toLowerCase()}/n-${i}`, kind === 'Subnet' ? 'NetworkInterface' : kind);
    if (node.kind !== 'RoleAssignment') g.edge('ATTACHED_TO', node, subnets[zipf(rng, subnets.length)]!);
  }
  return { nodes: g.nodes, edges: g.edges };
}

interface ChildResult {
  readonly nodes: number;
  readonly edges: number;
  readonly traversableEdges: number;
  readonly candidates: number;
  readonly paths: number;
  readonly cappedPairs: number;
  readonly maxPathsReached: boolean;
  readonly maxExpansionsReached: boolean;
  readonly expansions: number;
  readonly findings: number;
  readonly generateSeconds: number;
  readonly projectSeconds: number;
  readonly searchSeconds: number;
  readonly analyzeSeconds: number;
  readonly maxRssMb: number;
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** Child side: generate, then time projection + search, then the whole analysis, and report. */
function measure(total: number): void {
  let start = process.hrtime.bigint();
  const graph = generatePathGraph(total);
  const generateSeconds = seconds(start);
  start = process.hrtime.bigint();
  let projection: ReturnType<typeof projectGraph> | null = projectGraph(graph);
  const projectSeconds = seconds(start);
  start = process.hrtime.bigint();
  const search = searchProjection(projection);
  const searchSeconds = seconds(start);
  projection = null; // the analysis below builds its own
  start = process.hrtime.bigint();
  const analysis = analyzeAttackPaths(graph);
  const analyzeSeconds = seconds(start);
  const result: ChildResult = {
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    traversableEdges: search.stats.traversableEdges,
    candidates: search.stats.candidates,
    paths: analysis.paths.length,
    cappedPairs: search.stats.cappedPairs,
    maxPathsReached: search.stats.maxPathsReached,
    maxExpansionsReached: search.stats.maxExpansionsReached,
    expansions: search.stats.expansions,
    findings: analysis.findings.length,
    generateSeconds,
    projectSeconds,
    searchSeconds,
    analyzeSeconds,
    // resourceUsage().maxRSS is in kilobytes: the peak of this whole process, generated graph included.
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${RESULT}${JSON.stringify(result)}\n`);
}

function runChild(total: number): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SELF, '--child', String(total)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT));
      if (code !== 0 || !line) reject(new Error(`paths bench child failed for ${total} nodes (exit ${code})`));
      else resolvePromise(JSON.parse(line.slice(RESULT.length)) as ChildResult);
    });
  });
}

const series = (name: string, unit: string, results: readonly ChildResult[], pick: (r: ChildResult) => number, extra: Partial<Measurement> = {}): Measurement => ({
  name,
  unit,
  value: median(results.map(pick)),
  runs: results.map(pick),
  ...extra,
});

async function runPathsBench(sizes: readonly number[], runs: number, log: (m: string) => void): Promise<SuiteReport> {
  const measurements: Measurement[] = [];
  const details: string[] = [
    'Graphs from `generatePathGraph` (`bench/paths.ts`, seed 1): APIM gateways → APIs → endpoints with Zipf fan-out, endpoints routing to apps, load balancers and stores (Zipf: a few backends serve most endpoints), system- and shared user-assigned identities holding roles on a heavy-tailed number of stores, 15 % of apps public (gateway bypasses), ~45 % of the nodes network noise on non-traversable edges',
    'Default search options: 8 hops, 25 paths per (entry, target) pair, 10,000 paths overall, 20M expansions; "whole analysis" is `analyzeAttackPaths` (projection, search, scoring, findings, break/reduce links, ranking); graph generation is not timed',
  ];
  for (const total of sizes) {
    const results: ChildResult[] = [];
    for (let i = 0; i < runs; i++) {
      log(`  ${formatNumber(total)} nodes: run ${i + 1}/${runs}`);
      results.push(await runChild(total));
    }
    const r = results[0]!;
    const label = `${formatNumber(r.nodes)} nodes`;
    details.push(
      `${label}: ${formatNumber(r.edges)} edges (${formatNumber(r.traversableEdges)} traversable), ${formatNumber(r.candidates)} candidate nodes, ${formatNumber(r.paths)} paths, ${formatNumber(r.findings)} findings, ${formatNumber(r.expansions)} expansions; caps hit: ${[r.cappedPairs ? `${formatNumber(r.cappedPairs)} pairs at maxPathsPerPair` : '', r.maxPathsReached ? 'maxPaths' : '', r.maxExpansionsReached ? 'maxExpansions' : ''].filter(Boolean).join(', ') || 'none'}`,
    );
    const big = total >= 1_000_000;
    measurements.push(
      series(`${label}: projection (typed arrays)`, 's', results, (x) => x.projectSeconds),
      series(`${label}: search (distances + depth-first)`, 's', results, (x) => x.searchSeconds),
      series(`${label}: whole analysis`, 's', results, (x) => x.analyzeSeconds, big ? { note: `target ≤ ${TIME_TARGET_S} s, ${results.every((x) => x.analyzeSeconds <= TIME_TARGET_S) ? 'met' : 'missed'}` } : {}),
      series(`${label}: peak RSS of the process`, 'MB', results, (x) => x.maxRssMb, big ? { note: `generated graph included; target ≤ ${RSS_TARGET_MB} MB, ${results.every((x) => x.maxRssMb <= RSS_TARGET_MB) ? 'met' : 'missed'}` } : {}),
    );
  }
  return { key: 'paths', title: 'Attack path analysis', details, measurements };
}

export const pathsSuite: BenchSuite = {
  name: 'paths',
  description: 'attack path engine on generated graphs of 10k, 100k and 1M nodes with heavy-tailed fan-out',
  run: (context: SuiteContext) => runPathsBench(DEFAULT_SIZES, context.options.runs, context.log),
};

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: { child: { type: 'string' }, sizes: { type: 'string' }, runs: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  if (values.child) return measure(Number(values.child));
  const runs = Number(values.runs ?? '3');
  const sizes = values.sizes ? values.sizes.split(',').map(Number) : DEFAULT_SIZES;
  if (!Number.isInteger(runs) || runs < 1 || sizes.some((s) => !Number.isInteger(s) || s < 100)) {
    throw new Error('--runs takes a positive integer, --sizes a comma-separated list of node counts (≥ 100)');
  }
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const report = await runPathsBench(sizes, runs, log);
  const command = `node --import tsx bench/paths.ts${argv.length ? ` ${argv.join(' ')}` : ''}`;
  const section = renderSection(report, machineInfo(), command, runs, new Date().toISOString().replace(/\.\d+Z$/, 'Z'));
  const out = resolve(values.out ?? join(ROOT, 'BENCHMARKS.md'));
  await upsertSection(out, report.key, section);
  process.stdout.write(`${section}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
