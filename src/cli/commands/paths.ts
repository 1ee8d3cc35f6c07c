import type { Command } from 'commander';
import { RISK_LEVELS, type RiskLevel } from '../../model/index.js';
import type { StoreFlags } from '../../config/config.js';
import {
  GROUP_BY,
  groupPaths,
  renderPathGroupsJson,
  renderPathGroupsTable,
  renderPathsCsv,
  renderPathsJson,
  renderPathsMarkdown,
  renderPathsTable,
  type GroupBy,
} from '../../report/paths/index.js';
import { renderPathsHtml } from '../../report/html/index.js';
import { renderPathsSarif } from '../../report/sarif/index.js';
import { UsageError } from '../../util/errors.js';
import { EXIT } from '../exit-codes.js';
import { choiceOption, formatOption, minRiskOption, outOption, packageVersion, storeOptions } from '../options.js';
import { emit } from '../output.js';
import { withAnalysedStore } from '../read-store.js';
import { failOnOption, tableWidth, type CommandContext } from './command-context.js';
import { findAsset, loadPaths, pathsThrough } from './results.js';

type PathsFormat = 'table' | 'json' | 'csv' | 'md' | 'html' | 'sarif';

interface PathsFlags extends StoreFlags {
  readonly minRisk?: RiskLevel;
  readonly asset?: string;
  readonly groupBy?: GroupBy;
  readonly failOn?: RiskLevel;
  readonly format: PathsFormat;
  readonly out?: string;
}

/** `paths`: the ranked attack paths, filtered, grouped or rendered in any result format; `--fail-on` gates CI. */
export function registerPathsCommand(program: Command, { io, action, setExitCode }: CommandContext): void {
  storeOptions(program.command('paths'))
    .description('ranked attack paths: internet → API → data, each with its id, chain and factors')
    .addOption(minRiskOption())
    .option('--asset <id>', 'only the paths that pass through this asset (an ARM id in any casing)')
    .addOption(choiceOption('--group-by <key>', 'collapse paths sharing an entry endpoint, a target, or the fix that breaks them', GROUP_BY))
    .addOption(failOnOption('a path'))
    .addOption(formatOption(['table', 'json', 'csv', 'md', 'html', 'sarif'] as const))
    .addOption(outOption())
    .action(
      action(async (flags: PathsFlags) => {
        await withAnalysedStore(flags, io, async (store) => {
          const stored = await loadPaths(store, flags.minRisk);
          const paths = flags.asset === undefined ? stored : pathsThrough(stored, (await findAsset(store, flags.asset)).id);
          if (flags.groupBy) {
            if (flags.format !== 'table' && flags.format !== 'json') throw new UsageError('--group-by prints a table or json (--format table|json)');
            const groups = groupPaths(paths, flags.groupBy);
            await emit(io, flags.format === 'json' ? renderPathGroupsJson(groups, flags.groupBy) : renderPathGroupsTable(groups, flags.groupBy, tableWidth(io, flags.out)), flags.out);
          } else {
            const render = {
              table: () => renderPathsTable(paths, tableWidth(io, flags.out)),
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
}
