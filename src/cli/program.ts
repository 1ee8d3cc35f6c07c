import { Command, Option } from 'commander';
import type { StoreFlags } from '../config/config.js';
import { DEFAULT_DATA_DIR } from '../config/config.js';
import { analyze } from '../analysis/analyze.js';
import { analysisOptions, formatAnalysisSummary, withAnalysisOptions } from './commands/analyze.js';
import { exampleEstateDir } from './commands/demo.js';
import { registerResultCommands } from './commands/register-results.js';
import { exploreOptions, runExploreCommand, type ExploreFlags } from './commands/explore.js';
import { formatIngestSummary, newRun, runExportIngest } from './commands/ingest.js';
import { azureIngestOptions, runAzureIngestCommand, type AzureIngestFlags } from './commands/ingest-azure.js';
import { loadInventory, renderInventoryTable } from './commands/inventory.js';
import { keysCreateOptions, runKeysCreate, type KeysCreateFlags } from './commands/keys.js';
import { runServeCommand, serveOptions, type ServeCommandFlags } from './commands/serve.js';
import { toJson } from './format.js';
import { watchingInterrupts } from './interrupt.js';
import { createProgress } from './progress.js';
import { withAnalysedStore } from './read-store.js';
import { reportFailure, withStore, type CommandIo } from './run-command.js';

interface CommonFlags extends StoreFlags {
  readonly quiet?: boolean;
  readonly inactiveDays?: string;
  readonly riskModel?: string;
  readonly strict?: boolean;
  readonly allowEmpty?: boolean;
}

function storeOptions(command: Command): Command {
  return command
    .addOption(new Option('--store <kind>', 'graph store').choices(['memory', 'neo4j']).default('memory'))
    .option('--data-dir <dir>', 'directory of the embedded store', DEFAULT_DATA_DIR)
    .option('--batch-size <n>', 'rows per Neo4j UNWIND batch (default 5000)');
}

/** The `apiposture` command line. `io` is injected so tests can run commands in process. */
export function buildProgram(io: CommandIo, setExitCode: (code: number) => void): Command {
  const program = new Command('apiposture')
    .description('Graph-based API security posture and attack path engine for Azure')
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  const action =
    <A extends unknown[]>(fn: (...args: A) => Promise<void>) =>
    async (...args: A) => {
      try {
        await fn(...args);
      } catch (error) {
        setExitCode(reportFailure(error, io));
      }
    };

  // Long commands stop cleanly on Ctrl-C: between store calls, exit code 130, one line (see interrupt.ts).
  const interruptible =
    <A extends unknown[]>(fn: (cio: CommandIo, ...args: A) => Promise<void>) =>
    (...args: A) =>
      watchingInterrupts((signal) => fn({ ...io, signal }, ...args));

  const ingestAndSummarize = async (paths: string[], flags: CommonFlags, analyzeToo = false, cio: CommandIo = io) => {
    await withStore(flags, cio, async (store) => {
      const summary = await runExportIngest(store, paths, createProgress(io.stderr, !flags.quiet), {
        strict: flags.strict === true,
        allowEmpty: flags.allowEmpty === true,
      });
      io.stdout.write(`${formatIngestSummary(summary, await store.countNodesByKind())}\n`);
      if (analyzeToo) io.stdout.write(`${formatAnalysisSummary(await analyze(store, newRun(), await analysisOptions(flags)))}\n`);
    });
  };

  withAnalysisOptions(storeOptions(program.command('scan')))
    .description('ingest Azure export files (and gateway logs among them) and print a summary')
    .argument('<paths...>', 'files or directories of Azure JSON (Resource Graph results, ARM lists, single resources)')
    .option('-q, --quiet', 'no progress output')
    .option('--strict', 'fail (exit 2, store unchanged) on a row that cannot be placed, instead of reporting and skipping it')
    .option('--skip-invalid-rows', 'the default now: rows that cannot be placed are reported and skipped (kept for old scripts)')
    .option('--allow-empty', 'accept input with no resource row apiposture reads (otherwise exit 7, nothing stored)')
    .action(action(interruptible((cio, paths: string[], flags: CommonFlags) => ingestAndSummarize(paths, flags, true, cio))));

  withAnalysisOptions(storeOptions(program.command('demo')))
    .description('run the whole pipeline on the shipped example estate (examples/contoso) and show what it finds')
    .option('-q, --quiet', 'no progress output')
    .action(
      action(async (flags: CommonFlags) => {
        await ingestAndSummarize([exampleEstateDir()], flags, true);
        await withStore(flags, io, async (store) => {
          io.stdout.write(`\nAPI inventory:\n${renderInventoryTable(await loadInventory(store))}\n`);
        });
      }),
    );

  withAnalysisOptions(storeOptions(program.command('analyze')))
    .description('derive reachability, routes and permissions, and find insights, over what is stored')
    .action(
      action(
        interruptible(async (cio, flags: CommonFlags) => {
          await withStore(flags, cio, async (store) => {
            io.stdout.write(`${formatAnalysisSummary(await analyze(store, newRun(), await analysisOptions(flags)))}\n`);
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

  registerResultCommands(program, ingest, io, action, storeOptions, setExitCode);

  storeOptions(program.command('inventory'))
    .description('API inventory with insights')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(
      action(async (flags: CommonFlags & { format: 'table' | 'json' }) => {
        await withAnalysedStore(flags, io, async (store) => {
          const endpoints = await loadInventory(store);
          io.stdout.write(flags.format === 'json' ? toJson({ endpoints }) : `${renderInventoryTable(endpoints)}\n`);
        });
      }),
    );

  exploreOptions(storeOptions(program.command('explore'))).action(
    action((flags: ExploreFlags) => runExploreCommand(flags, io)),
  );

  serveOptions(storeOptions(program.command('serve'))).action(
    action((flags: ServeCommandFlags) => runServeCommand(flags, io)),
  );
  keysCreateOptions(program.command('keys').description('API keys for serve').command('create')).action(
    action((flags: KeysCreateFlags) => runKeysCreate(flags, io)),
  );

  return program;
}
