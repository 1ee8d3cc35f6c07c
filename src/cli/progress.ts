import type { IngestProgress } from '../ingest/index.js';

export interface Progress {
  report(event: IngestProgress): void;
  end(): void;
}

const BAR_WIDTH = 28;

/**
 * Progress on stderr: a redrawn bar per stage on a terminal, plain lines otherwise (CI logs, pipes), never on
 * stdout so JSON output stays clean.
 */
export function createProgress(stream: NodeJS.WriteStream, enabled: boolean): Progress {
  if (!enabled) return { report() {}, end() {} };
  const tty = stream.isTTY === true;
  let lastLine = '';
  let lastPercent = -1;
  let open = false;
  const write = (line: string) => {
    if (tty) {
      stream.write(`\r\x1b[2K${line}`);
      open = true;
    } else if (line !== lastLine) stream.write(`${line}\n`);
    lastLine = line;
  };
  return {
    report(event) {
      switch (event.stage) {
        case 'read':
          if (tty) write(`reading ${event.file}`);
          break;
        case 'transform':
          write(`transforming ${event.rows} resource rows`);
          break;
        case 'load': {
          const percent = event.total === 0 ? 100 : Math.floor((event.done / event.total) * 100);
          if (tty) {
            const filled = Math.round((percent / 100) * BAR_WIDTH);
            write(`loading ${event.what.padEnd(5)} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${event.done}/${event.total}`);
          } else if (percent === 100 || percent - lastPercent >= 25) {
            write(`loading ${event.what}: ${event.done}/${event.total}`);
          }
          lastPercent = percent === 100 ? -1 : percent;
          break;
        }
        case 'cleanup':
          // Only the subscriptions really cleaned: the summary names those whose stale data was kept.
          write(event.subscriptions.length ? `removing stale data of ${event.subscriptions.length} subscription(s)` : 'removing no stale data');
          break;
        case 'traffic':
          write(`reading gateway logs (${event.rows} rows in export files${event.files ? `, ${event.files} log file(s) streamed` : ''})`);
          break;
      }
    },
    end() {
      if (tty && open) stream.write('\r\x1b[2K');
      open = false;
    },
  };
}
