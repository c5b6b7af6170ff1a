// Run by `npm ci` / `npm install` (postinstall): patches the `libpq` binding so that a synchronous
// connection registers no poll handle with any event loop, rebuilds it, and stamps the build.
//
// Why: the binding's ConnectSync calls InitPollSocket, which runs
// `uv_poll_init_socket(uv_default_loop(), …)`. From a worker thread that is the *main* thread's
// loop: its handle queue changes without synchronization, and the handle outlives the thread (a data
// race that can corrupt the main loop, found in the write threads' review, decision 009). Parley
// uses only the binding's blocking calls, which never poll through libuv: without the handle,
// nothing of a connection touches any loop, whichever thread opens it. (Binding a handle to the
// calling thread's loop instead would make a worker that ends before its connection is closed
// abort the process: Node refuses to close a worker's loop that still holds a handle.)
//
// server/db/postgres.ts lets write threads run only on a build whose stamp matches (libpqServesThreads).
// A missing `libpq` (an optional dependency: no PostgreSQL headers) or a source this patch does not
// recognise (another version) leaves everything as it is, with a warning; SQLite needs none of it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addonSha256, libpqDirectory, stampOf } from '../server/db/libpqAddon.ts';

const UNPATCHED = '  if (success) {\n    self->InitPollSocket();\n  }';
const PATCHED = '  // Parley (scripts/patchLibpq.ts): a synchronous connection registers no poll handle.';

function main(): number {
  const directory = libpqDirectory();
  if (!directory) return 0; // not installed: PostgreSQL is not available here, nothing to patch
  const source = join(directory, 'src', 'connection.cc');
  const addon = join(directory, 'build', 'Release', 'addon.node');
  const text = readFileSync(source, 'utf8');
  if (text.includes(PATCHED) && existsSync(addon) && existsSync(stampOf(addon)) && readFileSync(stampOf(addon), 'utf8') === addonSha256(addon)) {
    return 0; // patched and built already
  }
  if (!text.includes(PATCHED)) {
    if (!text.includes(UNPATCHED)) {
      console.warn('parley: libpq binding source not recognised; PARLEY_WRITE_THREADS stays unavailable (scripts/patchLibpq.ts).');
      return 0;
    }
    writeFileSync(source, text.replace(UNPATCHED, PATCHED));
  }
  // The rebuild starts by deleting build/: the unpatched addon is kept aside, and put back if the
  // rebuild fails, so that PostgreSQL still works (without write threads).
  const kept = existsSync(addon) ? readFileSync(addon) : undefined;
  // npm hands its own node-gyp to install scripts; outside one, `npm rebuild` finds it.
  const nodeGyp = process.env.npm_config_node_gyp;
  const build = nodeGyp
    ? spawnSync(process.execPath, [nodeGyp, 'rebuild'], { cwd: directory, stdio: 'inherit' })
    : spawnSync('npm', ['rebuild', 'libpq', '--ignore-scripts=false'], { stdio: 'inherit' });
  if (build.status !== 0 || !existsSync(addon)) {
    writeFileSync(source, text);
    if (kept) {
      mkdirSync(dirname(addon), { recursive: true });
      writeFileSync(addon, kept);
    }
    console.warn('parley: rebuilding the patched libpq binding failed; the unpatched one is back, and PARLEY_WRITE_THREADS stays unavailable.');
    return 0;
  }
  writeFileSync(stampOf(addon), addonSha256(addon));
  console.log('parley: libpq binding patched (synchronous connections register no poll handle) and rebuilt.');
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) process.exit(main());
