import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';
import { ROOT } from './child.js';

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly ramGb: number;
  readonly os: string;
  readonly node: string;
  readonly commit: string;
  /** 1-minute load average when the run started: other work on the machine skews every figure. */
  readonly load: number;
}

/** The commit measured (read-only git call); "unknown" outside a checkout. */
function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

export function machineInfo(): MachineInfo {
  const first = cpus()[0];
  return {
    cpu: first?.model.trim() ?? 'unknown CPU',
    cores: availableParallelism(),
    ramGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
    commit: commit(),
    load: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}
