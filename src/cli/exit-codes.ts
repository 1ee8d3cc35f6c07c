import { assertNever } from '../model/index.js';
import type { ErrorCode } from '../util/errors.js';

/**
 * The exit-code contract, the same for every command (DESIGN §6, README "Exit codes", `apiposture --help`).
 * Typed errors map here by their stable code and nowhere else; nothing matches on message text.
 */
export const EXIT = {
  OK: 0,
  /** A gate failed: `goals`, `paths`/`findings --fail-on LEVEL`, `diff --fail-on-new LEVEL`. */
  GATE_FAILED: 1,
  USAGE: 2,
  CONFIG_REFUSED: 3,
  STORE_UNAVAILABLE: 4,
  NOT_FOUND: 5,
  PARTIAL_INGEST: 6,
  NO_DATA: 7,
  /** EX_SOFTWARE from sysexits.h: the program, not the user, is at fault. */
  INTERNAL: 70,
  /** 128 + SIGINT, as shells report it. */
  INTERRUPTED: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function exitCodeOf(code: ErrorCode): ExitCode {
  switch (code) {
    case 'USAGE_ERROR':
    case 'INPUT_ERROR':
    case 'VALIDATION_ERROR':
      return EXIT.USAGE;
    case 'CONFIG_ERROR':
      return EXIT.CONFIG_REFUSED;
    // Only a request with a time budget (the API) can run out of it; a command that did would have its store too slow.
    case 'STORE_ERROR':
    case 'QUERY_TIMEOUT':
      return EXIT.STORE_UNAVAILABLE;
    case 'NOT_FOUND':
      return EXIT.NOT_FOUND;
    case 'AZURE_ERROR':
      return EXIT.PARTIAL_INGEST;
    case 'NO_DATA':
      return EXIT.NO_DATA;
    default:
      return assertNever(code, 'error code');
  }
}

/** The table printed at the end of `apiposture --help`. */
export const EXIT_CODES_HELP = `
Exit codes (the same for every command):
  0    success
  1    a gate failed: goals, paths/findings --fail-on LEVEL, diff --fail-on-new LEVEL
  2    usage or bad input (unknown option or value, malformed file, invalid query)
  3    configuration refused (e.g. a non-loopback bind without authentication)
  4    store unavailable
  5    not found (template, asset, path)
  6    live ingest partly failed (some subscriptions or calls)
  7    no data, or not analysed since the last ingest
  70   internal error (a bug: please report it)
  130  interrupted`;
