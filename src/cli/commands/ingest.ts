import { randomUUID } from 'node:crypto';
import { ingestFiles, type IngestSummary } from '../../ingest/index.js';
import type { GraphStore, RunContext } from '../../store/index.js';
import { renderTable } from '../format.js';
import type { Progress } from '../progress.js';

export function newRun(): RunContext {
  const startedAt = new Date().toISOString();
  return { runId: `run-${startedAt.replace(/[-:.TZ]/g, '')}-${randomUUID().slice(0, 8)}`, startedAt };
}

export async function runExportIngest(
  store: GraphStore,
  paths: readonly string[],
  progress: Progress,
  options: { strict?: boolean; allowEmpty?: boolean } = {},
): Promise<IngestSummary> {
  try {
    return await ingestFiles(store, paths, {
      source: 'azure-export',
      run: newRun(),
      onProgress: (e) => progress.report(e),
      strict: options.strict === true,
      allowEmpty: options.allowEmpty === true,
    });
  } finally {
    progress.end();
  }
}

export function formatIngestSummary(summary: IngestSummary, counts: Partial<Record<string, number>>): string {
  const lines = [
    `Read ${summary.resourceRows} resource rows from ${summary.files.length} file(s) across ${summary.subscriptions.length} subscription(s)` +
      (summary.logRows ? `, and ${summary.logRows} gateway log rows` : '') + '.',
    `Stored ${summary.nodes} nodes and ${summary.edges} edges` +
      (summary.skippedEdges ? ` (${summary.skippedEdges} edges skipped: an end is not in the estate)` : '') +
      (summary.removedNodes || summary.removedEdges ? `; removed ${summary.removedNodes} stale nodes and ${summary.removedEdges} stale edges` : '') + '.',
  ];
  if (summary.traffic) {
    const t = summary.traffic;
    lines.push(
      `Gateway logs: ${t.rows} rows${t.window ? ` from ${t.window.start} to ${t.window.end}` : ''}; ${t.matchedRows} mapped to operations` +
        (t.unmatchedRows ? `, ${t.unmatchedRows} to none` : '') +
        `; ${t.endpointsCalled} of ${t.endpointsCovered} covered endpoints called, ${t.endpointsWithSensitiveData} with sensitive data in sampled traffic.`,
    );
  }
  if (summary.typedFromId) lines.push(`Typed ${summary.typedFromId} row(s) from their id (no "type", or an alias spelling of it).`);
  if (summary.skippedRows.length) {
    const kept = summary.keptStale.length;
    lines.push(
      `Skipped ${summary.skippedRows.length} row(s) that cannot be placed; stale data was not removed for ` +
        `${kept === 1 ? 'subscription' : `${kept} subscription(s)`} ${summary.keptStale.join(', ')} (a skipped row may be theirs). --strict fails the scan instead:`,
    );
    for (const row of summary.skippedRows.slice(0, 20)) lines.push(`  ${row.file} (row ${row.index}): ${row.reason}`);
    if (summary.skippedRows.length > 20) lines.push(`  … and ${summary.skippedRows.length - 20} more`);
  }
  if (summary.incomplete.length) {
    lines.push(`Incomplete: ${summary.incomplete.length} row(s) left out because their parent is not in the input (nor stored):`);
    for (const row of summary.incomplete.slice(0, 20)) lines.push(`  ${row.file} (row ${row.index}): ${row.what}: parent ${row.parentId} missing`);
    if (summary.incomplete.length > 20) lines.push(`  … and ${summary.incomplete.length - 20} more`);
  }
  const unknown = Object.entries(summary.unknownTypes).sort(([, a], [, b]) => b - a);
  if (unknown.length) {
    const total = unknown.reduce((sum, [, n]) => sum + n, 0);
    lines.push(`Not read: ${total} rows of ${unknown.length} resource type(s) apiposture does not model: ${unknown.map(([t, n]) => `${t} (${n})`).join(', ')}.`);
  }
  const rows = Object.entries(counts)
    .filter(([, n]) => n)
    .map(([kind, n]) => [kind, String(n)]);
  lines.push('', renderTable(['kind', 'count'], rows));
  return lines.join('\n');
}
