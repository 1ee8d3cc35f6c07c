import { readFile } from 'node:fs/promises';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { Option, type Command } from 'commander';
import type { StoreFlags } from '../../config/config.js';
import {
  AzureError,
  DEFAULT_ARM_ENDPOINT,
  DEFAULT_CONCURRENCY,
  DEFAULT_MAX_EFFECTIVE_NICS,
  DEFAULT_RETRY,
  ingestAzureLive,
  type LiveIngestResult,
  type NetworkEnrichmentSettings,
  type RetrySettings,
} from '../../ingest/azure/live/index.js';
import type { GraphStore } from '../../store/index.js';
import { ConfigError, UsageError } from '../../util/errors.js';
import { renderTable } from '../format.js';
import { createLiveProgress } from '../live-progress.js';
import { createProgress } from '../progress.js';
import { withStore, type CommandIo } from '../run-command.js';
import { newRun } from './ingest.js';
import { ingestLiveTraffic } from '../../ingest/traffic.js';
import { DEFAULT_LOG_ANALYTICS_ENDPOINT } from '../../traffic/index.js';

export interface AzureIngestFlags extends StoreFlags {
  readonly subscription?: string[];
  readonly managementGroup?: string;
  readonly armEndpoint?: string;
  readonly concurrency?: string;
  readonly maxRetries?: string;
  readonly tryTimeout?: string;
  readonly caFile?: string;
  readonly quiet?: boolean;
  readonly logWorkspace?: string;
  readonly logEndpoint?: string;
  readonly logDuration?: string;
  /** Commander's negatable `--no-network-enrichment`: false when given. */
  readonly networkEnrichment?: boolean;
  readonly maxEffectiveNics?: string;
}

/** `ingest azure` settings, read once from the flags, validated and frozen. */
export interface LiveConfig {
  readonly subscriptions: readonly string[];
  readonly managementGroup?: string;
  readonly armEndpoint: string;
  readonly concurrency: number;
  readonly retry: RetrySettings;
  readonly caFile?: string;
  readonly quiet: boolean;
  readonly networkEnrichment: NetworkEnrichmentSettings;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The options of `ingest azure`, declared next to the handler so program.ts only wires it. */
export function azureIngestOptions(command: Command): Command {
  return command
    .description('live ingest: Azure Resource Graph, then the ARM children it lacks (DefaultAzureCredential)')
    .option('--subscription <id...>', 'subscription ids to read (repeatable); default: every one the credential sees')
    .option('--management-group <id>', 'read a management group instead of a subscription list')
    .addOption(
      new Option('--arm-endpoint <url>', 'ARM endpoint (sovereign clouds, Azure Stack Hub)').default(
        DEFAULT_ARM_ENDPOINT,
      ),
    )
    .option('--concurrency <n>', `parallel ARM calls (default ${DEFAULT_CONCURRENCY})`)
    .option(
      '--max-retries <n>',
      `retries of a throttled, failed, timed-out or reset Azure call (default ${DEFAULT_RETRY.maxRetries})`,
    )
    .option(
      '--try-timeout <seconds>',
      `deadline of one try of an Azure call, headers and body (default ${(DEFAULT_RETRY.tryTimeoutInMs ?? 0) / 1000})`,
    )
    .option('--ca-file <pem>', 'extra trusted CA certificates (PEM) for a private ARM endpoint')
    .option(
      '--log-workspace <id>',
      'also read gateway traffic from this Log Analytics workspace (its customer id, a GUID)',
    )
    .option('--log-endpoint <url>', 'Log Analytics query endpoint (sovereign clouds)', DEFAULT_LOG_ANALYTICS_ENDPOINT)
    .option('--log-duration <iso8601>', 'how far back to read traffic, e.g. P30D', 'P30D')
    .option('--no-network-enrichment', "skip Azure's effective security rules of internet-facing NICs (@azure/arm-network)")
    .option(
      '--max-effective-nics <n>',
      `read effective security rules for at most this many NICs (default ${DEFAULT_MAX_EFFECTIVE_NICS})`,
    )
    .option('-q, --quiet', 'no progress output');
}

export function readLiveConfig(flags: AzureIngestFlags): LiveConfig {
  const subscriptions = [...new Set((flags.subscription ?? []).map((s) => s.trim().toLowerCase()))];
  const bad = subscriptions.find((s) => !GUID.test(s));
  if (bad !== undefined) throw new UsageError(`--subscription "${bad}" is not a subscription id (a GUID)`);
  if (subscriptions.length && flags.managementGroup)
    throw new UsageError('give --subscription or --management-group, not both');
  const endpoint = flags.armEndpoint ?? DEFAULT_ARM_ENDPOINT;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(`--arm-endpoint "${endpoint}" is not a URL`);
  }
  // The SDK sends bearer tokens only over TLS.
  if (url.protocol !== 'https:') throw new UsageError(`--arm-endpoint must be an https:// URL, not "${endpoint}"`);
  const concurrency = flags.concurrency === undefined ? DEFAULT_CONCURRENCY : Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)
    throw new UsageError('--concurrency must be an integer from 1 to 32');
  const maxRetries = flags.maxRetries === undefined ? DEFAULT_RETRY.maxRetries : Number(flags.maxRetries);
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 20)
    throw new UsageError('--max-retries must be an integer from 0 to 20');
  const tryTimeout = flags.tryTimeout === undefined ? undefined : Number(flags.tryTimeout);
  if (tryTimeout !== undefined && !(Number.isFinite(tryTimeout) && tryTimeout >= 1 && tryTimeout <= 3600))
    throw new UsageError('--try-timeout must be a number of seconds from 1 to 3600');
  const retry: RetrySettings = Object.freeze({
    ...DEFAULT_RETRY,
    maxRetries,
    ...(tryTimeout !== undefined ? { tryTimeoutInMs: Math.round(tryTimeout * 1000) } : {}),
  });
  const maxEffectiveNics = flags.maxEffectiveNics === undefined ? DEFAULT_MAX_EFFECTIVE_NICS : Number(flags.maxEffectiveNics);
  if (!Number.isInteger(maxEffectiveNics) || maxEffectiveNics < 0 || maxEffectiveNics > 10_000)
    throw new ConfigError('--max-effective-nics must be an integer from 0 to 10000');
  const networkEnrichment: NetworkEnrichmentSettings = Object.freeze({
    enabled: flags.networkEnrichment !== false,
    maxEffectiveNics,
  });
  return Object.freeze({
    subscriptions,
    networkEnrichment,
    ...(flags.managementGroup ? { managementGroup: flags.managementGroup } : {}),
    armEndpoint: url.origin,
    concurrency,
    retry,
    ...(flags.caFile ? { caFile: flags.caFile } : {}),
    quiet: flags.quiet === true,
  });
}

async function readCaFile(path: string | undefined): Promise<string[] | undefined> {
  if (!path) return undefined;
  try {
    return [await readFile(path, 'utf8')];
  } catch (error) {
    throw new ConfigError(`--ca-file ${path}: ${(error as Error).message}`);
  }
}

/** Fetches live and ingests; progress and warnings on stderr. */
export async function runAzureIngest(
  store: GraphStore,
  config: LiveConfig,
  credential: TokenCredential,
  stderr: NodeJS.WriteStream,
): Promise<LiveIngestResult> {
  const fetchView = createLiveProgress(stderr, !config.quiet);
  const loadView = createProgress(stderr, !config.quiet);
  const caCertificates = await readCaFile(config.caFile);
  try {
    return await ingestAzureLive(
      store,
      {
        credential,
        armEndpoint: config.armEndpoint,
        ...(config.subscriptions.length ? { subscriptions: config.subscriptions } : {}),
        ...(config.managementGroup ? { managementGroup: config.managementGroup } : {}),
        concurrency: config.concurrency,
        retry: config.retry,
        networkEnrichment: config.networkEnrichment,
        ...(caCertificates ? { caCertificates } : {}),
        onProgress: (p) => fetchView.report(p),
        onWarning: (w) => fetchView.warn(w),
      },
      { run: newRun(), onProgress: (e) => loadView.report(e) },
    );
  } finally {
    fetchView.end();
    loadView.end();
  }
}

export function formatLiveSummary(result: LiveIngestResult, counts: Partial<Record<string, number>>): string {
  const { summary, fetched } = result;
  const fromGraph = fetched.rows.filter((r) => r.file.startsWith('azure:resourcegraph/')).length;
  const lines = [
    `Read ${summary.resourceRows} rows from Azure (${fromGraph} from Resource Graph, ${summary.resourceRows - fromGraph} from ARM) across ${summary.subscriptions.length} subscription(s).`,
    `Stored ${summary.nodes} nodes and ${summary.edges} edges` +
      (summary.removedNodes || summary.removedEdges
        ? `; removed ${summary.removedNodes} stale nodes and ${summary.removedEdges} stale edges`
        : '') +
      '.',
  ];
  const unknown = Object.entries(summary.unknownTypes).sort(([, a], [, b]) => b - a);
  if (unknown.length) lines.push(`Not read: ${unknown.map(([t, n]) => `${t} (${n})`).join(', ')}.`);
  if (fetched.incompleteSubscriptions.length || fetched.scopeFailed) {
    const which = fetched.scopeFailed ? 'every subscription' : fetched.incompleteSubscriptions.join(', ');
    lines.push(`Incomplete: ${fetched.failures.length} Azure call(s) failed; earlier data was kept for ${which}.`);
  }
  const rows = Object.entries(counts)
    .filter(([, n]) => n)
    .map(([kind, n]) => [kind, String(n)]);
  lines.push('', renderTable(['kind', 'count'], rows));
  return lines.join('\n');
}

/** What DefaultAzureCredential throws when no source in its chain has a credential (by class name, not message). */
const NO_CREDENTIAL = new Set(['CredentialUnavailableError', 'AggregateAuthenticationError']);

/**
 * One token before anything is read, so a machine without Azure credentials gets one line saying how to sign in,
 * instead of every resource family failing in turn with the credential chain's message.
 */
async function checkCredential(credential: TokenCredential, armEndpoint: string): Promise<void> {
  try {
    await credential.getToken(`${armEndpoint}/.default`);
  } catch (error) {
    if (!(error instanceof Error) || !NO_CREDENTIAL.has(error.name)) throw error;
    throw new ConfigError(
      'no Azure credential found (DefaultAzureCredential tried environment variables, workload identity, managed identity, ' +
        'Azure CLI, Azure PowerShell and Azure Developer CLI). Sign in with `az login` (then `az account set --subscription <id>`), ' +
        'or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET for a service principal with Reader; ' +
        'or export the data and use `apiposture scan` (docs/export.md)',
    );
  }
}

/**
 * `apiposture ingest azure`. Failed calls do not stop the run: what was read is stored, each failure is listed on
 * stderr, and the command then fails with the Azure exit code so scripts notice the gap.
 */
export async function runAzureIngestCommand(
  flags: AzureIngestFlags,
  io: CommandIo,
  credential: TokenCredential = new DefaultAzureCredential(),
): Promise<void> {
  const config = readLiveConfig(flags);
  await checkCredential(credential, config.armEndpoint);
  await withStore(flags, io, async (store) => {
    const result = await runAzureIngest(store, config, credential, io.stderr);
    io.stdout.write(`${formatLiveSummary(result, await store.countNodesByKind())}\n`);
    const { failures } = result.fetched;
    for (const f of failures) {
      io.stderr.write(
        `apiposture: ${f.subscriptionId ?? '(all)'} ${f.operation} ${f.status ?? 'no response'}: ${f.message}${f.resourceId ? ` [${f.resourceId}]` : ''}\n`,
      );
    }
    if (flags.logWorkspace) {
      if (!GUID.test(flags.logWorkspace))
        throw new UsageError(`--log-workspace "${flags.logWorkspace}" is not a workspace id (a GUID)`);
      const caCertificates = await readCaFile(config.caFile);
      const traffic = await ingestLiveTraffic(
        store,
        {
          credential,
          ...(flags.logEndpoint ? { endpoint: flags.logEndpoint } : {}),
          ...(caCertificates ? { caCertificates } : {}),
        },
        { workspaceId: flags.logWorkspace },
        { run: newRun(), ...(flags.logDuration ? { duration: flags.logDuration } : {}) },
      );
      io.stdout.write(
        `Gateway traffic from Log Analytics: ${traffic.rows} rows; ${traffic.endpointsCalled} of ${traffic.endpointsCovered} covered endpoints called, ` +
          `${traffic.endpointsWithSensitiveData} with sensitive data in sampled traffic${traffic.partial ? `; ${traffic.partial} partial result(s): some rows may be missing` : ''}.\n`,
      );
    }
    if (failures.length) throw new AzureError(`${failures.length} Azure call(s) failed; see above`, failures);
  });
}
