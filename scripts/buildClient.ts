// Builds the client (vite build into client/dist) and, once the build succeeded, writes a stamp in
// client/dist: a SHA-256 of every input of the build. `npm start` runs this with --if-stale and so
// skips the build (about half a minute on a small machine) when the stamp matches the inputs as
// they are now; `npm run build` always builds.
//
// Why a hash of the contents rather than modification times: a checkout, an untar or a copy can give
// a file an older time than the build's, and a deleted file leaves no newer time at all; the inputs
// are a few hundred files under a megabyte, so hashing them takes milliseconds. A missing or
// unreadable stamp (a fresh clone, a failed or interrupted build: vite empties client/dist first)
// means "build".
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the client build reads, relative to the repository: folders are read whole (but for client/dist). */
export const BUILD_INPUTS = ['client', 'shared', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];
/** The stamp, inside the build's output (a dotfile: the server's static handler does not serve it). */
export const STAMP = join('client', 'dist', '.inputs-sha256');

const OUTPUT = join('client', 'dist');

function files(root: string, path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  if (path === OUTPUT) return [];
  return readdirSync(full).flatMap((name) => files(root, join(path, name)));
}

/** A SHA-256 over each input file's path and contents, in a fixed order: it changes when a file is added, removed, renamed or edited. */
export function inputsHash(root: string): string {
  const hash = createHash('sha256');
  const paths = BUILD_INPUTS.flatMap((input) => files(root, input))
    .map((path) => path.split(sep).join('/'))
    .sort();
  for (const path of paths) {
    const contents = readFileSync(join(root, path));
    hash.update(`${path}\0${contents.length}\0`).update(contents);
  }
  return hash.digest('hex');
}

/** Whether client/dist is missing, unstamped or built from inputs other than the ones there now. */
export function clientBuildIsStale(root: string): boolean {
  const stamp = join(root, STAMP);
  if (!existsSync(join(root, OUTPUT, 'index.html')) || !existsSync(stamp)) return true;
  return readFileSync(stamp, 'utf8').trim() !== inputsHash(root);
}

/**
 * Runs vite build in `root` and returns its exit status. Only a build that succeeded is stamped, with
 * the hash of the inputs taken before it started, so an edit made during the build still counts.
 */
export function buildClient(root: string): number {
  const before = inputsHash(root);
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const { status } = spawnSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' });
  if (status !== 0) return status ?? 1;
  writeFileSync(join(root, STAMP), `${before}\n`);
  return 0;
}

// Run as a script (not imported by a test).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  if (process.argv.includes('--if-stale') && !clientBuildIsStale(root)) {
    console.log('The client in client/dist is up to date with its sources: not rebuilt (npm run build rebuilds it).');
  } else {
    process.exitCode = buildClient(root);
  }
}
