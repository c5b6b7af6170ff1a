// The `libpq` package's compiled addon (node-postgres' native binding): its typed surface, how a
// thread loads it, and whether this build may serve worker threads.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isMainThread } from 'node:worker_threads';

/** The parts of libpq's binding Parley uses (the package ships no types). */
export interface Libpq {
  connectSync(conninfo: string): void;
  exec(script: string): void;
  prepare(name: string, text: string, parameters: number): void;
  execPrepared(name: string, values: (string | null)[]): void;
  // Pipeline mode (libpq 14+): several requests sent before their answers are read, one round trip.
  enterPipelineMode(): boolean;
  exitPipelineMode(): boolean;
  pipelineSync(): boolean;
  sendQueryParams(text: string, values: (string | null)[]): boolean;
  sendPrepare(name: string, text: string, parameters: number): boolean;
  sendQueryPrepared(name: string, values: (string | null)[]): boolean;
  /** Reads what the server sent without waiting (a closed socket marks the connection lost); false if it could not. */
  consumeInput(): boolean;
  /** Moves to the next answer; false at the end of one request's answers. */
  getResult(): boolean;
  resultStatus(): string;
  resultErrorMessage(): string;
  resultErrorFields(): Partial<Record<'sqlState' | 'messagePrimary' | 'messageDetail' | 'constraintName' | 'tableName', string>>;
  errorMessage(): string;
  ntuples(): number;
  nfields(): number;
  fname(column: number): string;
  ftype(column: number): number;
  getvalue(row: number, column: number): string;
  getisnull(row: number, column: number): boolean;
  cmdTuples(): string;
  /** 0 idle, 1 active, 2 in a transaction, 3 in a failed transaction, 4 unknown (connection lost). */
  transactionStatus(): number;
  finish(): void;
}

/** The installed binding's folder, or undefined when it is not installed (an optional dependency). */
export function libpqDirectory(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve('libpq/package.json'));
  } catch {
    return undefined;
  }
}

/** The stamp scripts/patchLibpq.ts writes beside an addon it built from the patched source: the addon's SHA-256. */
export const stampOf = (addon: string) => `${addon}.parley-sync-only`;
export const addonSha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * Whether the installed addon is the patched build (scripts/patchLibpq.ts), whose synchronous
 * connections touch no event loop: only then may worker threads open connections (decision 009).
 */
export function libpqServesThreads(): boolean {
  const directory = libpqDirectory();
  if (!directory) return false;
  const addon = join(directory, 'build', 'Release', 'addon.node');
  try {
    return readFileSync(stampOf(addon), 'utf8') === addonSha256(addon);
  } catch {
    return false;
  }
}

/**
 * libpq's binding is a classic addon, not context-aware: Node loads it in one thread of a process
 * only ("Module did not self-register" in the next). A write thread (server/labelWrites.ts) loads
 * its own copy of the compiled file instead: another path is another library to the dynamic
 * loader, with its own state, and the binding's JavaScript finds it where it looks for the
 * original. (libpq itself, the C library under it, is thread-safe.) The copy goes in a folder of
 * its own (mkdtemp: a name no other user can guess or take first) and is removed once loaded.
 */
function loadOwnAddonCopy(require: NodeJS.Require): void {
  const original = require.resolve('libpq/build/Release/addon.node');
  if (require.cache[original]) return;
  const folder = mkdtempSync(join(tmpdir(), 'parley-libpq-'));
  const copy = join(folder, 'addon.node');
  const addon = new Module(original);
  try {
    copyFileSync(original, copy);
    process.dlopen(addon, copy);
  } finally {
    rmSync(folder, { recursive: true, force: true }); // the loaded library stays mapped
  }
  addon.filename = original;
  addon.loaded = true;
  require.cache[original] = addon;
}

export function loadLibpq(): new () => Libpq {
  try {
    const require = createRequire(import.meta.url);
    if (!isMainThread) loadOwnAddonCopy(require);
    return require('libpq');
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(
      `PostgreSQL needs the libpq module (${reason}), which npm builds only where PostgreSQL client headers are installed: ` +
        'install them (Debian: apt-get install libpq-dev) and run npm ci again.',
    );
  }
}
