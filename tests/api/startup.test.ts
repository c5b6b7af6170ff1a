import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The server and the CLI run in an empty working folder, so that anything they create (a relative
// PARLEY_DB such as `postgres://…` becomes the folder `postgres:`) shows up there.
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const mainTs = fileURLToPath(new URL('../../server/main.ts', import.meta.url));
const cliTs = fileURLToPath(new URL('../../server/cli.ts', import.meta.url));

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'parley-startup-'));
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

interface Outcome {
  /** The exit code, or 'listening' when the server started (and was stopped) instead of refusing. */
  code: number | 'listening';
  output: string;
}

/** Runs a script until it exits, or until a server says it is listening (then stops it). */
function run(script: string, args: string[], env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsx, script, ...args], {
      cwd,
      env: { ...process.env, PORT: '0', PARLEY_ADMIN_PASSWORD: 'startup-test-password', PARLEY_DEMO: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let listening = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!listening && /running at http/.test(output)) {
        listening = true;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: listening ? 'listening' : (code ?? -1), output }));
  });
}

// Nothing listens on port 1: the connection is refused at once.
const URL_WITH_PASSWORD = 'postgres://parley:s3cret-pw@127.0.0.1:1/parley';

describe('PARLEY_DB', () => {
  it('stops the server at start with a message when PostgreSQL cannot be reached, without printing the password or creating a folder', async () => {
    const result = await run(mainTs, [], { PARLEY_DB: URL_WITH_PASSWORD });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/Parley cannot start: Cannot connect to PostgreSQL at postgres:\/\/parley:\*\*\*@127\.0\.0\.1:1\/parley/);
    expect(result.output).not.toContain('s3cret-pw');
    expect(readdirSync(cwd)).toEqual([]);
  }, 60_000);

  it('stops every CLI command that opens the database, for any other scheme in any case', async () => {
    for (const [value, args] of [
      ['mysql://parley:s3cret-pw@db.example.org/parley', ['migrate']],
      ['MySQL://db.example.org/parley', ['projects', 'list']],
      ['sqlite:///var/lib/parley.db', ['users', 'list']],
      // URIs without "//" would have become files named "file:data.db" and "sqlite:x.db".
      ['file:data.db', ['migrate']],
      ['sqlite:x.db', ['migrate']],
    ] as const) {
      const result = await run(cliTs, [...args], { PARLEY_DB: value });
      expect(result.code, `${value} ${args.join(' ')}`).toBe(1);
      expect(result.output).toMatch(/PARLEY_DB: [A-Za-z]+:(\/\/)?… is not a database Parley can use/);
      expect(result.output).not.toContain('s3cret-pw');
      expect(readdirSync(cwd)).toEqual([]);
    }
  }, 60_000);

  it('still takes a file path, relative or absolute, and creates its folder', async () => {
    const relative = await run(cliTs, ['migrate'], { PARLEY_DB: 'nested/parley.db' });
    expect(relative.code).toBe(0);
    expect(existsSync(join(cwd, 'nested', 'parley.db'))).toBe(true);
    const server = await run(mainTs, [], { PARLEY_DB: join(cwd, 'abs', 'parley.db') });
    expect(server.code).toBe('listening');
    expect(existsSync(join(cwd, 'abs', 'parley.db'))).toBe(true);
  }, 60_000);
});
