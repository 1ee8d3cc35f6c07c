import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

interface Handle {
  stop(): Promise<void>;
}
interface ArchiveModule {
  classArchivePath(args: { java: string; classpath: string; archiveDir: string }): string;
  classArchiveFlags(archive: string): string[];
  makeClassArchive(args: { archive: string; boot: (flags: string[]) => Promise<Handle>; log: (m: string) => void }): Promise<void>;
  packLauncherJar(args: { java: string; classesDir: string; jarFile: string; log: (m: string) => void }): string | undefined;
}

const archives = (await import(
  /* @vite-ignore */ new URL('../../scripts/neo4j-class-archive.mjs', import.meta.url).href
)) as ArchiveModule;

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'apiposture-cds-'));
  dirs.push(dir);
  return dir;
}

/** A JVM stand-in: writes what it is told to dump (the flag's path) when stopped, as the JVM does as it exits. */
const dumpingBoot = (content: string) => async (flags: string[]) => {
  const dump = flags.find((f) => f.startsWith('-XX:ArchiveClassesAtExit='))!.split('=')[1]!;
  return { stop: async () => writeFileSync(dump, content) };
};

describe('the Neo4j test server class archive', () => {
  it('is named by the java binary and every classpath entry, so a changed dependency gets a new archive', () => {
    const dir = scratch();
    const java = process.execPath; // any binary: the name digests its path and time
    const [a, b] = [join(dir, 'a.jar'), join(dir, 'b.jar')];
    writeFileSync(a, 'a');
    writeFileSync(b, 'b');
    const name = () => archives.classArchivePath({ java, classpath: `${a}:${b}`, archiveDir: join(dir, 'cds') });
    const first = name();
    expect(first).toMatch(/cds\/neo4j-[0-9a-f]{16}\.jsa$/);
    expect(name()).toBe(first);
    utimesSync(b, new Date(2020, 0, 1), new Date(2020, 0, 1));
    const touched = name();
    expect(touched).not.toBe(first);
    writeFileSync(b, 'a longer b');
    expect(name()).not.toBe(touched);
    expect(archives.classArchivePath({ java, classpath: a, archiveDir: join(dir, 'cds') })).not.toBe(name());
  });

  it('maps the archive only when it exists, and sends JVM warnings to stderr either way', () => {
    const dir = scratch();
    const archive = join(dir, 'neo4j-x.jsa');
    expect(archives.classArchiveFlags(archive)).toEqual(['-Xlog:disable', '-Xlog:all=warning:stderr']);
    writeFileSync(archive, '');
    expect(archives.classArchiveFlags(archive)).toEqual([
      '-Xlog:disable',
      '-Xlog:all=warning:stderr',
      `-XX:SharedArchiveFile=${archive}`,
    ]);
  });

  it('is written whole under its name, replacing older archives and what a killed maker left', async () => {
    const cds = join(scratch(), 'cds');
    mkdirSync(cds);
    writeFileSync(join(cds, 'neo4j-older.jsa'), 'older');
    writeFileSync(join(cds, 'neo4j-killed.jsa.999.tmp'), 'half');
    const archive = join(cds, 'neo4j-new.jsa');
    const logged: string[] = [];
    await archives.makeClassArchive({ archive, boot: dumpingBoot('classes'), log: (m) => logged.push(m) });
    expect(readdirSync(cds)).toEqual(['neo4j-new.jsa']);
    expect(logged).toEqual([expect.stringMatching(/class archive neo4j-new\.jsa made in/)]);
  });

  it('leaves servers to boot without one when the boot fails or the JVM writes nothing', async () => {
    const cds = join(scratch(), 'cds');
    const archive = join(cds, 'neo4j-new.jsa');
    const logged: string[] = [];
    const log = (m: string) => logged.push(m);
    await archives.makeClassArchive({ archive, boot: () => Promise.reject(new Error('JVM exited before Neo4j was ready')), log });
    await archives.makeClassArchive({ archive, boot: async () => ({ stop: async () => undefined }), log });
    expect(existsSync(archive)).toBe(false);
    expect(readdirSync(cds)).toEqual([]);
    expect(logged).toEqual([
      expect.stringMatching(/could not make the class archive \(JVM exited before Neo4j was ready\); servers boot without it/),
      expect.stringMatching(/the JVM wrote no class archive; servers boot without it/),
    ]);
  });

  const java = (() => {
    try {
      return execFileSync('sh', ['-c', 'command -v java'], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  })();
  it.skipIf(!java)("packs the launcher's classes into a jar with the JDK's jar tool", () => {
    const dir = scratch();
    const classes = join(dir, 'classes', 'dev', 'example');
    mkdirSync(classes, { recursive: true });
    writeFileSync(join(classes, 'Main.class'), 'not really a class');
    const jarFile = join(dir, 'launcher.jar');
    expect(archives.packLauncherJar({ java, classesDir: join(dir, 'classes'), jarFile, log: () => undefined })).toBe(jarFile);
    const jarTool = join(dirname(realpathSync(java)), 'jar');
    const listing = execFileSync(jarTool, ['--list', '--file', jarFile], { encoding: 'utf8' }).split('\n');
    expect(listing).toContain('dev/example/Main.class');
  });
});
