import type { Command } from 'commander';
import { ingestTraffic } from '../../ingest/traffic.js';
import { readInputFiles } from '../../util/input/read-files.js';
import { RISK_LEVELS, type RiskLevel } from '../../model/index.js';
import {
  GROUP_BY,
  groupPaths,
  renderChokePointsMarkdown,
  renderFindingsCsv,
  renderFindingsJson,
  renderFindingsMarkdown,
  renderFindingsTable,
  renderGoalsMarkdown,
  renderGoalsText,
  renderPathGroupsJson,
  renderPathGroupsTable,
  renderPathsCsv,
  renderPathsJson,
  renderPathsMarkdown,
  renderPathsTable,
  renderPlanMarkdown,
  type GroupBy,
} from '../../report/paths/index.js';
import { newAtOrAbove, renderDiffTable } from '../../report/paths/diff.js';
import { renderHtmlReport, renderPathsHtml } from '../../report/html/index.js';
import { renderFindingsSarif, renderPathsSarif } from '../../report/sarif/index.js';
import { InputError, NoDataError, UsageError } from '../../util/errors.js';
import { readStoreConfig } from '../../config/config.js';
import { readReadiness, storeTarget, unreadinessMessage } from '../../store/index.js';
import type { StoreFlags } from '../../config/config.js';
import { EXIT } from '../exit-codes.js';
import { terminalWidth, toJson } from '../format.js';
import { choiceOption, formatOption, minRiskOption, outOption, packageVersion, storeOptions } from '../options.js';
import { emit } from '../output.js';
import type { CommandIo } from '../run-command.js';
import { withStore } from '../run-command.js';
import { withAnalysedStore } from '../read-store.js';
import { newRun } from './ingest.js';
import { chokePointsAndPlan, describePolicy, diffScans, evaluateStoredGoals, findAsset, provenanceLines, loadFindings, loadPaths, pathsThrough } from './results.js';

type Action = <A extends unknown[]>(fn: (...args: A) => Promise<void>) => (...args: A) => Promise<void>;

type PathsFormat = 'table' | 'json' | 'csv' | 'md' | 'html' | 'sarif';
type FindingsFormat = 'table' | 'json' | 'csv' | 'sarif';

/** Severities at or above a level (Defender's High/Medium/Low): critical and high both mean High. */
const SEVERITY_RANK: Record<string, number> = { high: 1, medium: 2, low: 3 };
const severityAtOrAbove = (severity: string, level: RiskLevel) => (SEVERITY_RANK[severity.toLowerCase()] ?? 9) <= Math.max(1, RISK_LEVELS.indexOf(level));

const failOnOption = (what: string) => minRiskOption('--fail-on <level>', `exit 1 when ${what} at or above this level exists (a CI gate)`);

/** paths, findings, goals, diff, report and `ingest logs`: the commands that read analysis results. */
export function registerResultCommands(program: Command, ingest: Command, io: CommandIo, action: Action, setExitCode: (code: number) => void): void {
  const width = (out: string | undefined) => (out ? {} : { width: terminalWidth(io) });

  storeOptions(program.command('paths'))
    .description('ranked attack paths: internet → API → data, each with its id, chain and factors')
    .addOption(minRiskOption())
    .option('--asset <id>', 'only the paths that pass through this asset (an ARM id in any casing)')
    .addOption(choiceOption('--group-by <key>', 'collapse paths sharing an entry endpoint, a target, or the fix that breaks them', GROUP_BY))
    .addOption(failOnOption('a path'))
    .addOption(formatOption(['table', 'json', 'csv', 'md', 'html', 'sarif'] as const))
    .addOption(outOption())
    .action(
      action(async (flags: StoreFlags & { minRisk?: RiskLevel; asset?: string; groupBy?: GroupBy; failOn?: RiskLevel; format: PathsFormat; out?: string }) => {
        await withAnalysedStore(flags, io, async (store) => {
          const stored = await loadPaths(store, flags.minRisk);
          const paths = flags.asset === undefined ? stored : pathsThrough(stored, (await findAsset(store, flags.asset)).id);
          if (flags.groupBy) {
            if (flags.format !== 'table' && flags.format !== 'json') throw new UsageError('--group-by prints a table or json (--format table|json)');
            const groups = groupPaths(paths, flags.groupBy);
            await emit(io, flags.format === 'json' ? renderPathGroupsJson(groups, flags.groupBy) : renderPathGroupsTable(groups, flags.groupBy, width(flags.out)), flags.out);
          } else {
            const render = {
              table: () => renderPathsTable(paths, width(flags.out)),
              json: () => renderPathsJson(paths),
              csv: () => renderPathsCsv(paths),
              md: () => renderPathsMarkdown(paths),
              html: () => renderPathsHtml(paths),
              sarif: () => renderPathsSarif(paths, { toolVersion: packageVersion() }),
            }[flags.format];
            await emit(io, await render(), flags.out);
          }
          const level = flags.failOn;
          if (level && paths.some((p) => RISK_LEVELS.indexOf(p.riskLevel) <= RISK_LEVELS.indexOf(level))) setExitCode(EXIT.GATE_FAILED);
        });
      }),
    );

  storeOptions(program.command('findings'))
    .description('recommendations per asset, with evidence and remediation')
    .addOption(failOnOption('a finding'))
    .addOption(formatOption(['table', 'json', 'csv', 'sarif'] as const))
    .addOption(outOption())
    .action(
      action(async (flags: StoreFlags & { failOn?: RiskLevel; format: FindingsFormat; out?: string }) => {
        await withAnalysedStore(flags, io, async (store) => {
          const findings = await loadFindings(store);
          const render = {
            table: () => renderFindingsTable(findings, width(flags.out)),
            json: () => renderFindingsJson(findings),
            csv: () => renderFindingsCsv(findings),
            sarif: () => renderFindingsSarif(findings, { toolVersion: packageVersion() }),
          }[flags.format];
          await emit(io, await render(), flags.out);
          const level = flags.failOn;
          if (level && findings.some((f) => severityAtOrAbove(f.severity, level))) setExitCode(EXIT.GATE_FAILED);
        });
      }),
    );

  storeOptions(program.command('goals'))
    .description('evaluate posture goals; exits 1 when a goal fails')
    .option('--policy <file>', 'posture goals (YAML); default: the bundled examples/goals.yaml')
    .addOption(formatOption(['table', 'json', 'md'] as const))
    .addOption(outOption())
    .action(
      action(async (flags: StoreFlags & { policy?: string; format: 'table' | 'json' | 'md'; out?: string }) => {
        await withAnalysedStore(flags, io, async (store) => {
          const { file, bundled, evaluation } = await evaluateStoredGoals(store, flags.policy);
          const text = {
            table: () => `Posture goals from ${describePolicy(file, bundled)}\n${renderGoalsText(evaluation)}`,
            json: () => toJson({ policy: file, bundledPolicy: bundled, ...evaluation }),
            md: () => `# Posture goals\n\nFrom ${describePolicy(file, bundled)}.\n\n${renderGoalsMarkdown(evaluation)}`,
          }[flags.format]();
          await emit(io, text, flags.out);
          if (!evaluation.passed) setExitCode(EXIT.GATE_FAILED);
        });
      }),
    );

  program
    .command('diff')
    .description('compare two scans (memory store data dirs or snapshot files): new, resolved and changed paths and findings')
    .argument('<before>', 'data dir or graph.ndjson of the earlier scan')
    .argument('<after>', 'data dir or graph.ndjson of the later scan')
    .addOption(minRiskOption('--fail-on-new <level>', 'exit 1 when a new path at or above this level (or a new finding of that severity) appears'))
    .addOption(formatOption(['table', 'json'] as const))
    .addOption(outOption())
    .action(
      action(async (before: string, after: string, flags: { failOnNew?: RiskLevel; format: 'table' | 'json'; out?: string }) => {
        const diff = await diffScans(before, after);
        await emit(io, flags.format === 'json' ? toJson(diff) : renderDiffTable(diff, width(flags.out)), flags.out);
        if (flags.failOnNew && newAtOrAbove(diff, flags.failOnNew) > 0) setExitCode(EXIT.GATE_FAILED);
      }),
    );

  storeOptions(program.command('report'))
    .description('the full posture report: paths, findings, choke points, remediation plan, goals (stdout unless --out)')
    .addOption(formatOption(['md', 'html'] as const))
    .addOption(outOption())
    .option('--policy <file>', 'posture goals (YAML)')
    .action(
      action(async (flags: StoreFlags & { format: 'md' | 'html'; out?: string; policy?: string }) => {
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
            renderPathsMarkdown(paths, { depth: 2 }).trimEnd(),
            '',
            '## Remediation plan',
            '',
            renderPlanMarkdown(plan).trimEnd(),
            '',
            '## Choke points',
            '',
            renderChokePointsMarkdown(chokePoints).trimEnd(),
            '',
            '## Findings',
            '',
            renderFindingsMarkdown(findings).trimEnd(),
            '',
            '## Posture goals',
            '',
            renderGoalsMarkdown(evaluation).trimEnd(),
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
        if (input.logs.length === 0 && input.logFiles.length === 0) throw new InputError({ file: paths.join(', ') }, 'no gateway log rows found in the given paths');
        const target = storeTarget(readStoreConfig(flags, io.env));
        await withStore(flags, io, async (store) => {
          // Logs are mapped onto stored operations: with no graph at all they would leave a new, empty store behind.
          const { state, reason } = await readReadiness(store);
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
