/** Small text helpers shared by the renderers: padded tables, truncation, CSV cells. */

export function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/**
 * Shortens text to `width` by cutting its middle: an ARM id keeps its subscription and its resource name, a
 * chain keeps its entry and its target.
 */
export function shortenMiddle(text: string, width: number): string {
  if (text.length <= width) return text;
  if (width <= 1) return '…'.slice(0, width);
  const head = Math.ceil((width - 1) / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (width - 1 - head))}`;
}

export interface TableOptions {
  /** Terminal width to fit; absent: columns as wide as their widest cell. */
  readonly width?: number | undefined;
  /**
   * Columns to shorten first, in order (each down to its floor before the next gives way), e.g. a path's
   * factors before its chain; then the widest of the rest.
   */
  readonly shrinkFirst?: readonly number[];
  /** Columns never shortened: ids a reader copies into the next command. */
  readonly keep?: readonly number[];
}

const GAP = 2;
/** No column is squeezed below this (or its header), so a narrow terminal still shows something of each. */
const MIN_COLUMN = 10;

/** Column widths fitting `width`: the `shrinkFirst` columns give way first, then the widest, one character at a time. */
function fitWidths(natural: number[], headers: readonly string[], options: TableOptions): number[] {
  const widths = [...natural];
  const width = options.width;
  if (width === undefined) return widths;
  const floor = headers.map((h, i) => (options.keep?.includes(i) ? (natural[i] ?? 0) : Math.min(natural[i] ?? 0, Math.max(h.length, MIN_COLUMN))));
  let excess = widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1) - width;
  for (const i of options.shrinkFirst ?? []) {
    const give = Math.min(excess, (widths[i] ?? 0) - (floor[i] ?? 0));
    if (give <= 0) continue;
    widths[i]! -= give;
    excess -= give;
  }
  while (excess > 0) {
    let widest = -1;
    widths.forEach((w, i) => {
      if (w > floor[i]! && (widest < 0 || w > widths[widest]!)) widest = i;
    });
    if (widest < 0) break;
    widths[widest]!--;
    excess--;
  }
  return widths;
}

/**
 * A plain-text table: columns padded to their widest cell, a dashed rule under the header. With a width,
 * the widest columns are shortened in the middle until the table fits (full values are in json and csv).
 */
export function textTable(headers: readonly string[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const natural = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const widths = fitWidths(natural, headers, options);
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => {
        const cell = shortenMiddle(c, widths[i] ?? c.length);
        return i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0);
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. A leading =, +, @ or tab is
 * prefixed with a quote mark so a spreadsheet never runs a cell as a formula (asset names come from tenants).
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csv(
  headers: readonly string[],
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
): string {
  return `${[headers.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n')}\r\n`;
}

/** Markdown table cell: pipes escaped, line breaks flattened. */
export function mdCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A GitHub-flavoured Markdown table; nothing is cut (Markdown readers wrap cells). */
export function mdTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(mdCell).join(' | ')} |`;
  return [line(headers), `|${headers.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/**
 * A text table whose rows each carry detail lines printed beneath them (a path's chain, a finding's
 * recommendation): the part too long for a column is never cut, it gets its own lines.
 */
export function textTableWithDetails(
  headers: readonly string[],
  rows: readonly { readonly cells: readonly string[]; readonly details: readonly string[] }[],
  options: TableOptions = {},
): string {
  const table = textTable(headers, rows.map((r) => r.cells), options).split('\n');
  const lines = table.slice(0, 2);
  rows.forEach((row, i) => lines.push(table[i + 2]!, ...row.details));
  return lines.join('\n');
}

/** Text broken at spaces to fit `width`, each line led by `indent`; a word longer than the width stands alone. */
export function wrapWords(text: string, width: number | undefined, indent = ''): string[] {
  if (width === undefined) return [`${indent}${text}`];
  const lines: string[] = [];
  let line = indent;
  for (const word of text.split(' ')) {
    if (line.length > indent.length && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent;
    }
    line += line.length > indent.length ? ` ${word}` : word;
  }
  return [...lines, line];
}
