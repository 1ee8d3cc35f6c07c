import type { Command } from 'commander';
import { ingestTraffic } from '../../ingest/traffic.js';
import { readInputFiles } from '../../util/input/read-files.js';
import { readStoreConfig, type StoreFlags } from '../../config/config.js';
import { readReadiness, storeTarget, unreadinessMessage } from '../../store/index.js';
import { InputError, NoDataError } from '../../util/errors.js';
import { storeOptions } from '../options.js';
import { withStore } from '../run-command.js';
import type { CommandContext } from './command-context.js';
import { newRun } from './ingest.js';

/** `ingest logs`: gateway log rows mapped onto the stored operations, without a new analysis. */
export function registerIngestLogsCommand(ingest: Command, { io, action }: CommandContext): void {
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
