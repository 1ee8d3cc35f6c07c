import { readStoreConfig, type StoreFlags } from '../config/config.js';
import { assertAnalysed, openStore, storeTarget, type GraphStore, type StoreState, type StoreTarget } from '../store/index.js';
import type { CommandIo } from './run-command.js';

/** What a read command answered from: the store, in words, and its stamps (for report headers). */
export interface ReadContext {
  readonly target: StoreTarget;
  readonly state: StoreState;
}

/**
 * Opens the store for a command that reads analysis results, refusing (exit 7) one that does not exist, holds no
 * graph, or was not analysed since its last ingest: an empty answer there would read as a clean estate.
 */
export async function withAnalysedStore<T>(
  flags: StoreFlags,
  io: CommandIo,
  work: (store: GraphStore, context: ReadContext) => Promise<T>,
): Promise<T> {
  const config = readStoreConfig(flags, io.env);
  const store = await openStore(config);
  try {
    const target = storeTarget(config);
    const state = await assertAnalysed(store, target);
    return await work(store, { target, state });
  } finally {
    await store.close();
  }
}
