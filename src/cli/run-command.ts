import { readStoreConfig, type StoreFlags } from '../config/config.js';
import { openStore, type GraphStore } from '../store/index.js';
import { ApiPostureError } from '../util/errors.js';
import { EXIT, exitCodeOf } from './exit-codes.js';
import { INTERRUPTED_MESSAGE, InterruptedError, interruptibleStore } from './interrupt.js';

export interface CommandIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WriteStream;
  readonly env: NodeJS.ProcessEnv;
  /** Aborted by Ctrl-C while a long command runs (see interrupt.ts); the store then refuses further calls. */
  readonly signal?: AbortSignal;
}

export async function withStore<T>(flags: StoreFlags, io: CommandIo, work: (store: GraphStore) => Promise<T>): Promise<T> {
  const store = await openStore(readStoreConfig(flags, io.env));
  try {
    return await work(io.signal ? interruptibleStore(store, io.signal) : store);
  } finally {
    await store.close();
  }
}

/**
 * Maps a failure to one message and an exit code (see exit-codes.ts). A usage error adds the command's usage
 * line; anything untyped is a bug and says so (stack traces only with APIPOSTURE_DEBUG=1).
 */
export function reportFailure(error: unknown, io: CommandIo, usage?: string): number {
  if (error instanceof InterruptedError) {
    io.stderr.write(`apiposture: ${INTERRUPTED_MESSAGE}\n`);
    return EXIT.INTERRUPTED;
  }
  if (error instanceof ApiPostureError) {
    io.stderr.write(`apiposture: ${error.message}\n`);
    if (error.code === 'USAGE_ERROR' && usage) io.stderr.write(`${usage}\n`);
    return exitCodeOf(error.code);
  }
  const debug = io.env['APIPOSTURE_DEBUG'] === '1';
  const detail = debug && error instanceof Error ? error.stack : String((error as Error | undefined)?.message ?? error);
  io.stderr.write(`apiposture: internal error (a bug in apiposture; please report it with APIPOSTURE_DEBUG=1 output): ${detail}\n`);
  return EXIT.INTERNAL;
}
