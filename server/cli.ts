// `npm run cli -- <command>`: the command-line side of Parley (docs/design.md §1): everything someone
// without a browser needs to start (projects, users) and to move data (import, export, backup).
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { readEnv } from './env.ts';
import { isPostgresUrl, openDb, type Db } from './db/connection.ts';
import { migrate } from './db/migrate.ts';
import { Role, USERNAME } from '../shared/schemas/users.ts';
import { OVERLAP_MAX, OVERLAP_MIN, PASSWORD_MAX, PASSWORD_MIN } from '../shared/limits.ts';
import { createUser } from './users/service.ts';
import { listUsers } from './users/repo.ts';
import { countsOfProjects, findProject, findProjectByName, listAllProjects } from './projects/repo.ts';
import { addMember, createProject } from './projects/service.ts';
import { system } from './policy.ts';
import { CreateProjectBody, type Project } from '../shared/schemas/projects.ts';
import { formatSummary, importPaths } from './documents/importCommand.ts';
import { backupTo, exportToFile, pgDumpTo } from './export/exportCommand.ts';
import { copyWithProgress, formatCopySummary } from './db/copy.ts';
import { importAnnotationsFile } from './export/importAnnotations.ts';
import { ExportQuery, exportOptionsOf } from '../shared/schemas/export.ts';
import { exportJsonSchema } from './export/service.ts';
import { importPredictionsFile } from './suggestions/importCommand.ts';
import { documentsToPredict, predictDocuments } from './suggestions/predictCommand.ts';
import { existsSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  migrate                                   apply pending migrations to PARLEY_DB
  projects list                             list projects (id, name, overlap, documents, members)
  projects add <name> [--overlap <k>]       create a project with the stance labels condemn, support
                                            and mediate; k annotators label each document (default 2)
  users list                                list accounts
  users add <username> --role <role>        create an account (role: admin, reviewer, annotator)
        [--password <password>]             (a random password is generated and printed when omitted)
        [--project <id or name>]            also make the user a member of that project
  import --project <id or name> <files or folders…>
                                            import .txt, .md, .jsonl and .html files (folders are walked);
                                            duplicates are skipped, a bad file never stops the others
  export --project <id or name> --out <file.jsonl>
        [--flat] [--gold only|include]      the dataset as JSONL (docs/design.md §7), with a progress bar
        [--status claims|no_claim|skipped|labelled] [--documents 1,2,3] [--no-boilerplate]
        [--text]                            every record carries its document's full text
        [--split 80,10,10 [--seed 42]]      a document-level train/dev/test split
  import-annotations --project <id or name> <file.jsonl> [--annotator <username>]
                                            annotations and gold from an export (documents match by text
                                            hash); pseudonyms become accounts of that name unless
                                            --annotator names one account for every annotation
  import-predictions --project <id or name> --model <name/version> <file.jsonl>
                                            a model's predicted claims, one {id, claims} per line (ids
                                            of export records); all lines or none, replacing the model's
                                            earlier predictions; served as suggestions of source model
  predict --project <id or name> [--document <id>]
                                            ask the project's model backend (its Settings) for every
                                            document's claims (or one's), stored as that model's
                                            predictions; one line per document; exit 1 if any failed
  schema [--out <file>]                     the JSON Schema of an export record (docs/export-record.schema.json)
  backup --out <file>                       copy the database, safe while the server runs: SQLite's
                                            online backup, or pg_dump --format=custom on PostgreSQL
                                            (restore with pg_restore); see README "Backup and restore"
  copy-db --to <postgres://…> [--sessions]  copy this SQLite database exactly (ids, versions, audit log)
                                            into an empty PostgreSQL database, migrating it first; in
                                            one transaction; sessions only with --sessions

The database is PARLEY_DB (default data/parley.db).`;

class UsageError extends Error {}

const OVERLAP_USAGE = `--overlap must be a whole number from ${OVERLAP_MIN} to ${OVERLAP_MAX}.`;

/**
 * A project by id or by name. A name made of digits ("2", "07") is a name too: when it names one
 * project and the same digits another's id, the argument is refused rather than guessed.
 */
function findProjectArg(db: Db, value: string): Project {
  const byName = findProjectByName(db, value);
  const byId = /^\d+$/.test(value) ? findProject(db, Number(value)) : undefined;
  if (byId && byName && byId.id !== byName.id) {
    throw new UsageError(`"${value}" is the id of project "${byId.name}" and the name of project ${byName.id}: give the id of the one you mean.`);
  }
  const project = byId ?? byName;
  if (!project) throw new UsageError(`No project with id or name "${value}".`);
  return project;
}

/** The file as the operating system names it, following links (the path itself when it does not exist yet). */
function realPathOf(path: string): string {
  const absolute = resolve(path);
  if (existsSync(absolute)) return realpathSync(absolute);
  return existsSync(dirname(absolute)) ? resolve(realpathSync(dirname(absolute)), basename(absolute)) : absolute;
}

/** Refuses an output file that is the SQLite database itself or its log: writing there destroys it. */
function refuseDatabaseAsOutput(db: Db, path: string, option: string): void {
  if (db.dialect !== 'sqlite') return;
  const database = realPathOf(db.location);
  const target = realPathOf(path);
  if ([database, `${database}-wal`, `${database}-shm`].includes(target)) {
    throw new UsageError(`${option} ${path} is the database itself (PARLEY_DB): choose another file; nothing was written.`);
  }
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
  if (values.password !== undefined && (values.password.length < PASSWORD_MIN || values.password.length > PASSWORD_MAX)) {
    throw new UsageError(`--password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters (sign-in takes no other).`);
  }
  const project = values.project === undefined ? undefined : findProjectArg(db, values.project);
  const password = values.password ?? randomBytes(9).toString('base64url');
  const user = await createUser(db, system('cli'), { username: username.data, password, role: role.data });
  if (project) addMember(db, system('cli'), project.id, user.id);
  console.log(`Created ${user.role} "${user.username}" (id ${user.id})${project ? `, member of "${project.name}"` : ''}.`);
  if (values.password === undefined) console.log(`Password: ${password}`);
}

async function projectsCommand(db: Db, args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { overlap: { type: 'string' } } });
  const [action, name, ...extra] = positionals;
  if (action === 'list') {
    const counts = countsOfProjects(db);
    const projects = listAllProjects(db);
    if (projects.length === 0) console.log('No projects yet: create one with `npm run cli -- projects add <name>`.');
    for (const project of projects) {
      const { documents = 0, members = 0 } = counts.get(project.id) ?? {};
      console.log(`${project.id}\t${project.name}\toverlap ${project.overlap}\t${documents} document(s)\t${members} member(s)`);
    }
    return;
  }
  if (action !== 'add' || name === undefined || extra.length > 0) {
    throw new UsageError('Expected `projects add <name> [--overlap <k>]` (quote a name with spaces) or `projects list`.');
  }
  if (values.overlap !== undefined && !/^\d+$/.test(values.overlap)) throw new UsageError(OVERLAP_USAGE);
  // The same schema as POST /api/projects, so the CLI accepts exactly what the API accepts.
  const body = CreateProjectBody.safeParse({ name, ...(values.overlap !== undefined ? { overlap: Number(values.overlap) } : {}) });
  if (!body.success) {
    const issue = body.error.issues[0];
    if (issue?.path[0] === 'overlap') throw new UsageError(OVERLAP_USAGE);
    throw new UsageError(`The project name ${issue?.message ?? 'is invalid'}.`);
  }
  const project = createProject(db, system('cli'), body.data);
  console.log(
    `Created project "${project.name}" (id ${project.id}, overlap ${project.overlap}, stances ${project.stanceLabels.map((l) => l.key).join(', ')}).`,
  );
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

async function exportCommand(db: Db, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      project: { type: 'string' },
      out: { type: 'string' },
      flat: { type: 'boolean' },
      gold: { type: 'string' },
      status: { type: 'string' },
      documents: { type: 'string' },
      'no-boilerplate': { type: 'boolean' },
      text: { type: 'boolean' },
      split: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  if (!values.project || !values.out) throw new UsageError('export needs --project <id or name> and --out <file>.');
  const project = findProjectArg(db, values.project);
  refuseDatabaseAsOutput(db, values.out, '--out');
  if (existsSync(values.out) && statSync(values.out).isDirectory()) throw new UsageError(`--out ${values.out} is a folder: give the name of a file to write.`);
  const folder = dirname(resolve(values.out));
  if (!existsSync(folder)) throw new UsageError(`--out ${values.out}: the folder ${folder} does not exist.`);
  // The options as the API's query parameters, checked and read by the same schema as the API's export.
  const query = ExportQuery.safeParse({
    gold: values.gold || undefined,
    flat: values.flat ? '1' : undefined,
    status: values.status || undefined,
    documents: values.documents || undefined,
    boilerplate: values['no-boilerplate'] ? '0' : undefined,
    text: values.text ? '1' : undefined,
    split: values.split || undefined,
    seed: values.seed || undefined,
  });
  if (!query.success) {
    const issue = query.error.issues[0];
    throw new UsageError(`--${issue?.path.join('.') ?? 'option'}: ${issue?.message ?? 'invalid'}`);
  }
  const records = await exportToFile(db, project, exportOptionsOf(query.data), values.out, process.stderr.isTTY === true);
  console.log(`Exported ${records} record(s) of "${project.name}" to ${values.out}.`);
}

async function importAnnotationsCommand(db: Db, args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { project: { type: 'string' }, annotator: { type: 'string' } } });
  const [file] = positionals;
  if (!values.project || !file || positionals.length > 1) throw new UsageError('import-annotations needs --project <id or name> and one JSONL file.');
  const project = findProjectArg(db, values.project);
  const summary = await importAnnotationsFile(db, project, file, values.annotator ? { annotatorAs: values.annotator } : {});
  console.log(
    `Imported ${summary.records} record(s): ${summary.annotations} annotation(s), ${summary.gold} gold label(s); ${summary.errors.length} failure(s).`,
  );
  if (summary.createdUsers.length) console.log(`Created disabled accounts for: ${summary.createdUsers.join(', ')} (set a password to use them).`);
  if (summary.createdActors.length) console.log(`Proposed new actors: ${summary.createdActors.join(', ')}.`);
  for (const error of summary.errors) console.log(`  ✗ line ${error.line}: ${error.message}`);
  if (summary.errors.length > 0) process.exitCode = 1;
}

async function importPredictionsCommand(db: Db, args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { project: { type: 'string' }, model: { type: 'string' } } });
  const [file] = positionals;
  if (!values.project || !values.model || !file || positionals.length > 1) {
    throw new UsageError('import-predictions needs --project <id or name>, --model <name> and one JSONL file.');
  }
  const project = findProjectArg(db, values.project);
  const { result, errors } = await importPredictionsFile(db, project.id, values.model, file);
  if (result) console.log(`Imported ${result.claims} predicted claim(s) of ${result.model} for ${result.records} sentence(s); replaced ${result.replaced}.`);
  else console.log(`Imported nothing: ${errors.length} problem(s).`);
  for (const error of errors) console.log(`  ✗ line ${error.line}: ${error.message}`);
  if (errors.length > 0) process.exitCode = 1;
}

async function predictCommand(db: Db, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { project: { type: 'string' }, document: { type: 'string' } } });
  if (!values.project) throw new UsageError('predict needs --project <id or name>.');
  if (values.document !== undefined && !/^\d+$/.test(values.document)) throw new UsageError('--document must be a document id.');
  const project = findProjectArg(db, values.project);
  const documents = documentsToPredict(db, project.id, values.document === undefined ? undefined : Number(values.document));
  if (!documents) throw new UsageError(`Project "${project.name}" has no document ${values.document}.`);
  if (!project.modelBackend) {
    console.log(`Project "${project.name}" has no model backend: an admin sets its URL on the project's Settings page.`);
    process.exitCode = 1;
    return;
  }
  console.log(`Asking ${project.modelBackend.url} for ${documents.length} document(s) of "${project.name}"…`);
  const summary = await predictDocuments(db, documents, (line) => console.log(line));
  console.log(
    `Predicted ${summary.documents - summary.failed} of ${summary.documents} document(s)${summary.models.length ? ` with ${summary.models.join(', ')}` : ''}: ${summary.claims} claim(s); ${summary.failed} failed.`,
  );
  if (summary.failed > 0) process.exitCode = 1;
}

async function backupCommand(db: Db, location: string, args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' } } });
  // `backup <file>` (the older form) and `backup --out <file>` both work.
  const targets = [...positionals, ...(values.out === undefined ? [] : [values.out])];
  const [file] = targets;
  if (!file || targets.length !== 1) throw new UsageError('backup needs exactly one target file: backup --out <file>.');
  if (db.dialect === 'postgres') {
    const { bytes } = pgDumpTo(location, file);
    console.log(`Backed up ${db.location} with pg_dump (${bytes} bytes) to ${file}; restore it with pg_restore --no-owner --dbname=<empty database> ${file}.`);
    return;
  }
  refuseDatabaseAsOutput(db, file, 'The backup target');
  // A backup replaces the file it is written to: an existing one may be another database (or the
  // live one under another name), so it is never overwritten.
  if (existsSync(file)) throw new UsageError(`${file} already exists: a backup never replaces a file; remove it or choose another name.`);
  const { pages } = await backupTo(db, file);
  console.log(`Backed up ${pages} page(s) to ${file}.`);
}

function copyDbCommand(db: Db, args: string[]): void {
  const { values } = parseArgs({ args, options: { to: { type: 'string' }, sessions: { type: 'boolean' } } });
  if (!values.to || !isPostgresUrl(values.to)) throw new UsageError('copy-db needs --to <postgres://user:password@host:port/database>.');
  if (db.dialect !== 'sqlite') throw new UsageError('copy-db copies a SQLite database (PARLEY_DB) into PostgreSQL; PARLEY_DB is PostgreSQL already.');
  const target = openDb(values.to);
  try {
    const summary = copyWithProgress(db, target, { sessions: values.sessions === true, showProgress: process.stderr.isTTY === true });
    console.log(formatCopySummary(summary, target.location));
  } finally {
    target.close();
  }
}

interface Command {
  run(db: Db, args: string[], context: { location: string; applied: string[] }): Promise<void> | void;
  /** It reads what a database holds: on a mistyped SQLite path it would make an empty one and "succeed". */
  readsExistingData?: true;
}

/** The commands that work on PARLEY_DB, by name (`schema` and `help` need no database). */
const COMMANDS = new Map<string, Command>([
  ['migrate', { run: (_db, _args, { applied }) => console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'The database is up to date.') }],
  ['projects', { run: projectsCommand }],
  ['users', { run: usersCommand }],
  ['import', { run: importCommand }],
  ['export', { run: exportCommand, readsExistingData: true }],
  ['import-annotations', { run: importAnnotationsCommand }],
  ['import-predictions', { run: importPredictionsCommand }],
  ['predict', { run: predictCommand, readsExistingData: true }],
  ['backup', { run: (db, args, { location }) => backupCommand(db, location, args), readsExistingData: true }],
  ['copy-db', { run: copyDbCommand, readsExistingData: true }],
]);

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help') {
    console.log(USAGE);
    return;
  }
  if (name === 'schema') {
    const { values } = parseArgs({ args: rest, options: { out: { type: 'string' } } });
    const text = `${JSON.stringify(exportJsonSchema(), null, 2)}\n`;
    if (values.out) writeFileSync(values.out, text);
    else process.stdout.write(text);
    return;
  }
  // Checked before the database is opened: opening creates and migrates a file that is not there.
  const command = COMMANDS.get(name);
  if (!command) throw new UsageError(`Unknown command "${name}".`);
  const env = readEnv();
  if (command.readsExistingData && !isPostgresUrl(env.PARLEY_DB) && !existsSync(env.PARLEY_DB)) {
    throw new UsageError(`PARLEY_DB ${env.PARLEY_DB} does not exist: ${name} works on a database that has data (check the path); nothing was written.`);
  }
  // A batch job's long transactions may lose to a stream of saves many times before they win.
  const db = openDb(env.PARLEY_DB, { synchronous: env.PARLEY_SYNC, conflictAttempts: 100 });
  try {
    const { applied } = migrate(db);
    await command.run(db, rest, { location: env.PARLEY_DB, applied });
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
