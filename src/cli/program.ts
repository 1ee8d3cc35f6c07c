import { Command } from 'commander';
import type { StoreFlags } from '../config/config.js';
import { analyzeStored } from '../analysis/analyze.js';
import { analysisOptions, formatAnalysisSummary, withAnalysisOptions, type AnalysisFlags } from './commands/analyze.js';
import { renderAnswers, storeArgsOf } from './commands/answers.js';
import { exampleEstateDir } from './commands/demo.js';
import type { CommandContext } from './commands/command-context.js';
import { registerDiffCommand } from './commands/diff.js';
import { registerFindingsCommand } from './commands/findings.js';
import { registerGoalsCommand } from './commands/goals.js';
import { registerIngestLogsCommand } from './commands/ingest-logs.js';
import { registerPathsCommand } from './commands/paths.js';
import { registerReportCommand } from './commands/report.js';
import { exploreOptions, runExploreCommand, type ExploreFlags } from './commands/explore.js';
import { formatIngestSummary, newRun, runExportIngest } from './commands/ingest.js';
import { azureIngestOptions, runAzureIngestCommand, type AzureIngestFlags } from './commands/ingest-azure.js';
import { registerInventoryCommand } from './commands/inventory.js';
import { registerKeysCommands } from './commands/keys.js';
import { runServeCommand, serveOptions, type ServeCommandFlags } from './commands/serve.js';
import { EXIT_CODES_HELP } from './exit-codes.js';
import { terminalWidth } from './format.js';
import { watchingInterrupts } from './interrupt.js';
import { packageVersion, storeOptions } from './options.js';
import { createProgress } from './progress.js';
import { reportFailure, withStore, type CommandIo } from './run-command.js';

interface CommonFlags extends StoreFlags, AnalysisFlags {
  readonly quiet?: boolean;
  readonly strict?: boolean;
  readonly allowEmpty?: boolean;
  readonly skipInvalidRows?: boolean;
}

/** `apiposture paths [options]`: the line a usage error repeats, instead of the whole help. */
function usageLine(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return `usage: ${names.join(' ')} ${command.usage()} (see \`${names.join(' ')} --help\`)`;
}

/** Every command and subcommand, depth first. */
function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

/** The `apiposture` command line. `io` is injected so tests can run commands in process. */
export function buildProgram(io: CommandIo, setExitCode: (code: number) => void): Command {
  const program = new Command('apiposture')
    .description('Graph-based API security posture and attack path engine for Azure')
    .version(packageVersion(), '-V, --version', 'print the version')
    // Commander's own errors (unknown option, bad value) are thrown to main.ts, which maps them to exit code 2.
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .addHelpText('after', EXIT_CODES_HELP);

  const action =
    <A extends unknown[]>(fn: (...args: A) => Promise<void>) =>
    async (...args: A) => {
      try {
        await fn(...args);
      } catch (error) {
        // Commander passes the command last: its usage line follows a usage error.
        const command = args.at(-1);
        setExitCode(reportFailure(error, io, command instanceof Command ? usageLine(command) : undefined));
      }
    };

  // Long commands stop cleanly on Ctrl-C: between store calls, exit code 130, one line (see interrupt.ts).
  const interruptible =
    <A extends unknown[]>(fn: (cio: CommandIo, ...args: A) => Promise<void>) =>
    (...args: A) =>
      watchingInterrupts((signal) => fn({ ...io, signal }, ...args));

  const width = terminalWidth(io);

  const ingestAndSummarize = async (paths: string[], flags: CommonFlags, analyzeToo = false, cio: CommandIo = io) => {
    // Flags are checked before anything is read or written.
    const options = analyzeToo ? await analysisOptions(flags) : {};
    await withStore(flags, cio, async (store) => {
      const summary = await runExportIngest(store, paths, createProgress(io.stderr, !flags.quiet), {
        strict: flags.strict === true,
        allowEmpty: flags.allowEmpty === true,
      });
      io.stdout.write(`${formatIngestSummary(summary, await store.countNodesByKind())}\n`);
      if (!analyzeToo) return;
      const output = await analyzeStored(store, newRun(), options);
      io.stdout.write(`${formatAnalysisSummary(output.summary)}\n`);
      io.stdout.write(`${renderAnswers(output, options, { width, storeArgs: storeArgsOf(flags) })}\n`);
    });
  };

  withAnalysisOptions(storeOptions(program.command('scan')))
    .description('ingest Azure export files (and gateway logs among them), analyze, and show the top paths and fixes')
    .argument('<paths...>', 'files or directories of Azure JSON (Resource Graph results, ARM lists, single resources)')
    .option('-q, --quiet', 'no progress output')
    .option('--strict', 'fail (exit 2, store unchanged) on a row that cannot be placed, instead of reporting and skipping it')
    .option('--skip-invalid-rows', 'the default now: rows that cannot be placed are reported and skipped (kept for old scripts)')
    .option('--allow-empty', 'accept input with no resource row apiposture reads (otherwise exit 7, nothing stored)')
    .action(action(interruptible((cio, paths: string[], flags: CommonFlags) => ingestAndSummarize(paths, flags, true, cio))));

  withAnalysisOptions(storeOptions(program.command('demo')))
    .description('run the whole pipeline on the shipped example estate (examples/contoso) and show what it finds')
    .option('-q, --quiet', 'no progress output')
    .action(action(interruptible((cio, flags: CommonFlags) => ingestAndSummarize([exampleEstateDir()], flags, true, cio))));

  withAnalysisOptions(storeOptions(program.command('analyze')))
    .description('derive reachability, routes and permissions, and find insights, over what is stored')
    .action(
      action(
        interruptible(async (cio, flags: CommonFlags) => {
          const options = await analysisOptions(flags);
          await withStore(flags, cio, async (store) => {
            io.stdout.write(`${formatAnalysisSummary((await analyzeStored(store, newRun(), options)).summary)}\n`);
          });
        }),
      ),
    );

  const ingest = program.command('ingest').description('ingest without analysis');
  storeOptions(ingest.command('export'))
    .description('ingest Azure export files only')
    .argument('<paths...>', 'files or directories of Azure JSON')
    .option('-q, --quiet', 'no progress output')
    .option('--strict', 'fail (exit 2, store unchanged) on a row that cannot be placed, instead of reporting and skipping it')
    .option('--skip-invalid-rows', 'the default now: rows that cannot be placed are reported and skipped (kept for old scripts)')
    .option('--allow-empty', 'accept input with no resource row apiposture reads (otherwise exit 7, nothing stored)')
    .action(action(interruptible((cio, paths: string[], flags: CommonFlags) => ingestAndSummarize(paths, flags, false, cio))));
  azureIngestOptions(storeOptions(ingest.command('azure'))).action(action(interruptible((cio, flags: AzureIngestFlags) => runAzureIngestCommand(flags, cio))));

  const context: CommandContext = { io, action, setExitCode };
  registerIngestLogsCommand(ingest, context);
  registerPathsCommand(program, context);
  registerFindingsCommand(program, context);
  registerGoalsCommand(program, context);
  registerDiffCommand(program, context);
  registerReportCommand(program, context);
  registerInventoryCommand(program, context);

  exploreOptions(storeOptions(program.command('explore'))).action(action((flags: ExploreFlags) => runExploreCommand(flags, io)));

  serveOptions(storeOptions(program.command('serve'))).action(action((flags: ServeCommandFlags) => runServeCommand(flags, io)));
  registerKeysCommands(program, io, action);

  // A usage error prints one line and the command's usage line, never the whole help.
  for (const command of allCommands(program)) command.showHelpAfterError(usageLine(command));
  return program;
}
