import type { Command } from 'commander';
import { StoredFacts } from '../../analysis/facts/index.js';
import type { StoreFlags } from '../../config/config.js';
import { renderGoalsMarkdown, renderGoalsText } from '../../report/paths/index.js';
import { EXIT } from '../exit-codes.js';
import { toJson } from '../format.js';
import { formatOption, outOption, storeOptions } from '../options.js';
import { emit } from '../output.js';
import { withAnalysedStore } from '../read-store.js';
import type { CommandContext } from './command-context.js';
import { describePolicy, evaluateStoredGoals } from './results.js';

interface GoalsFlags extends StoreFlags {
  readonly policy?: string;
  readonly format: 'table' | 'json' | 'md';
  readonly out?: string;
}

/** `goals`: the posture goals evaluated over the stored graph and paths; a failed goal is a failed gate (exit 1). */
export function registerGoalsCommand(program: Command, { io, action, setExitCode }: CommandContext): void {
  storeOptions(program.command('goals'))
    .description('evaluate posture goals; exits 1 when a goal fails')
    .option('--policy <file>', 'posture goals (YAML); default: the bundled examples/goals.yaml')
    .addOption(formatOption(['table', 'json', 'md'] as const))
    .addOption(outOption())
    .action(
      action(async (flags: GoalsFlags) => {
        await withAnalysedStore(flags, io, async (store, context) => {
          const { file, bundled, evaluation } = await evaluateStoredGoals(new StoredFacts(store, context.target), flags.policy);
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
}
