// When `npm start` rebuilds the client (scripts/buildClient.ts): when client/dist is missing, was
// never stamped, or any input changed since the build (edited, added, removed, even with an older
// modification time); not when only the output or files outside the inputs changed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { clientBuildIsStale, inputsHash, STAMP } from '../../scripts/buildClient.ts';

let root: string;
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
/** What a successful build leaves: the output and the stamp of the inputs as they are. */
const build = () => {
  write('client/dist/index.html', '<html>built</html>');
  write(STAMP, `${inputsHash(root)}\n`);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'parley-client-build-'));
  write('client/index.html', '<html></html>');
  write('client/main.tsx', 'export {};');
  write('shared/schemas/users.ts', 'export const Role = 1;');
  write('vite.config.ts', 'export default {};');
  write('package-lock.json', '{}');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the client build', () => {
  it('is stale with no client/dist (a fresh clone) or a build without its stamp (failed or interrupted)', () => {
    expect(clientBuildIsStale(root)).toBe(true);
    write('client/dist/index.html', '<html>built</html>');
    expect(clientBuildIsStale(root)).toBe(true);
    build();
    expect(clientBuildIsStale(root)).toBe(false);
  });

  it('is stale after an input is edited, even to an older modification time, and fresh again once rebuilt', () => {
    build();
    write('client/main.tsx', 'export const changed = true;');
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(join(root, 'client/main.tsx'), old, old);
    expect(clientBuildIsStale(root)).toBe(true);
    build();
    expect(clientBuildIsStale(root)).toBe(false);
  });

  it('is stale after a file is added to or removed from the inputs, or the lock file or vite config changes', () => {
    for (const change of [
      () => write('shared/schemas/new.ts', 'export {};'),
      () => unlinkSync(join(root, 'shared/schemas/new.ts')),
      () => write('package-lock.json', '{"lockfileVersion": 3}'),
      () => write('vite.config.ts', 'export default { base: "/" };'),
      () => write('client/index.html', '<html lang="en"></html>'),
    ]) {
      build();
      change();
      expect(clientBuildIsStale(root)).toBe(true);
    }
  });

  it('is fresh when only the output or files the build does not read change', () => {
    build();
    write('client/dist/assets/index-abc.js', 'console.log(1);');
    write('server/main.ts', 'export {};');
    write('README.md', '# Parley');
    expect(clientBuildIsStale(root)).toBe(false);
  });
});
