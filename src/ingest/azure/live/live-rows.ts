import type { InputRow } from '../../../util/input/rows.js';
import type { LiveFailure } from '../../../util/azure-failures.js';
import type { LiveFamily, LiveProgress, LiveSettings } from './settings.js';

/**
 * What a live run has gathered so far: rows in the pipeline's input shape (`file` names where they came from,
 * `azure:resourcegraph/<table>` or `azure:<ARM path>`, `index` their position there), failures, and progress.
 */
export class LiveRows {
  readonly rows: InputRow[] = [];
  readonly failures: LiveFailure[] = [];
  private readonly nextIndex = new Map<string, number>();
  private readonly counts = new Map<LiveFamily, { done: number; total: number | null; rows: number }>();

  constructor(private readonly settings: Pick<LiveSettings, 'onProgress' | 'onWarning'>) {}

  /** Adds rows read from one source; positions continue across pages of the same source. */
  add(file: string, values: readonly Record<string, unknown>[]): void {
    let index = this.nextIndex.get(file) ?? 0;
    for (const value of values) this.rows.push({ file, index: index++, value });
    this.nextIndex.set(file, index);
  }

  fail(failure: LiveFailure): void {
    this.failures.push(failure);
  }

  warn(message: string): void {
    this.settings.onWarning?.(message);
  }

  /** Updates a family's counters and reports them. */
  progress(
    family: LiveFamily,
    change: { done?: number; total?: number | null; rows?: number; finished?: boolean },
  ): void {
    const current = this.counts.get(family) ?? { done: 0, total: null, rows: 0 };
    const next = {
      done: current.done + (change.done ?? 0),
      total: change.total !== undefined ? change.total : current.total,
      rows: current.rows + (change.rows ?? 0),
    };
    this.counts.set(family, next);
    const event: LiveProgress = { family, ...next, finished: change.finished ?? false };
    this.settings.onProgress?.(event);
  }
}
