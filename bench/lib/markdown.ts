/** BENCHMARKS.md: a fixed preamble, then one section per suite and size that each run replaces (or appends). */
import { readFile, writeFile } from 'node:fs/promises';
import type { MachineInfo } from './machine.js';
import { formatNumber } from './stats.js';
import type { Measurement, SuiteReport } from './types.js';

const PREAMBLE = `# Benchmarks

Figures measured by \`npm run bench\` (\`bench/run.ts\`) on synthetic Azure estates from the seeded generator
(\`npm run generate:estate\`, \`src/ingest/generate/\`): Azure's own JSON, S ≈ 10k rows, M ≈ 100k, L ≈ 1M, with
heavy-tailed sharing of NSGs, subnets, identities and gateways. Every figure is the median of several runs, each
in a fresh child process; peak RSS is the child's own \`process.resourceUsage().maxRSS\`.

Targets: offline ingest into the memory store ≥ 50,000 rows/s; Neo4j batched writes ≥ 10,000 nodes/s.

Each section below is written by the harness. Re-running a suite at the same size replaces its section;
\`npm run bench -- --help\` lists the options.
`;

const begin = (key: string) => `<!-- bench:${key}:begin -->`;
const end = (key: string) => `<!-- bench:${key}:end -->`;

function formatValue(m: Measurement, value: number | null): string {
  if (value === null) return 'not measured';
  const digits = m.unit === 's' || m.unit === '×' ? 2 : 0;
  return `${formatNumber(value, digits)}${m.unit === '×' ? '×' : ` ${m.unit}`}`;
}

function verdict(m: Measurement): string {
  if (!m.target) return '';
  if (m.value === null) return '—';
  return m.value >= m.target.min ? 'meets target' : 'below target';
}

function row(m: Measurement): string {
  const runs = m.runs.length > 1 ? m.runs.map((v) => formatValue(m, v)).join(' · ') : '';
  const name = m.note ? `${m.name} — ${m.note}` : m.name;
  return `| ${name} | ${formatValue(m, m.value)} | ${runs} | ${m.target?.text ?? ''} | ${verdict(m)} |`;
}

export function renderSection(
  report: SuiteReport,
  machine: MachineInfo,
  command: string,
  runs: number,
  measuredAt: string,
): string {
  return [
    begin(report.key),
    `## ${report.title}`,
    '',
    `- Measured: ${measuredAt}, commit \`${machine.commit}\``,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB RAM, ${machine.os}, Node ${machine.node}; 1-minute load average at the start: ${machine.load}`,
    `- Command: \`${command}\` (median of ${runs} run${runs === 1 ? '' : 's'})`,
    ...report.details.map((d) => `- ${d}`),
    '',
    '| measurement | median | runs | target | |',
    '|---|---:|---|---|---|',
    ...report.measurements.map(row),
    end(report.key),
  ].join('\n');
}

/** Replaces the section with the report's key, or appends it; everything else in the file is kept. */
export async function upsertSection(path: string, key: string, section: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    text = PREAMBLE;
  }
  const from = text.indexOf(begin(key));
  const to = text.indexOf(end(key));
  if (from >= 0 && to > from) text = `${text.slice(0, from)}${section}${text.slice(to + end(key).length)}`;
  else text = `${text.trimEnd()}\n\n${section}\n`;
  await writeFile(path, text.endsWith('\n') ? text : `${text}\n`);
}
