import { defineConfig } from 'vitest/config';

/**
 * The api files that test SQLite itself (its write lock, WAL checkpoints, online backup, the file
 * a process leaves when killed, the schema read from sqlite_schema): they run on SQLite only.
 * tests/postgres/ holds PostgreSQL's own (schema parity, several processes, copy-db).
 */
const SQLITE_ONLY = ['checkpoint', 'locking', 'fuzz', 'durability', 'backup', 'database-boundary'].map((name) => `tests/api/${name}.test.ts`);

// PARLEY_TEST_POSTGRES (a throwaway cluster's URL, started by .ci/run or `bash .ci/postgres.sh start DIR`)
// adds the api tier again on PostgreSQL.
const postgres = process.env.PARLEY_TEST_POSTGRES;

// Three tiers (STYLE.md §7): pure logic, HTTP against a real database, whole journeys in Chromium.
export default defineConfig({
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'api', include: ['tests/api/**/*.test.ts'], environment: 'node', testTimeout: 20_000 } },
      ...(postgres
        ? [
            {
              test: {
                name: 'api-postgres',
                include: ['tests/api/**/*.test.ts', 'tests/postgres/**/*.test.ts'],
                exclude: SQLITE_ONLY,
                environment: 'node',
                env: { PARLEY_TEST_ENGINE: 'postgres' },
                testTimeout: 30_000,
                hookTimeout: 30_000,
              },
            },
          ]
        : []),
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // Each e2e file starts a server and a Chromium; two cores cannot run several at once well.
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
