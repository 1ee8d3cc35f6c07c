#!/usr/bin/env node
/**
 * Supply-chain check (`npm run audit:deps`), run from the repository root:
 *
 * 1. The lockfile pins every dependency: package-lock.json (lockfile v2+) has an exact version and an integrity
 *    hash for every installed package, every production dependency of package.json is locked at a version its
 *    range accepts, and every `overrides` entry is what the lockfile holds. Offline; always runs.
 * 2. `npm audit --omit=dev --json`: fails on any high or critical advisory that SECURITY.md does not document as
 *    unreachable (scripts/audit-exceptions.json, each with its reason). Needs the registry's audit endpoint.
 *
 * Exit codes: 0 clean; 1 high or critical advisories; 2 the lockfile does not pin what it should; 3 the audit
 * endpoint is unavailable (nothing was checked: that is not a pass). `--lockfile-only` skips step 2.
 * `--exceptions FILE` reads documented exceptions from another file.
 */
import { execFile } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const readJson = (file) => JSON.parse(readFileSync(join(root, file), 'utf8'));

/** Whether `version` satisfies a plain npm range of the forms package.json uses here (^x.y.z, ~x.y, x.y.z). */
function satisfies(version, range) {
  const parse = (v) => v.split(/[.+-]/).slice(0, 3).map(Number);
  const [major, minor, patch] = parse(version);
  const prerelease = version.includes('-');
  if (/^\d/.test(range)) return version === range;
  const [rMajor, rMinor = 0, rPatch = 0] = parse(range.slice(1));
  if (prerelease && !range.includes('-')) return false;
  const atLeast = major > rMajor || (major === rMajor && (minor > rMinor || (minor === rMinor && patch >= rPatch)));
  if (!atLeast) return false;
  if (range.startsWith('~')) return major === rMajor && minor === rMinor;
  if (range.startsWith('^')) return rMajor > 0 ? major === rMajor : minor === rMinor;
  return false;
}

function checkLockfile() {
  const problems = [];
  const unused = [];
  if (!existsSync(join(root, 'package-lock.json'))) return ['package-lock.json is missing'];
  const pkg = readJson('package.json');
  const lock = readJson('package-lock.json');
  if (!(lock.lockfileVersion >= 2)) problems.push(`lockfileVersion ${lock.lockfileVersion}: v2 or later is needed`);
  const packages = lock.packages ?? {};
  let locked = 0;
  for (const [path, entry] of Object.entries(packages)) {
    if (path === '' || entry.link) continue;
    locked += 1;
    if (!entry.version) problems.push(`${path}: no version`);
    if (!entry.integrity && !entry.resolved?.startsWith('file:')) problems.push(`${path}: no integrity hash`);
  }
  for (const [name, range] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
    const entry = packages[`node_modules/${name}`];
    if (!entry) problems.push(`${name}: in package.json, not in the lockfile`);
    else if (!satisfies(entry.version, range)) problems.push(`${name}: locked at ${entry.version}, outside ${range}`);
  }
  for (const [key, version] of Object.entries(pkg.overrides ?? {})) {
    // "name" or "name@range": every locked copy of the package in that range must be the override's version.
    const at = key.lastIndexOf('@');
    const name = at > 0 ? key.slice(0, at) : key;
    const range = at > 0 ? key.slice(at + 1) : null;
    const copies = Object.entries(packages).filter(([path]) => path.endsWith(`node_modules/${name}`));
    const governed = copies.filter(([, e]) => range === null || satisfies(e.version, range) || e.version === version);
    // An override for a package nothing installs (here: none of the SDKs needs it at the moment) pins nothing.
    if (governed.length === 0) unused.push(key);
    for (const [path, entry] of governed) {
      if (entry.version !== version) problems.push(`override ${key}=${version}: ${path} is locked at ${entry.version}`);
    }
  }
  return { problems, locked, overrides: Object.keys(pkg.overrides ?? {}).length - unused.length, unused };
}

/**
 * `npm audit`'s output; `APIPOSTURE_AUDIT_REPORT=FILE` reads a saved report instead (an audit run elsewhere, or the
 * tests' sample), which is then what is judged.
 */
function runAudit() {
  const saved = process.env.APIPOSTURE_AUDIT_REPORT;
  if (saved) return Promise.resolve({ code: 1, stdout: readFileSync(saved, 'utf8'), stderr: '' });
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['audit', '--omit=dev', '--json'],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

function exceptions() {
  const flag = process.argv.indexOf('--exceptions');
  const file = flag > 0 ? process.argv[flag + 1] : join(root, 'scripts', 'audit-exceptions.json');
  if (!existsSync(file)) return [];
  return JSON.parse(readFileSync(file, 'utf8')).exceptions ?? [];
}

async function main() {
  const lockfile = checkLockfile();
  if (Array.isArray(lockfile)) {
    console.error(`audit: ${lockfile.join('; ')}`);
    return 2;
  }
  if (lockfile.problems.length > 0) {
    console.error(`audit: the lockfile does not pin what it should:\n  ${lockfile.problems.join('\n  ')}`);
    return 2;
  }
  const unused = lockfile.unused.length ? ` (${lockfile.unused.join(', ')}: not installed)` : '';
  console.log(
    `audit: lockfile pins ${lockfile.locked} packages with integrity hashes; ${lockfile.overrides} overrides hold${unused}`,
  );
  if (process.argv.includes('--lockfile-only')) return 0;

  const { stdout, stderr } = await runAudit();
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    report = null;
  }
  const counts = report?.metadata?.vulnerabilities;
  if (!counts) {
    // npm prints the endpoint's failure (e.g. 405 from a registry mirror without the bulk advisory API) as JSON.
    const reason =
      report?.message ?? report?.error?.summary ?? stderr.split('\n').find((l) => l.includes('audit')) ?? 'no report';
    console.error(`audit endpoint unavailable: ${reason}\naudit: nothing was checked for known vulnerabilities`);
    return 3;
  }
  const allowed = exceptions();
  const serious = Object.values(report.vulnerabilities ?? {}).filter(
    (v) => v.severity === 'high' || v.severity === 'critical',
  );
  const undocumented = [];
  for (const v of serious) {
    const advisories = (v.via ?? []).filter((via) => typeof via === 'object');
    const documented =
      advisories.length > 0 &&
      advisories.every((a) => allowed.some((e) => e.package === v.name && e.advisory === a.url));
    const line = `${v.severity} ${v.name} ${v.range}: ${advisories.map((a) => `${a.title} (${a.url})`).join('; ') || `via ${(v.via ?? []).join(', ')}`}`;
    if (documented) console.log(`audit: documented as not reachable: ${line}`);
    else undocumented.push(line);
  }
  console.log(
    `audit: ${Object.entries(counts)
      .map(([level, n]) => `${level} ${n}`)
      .join(', ')} (production dependencies)`,
  );
  if (undocumented.length > 0) {
    console.error(`audit: high or critical advisories:\n  ${undocumented.join('\n  ')}`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
