import type { LiveFamily, LiveProgress } from '../ingest/azure/live/index.js';

export interface LiveProgressView {
  report(progress: LiveProgress): void;
  warn(message: string): void;
  end(): void;
}

const BAR_WIDTH = 24;
/** Redraws at most this often on a terminal: a large estate reports thousands of events. */
const REDRAW_MS = 100;

/** What the done/total of a family counts: rows for Resource Graph tables, parent resources for ARM children. */
const UNITS: Readonly<Record<LiveFamily, string>> = {
  resources: 'rows',
  resourcecontainers: 'rows',
  authorizationresources: 'rows',
  appserviceresources: 'rows',
  apim: 'services',
  web: 'sites',
  sql: 'servers',
  frontdoor: 'profiles',
  network: 'NICs',
};

function describe(p: LiveProgress): string {
  const counted = p.total === null ? `${p.done}` : `${p.done}/${p.total}`;
  const rows = UNITS[p.family] === 'rows' ? '' : `, ${p.rows} rows`;
  return `${counted} ${UNITS[p.family]}${rows}`;
}

function bar(p: LiveProgress): string {
  const ratio = p.finished ? 1 : p.total ? Math.min(1, p.done / p.total) : 0;
  const filled = Math.round(ratio * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
}

/**
 * Live fetch progress on stderr: on a terminal a bar per resource family, redrawn in place; otherwise one plain
 * line per family when it finishes (CI logs, pipes). Warnings always get a line of their own.
 */
export function createLiveProgress(stream: NodeJS.WriteStream, enabled: boolean): LiveProgressView {
  if (!enabled) return { report() {}, warn() {}, end() {} };
  const tty = stream.isTTY === true;
  const latest = new Map<LiveFamily, LiveProgress>();
  let drawnLines = 0;
  let lastDraw = 0;
  const clear = () => {
    if (drawnLines > 0) stream.write(`\x1b[${drawnLines}A\r\x1b[J`);
    drawnLines = 0;
  };
  const draw = () => {
    clear();
    for (const p of latest.values()) stream.write(`${p.family.padEnd(23)} ${bar(p)} ${describe(p)}\n`);
    drawnLines = latest.size;
    lastDraw = Date.now();
  };
  return {
    report(progress) {
      const finishedNow = progress.finished && !latest.get(progress.family)?.finished;
      latest.set(progress.family, progress);
      if (tty) {
        if (finishedNow || Date.now() - lastDraw >= REDRAW_MS) draw();
      } else if (finishedNow) {
        stream.write(`read ${progress.family}: ${describe(progress)}\n`);
      }
    },
    warn(message) {
      if (tty) clear();
      stream.write(`warning: ${message}\n`);
      if (tty && latest.size > 0) draw();
    },
    end() {
      if (tty && latest.size > 0) draw();
      drawnLines = 0;
    },
  };
}
