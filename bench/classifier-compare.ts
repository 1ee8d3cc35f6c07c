/**
 * Classifier throughput of this tree against a baseline tree, side by side on the same bodies in one process: runs
 * alternate (baseline, current, baseline, current …) so both see the same machine load, which on a shared machine
 * moves every absolute figure by tens of percent. The baseline is an exported copy of an older `src/` (its
 * node_modules resolved through a symlink) beside this repository's package.json, for instance:
 *
 *   mkdir -p /tmp/base && git archive main src/classify src/util package.json | tar -x -C /tmp/base \
 *     && ln -s "$PWD/node_modules" /tmp/base/node_modules
 *   node --import tsx bench/classifier-compare.ts --baseline /tmp/base [--mb 20] [--runs 3]
 *
 * Without a package.json declaring "type": "module", tsx compiles the baseline's files as CommonJS, which on this
 * code is up to a quarter slower than the same files compiled as ES modules: the comparison would flatter the
 * current tree. The script refuses such a baseline.
 */
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Classifier } from '../src/classify/index.js';
import { createClassifier } from '../src/classify/index.js';
import { classifyAll, generateMix, type Mix, type Run } from './classifier.js';
import { median } from './lib/stats.js';

type Create = () => Pick<Classifier, 'classifyMessage'>;

function row(name: string, runs: readonly Run[]): string {
  const wall = median(runs.map((r) => r.wallMbPerS));
  const cpu = median(runs.map((r) => r.cpuMbPerS));
  const each = runs.map((r) => r.cpuMbPerS.toFixed(1)).join(' · ');
  return `| ${name} | ${wall.toFixed(1)} MB/s | ${cpu.toFixed(1)} MB/s | ${each} | ${runs[0]?.findings ?? 0} |`;
}

function compare(mix: Mix, runs: number, baseline: Create, current: Create): [Run[], Run[]] {
  const a = baseline();
  const b = current();
  const warm = { ...mix, bodies: mix.bodies.slice(0, 3000) };
  classifyAll(warm, a);
  classifyAll(warm, b);
  const old: Run[] = [];
  const now: Run[] = [];
  for (let i = 0; i < runs; i++) {
    old.push(classifyAll(mix, a));
    now.push(classifyAll(mix, b));
  }
  return [old, now];
}

/** Both trees must be compiled alike: the baseline's package.json must make its .ts files ES modules, as here. */
export async function requireModuleFormat(baseline: string): Promise<void> {
  let type: unknown;
  try {
    type = (JSON.parse(await readFile(join(baseline, 'package.json'), 'utf8')) as { type?: unknown }).type;
  } catch {
    type = undefined;
  }
  if (type !== 'module')
    throw new Error(
      `${join(baseline, 'package.json')}: needs "type": "module" (copy this repository's package.json), or the baseline is compiled as CommonJS and measured slower than it is`,
    );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { baseline: { type: 'string' }, mb: { type: 'string' }, runs: { type: 'string' } },
  });
  if (values.baseline === undefined) throw new Error('--baseline <directory holding src/classify> is required');
  await requireModuleFormat(values.baseline);
  const module = (await import(pathToFileURL(join(values.baseline, 'src/classify/index.ts')).href)) as {
    createClassifier: Create;
  };
  const mix = generateMix(Number(values.mb ?? '20'));
  const runs = Number(values.runs ?? '3');
  const load = loadavg().map((l) => l.toFixed(2));
  const [old, now] = compare(
    mix,
    runs,
    () => module.createClassifier(),
    () => createClassifier(),
  );
  const mb = (mix.bytes / 1e6).toFixed(1);
  process.stdout.write(
    [
      `${mix.bodies.length} bodies, ${mb} MB; load average ${load.join(' / ')} at the start`,
      '',
      '| classifier | wall (median) | CPU time (median) | CPU time per run | findings |',
      '|---|---:|---:|---|---:|',
      row('baseline', old),
      row('current', now),
      '',
      `current / baseline (CPU time, medians): ${(median(now.map((r) => r.cpuMbPerS)) / median(old.map((r) => r.cpuMbPerS))).toFixed(2)}×`,
      // On a shared machine a run is slowed by whatever else ran then, never sped up: the best runs are the least
      // disturbed, and each pair of runs (baseline, then current) saw about the same load.
      `current / baseline (CPU time, best runs): ${(Math.max(...now.map((r) => r.cpuMbPerS)) / Math.max(...old.map((r) => r.cpuMbPerS))).toFixed(2)}×`,
      `run by run: ${now.map((r, i) => (r.cpuMbPerS / (old[i]?.cpuMbPerS ?? Number.NaN)).toFixed(2)).join(' · ')}`,
      '',
    ].join('\n'),
  );
}

await main();
