// The PostgreSQL engine, for teams: any number of Parley processes on one database.
//
// Synchronous, like SQLite's driver: statements run through libpq's blocking calls (the `libpq`
// package, node-postgres' native binding), so a process runs one transaction at a time and a
// service's transaction stays a synchronous function that nothing else in the process can enter
// (docs/decisions/007-postgresql.md). Concurrency comes from several processes, and PostgreSQL
// keeps them correct: every transaction is SERIALIZABLE, and one that loses a conflict is run
// again here, so a rule that read before it wrote (the overlap k, the last active admin) holds as
// it did with SQLite's single writer.
import { isMainThread } from 'node:worker_threads';
import { loadLibpq, type Libpq } from './libpqAddon.ts';
import type { Db, RowMode, RunResult, Statement, TransactionMode } from './connection.ts';

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

/**
 * From this run on, a write transaction that keeps losing holds the labels' tables as a batch does
 * (HOLD_LABEL_TABLES): serializable checks lock index pages, so saves of different sentences whose
 * rows share a page can lose to each other again and again under a steady load (seen: a save that
 * lost 12 times answered 503). Holding the tables, it waits for the saves in flight, takes its
 * snapshot after them, and the saves after it wait: it cannot lose to a save again.
 */
const HOLD_FROM_ATTEMPT = 4;

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
    readonly mode: RowMode,
  ) {
    ({ text: this.text, count: this.parameters } = numberPlaceholders(text));
  }

  get(...params: unknown[]): unknown {
    return this.db.execute(this, params).rows[0];
  }

  all(...params: unknown[]): unknown[] {
    return this.db.execute(this, params).rows;
  }

  /** Reads the whole result, then iterates it: Parley reads large results in keyset pages, not through one statement. */
  iterate(...params: unknown[]): IterableIterator<unknown> {
    return this.all(...params)[Symbol.iterator]();
  }

  run(...params: unknown[]): RunResult {
    return { changes: this.db.execute(this, params).changes };
  }
}

/**
 * One message of a round trip: a command without parameters (BEGIN, COMMIT, SAVEPOINT …), or a run
 * of a prepared statement with its values (prepared on the way when it is new on this connection).
 */
type Request = { command: string; begin?: true } | { statement: PostgresStatement; values: (string | null)[] };

interface Outcome {
  rows: unknown[];
  changes: number;
}

const NOTHING: Outcome = { rows: [], changes: 0 };

/**
 * Deferred writes a transaction may hold before they go out anyway: they travel in one pipeline,
 * and a bounded one keeps the messages in flight small.
 */
const MAX_QUEUED = 64;

/** What a batch transaction holds against other writers (connection.ts, `batch`): the tables saves write. */
const HOLD_LABEL_TABLES = 'LOCK TABLE annotations, gold, pseudonyms IN EXCLUSIVE MODE';

const FAILED = new Set(['PGRES_FATAL_ERROR', 'PGRES_BAD_RESPONSE', 'PGRES_NONFATAL_ERROR']);

export class PostgresDb implements Db {
  readonly dialect = 'postgres';
  readonly location: string;
  private pq: Libpq;
  private readonly statements: Record<RowMode, Map<string, PostgresStatement>> = { rows: new Map(), tuples: new Map(), values: new Map() };
  private prepared = 0;
  /** 0 outside a transaction; 1 inside one; more inside savepoints. */
  private depth = 0;
  /**
   * What the open transaction has yet to send: its BEGIN until its first statement, then deferred
   * writes and SAVEPOINTs. It goes out in one pipeline with the next statement that needs an answer
   * (or the COMMIT), so a transaction's BEGIN and its deferred writes cost no round trip of their own.
   */
  private queued: Request[] = [];
  open = true;
  rollbacks = 0;
  /** Whether the open transaction's COMMIT has been sent: a connection lost before it was, committed nothing. */
  private committing = false;

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
    let conninfo = this.url;
    const add = (setting: string) => (conninfo += `${conninfo.includes('?') ? '&' : '?'}${setting}`);
    if (!/[?&]connect_timeout=/.test(conninfo)) add('connect_timeout=10');
    // What pg_stat_activity shows an operator: a process's own connection, or one of its write threads'.
    if (!/[?&]application_name=/.test(conninfo)) add(`application_name=${isMainThread ? 'parley' : 'parley-write-thread'}`);
    try {
      pq.connectSync(conninfo);
    } catch (error) {
      const reason = error instanceof Error ? error.message.trim() : String(error);
      throw new PostgresError(`Cannot connect to PostgreSQL at ${this.location}: ${reason}`, '08001');
    }
    // A lost connection's object is finished: libpq's binding keeps an unfinished one alive.
    const lost = this.pq as Libpq | undefined;
    this.pq = pq;
    lost?.finish();
    // Prepared on the lost connection, not on this one.
    for (const cache of Object.values(this.statements)) for (const statement of cache.values()) statement.name = undefined;
    // Serializable by default, so that a single statement outside a transaction is as safe as one
    // inside; a lock wait is bounded like SQLite's busy timeout (and becomes a 503 `busy`). A
    // transaction is a synchronous function here, never idle between its statements: one left open
    // by a thread or process that stopped in it is ended by the server after a minute, locks and all.
    this.command(
      "SET default_transaction_isolation TO 'serializable'; SET lock_timeout TO '5s'; SET idle_in_transaction_session_timeout TO '60s'; " +
        "SET client_min_messages TO warning; SET TIME ZONE 'UTC'",
    );
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
    if (this.depth === 0) return this.retried(() => this.command(script), 'statement');
    // A script is a simple query, which a pipeline cannot carry: what the transaction holds goes first.
    this.flush();
    this.command(script);
  }

  /** Runs a prepared statement (preparing it on first use); outside a transaction a lost conflict is retried. */
  execute(statement: PostgresStatement, params: unknown[]): Outcome {
    const request: Request = { statement, values: params.map(toText) };
    if (this.depth === 0) return this.retried(() => this.roundTrip([request]), 'statement');
    return this.roundTrip(this.take(request));
  }

  runDeferred(statement: Statement, params: unknown[]): void {
    if (!(statement instanceof PostgresStatement)) throw new TypeError('runDeferred takes a statement this connection prepared');
    if (this.depth === 0) {
      this.execute(statement, params);
      return;
    }
    this.queued.push({ statement, values: params.map(toText) });
    if (this.queued.length >= MAX_QUEUED) this.flush();
  }

  transaction<T>(mode: TransactionMode, work: () => T): T {
    if (this.depth > 0) {
      if (mode === 'batch') this.queued.push({ command: HOLD_LABEL_TABLES });
      return this.savepoint(work);
    }
    // A connection lost since the last request (a restarted server, a killed backend) is opened
    // again before anything of this transaction is sent: nothing can have gone through yet. Reading
    // what the server sent meanwhile (without waiting) finds a backend that said goodbye; a
    // transaction whose every write is deferred would otherwise learn of it only at its COMMIT.
    // Twice: the first read takes the backend's goodbye, the second finds the closed socket.
    if (this.open) {
      if (this.pq.consumeInput()) this.pq.consumeInput();
      if (this.pq.transactionStatus() === 4) this.connect();
    }
    return this.retried((attempt) => {
      // Reads that must see one snapshot take it without predicate locks; writes are SERIALIZABLE.
      // PostgreSQL takes the snapshot at the first statement, not at BEGIN: sending BEGIN with it changes nothing.
      const begin = mode === 'deferred' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN ISOLATION LEVEL SERIALIZABLE';
      this.queued = [{ command: begin, begin: true }];
      if (mode === 'batch' || (mode === 'immediate' && attempt >= HOLD_FROM_ATTEMPT)) this.queued.push({ command: HOLD_LABEL_TABLES });
      this.depth = 1;
      this.committing = false;
      try {
        const value = work();
        // A transaction that ran nothing (its BEGIN still unsent) has nothing to commit.
        const ranNothing = this.queued.length === 1 && 'begin' in this.queued[0]!;
        this.committing = true;
        if (!ranNothing) this.roundTrip(this.take({ command: 'COMMIT' }));
        return value;
      } catch (error) {
        this.rollbacks++;
        this.rollbackQuietly();
        throw error;
      } finally {
        this.depth = 0;
        this.queued = [];
      }
    }, 'transaction');
  }

  close(): void {
    this.open = false;
    this.pq.finish();
  }

  private savepoint<T>(work: () => T): T {
    const name = `parley_savepoint_${this.depth}`;
    this.queued.push({ command: `SAVEPOINT ${name}` });
    this.depth++;
    try {
      const value = work();
      // Sent now, with anything deferred since the SAVEPOINT: an error of theirs is this savepoint's.
      this.roundTrip(this.take({ command: `RELEASE SAVEPOINT ${name}` }));
      return value;
    } catch (error) {
      this.rollbacks++;
      // A lost conflict aborts the whole transaction: only the outermost level can run it again.
      if (!isRetryable(error)) this.roundTrip(this.take({ command: `ROLLBACK TO SAVEPOINT ${name}` }));
      throw error;
    } finally {
      this.depth--;
    }
  }

  private rollbackQuietly(): void {
    const unsent = this.queued[0] && 'begin' in this.queued[0];
    this.queued = [];
    // Only a transaction still open (2) or failed (3) has anything to roll back: after a COMMIT that
    // failed (a lost conflict) the server has ended it already, and a ROLLBACK would only warn.
    const status = this.pq.transactionStatus();
    if (unsent || (status !== 2 && status !== 3)) return;
    this.pq.exec('ROLLBACK');
  }

  /**
   * Runs `run` again when it lost a serialization conflict or a deadlock (nothing was written), up
   * to the connection's attempts, pausing as `pauseBefore` says. A connection found lost by the
   * first run (a restarted server, a killed backend: the request's own messages are the first to
   * learn of it) is opened again once and `run` runs again on it: a single statement outside a
   * transaction, or a transaction whose COMMIT was not sent, so that nothing of it was written; a
   * transaction lost during its COMMIT is not, since the COMMIT may have gone through.
   */
  private retried<T>(run: (attempt: number) => T, kind: 'statement' | 'transaction'): T {
    for (let attempt = 1; ; attempt++) {
      try {
        return run(attempt);
      } catch (error) {
        if (attempt === 1 && this.open && this.pq.transactionStatus() === 4 && (kind === 'statement' || !this.committing)) {
          this.connect();
          continue;
        }
        if (!isRetryable(error) || attempt >= this.attempts) throw error;
        pauseBefore(attempt);
      }
    }
  }

  /** What the transaction holds, then `request`, as one round trip's messages (the queue is emptied). */
  private take(request: Request): Request[] {
    const requests = this.queued;
    this.queued = [];
    requests.push(request);
    return requests;
  }

  /** Sends what the transaction holds, if anything. */
  private flush(): void {
    if (this.queued.length === 0) return;
    const requests = this.queued;
    this.queued = [];
    this.roundTrip(requests);
  }

  /**
   * Sends the requests and waits for their answers once: one request as a plain blocking call, more
   * through libpq's pipeline mode. Returns the last request's rows; throws the first error (the
   * requests after a failed one are skipped by the server, and the transaction is aborted).
   */
  private roundTrip(requests: readonly Request[]): Outcome {
    if (requests.length === 1) return this.single(requests[0]!);
    const pq = this.pq;
    if (!pq.enterPipelineMode()) this.connectionLost();
    // What each answer belongs to, in order: a prepare, or a request (the last one's rows are kept).
    const answers: { statement?: PostgresStatement; prepare?: true; last?: true }[] = [];
    let outcome = NOTHING;
    let failure: PostgresError | undefined;
    try {
      requests.forEach((request, index) => {
        let sent: boolean;
        if ('command' in request) {
          sent = pq.sendQueryParams(request.command, []);
          answers.push({});
        } else {
          const { statement } = request;
          if (!statement.name) {
            statement.name = `parley_${++this.prepared}`;
            if (!pq.sendPrepare(statement.name, statement.text, statement.parameters)) this.connectionLost();
            answers.push({ statement, prepare: true });
          }
          sent = pq.sendQueryPrepared(statement.name, request.values);
          answers.push({ statement });
        }
        if (!sent) this.connectionLost();
        if (index === requests.length - 1) answers[answers.length - 1]!.last = true;
      });
      if (!pq.pipelineSync()) this.connectionLost();
      let next = 0;
      for (;;) {
        if (!pq.getResult()) {
          // Each answer ends with a null result; two in a row mean the connection is gone.
          if (!pq.getResult()) this.connectionLost();
        }
        const status = pq.resultStatus();
        if (status === 'PGRES_PIPELINE_SYNC') break;
        const answer = answers[next++];
        if (FAILED.has(status)) {
          failure ??= this.error();
          if (answer?.prepare) answer.statement!.name = undefined;
        } else if (status === 'PGRES_PIPELINE_ABORTED') {
          // Skipped after an earlier failure; a statement whose prepare was skipped is not prepared.
          if (answer?.prepare) answer.statement!.name = undefined;
        } else if (answer?.last && answer.statement) {
          outcome = { rows: this.readRows(answer.statement.mode), changes: Number(pq.cmdTuples()) || 0 };
        }
      }
    } finally {
      pq.exitPipelineMode();
    }
    if (failure) throw failure;
    return outcome;
  }

  private single(request: Request): Outcome {
    if ('command' in request) {
      this.command(request.command);
      return NOTHING;
    }
    const { statement } = request;
    if (!statement.name) {
      const name = `parley_${++this.prepared}`;
      this.pq.prepare(name, statement.text, statement.parameters);
      this.check();
      statement.name = name;
    }
    this.pq.execPrepared(statement.name, request.values);
    this.check();
    return { rows: this.readRows(statement.mode), changes: Number(this.pq.cmdTuples()) || 0 };
  }

  private command(text: string): void {
    this.pq.exec(text);
    this.check();
  }

  /** Throws the last command's error, if it failed. */
  private check(): void {
    if (FAILED.has(this.pq.resultStatus())) throw this.error();
  }

  private error(): PostgresError {
    const fields = this.pq.resultErrorFields();
    const message = fields.messagePrimary ?? (this.pq.resultErrorMessage() || this.pq.errorMessage()).trim();
    // No SQLSTATE: the connection itself failed (class 08, connection exception).
    return new PostgresError(message, fields.sqlState ?? '08006', fields.constraintName);
  }

  private connectionLost(): never {
    throw new PostgresError(this.pq.errorMessage().trim() || 'the connection to PostgreSQL was lost', '08006');
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
