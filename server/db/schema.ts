// The tables as `migrations/*.sql` leave them (written by hand from the migrations: a new migration
// that adds or changes a column changes this file too). Rows read with `SELECT *` are typed by these
// interfaces, through the typed statements of `statements.ts`, instead of a type assertion at each `.get()`.
// SQLite has no booleans: a flag is an INTEGER 0 or 1 (`Flag`); JSON columns are TEXT (`Json`) and
// are parsed with the shared zod schemas (`json.ts`) where they are read.
import type { ActorKind, ActorStatus } from '../../shared/schemas/actors.ts';
import type { AnnotationStatus } from '../../shared/schemas/annotations.ts';
import type { GoldMethod } from '../../shared/schemas/review.ts';
import type { Role } from '../../shared/schemas/users.ts';

/** An INTEGER column with CHECK (x IN (0, 1)). */
export type Flag = 0 | 1;
/** A TEXT column with CHECK (json_valid(x)): parse it with a schema before use. */
export type Json = string;
/** A TEXT column holding an ISO 8601 instant (`now()` in statements.ts). */
export type Instant = string;

export interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  role: Role;
  disabled: Flag;
  created_at: Instant;
  session_epoch: number;
}

export interface SessionRow {
  token_hash: string;
  user_id: number;
  created_at: Instant;
  last_seen_at: Instant;
  expires_at: Instant;
  epoch: number;
}

export interface ProjectRow {
  id: number;
  name: string;
  /** StanceLabel[] */
  stance_labels: Json;
  overlap: number;
  codebook: string;
  codebook_version: number;
  version: number;
  created_at: Instant;
  updated_at: Instant;
  hold_hours: number;
  /** Moved by triggers with every change to the project's actors (migration 0009). */
  actors_version: number;
  /** The model backend's URL, NULL when the project has none (migration 0012). */
  model_backend_url: string | null;
  model_backend_timeout_seconds: number;
}

export interface ProjectMemberRow {
  project_id: number;
  user_id: number;
  added_at: Instant;
}

export interface ActorRow {
  id: number;
  project_id: number;
  name: string;
  kind: ActorKind;
  code: string | null;
  /** string[] */
  aliases: Json;
  parent_id: number | null;
  status: ActorStatus;
  created_at: Instant;
  updated_at: Instant;
}

export interface DocumentRow {
  id: number;
  project_id: number;
  title: string;
  source: string | null;
  published: string | null;
  text: string;
  text_length: number;
  text_sha256: string;
  /** Record<string, unknown> */
  meta: Json;
  segmenter: string;
  created_by: number | null;
  created_at: Instant;
  has_astral: Flag;
}

export interface SentenceRow {
  id: number;
  document_id: number;
  idx: number;
  paragraph: number;
  start: number;
  end: number;
  boilerplate: Flag;
}

export interface AnnotationRow {
  id: number;
  sentence_id: number;
  annotator_id: number;
  status: AnnotationStatus;
  note: string | null;
  version: number;
  time_spent_ms: number;
  created_at: Instant;
  updated_at: Instant;
}

export interface AnnotationTombstoneRow {
  sentence_id: number;
  annotator_id: number;
  version: number;
}

/** The columns `claims` and `gold_claims` share: the claim is the same unit in both. */
export interface ClaimColumns {
  id: number;
  position: number;
  stance: string;
  speaker_actor_id: number | null;
  speaker_start: number | null;
  speaker_end: number | null;
  target_actor_id: number | null;
  target_start: number | null;
  target_end: number | null;
  cue_start: number | null;
  cue_end: number | null;
  negated: Flag;
  hypothetical: Flag;
  origin: string;
  /** The model behind an accepted suggestion (migration 0010). */
  origin_model: string | null;
  origin_score: number | null;
}

export interface ClaimRow extends ClaimColumns {
  annotation_id: number;
}

/** A model's predicted claim (migration 0010): suggestions of source 'model', never labels. */
export interface PredictionRow {
  id: number;
  project_id: number;
  model: string;
  sentence_id: number;
  position: number;
  stance: string;
  speaker_actor_id: number | null;
  speaker_start: number | null;
  speaker_end: number | null;
  target_actor_id: number | null;
  target_start: number | null;
  target_end: number | null;
  cue_start: number | null;
  cue_end: number | null;
  negated: Flag;
  hypothetical: Flag;
  score: number | null;
  imported_at: Instant;
}

export interface GoldClaimRow extends ClaimColumns {
  gold_id: number;
}

export interface GoldRow {
  id: number;
  sentence_id: number;
  status: AnnotationStatus;
  method: GoldMethod;
  reviewer_id: number;
  /** number[] */
  source_annotators: Json;
  rationale: string | null;
  version: number;
  created_at: Instant;
  updated_at: Instant;
}

export interface EventRow {
  id: number;
  at: Instant;
  user_id: number | null;
  project_id: number | null;
  action: string;
  entity: string;
  entity_id: number | null;
  before: Json | null;
  after: Json | null;
}

export interface AssignmentRow {
  document_id: number;
  user_id: number;
  project_id: number;
  assigned_at: Instant;
  assigned_by: number | null;
  last_activity_at: Instant | null;
}

export interface PseudonymRow {
  project_id: number;
  user_id: number;
  kind: 'annotator' | 'reviewer';
  number: number;
  created_at: Instant;
}

/** rate-limiter-flexible's SQLite store (server/session/throttle.ts reads and writes it, migration 0008). */
export interface SignInThrottleRow {
  key: string;
  points: number;
  /** Milliseconds since the epoch. */
  expire: number | null;
}

/** Counters of one document, kept by triggers and the import (migration 0011, server/documents/stats.ts); only content sentences (not boilerplate) count, except in `sentences`. */
export interface DocumentStatsRow {
  document_id: number;
  project_id: number;
  sentences: number;
  content: number;
  /** Content sentences labelled by at least the project's overlap of annotators. */
  labelled: number;
  /** Content sentences with gold. */
  gold: number;
  /** Assignment rows of the document. */
  holders: number;
}

/** Content sentences one annotator labelled in one document (migration 0011). */
export interface DocumentAnnotatorStatsRow {
  document_id: number;
  user_id: number;
  project_id: number;
  labelled: number;
}

/** Who has labelled in a document, kept by triggers (migration 0014): with the assignments, a document's holders. */
export interface DocumentAnnotatorRow {
  document_id: number;
  user_id: number;
  project_id: number;
}

/**
 * A sentence whose annotators differ, or one whose labels changed since it was last compared
 * (`stale`; migration 0014): the disagreement queue's state, kept by triggers and server/review/state.ts.
 */
export interface SentenceDisagreementRow {
  sentence_id: number;
  project_id: number;
  document_id: number;
  idx: number;
  boilerplate: Flag;
  stale: Flag;
  annotators: number;
  /** A bit set in DisagreementField order. */
  fields: number;
  field_count: number;
  dispute: number;
  resolved: Flag;
}

/** A sentence all of whose annotators (two or more) gave the same label, not a skip (migration 0016). */
export interface SentenceUnanimousRow {
  sentence_id: number;
  project_id: number;
  document_id: number;
  boilerplate: Flag;
  /** The sentence has gold. */
  resolved: Flag;
  /** A label was taken back since it was compared: compared again before a read. */
  stale: Flag;
}

/** A project's document count, kept by triggers on documents (migration 0021): the lists' totals without counting 100,000 rows. */
export interface ProjectStatsRow {
  project_id: number;
  documents: number;
}

export interface SchemaMigrationRow {
  id: number;
  name: string;
  checksum: string;
  applied_at: Instant;
}

/** Every table, by name: the database boundary the repositories type their rows by. */
export interface DB {
  users: UserRow;
  sessions: SessionRow;
  projects: ProjectRow;
  project_members: ProjectMemberRow;
  actors: ActorRow;
  documents: DocumentRow;
  sentences: SentenceRow;
  annotations: AnnotationRow;
  annotation_tombstones: AnnotationTombstoneRow;
  claims: ClaimRow;
  gold: GoldRow;
  gold_claims: GoldClaimRow;
  events: EventRow;
  assignments: AssignmentRow;
  pseudonyms: PseudonymRow;
  sign_in_throttle: SignInThrottleRow;
  predictions: PredictionRow;
  document_stats: DocumentStatsRow;
  document_annotator_stats: DocumentAnnotatorStatsRow;
  document_annotators: DocumentAnnotatorRow;
  sentence_disagreements: SentenceDisagreementRow;
  sentence_unanimous: SentenceUnanimousRow;
  project_stats: ProjectStatsRow;
  schema_migrations: SchemaMigrationRow;
}
