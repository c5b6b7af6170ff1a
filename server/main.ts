// Start-up: read the environment, open and migrate the database, make sure there is an admin,
// load the demo project on an empty database, then serve the API and the built client.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { readEnv } from './env.ts';
import { openDb } from './db/connection.ts';
import { migrate } from './db/migrate.ts';
import { transaction } from './db/transaction.ts';
import { createApp } from './app.ts';
import { findUserByName } from './users/repo.ts';
import { createUser } from './users/service.ts';
import { countProjects } from './projects/repo.ts';
import { addMember } from './projects/service.ts';
import { system } from './policy.ts';
import { loadDemo } from './demo/load.ts';
import { startBackgroundCheckpoints } from './db/checkpoint.ts';
import { htmlConverter } from './text/htmlConverter.ts';
import { startLabelWriteThreads } from './labelWriteThreads.ts';
import { libpqServesThreads } from './db/libpqAddon.ts';

const env = readEnv();
const db = (() => {
  try {
    const db = openDb(env.PARLEY_DB, { synchronous: env.PARLEY_SYNC });
    const { applied } = migrate(db);
    if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
    return db;
  } catch (error) {
    console.error(`Parley cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
})();
// Checkpoint fsyncs run on a worker thread, not inside a save (server/db/checkpoint.ts).
const stopCheckpoints = startBackgroundCheckpoints(db);

let adminHint = 'Sign in as admin with the password you set before.';
if (!findUserByName(db, 'admin')) {
  const password = env.PARLEY_ADMIN_PASSWORD ?? randomBytes(12).toString('base64url');
  try {
    await createUser(db, system('first start'), { username: 'admin', password, role: 'admin' });
    adminHint = env.PARLEY_ADMIN_PASSWORD
      ? 'Sign in as admin with the password from PARLEY_ADMIN_PASSWORD.'
      : `Sign in as admin with password ${password} (shown once; change it after signing in).`;
  } catch (error) {
    // Several processes started on one new database: another one created the admin first.
    if (!findUserByName(db, 'admin')) throw error;
    adminHint = 'Sign in as admin with the password another Parley process printed when it created the account.';
  }
}

// Checked and loaded in one transaction: of several processes starting on an empty database, one
// loads the demo (on PostgreSQL the others lose the serialization conflict, run again and find it).
const demo =
  env.PARLEY_DEMO === '1' &&
  transaction(db, () => {
    if (countProjects(db) > 0) return null;
    const project = loadDemo(db);
    addMember(db, system('demo'), project.id, findUserByName(db, 'admin')!.id);
    return project;
  });
if (demo) console.log(`Loaded the demo project "${demo.name}".`);

// On PostgreSQL with PARLEY_WRITE_THREADS, label saves run on write threads with connections of
// their own (server/labelWrites.ts, decision 009). Only on the patched libpq build whose
// connections touch no event loop (scripts/patchLibpq.ts, run by npm install).
let writeThreads = db.dialect === 'postgres' ? env.PARLEY_WRITE_THREADS : 0;
if (writeThreads > 0 && !libpqServesThreads()) {
  console.warn(
    "PARLEY_WRITE_THREADS is ignored: the installed libpq binding is not the patched build (run npm ci again; scripts/patchLibpq.ts says why). Saves run on the process's own connection.",
  );
  writeThreads = 0;
}
const labelWriter =
  writeThreads > 0
    ? await startLabelWriteThreads(env.PARLEY_DB, writeThreads).catch((error: unknown) => {
        // The process's own connection works (the migrations ran on it): saves can run there.
        console.warn(`Write threads could not start (${error instanceof Error ? error.message : String(error)}); saves run on the process's own connection.`);
        return undefined;
      })
    : undefined;

const clientDir = fileURLToPath(new URL('../client/dist/', import.meta.url));
const app = createApp({
  db,
  clientDir,
  sessionLimits: { idleMs: env.PARLEY_SESSION_IDLE_HOURS * 3600_000, absoluteMs: env.PARLEY_SESSION_MAX_DAYS * 86_400_000 },
  uploadLimitMb: env.PARLEY_UPLOAD_MB,
  trustProxy: env.PARLEY_TRUST_PROXY,
  labelWriter,
});

const server = app.listen(env.PORT, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  console.log(`Parley is running at http://localhost:${port}`);
  console.log(adminHint);
  htmlConverter.warm();
});

function shutdown() {
  server.close(() => {
    void Promise.all([stopCheckpoints(), labelWriter?.close()]).finally(() => {
      db.close();
      process.exit(0);
    });
  });
  // Open keep-alive connections must not hold the process forever.
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
