import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import {
  RELAUNCHED_ENV,
  SEMI_SPACE_ENV,
  SERVE_SEMI_SPACE_MB,
  youngGenerationRelaunch,
} from '../../src/cli/young-generation.js';
import { ConfigError } from '../../src/util/errors.js';
import { builtCli, runCli, runInProcess, tempDir } from '../support/cli.js';

const node = { execArgv: ['--enable-source-maps'], script: '/opt/apiposture/dist/cli/main.js' };

describe('serve restarts itself with a larger young generation', () => {
  it('restarts serve once, with the flag, its own Node options and the command line unchanged', () => {
    expect(youngGenerationRelaunch(['serve', '--port', '0'], node, {})).toEqual([
      '--enable-source-maps',
      `--max-semi-space-size=${SERVE_SEMI_SPACE_MB}`,
      node.script,
      'serve',
      '--port',
      '0',
    ]);
    expect(youngGenerationRelaunch(['serve'], node, { [SEMI_SPACE_ENV]: '32' })).toContain('--max-semi-space-size=32');
  });

  it('runs in place: other commands, the restart itself, the override 0, and a size the caller chose', () => {
    expect(youngGenerationRelaunch(['scan', 'x'], node, {})).toBeNull();
    expect(youngGenerationRelaunch([], node, {})).toBeNull();
    expect(youngGenerationRelaunch(['serve'], node, { [RELAUNCHED_ENV]: '1' })).toBeNull();
    expect(youngGenerationRelaunch(['serve'], node, { [SEMI_SPACE_ENV]: '0' })).toBeNull();
    expect(youngGenerationRelaunch(['serve'], { ...node, execArgv: ['--max-semi-space-size=8'] }, {})).toBeNull();
    expect(youngGenerationRelaunch(['serve'], node, { NODE_OPTIONS: '--max_semi_space_size=8' })).toBeNull();
  });

  it('refuses an override that is not a size, naming the variable and the value', () => {
    for (const bad of ['64MB', '-1', '1.5', '99999']) {
      expect(() => youngGenerationRelaunch(['serve'], node, { [SEMI_SPACE_ENV]: bad })).toThrow(ConfigError);
      expect(() => youngGenerationRelaunch(['serve'], node, { [SEMI_SPACE_ENV]: bad })).toThrow(
        new RegExp(`${SEMI_SPACE_ENV}.*"${bad.replace('.', '\\.')}"`),
      );
    }
  });

  it('the installed bin: a bad override exits with the configuration code before anything starts', async () => {
    const result = await runCli(['serve', '--port', '0', '--data-dir', '/nonexistent'], { [SEMI_SPACE_ENV]: 'lots' });
    expect(result.code).toBe(EXIT.CONFIG_REFUSED);
    expect(result.stderr).toContain(SEMI_SPACE_ENV);
  });

  /** `apiposture serve` from the built bin until it listens; SIGTERM to the bin then, and how the bin ended. */
  async function serveThenTerminate(dataDir: string, semiSpace: string) {
    const bin = spawn(process.execPath, [builtCli(), 'serve', '--port', '0', '--data-dir', dataDir], {
      env: { ...process.env, [SEMI_SPACE_ENV]: semiSpace, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    bin.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    bin.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      bin.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const url = await new Promise<string>((resolve, reject) => {
      bin.stdout.on('data', () => {
        const found = /(http:\/\/127\.0\.0\.1:\d+)\/graphql/.exec(stdout)?.[1];
        if (found) resolve(found);
      });
      void exited.then(() => reject(new Error(`serve exited before listening: ${stderr}`)));
    });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // Linux names a process's children in /proc: the command line of the one serving, if any.
    const children = `/proc/${bin.pid}/task/${bin.pid}/children`;
    const server = existsSync(children) ? readFileSync(children, 'utf8').trim().split(/\s+/).filter(Boolean)[0] : undefined;
    const serverArgs = server ? readFileSync(`/proc/${server}/cmdline`, 'utf8').split('\0') : null;
    bin.kill('SIGTERM');
    const ended = await exited;
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    return { ended, serverArgs, procChildren: existsSync(children) };
  }

  it('the installed bin: the server runs restarted with the flag, and SIGTERM to the bin ends it as it ends a server run in place', async () => {
    const dir = await tempDir('young-generation');
    const scan = await runInProcess(['scan', 'test/fixtures/skeleton', '-q', '--data-dir', dir]);
    expect(scan.code, scan.stderr).toBe(EXIT.OK);
    const inPlace = await serveThenTerminate(dir, '0');
    const restarted = await serveThenTerminate(dir, '');
    if (restarted.procChildren) {
      expect(inPlace.serverArgs).toBeNull();
      expect(restarted.serverArgs).toContain(`--max-semi-space-size=${SERVE_SEMI_SPACE_MB}`);
    }
    // The server stops on SIGTERM (Apollo then ends the process with the same signal, as shells expect): the
    // restarted bin passes the signal on and ends the same way.
    expect(inPlace.ended.code === 0 || inPlace.ended.signal === 'SIGTERM').toBe(true);
    expect(restarted.ended).toEqual(inPlace.ended);
    await rm(dir, { recursive: true, force: true });
  }, 120_000);
});
