import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from '../shared/limits.ts';
import { isPostgresUrl } from './db/connection.ts';

/**
 * A value that starts like a URL or URI (`postgres://…`, `file:data.db`, `sqlite:x.db`): a scheme of
 * two or more characters and a colon (one letter and a colon is a Windows drive, `C:\data`).
 */
const URL_LIKE = /^([a-z][a-z0-9+.-]+):(\/\/)?/i;

/**
 * PARLEY_DB is a SQLite file path or a PostgreSQL URL (`postgres://` or `postgresql://`). Any other
 * URL must be refused, not opened: `mysql://…` would otherwise become a SQLite file in a new folder
 * named `mysql:`, and the data would silently go there. Only the scheme is repeated in the message,
 * never the rest (it may hold a password).
 */
const DbLocation = z
  .string()
  .min(1)
  .superRefine((value, ctx) => {
    const match = URL_LIKE.exec(value);
    if (match && !isPostgresUrl(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `${match[0]}… is not a database Parley can use: set PARLEY_DB to a SQLite file path (e.g. data/parley.db) or a PostgreSQL URL (postgres://user:password@host:5432/database)`,
      });
    }
  });

/** The environment Parley reads (docs/design.md §4), validated once at start-up. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PARLEY_DB: DbLocation.default('data/parley.db'),
  PARLEY_ADMIN_PASSWORD: z.string().min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`).max(PASSWORD_MAX).optional(),
  PARLEY_DEMO: z.enum(['0', '1']).default('1'),
  PARLEY_SESSION_IDLE_HOURS: z.coerce.number().positive().default(12),
  PARLEY_SESSION_MAX_DAYS: z.coerce.number().positive().default(14),
  /**
   * How hard a commit reaches the disk. `normal`: an acknowledged save survives the server process
   * crashing or being killed, but an operating-system crash or power loss can take the last fraction
   * of a second of saves. `full`: the log is flushed to disk before every save is acknowledged, which
   * survives power loss and costs about 40 % of save throughput (measured: 1,190 vs 2,150 saves/s).
   */
  PARLEY_SYNC: z.enum(['normal', 'full']).default('normal'),
  /**
   * PostgreSQL only: how many write threads (each with its own connection) run this process's label
   * saves (server/labelWrites.ts, decision 009), so that the process goes on serving while saves
   * wait on the database. One by default: a second in the same process mostly added serialization
   * conflicts on the bench machine (decision 009). 0 runs saves on the process's own connection.
   * SQLite ignores it.
   */
  PARLEY_WRITE_THREADS: z.coerce.number().int('must be a whole number').min(0).max(16, 'must be at most 16').default(1),
  /** Body limit of file imports in MB; other JSON bodies stay at 5 MB. */
  PARLEY_UPLOAD_MB: z.coerce.number().positive().max(1024, 'must be at most 1024').default(10),
  /**
   * Express's trust proxy: unset or 0 when Parley faces clients directly; 1 (the number of proxies)
   * or a list of proxy addresses behind a reverse proxy, so that sign-in throttling counts per
   * real client address rather than per proxy.
   */
  PARLEY_TRUST_PROXY: z
    .string()
    .trim()
    .min(1)
    .default('0')
    .refine((value) => value.split(',').every((part) => /^(\d+|loopback|linklocal|uniquelocal|[0-9A-Fa-f:.]+(\/\d+)?)$/.test(part.trim())), {
      message: 'must be a number of proxies or a comma-separated list of proxy addresses (or loopback, linklocal, uniquelocal)',
    })
    .transform((value): number | string => (/^\d+$/.test(value) ? Number(value) : value)),
});
export type Env = z.infer<typeof EnvSchema>;

/** Parses the environment or exits with a message naming each bad variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    console.error(`Parley cannot start: bad environment\n${lines.join('\n')}`);
    process.exit(1);
  }
  return result.data;
}
