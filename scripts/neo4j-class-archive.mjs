// Class-data sharing for the Neo4j test server: an archive of the classes a boot loads (AppCDS, Java 13+), made
// once by a server started for the purpose and mapped by every later JVM, so a boot reads parsed, verified classes
// instead of loading them from some 240 jars. A boot's CPU time falls by about a third (measured: 11.7 s → 7.9 s to
// ready); the suite boots four servers (the shared one and three private ones of the fault tests).
//
// The archive lives in test/neo4j-server/target/cds/ (gitignored), named by a digest of what it depends on: the
// java binary, the classpath and each entry's size and time. A new JDK or a changed dependency therefore makes a
// new archive instead of reusing one the JVM would refuse; and should the JVM refuse one all the same, it boots
// without it (-Xshare:auto, its default), printing a warning to stderr. Without the JDK's `jar` tool (a JRE) or
// when making the archive fails, servers boot as before.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The launcher's classes as one jar: a JVM archives only classes from jars, and refuses to dump at all while a
 * non-empty directory is on the classpath. Returns the jar, or undefined when it cannot be made (no `jar` tool).
 */
export function packLauncherJar({ java, classesDir, jarFile, log }) {
  const jarTool = path.join(path.dirname(realpathSync(java)), 'jar');
  if (!existsSync(jarTool)) {
    log(`[neo4j-test-server] no ${jarTool} (a JRE?): servers boot without a class archive`);
    return undefined;
  }
  const res = spawnSync(jarTool, ['--create', '--file', jarFile, '-C', classesDir, '.'], { encoding: 'utf8' });
  if (res.status !== 0) {
    log(`[neo4j-test-server] jar failed (exit ${res.status ?? res.signal}): ${res.stderr.trim()}; servers boot without a class archive`);
    rmSync(jarFile, { force: true });
    return undefined;
  }
  return jarFile;
}

/** The archive for this java and classpath (whether it exists yet or not). */
export function classArchivePath({ java, classpath, archiveDir }) {
  const hash = createHash('sha256');
  const binary = realpathSync(java);
  hash.update(`${binary} ${statSync(binary).mtimeMs}\n`);
  for (const entry of classpath.split(path.delimiter).filter(Boolean)) {
    const st = statSync(entry, { throwIfNoEntry: false });
    hash.update(`${entry} ${st?.size ?? -1} ${st?.mtimeMs ?? -1}\n`);
  }
  return path.join(archiveDir, `neo4j-${hash.digest('hex').slice(0, 16)}.jsa`);
}

/**
 * JVM flags that map the archive when it is there. JVM warnings (a refused archive among them) go to stderr, where
 * the server's other diagnostics are: stdout carries only the ready line.
 */
export function classArchiveFlags(archive) {
  const logging = ['-Xlog:disable', '-Xlog:all=warning:stderr'];
  return existsSync(archive) ? [...logging, `-XX:SharedArchiveFile=${archive}`] : logging;
}

/**
 * Makes the archive: `boot(flags)` starts a server with the dump flag and resolves to its handle, whose `stop()`
 * ends the JVM normally — the dump is written as it exits. Written to a temporary name and renamed, so a reader
 * never maps half an archive; older archives in the directory (an earlier JDK or classpath) are removed.
 */
export async function makeClassArchive({ archive, boot, log }) {
  const dir = path.dirname(archive);
  mkdirSync(dir, { recursive: true });
  const partial = `${archive}.${process.pid}.tmp`;
  const t0 = Date.now();
  try {
    const server = await boot([`-XX:ArchiveClassesAtExit=${partial}`]);
    await server.stop();
  } catch (err) {
    log(`[neo4j-test-server] could not make the class archive (${err instanceof Error ? err.message : String(err)}); servers boot without it`);
    rmSync(partial, { force: true });
    return;
  }
  if (!existsSync(partial)) {
    log('[neo4j-test-server] the JVM wrote no class archive; servers boot without it');
    return;
  }
  // Only one process makes an archive at a time (the build lock): anything else here is an older archive or what a
  // maker killed part way left.
  for (const name of readdirSync(dir)) if (path.join(dir, name) !== partial) rmSync(path.join(dir, name), { force: true });
  renameSync(partial, archive);
  log(`[neo4j-test-server] class archive ${path.basename(archive)} made in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
