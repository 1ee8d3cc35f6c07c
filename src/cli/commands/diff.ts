import type { Command } from 'commander';
import type { RiskLevel } from '../../model/index.js';
import { newAtOrAbove, renderDiffTable } from '../../report/paths/diff.js';
import { EXIT } from '../exit-codes.js';
import { toJson } from '../format.js';
import { formatOption, minRiskOption, outOption } from '../options.js';
import { emit } from '../output.js';
import { tableWidth, type CommandContext } from './command-context.js';
import { diffScans } from './results.js';

interface DiffFlags {
  readonly failOnNew?: RiskLevel;
  readonly format: 'table' | 'json';
  readonly out?: string;
}

/** `diff`: what changed between two scans of the memory store; `--fail-on-new` gates CI on what appeared. */
export function registerDiffCommand(program: Command, { io, action, setExitCode }: CommandContext): void {
  program
    .command('diff')
    .description('compare two scans (memory store data dirs or snapshot files): new, resolved and changed paths and findings')
    .argument('<before>', 'data dir or graph.ndjson of the earlier scan')
    .argument('<after>', 'data dir or graph.ndjson of the later scan')
    .addOption(minRiskOption('--fail-on-new <level>', 'exit 1 when a new path at or above this level (or a new finding of that severity) appears'))
    .addOption(formatOption(['table', 'json'] as const))
    .addOption(outOption())
    .action(
      action(async (before: string, after: string, flags: DiffFlags) => {
        const diff = await diffScans(before, after);
        await emit(io, flags.format === 'json' ? toJson(diff) : renderDiffTable(diff, tableWidth(io, flags.out)), flags.out);
        if (flags.failOnNew && newAtOrAbove(diff, flags.failOnNew) > 0) setExitCode(EXIT.GATE_FAILED);
      }),
    );
}
