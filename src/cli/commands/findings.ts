import type { Command } from 'commander';
import { RISK_LEVELS, type RiskLevel } from '../../model/index.js';
import type { StoreFlags } from '../../config/config.js';
import { renderFindingsCsv, renderFindingsJson, renderFindingsTable } from '../../report/paths/index.js';
import { renderFindingsSarif } from '../../report/sarif/index.js';
import { EXIT } from '../exit-codes.js';
import { formatOption, outOption, packageVersion, storeOptions } from '../options.js';
import { emit } from '../output.js';
import { withAnalysedStore } from '../read-store.js';
import { failOnOption, tableWidth, type CommandContext } from './command-context.js';
import { loadFindings } from './results.js';

type FindingsFormat = 'table' | 'json' | 'csv' | 'sarif';

interface FindingsFlags extends StoreFlags {
  readonly failOn?: RiskLevel;
  readonly format: FindingsFormat;
  readonly out?: string;
}

/** Severities at or above a level (Defender's High/Medium/Low): critical and high both mean High. */
const SEVERITY_RANK: Record<string, number> = { high: 1, medium: 2, low: 3 };
const severityAtOrAbove = (severity: string, level: RiskLevel) => (SEVERITY_RANK[severity.toLowerCase()] ?? 9) <= Math.max(1, RISK_LEVELS.indexOf(level));

/** `findings`: the recommendations per asset with their evidence; `--fail-on` gates CI on their severity. */
export function registerFindingsCommand(program: Command, { io, action, setExitCode }: CommandContext): void {
  storeOptions(program.command('findings'))
    .description('recommendations per asset, with evidence and remediation')
    .addOption(failOnOption('a finding'))
    .addOption(formatOption(['table', 'json', 'csv', 'sarif'] as const))
    .addOption(outOption())
    .action(
      action(async (flags: FindingsFlags) => {
        await withAnalysedStore(flags, io, async (store) => {
          const findings = await loadFindings(store);
          const render = {
            table: () => renderFindingsTable(findings, tableWidth(io, flags.out)),
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
}
