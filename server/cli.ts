// `npm run cli -- <command>`: the command-line side of Parley (DESIGN §1: users, import, export, backup).
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { readEnv } from './env.ts';
import { openDb, type Db } from './db/connection.ts';
import { migrate } from './db/migrate.ts';
import { Role, USERNAME } from '../shared/schemas/users.ts';
import { createUser } from './users/service.ts';
import { listUsers } from './users/repo.ts';
import { findProject, findProjectByName } from './projects/repo.ts';
import { addMember } from './projects/service.ts';
import type { Project } from '../shared/schemas/projects.ts';
import { formatSummary, importPaths } from './documents/importCommand.ts';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  migrate                                   apply pending migrations to PARLEY_DB
  users list                                list accounts
  users add <username> --role <role>        create an account (role: admin, reviewer, annotator)
        [--password <password>]             (a random password is generated and printed when omitted)
        [--project <id or name>]            also make the user a member of that project
  import --project <id or name> <files or folders…>
                                            import .txt, .md, .jsonl and .html files (folders are walked);
                                            duplicates are skipped, a bad file never stops the others

The database is PARLEY_DB (default data/parley.db).`;

class UsageError extends Error {}

function findProjectArg(db: Db, value: string): Project {
  const project = /^\d+$/.test(value) ? findProject(db, Number(value)) : findProjectByName(db, value);
  if (!project) throw new UsageError(`No project with id or name "${value}".`);
  return project;
}

async function usersCommand(db: Db, args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { role: { type: 'string' }, password: { type: 'string' }, project: { type: 'string' } },
  });
  const [action, name] = positionals;
  if (action === 'list') {
    for (const user of listUsers(db)) console.log(`${user.id}\t${user.username}\t${user.role}${user.disabled ? '\tdisabled' : ''}`);
    return;
  }
  if (action !== 'add' || !name) throw new UsageError('Expected `users add <username> --role <role>` or `users list`.');
  const username = USERNAME.safeParse(name);
  if (!username.success) throw new UsageError(`Username ${username.error.issues[0]?.message ?? 'is invalid'}.`);
  const role = Role.safeParse(values.role);
  if (!role.success) throw new UsageError('--role must be admin, reviewer or annotator.');
  if (values.password !== undefined && values.password.length < 8) throw new UsageError('--password must be at least 8 characters.');
  const project = values.project === undefined ? undefined : findProjectArg(db, values.project);
  const password = values.password ?? randomBytes(9).toString('base64url');
  const user = await createUser(db, null, { username: username.data, password, role: role.data });
  if (project) addMember(db, null, project.id, user.id);
  console.log(`Created ${user.role} "${user.username}" (id ${user.id})${project ? `, member of "${project.name}"` : ''}.`);
  if (values.password === undefined) console.log(`Password: ${password}`);
}

async function importCommand(db: Db, args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { project: { type: 'string' } } });
  if (!values.project) throw new UsageError('import needs --project <id or name>.');
  if (positionals.length === 0) throw new UsageError('import needs at least one file or folder.');
  const project = findProjectArg(db, values.project);
  const summary = await importPaths(db, project.id, positionals, process.stderr.isTTY === true);
  console.log(formatSummary(summary));
  if (summary.failures.length > 0) process.exitCode = 1;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return;
  }
  const env = readEnv();
  const db = openDb(env.PARLEY_DB);
  try {
    const { applied } = migrate(db);
    if (command === 'migrate') {
      console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    } else if (command === 'users') {
      await usersCommand(db, rest);
    } else if (command === 'import') {
      await importCommand(db, rest);
    } else {
      throw new UsageError(`Unknown command "${command}".`);
    }
  } finally {
    db.close();
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
