// `npm run bench -- <name…> [--option…]` runs tests/bench/<name>.ts; with no name, every bench in
// turn. Arguments from the first `--…` on are the benches' own options, passed to each as they are
// (`npm run bench -- api --db postgres://…`). Each bench runs in a process of its own, so one
// bench's heap and threads do not colour the next one's figures.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
// Modules the benches import, not benches of their own.
const helpers = new Set(['run.ts', 'fixtures.ts', 'corpus-data.ts', 'corpus-api.ts', 'corpus-browser.ts']);
const available = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && !helpers.has(file))
  .map((file) => file.slice(0, -3))
  .sort();

// Names are the positionals before the first option; the tokens keep each option's place in argv.
const args = process.argv.slice(2);
const { tokens } = parseArgs({ args, strict: false, allowPositionals: true, tokens: true });
const firstOption = tokens.find((token) => token.kind !== 'positional')?.index ?? args.length;
const requested = args.slice(0, firstOption);
const benchOptions = args.slice(firstOption);
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown bench: ${unknown.join(', ')}. Available: ${available.join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const name of requested.length > 0 ? requested : available) {
  console.log(`\n== bench: ${name}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${name}.ts`), ...benchOptions], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
