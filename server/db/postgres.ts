// The PostgreSQL engine, for teams: any number of Parley processes on one database.
//
// Synchronous, like SQLite's driver: statements run through libpq's blocking calls (the `libpq`
// package, node-postgres' native binding), so a process runs one transaction at a time and a
// service's transaction stays a synchronous function that nothing else in the process can enter
// (docs/decisions/007-postgresql.md). Concurrency comes from several processes, and PostgreSQL
// keeps them correct: every transaction is SERIALIZABLE, and one that loses a conflict is run
// again here, so a rule that read before it wrote (the overlap k, the last active admin) holds as
// it did with SQLite's single writer.
import { createRequire } from 'node:module';
import type { Db, RowMode, RunResult, Statement, TransactionMode } from './connection.ts';

/** The parts of libpq's binding Parley uses (the package ships no types). */
interface Libpq {
  connectSync(conninfo: string): void;
  exec(script: string): void;
  prepare(name: string, text: string, parameters: number): void;
  execPrepared(name: string, values: (string | null)[]): void;
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

function loadLibpq(): new () => Libpq {
  try {
    return createRequire(import.meta.url)('libpq');
  } catch {
    throw new Error(
      'PostgreSQL needs the libpq module, which npm builds only where PostgreSQL client headers are installed: ' +
        'install them (Debian: apt-get install libpq-dev) and run npm ci again.',
    );
  }
}

/** A statement PostgreSQL refused, with its SQLSTATE (`code`), classified in driverErrors.ts. */
export class PostgresError extends Error {
  override readonly name = 'PostgresError';
  constructor(
    message: string,
    readonly code: string,
    readonly constraint?: string,
  ) {
    super(message);
  }
}

/** Lost a serialization conflict or a deadlock: nothing was written, and the same work can run again. */
export const isRetryable = (error: unknown) => error instanceof PostgresError && (error.code === '40001' || error.code === '40P01');

/**
 * How many times a transaction that lost a conflict is run in all, by default: a request's
 * transaction is short, and its process serves nothing while it pauses. A batch job (the CLI)
 * asks for more: its long transaction can lose to a stream of short saves many times in a row.
 */
export const DEFAULT_CONFLICT_ATTEMPTS = 12;

/**
 * Before run `attempt` + 1: none after the first two losses (the winner has usually committed, and
 * running again at once reads its rows), then a random pause of up to 4, 8, … 64 ms, so that two
 * processes that keep meeting fall out of step. At most about 0.5 s in all. The pause blocks the
 * thread: the process is inside a synchronous transaction and has nothing else it may run.
 */
function pauseBefore(attempt: number): void {
  if (attempt <= 2) return;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.random() * Math.min(64, 2 ** attempt));
}

// Columns come back as text; numbers and flags are parsed so that a row reads as it does from SQLite
// (integers as numbers, a boolean expression as 1 or 0). Everything else (text, citext, JSON in TEXT) stays a string.
const INT8 = 20;
const PARSERS: Record<number, (text: string) => number> = {
  [INT8]: Number,
  21: Number, // int2
  23: Number, // int4
  26: Number, // oid
  700: Number, // float4
  701: Number, // float8
  1700: Number, // numeric (sum and avg of integers)
  16: (text) => (text === 't' ? 1 : 0), // bool
};

/** better-sqlite3 binds numbers, strings, bigints and null, and refuses the rest; so does this. */
function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    // libpq takes C strings: text after a NUL would be dropped without an error. Requests are
    // refused before this (shared/text.ts); this keeps any other writer from storing a cut value.
    if (value.includes('\u0000')) throw new PostgresError('text holds a NUL character (U+0000), which PostgreSQL cannot store', '22021');
    return value;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  throw new TypeError(`A ${typeof value} cannot be bound to a statement parameter (${String(value)})`);
}

/** `?` placeholders become `$1…$n`; quoted text, quoted names and comments are left as they are. */
export function numberPlaceholders(text: string): { text: string; count: number } {
  let out = '';
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "'" || char === '"') {
      const end = text.indexOf(char, i + 1);
      const stop = end < 0 ? text.length : end;
      out += text.slice(i, stop + 1);
      i = stop;
    } else if (char === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out += text.slice(i, stop);
      i = stop - 1;
    } else if (char === '?') {
      out += `$${++count}`;
    } else {
      out += char;
    }
  }
  return { text: out, count };
}

class PostgresStatement implements Statement {
  /** The server-side prepared statement's name, once prepared on the current connection. */
  name: string | undefined;
  readonly text: string;
  readonly parameters: number;

  constructor(
    private readonly db: PostgresDb,
    text: string,
    private readonly mode: RowMode,
  ) {
    ({ text: this.text, count: this.parameters } = numberPlaceholders(text));
  }

  get(...params: unknown[]): unknown {
    return this.db.execute(this, params, this.mode).rows[0];
  }

  all(...params: unknown[]): unknown[] {
    return this.db.execute(this, params, this.mode).rows;
  }

  /** Reads the whole result, then iterates it: Parley reads large results in keyset pages, not through one statement. */
  iterate(...params: unknown[]): IterableIterator<unknown> {
    return this.all(...params)[Symbol.iterator]();
  }

  run(...params: unknown[]): RunResult {
    return { changes: this.db.execute(this, params, this.mode).changes };
  }
}

export class PostgresDb implements Db {
  readonly dialect = 'postgres';
  readonly location: string;
  private pq: Libpq;
  private readonly statements: Record<RowMode, Map<string, PostgresStatement>> = { rows: new Map(), tuples: new Map(), values: new Map() };
  private prepared = 0;
  /** 0 outside a transaction; 1 inside one; more inside savepoints. */
  private depth = 0;
  open = true;
  rollbacks = 0;

  constructor(
    private readonly url: string,
    private readonly attempts: number = DEFAULT_CONFLICT_ATTEMPTS,
  ) {
    this.location = withoutPassword(url);
    this.pq = this.connect();
  }

  private connect(): Libpq {
    const Pq = loadLibpq();
    const pq = new Pq();
    // Without a timeout, libpq waits for an unreachable host as long as TCP does (minutes).
    const conninfo = /[?&]connect_timeout=/.test(this.url) ? this.url : `${this.url}${this.url.includes('?') ? '&' : '?'}connect_timeout=10`;
    try {
      pq.connectSync(conninfo);
    } catch (error) {
      const reason = error instanceof Error ? error.message.trim() : String(error);
      throw new PostgresError(`Cannot connect to PostgreSQL at ${this.location}: ${reason}`, '08001');
    }
    this.pq = pq;
    // Serializable by default, so that a single statement outside a transaction is as safe as one
    // inside; a lock wait is bounded like SQLite's busy timeout (and becomes a 503 `busy`).
    this.command("SET default_transaction_isolation TO 'serializable'; SET lock_timeout TO '5s'; SET client_min_messages TO warning; SET TIME ZONE 'UTC'");
    for (const cache of Object.values(this.statements)) for (const statement of cache.values()) statement.name = undefined;
    return pq;
  }

  prepare(text: string, mode: RowMode = 'rows'): Statement {
    const cache = this.statements[mode];
    let statement = cache.get(text);
    if (!statement) {
      statement = new PostgresStatement(this, text, mode);
      cache.set(text, statement);
    }
    return statement;
  }

  exec(script: string): void {
    this.outsideTransactionRetried(() => this.command(script));
  }

  /** Runs a prepared statement (preparing it on first use); outside a transaction a lost conflict is retried. */
  execute(statement: PostgresStatement, params: unknown[], mode: RowMode): { rows: unknown[]; changes: number } {
    const values = params.map(toText);
    return this.outsideTransactionRetried(() => {
      if (!statement.name) {
        const name = `parley_${++this.prepared}`;
        this.pq.prepare(name, statement.text, statement.parameters);
        this.check();
        statement.name = name;
      }
      this.pq.execPrepared(statement.name, values);
      this.check();
      return { rows: this.readRows(mode), changes: Number(this.pq.cmdTuples()) || 0 };
    });
  }

  transaction<T>(mode: TransactionMode, work: () => T): T {
    if (this.depth > 0) return this.savepoint(work);
    for (let attempt = 1; ; attempt++) {
      // Reads that must see one snapshot take it without predicate locks; writes are SERIALIZABLE.
      this.command(mode === 'immediate' ? 'BEGIN ISOLATION LEVEL SERIALIZABLE' : 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      this.depth = 1;
      try {
        const value = work();
        this.command('COMMIT');
        return value;
      } catch (error) {
        this.rollbacks++;
        this.rollbackQuietly();
        if (!isRetryable(error) || attempt >= this.attempts) throw error;
        pauseBefore(attempt);
      } finally {
        this.depth = 0;
      }
    }
  }

  close(): void {
    this.open = false;
    this.pq.finish();
  }

  private savepoint<T>(work: () => T): T {
    const name = `parley_savepoint_${this.depth}`;
    this.command(`SAVEPOINT ${name}`);
    this.depth++;
    try {
      const value = work();
      this.command(`RELEASE SAVEPOINT ${name}`);
      return value;
    } catch (error) {
      this.rollbacks++;
      // A lost conflict aborts the whole transaction: only the outermost level can run it again.
      if (!isRetryable(error)) this.command(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    } finally {
      this.depth--;
    }
  }

  private rollbackQuietly(): void {
    if (this.pq.transactionStatus() === 4) return;
    this.pq.exec('ROLLBACK');
  }

  private outsideTransactionRetried<T>(run: () => T): T {
    if (this.depth > 0) return run();
    for (let attempt = 1; ; attempt++) {
      try {
        return run();
      } catch (error) {
        // A connection lost between requests (a restarted server) is opened again once.
        if (this.pq.transactionStatus() === 4 && attempt === 1) {
          this.connect();
          continue;
        }
        if (!isRetryable(error) || attempt >= this.attempts) throw error;
        pauseBefore(attempt);
      }
    }
  }

  private command(text: string): void {
    this.pq.exec(text);
    this.check();
  }

  /** Throws the last command's error, if it failed. */
  private check(): void {
    const status = this.pq.resultStatus();
    if (status !== 'PGRES_FATAL_ERROR' && status !== 'PGRES_BAD_RESPONSE' && status !== 'PGRES_NONFATAL_ERROR') return;
    const fields = this.pq.resultErrorFields();
    const message = fields.messagePrimary ?? (this.pq.resultErrorMessage() || this.pq.errorMessage()).trim();
    // No SQLSTATE: the connection itself failed (class 08, connection exception).
    throw new PostgresError(message, fields.sqlState ?? '08006', fields.constraintName);
  }

  private readRows(mode: RowMode): unknown[] {
    const pq = this.pq;
    const count = pq.ntuples();
    if (count === 0) return [];
    const columns = pq.nfields();
    const parsers = Array.from({ length: columns }, (_, column) => PARSERS[pq.ftype(column)]);
    const value = (row: number, column: number): unknown => {
      const text = pq.getvalue(row, column);
      if (text === '' && pq.getisnull(row, column)) return null;
      const parse = parsers[column];
      return parse ? parse(text) : text;
    };
    const rows = new Array<unknown>(count);
    if (mode === 'values') {
      for (let row = 0; row < count; row++) rows[row] = value(row, 0);
    } else if (mode === 'tuples') {
      for (let row = 0; row < count; row++) rows[row] = Array.from({ length: columns }, (_, column) => value(row, column));
    } else {
      const names = Array.from({ length: columns }, (_, column) => pq.fname(column));
      for (let row = 0; row < count; row++) {
        const object: Record<string, unknown> = {};
        for (let column = 0; column < columns; column++) object[names[column]!] = value(row, column);
        rows[row] = object;
      }
    }
    return rows;
  }
}

/** The URL as it may be shown: without its password. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

export function openPostgres(url: string, attempts?: number): PostgresDb {
  return new PostgresDb(url, attempts);
}
