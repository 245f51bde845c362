#!/usr/bin/env node
// Builds only the workspace packages whose build is stale, so `pnpm demo`, `pnpm bench` and `pnpm authheaders` start
// in about a second once everything has been built. `pnpm build` (and CI) still builds everything from scratch, then
// calls this script with --record.
//
// A package is stale when a hash of what its build reads differs from the one recorded after its last build: its
// own files (sources, package.json, tsconfig.json, bin), the root tsconfig.base.json and pnpm-lock.yaml (a new
// tsup or TypeScript changes the output), and the same hash of every workspace package it depends on (its types and
// its bundle read theirs). It is also stale when its dist/ is missing or differs from what the last build wrote.
// Hashes, not modification times: a `git checkout` or a merge touches mtimes without changing a byte.
//
//   node test/tools/build-if-stale.mjs            build what is stale (pnpm runs the builds in dependency order)
//   node test/tools/build-if-stale.mjs --record   record the current state after a full build; builds nothing
//   node test/tools/build-if-stale.mjs --dry      only say what is stale
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const stateFile = join(root, 'node_modules', '.cache', 'authheaders-build', 'state.json');
const SHARED_INPUTS = ['tsconfig.base.json', 'pnpm-lock.yaml'];
/** What a package's build does not read: tests, docs, fixtures, and what it writes. */
const NOT_INPUTS = new Set(['node_modules', 'dist', 'test', '__testfixtures__', 'README.md', 'CHANGELOG.md', 'LICENSE']);

/** Every file under `dir`, sorted, skipping `NOT_INPUTS` at the top level. */
function filesUnder(dir, top = true) {
  if (!existsSync(dir)) return [];
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (top && NOT_INPUTS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(path, false));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

function hashFiles(paths, base) {
  const hash = createHash('sha256');
  for (const path of paths) hash.update(`${relative(base, path)}\0`).update(readFileSync(path)).update('\0');
  return hash.digest('hex');
}

/** The workspace packages that have a build script (packages/*, codemods/*), by name. */
function workspacePackages() {
  const packages = new Map();
  for (const group of ['packages', 'codemods']) {
    if (!existsSync(join(root, group))) continue;
    for (const entry of readdirSync(join(root, group), { withFileTypes: true })) {
      const dir = join(root, group, entry.name);
      if (!entry.isDirectory() || !existsSync(join(dir, 'package.json'))) continue;
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (!manifest.scripts?.build) continue;
      const deps = { ...manifest.dependencies, ...manifest.devDependencies, ...manifest.peerDependencies };
      const workspaceDeps = Object.keys(deps).filter((name) => String(deps[name]).startsWith('workspace:'));
      packages.set(manifest.name, { name: manifest.name, dir, workspaceDeps });
    }
  }
  return packages;
}

function currentState(packages) {
  const shared = hashFiles(SHARED_INPUTS.map((f) => join(root, f)).filter(existsSync), root);
  const inputHashes = new Map();
  const inputHash = (name, seen = new Set()) => {
    if (inputHashes.has(name)) return inputHashes.get(name);
    if (seen.has(name)) throw new Error(`workspace dependency cycle through ${name}`);
    seen.add(name);
    const pkg = packages.get(name);
    const hash = createHash('sha256').update(shared).update(hashFiles(filesUnder(pkg.dir), pkg.dir));
    for (const dep of [...pkg.workspaceDeps].sort()) if (packages.has(dep)) hash.update(`${dep}:${inputHash(dep, seen)}`);
    inputHashes.set(name, hash.digest('hex'));
    return inputHashes.get(name);
  };
  const state = {};
  for (const name of packages.keys()) {
    const dist = join(packages.get(name).dir, 'dist');
    state[name] = { inputs: inputHash(name), dist: existsSync(dist) ? hashFiles(filesUnder(dist, false), dist) : null };
  }
  return state;
}

function readRecorded() {
  try {
    return JSON.parse(readFileSync(stateFile, 'utf8'));
  } catch {
    return {};
  }
}

function record(state) {
  mkdirSync(join(stateFile, '..'), { recursive: true });
  writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);
}

const mode = process.argv[2];
const packages = workspacePackages();
const state = currentState(packages);
if (mode === '--record') {
  record(state);
  process.exit(0);
}

const recorded = readRecorded();
const stale = [...packages.keys()].filter((name) => {
  const now = state[name];
  const then = recorded[name];
  return now.dist === null || then === undefined || then.inputs !== now.inputs || then.dist !== now.dist;
});
if (stale.length === 0) process.exit(0);
console.error(`building ${stale.join(', ')} (changed since the last build, or never built)`);
if (mode === '--dry') process.exit(0);

// On stderr, and only when it fails: stdout belongs to the command that runs after the build.
const started = Date.now();
const filters = stale.flatMap((name) => ['--filter', name]);
const build = spawnSync('pnpm', ['--reporter=append-only', ...filters, 'run', 'build'], {
  cwd: root,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'pipe'],
  shell: process.platform === 'win32', // pnpm is a .cmd there
});
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}${build.error ? `${build.error.message}\n` : ''}`);
  console.error('build failed: nothing recorded, the next run builds again');
  process.exit(build.status ?? 1);
}
console.error(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
// Record what was built; the packages that were fresh keep their recorded state.
const after = currentState(packages);
record({ ...recorded, ...Object.fromEntries(stale.map((name) => [name, after[name]])) });
