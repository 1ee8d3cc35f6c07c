import { readFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_DATA_DIR } from '../config/config.js';
import { RISK_LEVELS } from '../model/index.js';

/** The one vocabulary of output formats; each command offers the ones that make sense for it. */
export const FORMATS = ['table', 'json', 'csv', 'md', 'html', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * An option taking one of a closed set of values, matched without regard to case (`--min-risk CRITICAL`,
 * `--format JSON`); the value reaches the command in the set's own spelling. `aliases` are older spellings
 * still accepted (`text` for `table`), not shown in help.
 */
export function choiceOption<T extends string>(
  flags: string,
  description: string,
  values: readonly T[],
  aliases: Readonly<Record<string, T>> = {},
): Option {
  const option = new Option(flags, description).choices(values);
  return option.argParser((raw: string): T => {
    const lower = raw.toLowerCase();
    const match = values.find((v) => v.toLowerCase() === lower) ?? aliases[lower];
    if (match === undefined) throw new InvalidArgumentError(`Allowed choices are ${values.join(', ')}.`);
    return match;
  });
}

export function formatOption<T extends Format>(values: readonly T[], fallback: T = values[0]!): Option {
  const aliases: Record<string, T> = values.includes('table' as T) ? { text: 'table' as T } : {};
  return choiceOption('--format <format>', 'output format', values, aliases).default(fallback);
}

export function outOption(): Option {
  return new Option('--out <file>', 'write to a file (atomically) instead of stdout');
}

export function minRiskOption(flags = '--min-risk <level>', what = 'only paths at or above this level'): Option {
  return choiceOption(flags, what, RISK_LEVELS);
}

/** The graph store flags, on every command that reads or writes the graph. */
export function storeOptions(command: Command): Command {
  return command
    .addOption(choiceOption('--store <kind>', 'graph store', ['memory', 'neo4j'] as const).default('memory'))
    .option('--data-dir <dir>', 'directory of the embedded store', DEFAULT_DATA_DIR)
    .option('--batch-size <n>', 'rows per Neo4j UNWIND batch (default 5000)');
}

let version: string | undefined;

/** The package version, read once from package.json beside dist/ and src/. */
export function packageVersion(): string {
  if (version === undefined) {
    const parsed = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    version = typeof parsed.version === 'string' ? parsed.version : '0.0.0';
  }
  return version;
}
