import { textTable, type TableOptions } from '../report/paths/text.js';
import type { CommandIo } from './run-command.js';

/** Plain-text tables for terminals: the report's table, fitted to the terminal when one is known. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  return textTable(headers, rows, options);
}

/**
 * The width tables fit: COLUMNS when set (tests and scripts fix it), else the terminal's; none when output
 * goes to a pipe or file, so nothing is cut there.
 */
export function terminalWidth(io: Pick<CommandIo, 'env' | 'stdout'>): number | undefined {
  const fromEnv = Number(io.env['COLUMNS']);
  if (Number.isInteger(fromEnv) && fromEnv >= 40) return fromEnv;
  const columns = (io.stdout as Partial<NodeJS.WriteStream>).isTTY ? (io.stdout as NodeJS.WriteStream).columns : undefined;
  return typeof columns === 'number' && columns > 0 ? columns : undefined;
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
