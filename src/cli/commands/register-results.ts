import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Option, type Command } from 'commander';
import type { ScanDiff } from '../../analysis/diff/index.js';
import { ingestTraffic } from '../../ingest/traffic.js';
import { readInputFiles } from '../../ingest/input/read-files.js';
import {
  renderChokePointsTable,
  renderFindingsCsv,
  renderFindingsJson,
  renderFindingsTable,
  renderGoalsText,
  renderPathsCsv,
  renderPathsJson,
  renderPathsMarkdown,
  renderPathsTable,
  renderPlanText,
} from '../../report/paths/index.js';
import { renderHtmlReport, renderPathsHtml } from '../../report/html/index.js';
import { renderFindingsSarif, renderPathsSarif } from '../../report/sarif/index.js';
import { ConfigError, NoDataError } from '../../util/errors.js';
import { readStoreConfig } from '../../config/config.js';
import { ingestedNodeCount, storeTarget, unreadiness, unreadinessMessage } from '../../store/index.js';
import type { StoreFlags } from '../../config/config.js';
import { toJson } from '../format.js';
import type { CommandIo } from '../run-command.js';
import { withStore } from '../run-command.js';
import { withAnalysedStore } from '../read-store.js';
import { newRun } from './ingest.js';
import { chokePointsAndPlan, describePolicy, diffScans, evaluateStoredGoals, provenanceLines, loadFindings, loadPaths, parseRiskLevel } from './results.js';

/** The package version, for the SARIF tool driver (read from package.json beside dist/ and src/). */
async function toolVersion(): Promise<string> {
  const text = await readFile(new URL('../../../package.json', import.meta.url), 'utf8');
  const version = (JSON.parse(text) as { version?: unknown }).version;
  return typeof version === 'string' ? version : '0.0.0';
}

type Action = <A extends unknown[]>(fn: (...args: A) => Promise<void>) => (...args: A) => Promise<void>;

/** Writes to --out atomically (temp file + rename), or to stdout. */
async function emit(io: CommandIo, text: string, out: string | undefined): Promise<void> {
  if (!out) {
    io.stdout.write(text);
    return;
  }
  await mkdir(dirname(out), { recursive: true });
  const temp = `${out}.tmp-${process.pid}`;
  await writeFile(temp, text);
  await rename(temp, out);
  io.stderr.write(`wrote ${out}\n`);
}

function renderDiffText(diff: ScanDiff): string {
  const lines: string[] = [];
  const p = diff.paths;
  lines.push(`Attack paths: ${p.new.length} new, ${p.resolved.length} resolved, ${p.changed.length} changed, ${p.unchanged} unchanged`);
  for (const s of p.new) lines.push(`  + [${s.riskLevel}] ${s.score} ${s.name} (${s.id})`);
  for (const s of p.resolved) lines.push(`  - [${s.riskLevel}] ${s.score} ${s.name} (${s.id})`);
  for (const c of p.changed) {
    const parts = [
      c.changes.score ? `score ${c.changes.score.from} → ${c.changes.score.to}` : '',
      c.changes.riskLevel ? `level ${c.changes.riskLevel.from} → ${c.changes.riskLevel.to}` : '',
      c.changes.factorsAdded?.length ? `+${c.changes.factorsAdded.join(', +')}` : '',
      c.changes.factorsRemoved?.length ? `-${c.changes.factorsRemoved.join(', -')}` : '',
    ].filter(Boolean);
    lines.push(`  ~ ${c.after.name} (${c.id}): ${parts.join('; ')}`);
  }
  const f = diff.findings;
  lines.push(`Findings: ${f.new.length} new, ${f.resolved.length} resolved, ${f.changed.length} changed, ${f.unchanged} unchanged`);
  return `${lines.join('\n')}\n`;
}

/** paths, findings, goals, diff, report and `ingest logs`: the commands that read analysis results. */
export function registerResultCommands(
  program: Command,
  ingest: Command,
  io: CommandIo,
  action: Action,
  storeOptions: (command: Command) => Command,
  setExitCode: (code: number) => void,
): void {
  storeOptions(program.command('paths'))
    .description('ranked attack paths: internet → API → data')
    .option('--min-risk <level>', 'only paths at or above: critical, high, medium, low')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'md', 'html', 'sarif', 'csv']).default('table'))
    .option('--out <file>', 'write to a file instead of stdout')
    .action(
      action(async (flags: StoreFlags & { minRisk?: string; format: string; out?: string }) => {
        const minRisk = parseRiskLevel(flags.minRisk);
        await withAnalysedStore(flags, io, async (store) => {
          const paths = await loadPaths(store, minRisk);
          const sarif = async (p: typeof paths) => renderPathsSarif(p, { toolVersion: await toolVersion() });
          const render = { table: renderPathsTable, json: renderPathsJson, md: renderPathsMarkdown, html: renderPathsHtml, sarif, csv: renderPathsCsv }[flags.format];
          if (!render) throw new ConfigError(`unknown format ${flags.format}`);
          await emit(io, await render(paths), flags.out);
        });
      }),
    );

  storeOptions(program.command('findings'))
    .description('recommendations per asset, with evidence')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'sarif', 'csv']).default('table'))
    .option('--out <file>', 'write to a file instead of stdout')
    .action(
      action(async (flags: StoreFlags & { format: string; out?: string }) => {
        await withAnalysedStore(flags, io, async (store) => {
          const findings = await loadFindings(store);
          const sarif = async (f: typeof findings) => renderFindingsSarif(f, { toolVersion: await toolVersion() });
          const render = { table: renderFindingsTable, json: renderFindingsJson, sarif, csv: renderFindingsCsv }[flags.format];
          if (!render) throw new ConfigError(`unknown format ${flags.format}`);
          await emit(io, await render(findings), flags.out);
        });
      }),
    );

  storeOptions(program.command('goals'))
    .description('evaluate posture goals; exits 1 when a goal fails')
    .option('--policy <file>', 'posture goals (YAML); default: the bundled examples/goals.yaml')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(
      action(async (flags: StoreFlags & { policy?: string; format: string }) => {
        await withAnalysedStore(flags, io, async (store) => {
          const { file, bundled, evaluation } = await evaluateStoredGoals(store, flags.policy);
          io.stdout.write(
            flags.format === 'json'
              ? toJson({ policy: file, bundledPolicy: bundled, ...evaluation })
              : `Posture goals from ${describePolicy(file, bundled)}\n${renderGoalsText(evaluation)}`,
          );
          if (!evaluation.passed) setExitCode(1);
        });
      }),
    );

  program
    .command('diff')
    .description('compare two scans (memory store data dirs or snapshot files): new, resolved and changed paths and findings')
    .argument('<before>', 'data dir or graph.ndjson of the earlier scan')
    .argument('<after>', 'data dir or graph.ndjson of the later scan')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(
      action(async (before: string, after: string, flags: { format: string }) => {
        const diff = await diffScans(before, after);
        io.stdout.write(flags.format === 'json' ? toJson(diff) : renderDiffText(diff));
      }),
    );

  storeOptions(program.command('report'))
    .description('the full posture report: paths, findings, choke points, remediation plan, goals')
    .addOption(new Option('--format <format>', 'report format').choices(['md', 'html']).default('md'))
    .requiredOption('--out <file>', 'file to write')
    .option('--policy <file>', 'posture goals (YAML)')
    .action(
      action(async (flags: StoreFlags & { format: string; out: string; policy?: string }) => {
        await withAnalysedStore(flags, io, async (store, context) => {
          const paths = await loadPaths(store);
          const findings = await loadFindings(store);
          const { chokePoints, plan } = await chokePointsAndPlan(store);
          const { file, bundled, evaluation } = await evaluateStoredGoals(store, flags.policy);
          const provenance = provenanceLines(context, await store.countNodesByKind(), { file, bundled });
          if (flags.format === 'html') {
            const input = { paths, findings, plan, chokePoints, goals: evaluation, generatedAt: new Date().toISOString(), provenance };
            await emit(io, renderHtmlReport(input), flags.out);
            return;
          }
          const text = [
            '# API security posture report',
            '',
            ...provenance.map((line) => `- ${line}`),
            '',
            `${paths.length} attack paths; ${findings.length} findings; posture score ${evaluation.postureScore}.`,
            '',
            '## Attack paths',
            '',
            renderPathsMarkdown(paths),
            '## Remediation plan',
            '',
            '```',
            renderPlanText(plan).trimEnd(),
            '```',
            '',
            '## Choke points',
            '',
            '```',
            renderChokePointsTable(chokePoints).trimEnd(),
            '```',
            '',
            '## Findings',
            '',
            '```',
            renderFindingsTable(findings).trimEnd(),
            '```',
            '',
            '## Posture goals',
            '',
            '```',
            renderGoalsText(evaluation).trimEnd(),
            '```',
            '',
          ].join('\n');
          await emit(io, text, flags.out);
        });
      }),
    );

  storeOptions(ingest.command('logs'))
    .description('ingest gateway logs only (ApiManagementGatewayLogs / AzureDiagnostics; JSON, NDJSON, CSV)')
    .argument('<paths...>', 'log files or directories')
    .action(
      action(async (paths: string[], flags: StoreFlags) => {
        const input = await readInputFiles(paths);
        if (input.logs.length === 0 && input.logFiles.length === 0) throw new ConfigError('no gateway log rows found in the given paths');
        const target = storeTarget(readStoreConfig(flags, io.env));
        await withStore(flags, io, async (store) => {
          // Logs are mapped onto stored operations: with no graph at all they would leave a new, empty store behind.
          const state = await store.readState();
          const counts = state.exists ? await store.countNodesByKind() : {};
          const reason = unreadiness(state, ingestedNodeCount(counts), (counts.Internet ?? 0) > 0);
          if (reason === 'missing' || reason === 'empty') throw new NoDataError(unreadinessMessage(reason, target, state));
          const t = await ingestTraffic(store, [...input.logs, ...input.logFiles], { run: newRun() });
          io.stdout.write(
            `Gateway logs: ${t.rows} rows; ${t.matchedRows} mapped to operations, ${t.unmatchedRows} to none; ` +
              `${t.endpointsCalled} of ${t.endpointsCovered} covered endpoints called, ${t.endpointsWithSensitiveData} with sensitive data. Run \`apiposture analyze\` next.\n`,
          );
        });
      }),
    );
}
