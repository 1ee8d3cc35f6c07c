/**
 * Per-operation latency under load. autocannon reports one latency histogram for the whole mix; the tail is made
 * by some operations more than others, so each request's time is measured here too, by operation. A connection
 * sends its next request only once the previous answer is in (no pipelining), so the time from building a request
 * (autocannon builds it just before writing it) to its answer is that request's latency.
 */
import { performance } from 'node:perf_hooks';
import { formatNumber } from '../lib/stats.js';
import type { Measurement } from '../lib/types.js';

type Timed = Record<string, unknown>;

/** Nearest-rank percentile of sorted values (the figure autocannon's histograms report, to the millisecond). */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export class OperationLatencies {
  private readonly samples = new Map<string, number[]>();

  /** autocannon hooks for one operation: stamp when the request is built, record when its answer arrives. */
  hooks(name: string) {
    const list: number[] = [];
    this.samples.set(name, list);
    return {
      setupRequest: <R>(request: R, context: Timed): R => {
        // autocannon's context is per connection: the stamp is this connection's request in flight.
        context['sentAt'] = performance.now();
        return request;
      },
      record: (context: Timed) => {
        const sentAt = context['sentAt'];
        if (typeof sentAt === 'number') list.push(performance.now() - sentAt);
        delete context['sentAt'];
      },
    };
  }

  /** One line per operation, slowest p99 first: count, p50, p99 and max, in milliseconds. */
  measurements(label: string): Measurement[] {
    const rows = [...this.samples]
      .map(([name, values]) => ({ name, sorted: [...values].sort((a, b) => a - b) }))
      .filter((row) => row.sorted.length > 0)
      .map((row) => ({ ...row, p50: percentile(row.sorted, 50), p99: percentile(row.sorted, 99) }))
      .sort((a, b) => b.p99 - a.p99);
    return rows.map((row) => ({
      name: `${label}: ${row.name} — latency p99 under load`,
      unit: 'ms',
      value: Math.round(row.p99),
      runs: [Math.round(row.p99)],
      note: `${formatNumber(row.sorted.length)} requests; p50 ${formatNumber(row.p50)} ms, max ${formatNumber(row.sorted.at(-1)!)} ms`,
    }));
  }
}
