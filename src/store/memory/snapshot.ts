import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { validateEdge, validateNode, type GraphEdge, type GraphNode } from '../../model/index.js';
import { StoreError } from '../../util/errors.js';
import type { StoreState } from '../port.js';

/**
 * The embedded store's snapshot: NDJSON, a header line then one node or edge per line, so graphs of millions of
 * elements stream in and out without one giant string. Written to a temp file, fsynced, then renamed over the
 * old snapshot (and the directory fsynced): a crash at any moment leaves either the old or the new snapshot whole.
 */
export const SNAPSHOT_FILE = 'graph.ndjson';
const FORMAT = 'apiposture-graph';
const VERSION = 1;

interface Header {
  format: string;
  version: number;
  nodes: number;
  edges: number;
  savedAt: string;
  /** Ingest and analysis stamps; absent in snapshots written before they were recorded. */
  state?: Pick<StoreState, 'lastIngest' | 'lastAnalysis'>;
}

export function snapshotPath(dataDir: string): string {
  return join(dataDir, SNAPSHOT_FILE);
}

export async function writeSnapshot(
  path: string,
  nodes: Iterable<GraphNode>,
  edges: Iterable<GraphEdge>,
  counts: { nodes: number; edges: number },
  state?: Pick<StoreState, 'lastIngest' | 'lastAnalysis'>,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}-${Date.now()}`;
  const handle = await open(temp, 'w', 0o600);
  try {
    const header: Header = { format: FORMAT, version: VERSION, ...counts, savedAt: new Date().toISOString(), ...(state ? { state } : {}) };
    let buffer = `${JSON.stringify(header)}\n`;
    const flushAt = 1 << 20;
    const append = async (line: string) => {
      buffer += line;
      if (buffer.length >= flushAt) {
        await handle.write(buffer);
        buffer = '';
      }
    };
    for (const node of nodes) await append(`${JSON.stringify({ n: node.kind, id: node.id, p: node.properties })}\n`);
    for (const edge of edges) {
      await append(
        `${JSON.stringify({ e: edge.kind, f: edge.from, fk: edge.fromKind, t: edge.to, tk: edge.toKind, p: edge.properties })}\n`,
      );
    }
    await handle.write(`${buffer}{"end":true}\n`);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw new StoreError(
      `Could not write snapshot ${path}: ${describeWriteError(error)}; the previous snapshot is kept`,
      {
        cause: error,
      },
    );
  }
  await handle.close();
  await rename(temp, path);
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** The reason a write failed, in words for the errors a full disk gives (the code stays, for searching). */
function describeWriteError(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  switch (code) {
    case 'ENOSPC':
      return `the disk is full (${message})`;
    case 'EDQUOT':
      return `the disk quota is used up (${message})`;
    case 'EFBIG':
      return `the file size limit was reached (${message})`;
    default:
      return message;
  }
}

/** Removes temp files a killed writer left behind; the snapshot itself is never touched. */
export async function removeAbandonedTempFiles(path: string): Promise<void> {
  const dir = dirname(path);
  const prefix = `${SNAPSHOT_FILE}.tmp-`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (pid !== process.pid && !isRunning(pid)) await rm(join(dir, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface SnapshotContents {
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  /** False when there was no snapshot file. */
  readonly exists: boolean;
  readonly state: Pick<StoreState, 'lastIngest' | 'lastAnalysis'>;
}

const NO_STATE: Pick<StoreState, 'lastIngest' | 'lastAnalysis'> = { lastIngest: null, lastAnalysis: null };

/** The header's stamps, kept only when they have the recorded shape (a hand-edited header loses them, not the graph). */
function headerState(value: unknown): Pick<StoreState, 'lastIngest' | 'lastAnalysis'> {
  if (typeof value !== 'object' || value === null) return NO_STATE;
  const { lastIngest, lastAnalysis } = value as Record<string, unknown>;
  const stamp = (v: unknown) => {
    const r = v as Record<string, unknown> | null;
    return r && typeof r === 'object' && typeof r['runId'] === 'string' && typeof r['at'] === 'string' ? { runId: r['runId'], at: r['at'] } : null;
  };
  const analysis = stamp(lastAnalysis);
  const ingestRunId = (lastAnalysis as Record<string, unknown> | null)?.['ingestRunId'];
  return {
    lastIngest: stamp(lastIngest),
    lastAnalysis: analysis ? { ...analysis, ingestRunId: typeof ingestRunId === 'string' ? ingestRunId : null } : null,
  };
}

/** Reads a snapshot; a missing file is an empty graph, a damaged one an error naming the file and line. */
export async function readSnapshot(path: string): Promise<SnapshotContents> {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  let stream;
  try {
    stream = createReadStream(path, { encoding: 'utf8' });
    await new Promise<void>((resolve, reject) => {
      stream!.once('open', () => resolve());
      stream!.once('error', reject);
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { nodes, edges, exists: false, state: NO_STATE };
    throw new StoreError(`Could not open snapshot ${path}: ${(error as Error).message}`, { cause: error });
  }
  let line = 0;
  let ended = false;
  let state = NO_STATE;
  const fail = (reason: string): never => {
    throw new StoreError(`Snapshot ${path} line ${line}: ${reason}`);
  };
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line += 1;
    if (ended) fail('content after the end marker');
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(text) as Record<string, unknown>;
    } catch {
      fail('not JSON');
    }
    row = row!;
    if (line === 1) {
      if (row['format'] !== FORMAT || row['version'] !== VERSION) fail(`not an ${FORMAT} v${VERSION} snapshot`);
      state = headerState(row['state']);
      continue;
    }
    try {
      if (row['end'] === true) ended = true;
      else if (typeof row['n'] === 'string') {
        nodes.push(
          validateNode({ kind: row['n'], id: row['id'] as string, properties: row['p'] as GraphNode['properties'] }),
        );
      } else if (typeof row['e'] === 'string') {
        edges.push(
          validateEdge({
            kind: row['e'],
            from: row['f'] as string,
            fromKind: row['fk'] as string,
            to: row['t'] as string,
            toKind: row['tk'] as string,
            properties: row['p'] as GraphEdge['properties'],
          }),
        );
      } else fail('neither a node nor an edge');
    } catch (error) {
      if (error instanceof StoreError) throw error;
      fail((error as Error).message);
    }
  }
  if (line > 0 && !ended) fail('truncated: no end marker');
  return { nodes, edges, exists: true, state };
}
