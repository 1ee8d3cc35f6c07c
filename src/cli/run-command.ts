import { readStoreConfig, type StoreFlags } from '../config/config.js';
import { openStore, type GraphStore } from '../store/index.js';
import { ApiPostureError, type ErrorCode } from '../util/errors.js';
import { INTERRUPTED_EXIT_CODE, INTERRUPTED_MESSAGE, InterruptedError, interruptibleStore } from './interrupt.js';

/** Exit codes by error code: stable, documented in README. */
export const EXIT_CODES: Readonly<Record<ErrorCode | 'UNEXPECTED', number>> = {
  INPUT_ERROR: 2,
  VALIDATION_ERROR: 2,
  CONFIG_ERROR: 3,
  STORE_ERROR: 4,
  NOT_FOUND: 5,
  AZURE_ERROR: 6,
  NO_DATA: 7,
  UNEXPECTED: 1,
};

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

/** Maps a failure to a message and an exit code; stack traces only with APIPOSTURE_DEBUG=1. */
export function reportFailure(error: unknown, io: CommandIo): number {
  if (error instanceof InterruptedError) {
    io.stderr.write(`apiposture: ${INTERRUPTED_MESSAGE}\n`);
    return INTERRUPTED_EXIT_CODE;
  }
  if (error instanceof ApiPostureError) {
    io.stderr.write(`apiposture: ${error.message}\n`);
    return EXIT_CODES[error.code];
  }
  const debug = io.env['APIPOSTURE_DEBUG'] === '1';
  io.stderr.write(`apiposture: unexpected error: ${debug && error instanceof Error ? error.stack : String((error as Error)?.message ?? error)}\n`);
  return EXIT_CODES.UNEXPECTED;
}
