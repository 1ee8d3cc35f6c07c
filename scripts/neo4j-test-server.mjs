#!/usr/bin/env node
// Starts a real, local, in-process Neo4j Community server for the test suite
// (test/neo4j-server, built with Maven, run with the local JVM). No Docker, no mocks.
//
//   node scripts/neo4j-test-server.mjs                 start, print NEO4J_URI=..., run until Ctrl-C
//   node scripts/neo4j-test-server.mjs --prepare-only  only compile + resolve Maven artefacts (CI pre-fetch)
//
// Programmatic use (see test/setup/neo4j-global-setup.ts):
//   import { startNeo4jTestServer, hasJavaAndMaven } from './neo4j-test-server.mjs';
//   const { uri, stop } = await startNeo4jTestServer({ log: (m) => console.error(m) });
//
// Environment:
//   NEO4J_TEST_SERVER_VERBOSE=1   forward the Java process' stderr to the log function
//   NEO4J_TEST_SERVER_DIR=<dir>   working directory for the DBMS (default: temp dir, deleted on exit)
//   NEO4J_TEST_SERVER_DATA_DIR=<dir>  keep the databases there, so a restarted server sees the same data
//   NEO4J_TEST_SERVER_HEAP_MB=<n>  JVM heap (default 1536); NEO4J_TEST_SERVER_TX_MAX_MB=<n> one transaction's memory cap
//   NEO4J_TEST_SERVER_PAGECACHE_MB=<n>  page cache (default 256)
//                                  (default 768) — larger values let benchmarks write a whole analysis of estate M at once
//   NEO4J_TEST_SERVER_GC=serial|g1  the JVM's collector (default serial; g1 as production Neo4j runs, for benchmarks)
//   NEO4J_TEST_SERVER_JIT=c1|c2     c1: the client compiler only, for servers that live a minute (default c2, tiered)
//   NEO4J_TEST_SERVER_CDS=0         boot without the class archive (scripts/neo4j-class-archive.mjs)

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { clearInterval, setInterval } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { classArchiveFlags, classArchivePath, makeClassArchive, packLauncherJar } from './neo4j-class-archive.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_DIR = path.join(ROOT, 'test', 'neo4j-server');
const POM = path.join(SERVER_DIR, 'pom.xml');
const SRC_DIR = path.join(SERVER_DIR, 'src');
const TARGET_DIR = path.join(SERVER_DIR, 'target');
const CLASSES_DIR = path.join(TARGET_DIR, 'classes');
const MAIN_CLASS = 'dev.apiposture.testserver.Neo4jTestServer';
const MAIN_CLASS_FILE = path.join(CLASSES_DIR, ...MAIN_CLASS.split('.')) + '.class';
const CLASSPATH_FILE = path.join(TARGET_DIR, 'classpath.txt');
const LAUNCHER_JAR = path.join(TARGET_DIR, 'neo4j-test-server.jar');
const ARCHIVE_DIR = path.join(TARGET_DIR, 'cds');
const PREPARE_LOCK = path.join(TARGET_DIR, '.prepare.lock');
const PREPARE_LOCK_STALE_MS = 15 * 60_000;

const READY_PREFIX = 'NEO4J_BOLT_URI=';
const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 20_000;
/** A JVM writing the class archive as it exits: ~80 MB, minutes on a loaded 2-core machine. */
const ARCHIVE_STOP_TIMEOUT_MS = 600_000;
const KILL_TIMEOUT_MS = 5_000;

/** JVM flags an in-process Neo4j 5 needs on Java 17+ (mirrors what Neo4j's own launcher passes). */
export const JVM_FLAGS = Object.freeze([
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/java.util=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
  '--add-opens=java.base/java.net=ALL-UNNAMED',
  '--add-opens=java.base/java.lang.reflect=ALL-UNNAMED',
  '--add-exports=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
]);

/**
 * The JVM's garbage collector: NEO4J_TEST_SERVER_GC=serial (default) or g1. Serial keeps the test server to one
 * core beside Node on a 2-core machine; g1 is what a production Neo4j runs with, so benchmarks that speak for users'
 * servers ask for it (serial collections at estate M paused the server for tens of seconds).
 */
export function gcFlag() {
  const choice = process.env.NEO4J_TEST_SERVER_GC ?? 'serial';
  if (choice === 'serial') return '-XX:+UseSerialGC';
  if (choice === 'g1') return '-XX:+UseG1GC';
  throw new Error(`[neo4j-test-server] NEO4J_TEST_SERVER_GC must be serial or g1, got ${choice}`);
}

/**
 * The JIT: NEO4J_TEST_SERVER_JIT=c2 (default, tiered as the JVM runs by default) or c1. A server that boots, takes a
 * few statements and is killed (the fault tests' private servers) spends most of its CPU compiling with C2 code it
 * never runs long enough to repay; C1 alone boots it in about two thirds of the CPU time.
 */
export function jitFlags(choice = process.env.NEO4J_TEST_SERVER_JIT ?? 'c2') {
  if (choice === 'c2') return [];
  if (choice === 'c1') return ['-XX:TieredStopAtLevel=1'];
  throw new Error(`[neo4j-test-server] NEO4J_TEST_SERVER_JIT must be c1 or c2, got ${choice}`);
}

const noop = () => {};

/** The JVM heap in MB: NEO4J_TEST_SERVER_HEAP_MB, else 1536 (small: 2 cores shared with Node). */
export function heapMegabytes() {
  const value = Number(process.env.NEO4J_TEST_SERVER_HEAP_MB ?? '1536');
  if (!Number.isInteger(value) || value < 256) throw new Error(`[neo4j-test-server] NEO4J_TEST_SERVER_HEAP_MB must be an integer ≥ 256, got ${process.env.NEO4J_TEST_SERVER_HEAP_MB}`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Tool discovery

function findOnPath(command) {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const exts =
    process.platform === 'win32'
      ? ['', ...(process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').map((e) => e.toLowerCase())]
      : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, command + ext);
      try {
        const st = statSync(candidate);
        if (st.isFile() && (process.platform === 'win32' || (st.mode & 0o111) !== 0)) {
          return candidate;
        }
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** True when both `java` and `mvn` are on PATH. */
export function hasJavaAndMaven() {
  return findOnPath('java') !== undefined && findOnPath('mvn') !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Build / dependency resolution

function newestMtime(p) {
  let st;
  try {
    st = statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) {
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

function readClasspath() {
  return readFileSync(CLASSPATH_FILE, 'utf8').trim();
}

/** Why a (re)build is needed, or undefined when target/ is up to date. */
export function prepareNeededReason() {
  if (!existsSync(MAIN_CLASS_FILE)) return `${path.relative(ROOT, MAIN_CLASS_FILE)} is missing`;
  if (!existsSync(CLASSPATH_FILE)) return `${path.relative(ROOT, CLASSPATH_FILE)} is missing`;
  const inputs = Math.max(newestMtime(POM), newestMtime(SRC_DIR));
  const outputs = Math.min(statSync(MAIN_CLASS_FILE).mtimeMs, statSync(CLASSPATH_FILE).mtimeMs);
  if (inputs > outputs) return 'pom.xml or Java sources changed';
  const entries = readClasspath().split(path.delimiter).filter(Boolean);
  if (entries.length === 0) return 'classpath.txt is empty';
  const missing = entries.find((e) => !existsSync(e));
  if (missing) return `dependency ${missing} is no longer in the local Maven repository`;
  return undefined;
}

function runCollect(cmd, args, opts) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, out }));
  });
}

async function withPrepareLock(log, fn) {
  // Several test runs (e.g. two terminals, or CI matrix jobs sharing a workspace) may try to
  // build at the same time; Maven writing the same target/ concurrently is not safe.
  mkdirSync(TARGET_DIR, { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(PREPARE_LOCK);
      break;
    } catch (err) {
      if (err?.code !== 'EEXIST') throw err;
      let age = 0;
      try {
        age = Date.now() - statSync(PREPARE_LOCK).mtimeMs;
      } catch {
        continue; // lock vanished in between: retry at once
      }
      if (age > PREPARE_LOCK_STALE_MS) {
        log(`[neo4j-test-server] removing stale build lock ${path.relative(ROOT, PREPARE_LOCK)}`);
        rmSync(PREPARE_LOCK, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`[neo4j-test-server] timed out waiting for build lock ${PREPARE_LOCK}`);
      if (!announced) {
        log('[neo4j-test-server] another process is building test/neo4j-server, waiting ...');
        announced = true;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(PREPARE_LOCK, { recursive: true, force: true });
  }
}

/**
 * Compile the Java launcher and resolve its Maven dependencies into target/classpath.txt,
 * unless everything is already up to date (or `force`).
 */
export async function prepareNeo4jTestServer({ log = noop, force = false } = {}) {
  await buildWithMaven({ log, force });
  await prepareClassArchive({ log, force });
}

async function buildWithMaven({ log, force }) {
  if (!force && !prepareNeededReason()) {
    log('[neo4j-test-server] Maven build is up to date');
    return;
  }
  await withPrepareLock(log, async () => {
    // Re-check: another process may have finished the build while we waited for the lock.
    const reason = force ? 'forced' : prepareNeededReason();
    if (!reason) {
      log('[neo4j-test-server] Maven build is up to date');
      return;
    }
    const mvn = findOnPath('mvn');
    if (!mvn) throw new Error('[neo4j-test-server] `mvn` not found on PATH (needed to build test/neo4j-server)');
    const args = [
      '-q',
      '-B',
      '-Dstyle.color=never',
      '-f',
      POM,
      'compile',
      'dependency:build-classpath',
      `-Dmdep.outputFile=${CLASSPATH_FILE}`,
    ];
    log(`[neo4j-test-server] building (${reason}): mvn ${args.join(' ')}`);
    const t0 = Date.now();
    const res = await runCollect(mvn, args, { cwd: SERVER_DIR, env: process.env });
    if (res.code !== 0 || !existsSync(CLASSPATH_FILE) || !existsSync(MAIN_CLASS_FILE)) {
      throw new Error(
        `[neo4j-test-server] Maven build failed (exit ${res.code ?? res.signal}):\n` +
          `  mvn ${args.join(' ')}\n` +
          (res.out.trim() || '(no output)'),
      );
    }
    // Maven may skip rewriting up-to-date outputs; mark them fresh so the staleness check settles.
    const now = new Date();
    utimesSync(CLASSPATH_FILE, now, now);
    utimesSync(MAIN_CLASS_FILE, now, now);
    log(`[neo4j-test-server] Maven build done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });
}

const launcherJarFresh = () =>
  existsSync(LAUNCHER_JAR) && statSync(LAUNCHER_JAR).mtimeMs >= statSync(MAIN_CLASS_FILE).mtimeMs;

/** The classpath a server boots with: the launcher's jar when there is a fresh one, else its classes directory. */
function serverClasspath() {
  return [launcherJarFresh() ? LAUNCHER_JAR : CLASSES_DIR, readClasspath()].join(path.delimiter);
}

const classArchiveWanted = () => process.env.NEO4J_TEST_SERVER_CDS !== '0';

/** The class archive for the current java and classpath, or undefined when servers boot without one. */
function classArchive(java) {
  if (!classArchiveWanted() || !launcherJarFresh()) return undefined;
  return classArchivePath({ java, classpath: serverClasspath(), archiveDir: ARCHIVE_DIR });
}

/**
 * Packs the launcher into a jar and makes the class archive, when either is missing or stale (or `force`). A
 * failure here is logged and leaves servers to boot without the archive: it saves time, it is never needed.
 */
async function prepareClassArchive({ log, force }) {
  const java = findOnPath('java');
  if (!java || !classArchiveWanted()) return;
  const archiveMissing = () => !launcherJarFresh() || !existsSync(classArchive(java));
  if (!force && !archiveMissing()) return;
  await withPrepareLock(log, async () => {
    if (!force && !archiveMissing()) return; // made by another process while this one waited for the lock
    if (force || !launcherJarFresh()) {
      if (!packLauncherJar({ java, classesDir: CLASSES_DIR, jarFile: LAUNCHER_JAR, log })) return;
    }
    const archive = classArchive(java);
    log(`[neo4j-test-server] making the class archive ${path.relative(ROOT, archive)} (one boot, reused by every later one)`);
    await makeClassArchive({
      archive,
      log,
      boot: (flags) => bootServer({ java, log, extraFlags: flags, useArchive: false, scratch: true, stopTimeoutMs: ARCHIVE_STOP_TIMEOUT_MS }),
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Server process

function waitForPort(host, port, deadline) {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect({ host, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', (err) => {
        socket.destroy();
        if (Date.now() > deadline)
          reject(new Error(`Bolt port ${host}:${port} never accepted connections: ${err.message}`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

function waitForExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, ms);
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

/**
 * Build (if needed) and start the in-process Neo4j server. `jit` (c1 or c2) chooses the compiler when
 * NEO4J_TEST_SERVER_JIT does not: the test suite's shared server asks for c1, benchmarks keep the default.
 * @param {{ log?: (msg: string) => void, jit?: 'c1' | 'c2' }} [options]
 * @returns {Promise<{ uri: string, stop: () => Promise<void> }>}
 */
export async function startNeo4jTestServer({ log = noop, jit } = {}) {
  const java = findOnPath('java');
  if (!java) throw new Error('[neo4j-test-server] `java` not found on PATH');
  await prepareNeo4jTestServer({ log });
  return bootServer({ java, log, extraFlags: jitFlags(process.env.NEO4J_TEST_SERVER_JIT ?? jit ?? 'c2'), useArchive: true });
}

/**
 * Starts the JVM on the prepared build and waits until Bolt accepts connections. A `scratch` server keeps its
 * databases in a temporary directory of its own, whatever the environment names.
 */
async function bootServer({ java, log, extraFlags, useArchive, scratch = false, stopTimeoutMs = STOP_TIMEOUT_MS }) {
  const classpath = serverClasspath();
  const archive = useArchive ? classArchive(java) : undefined;
  // Classpath via the CLASSPATH env var keeps the command line short (readable in ps / pgrep -af).
  const args = [
    ...JVM_FLAGS,
    gcFlag(),
    `-Xmx${heapMegabytes()}m`,
    ...(archive ? classArchiveFlags(archive) : []),
    ...extraFlags,
    MAIN_CLASS,
  ];
  const verbose = process.env.NEO4J_TEST_SERVER_VERBOSE === '1';
  const t0 = Date.now();
  log(
    `[neo4j-test-server] starting: java ${args.slice(0, -1).join(' ')} ${MAIN_CLASS} (CLASSPATH=<${path.relative(ROOT, CLASSPATH_FILE)}>)`,
  );

  const child = spawn(java, args, {
    cwd: SERVER_DIR,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, CLASSPATH: classpath, ...(scratch ? { NEO4J_TEST_SERVER_DATA_DIR: '', NEO4J_TEST_SERVER_DIR: '' } : {}) },
  });
  // If this Node process exits without calling stop(), the closed stdin makes the JVM exit too;
  // the SIGTERM below is just a faster path.
  const onProcessExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.once('exit', onProcessExit);
  child.stdin.on('error', noop); // EPIPE if the JVM already died

  const stderrTail = [];
  let stderrBuf = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderrBuf += chunk;
    let nl;
    while ((nl = stderrBuf.indexOf('\n')) >= 0) {
      const line = stderrBuf.slice(0, nl).replace(/\r$/, '');
      stderrBuf = stderrBuf.slice(nl + 1);
      stderrTail.push(line);
      if (stderrTail.length > 200) stderrTail.shift();
      if (verbose) log(`[neo4j-test-server][java] ${line}`);
    }
  });
  const describeFailure = () => {
    const tail = [...stderrTail, stderrBuf].filter(Boolean).join('\n');
    return tail ? `\n--- java stderr (tail) ---\n${tail}` : '';
  };

  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      const s0 = Date.now();
      process.off('exit', onProcessExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        if (!(await waitForExit(child, stopTimeoutMs))) {
          log(`[neo4j-test-server] JVM did not exit within ${stopTimeoutMs / 1000} s after SIGTERM, sending SIGKILL`);
          child.kill('SIGKILL');
          await waitForExit(child, KILL_TIMEOUT_MS);
        }
      }
      child.stdin.destroy();
      child.stdout.destroy();
      child.stderr.destroy();
      log(`[neo4j-test-server] stopped in ${((Date.now() - s0) / 1000).toFixed(1)} s`);
    })();
    return stopping;
  };

  let uri;
  try {
    uri = await new Promise((resolve, reject) => {
      let stdoutBuf = '';
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `[neo4j-test-server] Neo4j did not report ready within ${START_TIMEOUT_MS / 1000} s${describeFailure()}`,
          ),
        );
      }, START_TIMEOUT_MS);
      const onData = (chunk) => {
        stdoutBuf += chunk;
        const m = /^NEO4J_BOLT_URI=(\S+)\s*$/m.exec(stdoutBuf);
        if (m) {
          cleanup();
          resolve(m[1]);
        }
      };
      const onExit = (code, signal) => {
        cleanup();
        reject(
          new Error(
            `[neo4j-test-server] JVM exited before Neo4j was ready (exit ${code ?? signal})${describeFailure()}`,
          ),
        );
      };
      const onError = (err) => {
        cleanup();
        reject(new Error(`[neo4j-test-server] could not spawn java: ${err.message}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.off('exit', onExit);
        child.off('error', onError);
      };
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', onData);
      child.once('exit', onExit);
      child.once('error', onError);
    });
    const { hostname, port } = new URL(uri);
    if (!uri.startsWith('bolt://') || !port)
      throw new Error(`[neo4j-test-server] unexpected ready line: ${READY_PREFIX}${uri}`);
    await waitForPort(hostname, Number(port), t0 + START_TIMEOUT_MS);
  } catch (err) {
    await stop();
    throw err;
  }

  // Keep draining stdout; do not let the child or its pipes keep the event loop alive on their own.
  child.stdout.resume();
  child.on('exit', (code, signal) => {
    if (!stopping) log(`[neo4j-test-server] JVM exited unexpectedly (exit ${code ?? signal})${describeFailure()}`);
  });
  child.unref();
  for (const s of [child.stdin, child.stdout, child.stderr]) s.unref?.();

  log(`[neo4j-test-server] Neo4j ready at ${uri} after ${((Date.now() - t0) / 1000).toFixed(1)} s (pid ${child.pid})`);
  return { uri, stop, pid: child.pid };
}

// ---------------------------------------------------------------------------------------------
// CLI

async function main(argv) {
  const log = (m) => process.stderr.write(m + '\n');
  if (argv.includes('--help') || argv.includes('-h')) {
    log('usage: node scripts/neo4j-test-server.mjs [--prepare-only [--force]]');
    return 0;
  }
  if (argv.includes('--prepare-only')) {
    if (!findOnPath('mvn')) {
      log('[neo4j-test-server] `mvn` not found on PATH');
      return 1;
    }
    await prepareNeo4jTestServer({ log, force: argv.includes('--force') });
    return 0;
  }
  const server = await startNeo4jTestServer({ log });
  process.stdout.write(`NEO4J_URI=${server.uri}\n`);
  const keepAlive = setInterval(noop, 1 << 30);
  const signal = await new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  log(`[neo4j-test-server] ${signal} received, stopping`);
  await server.stop();
  clearInterval(keepAlive);
  return 0;
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
