// Every limit of what a client may send, declared once (STYLE.md: limits are declared once; an
// actor's are beside its schema, shared/schemas/actors.ts, and a document's in documents.ts). The
// zod schemas in shared/schemas enforce them; the CLI's messages and the client's form attributes
// (maxLength, min, max) read them from here, so a changed limit changes everywhere at once.

/** Usernames (unique regardless of case). */
export const USERNAME_MAX = 64;
/** Passwords: at least this long… */
export const PASSWORD_MIN = 8;
/** …and at most this long, which keeps scrypt's work per request bounded. */
export const PASSWORD_MAX = 200;

/** Project names. */
export const PROJECT_NAME_MAX = 200;
/** Overlap k: how many annotators label every document. */
export const OVERLAP_MIN = 1;
export const OVERLAP_MAX = 20;
/** Hours an untouched assignment is held (a year at most). */
export const HOLD_HOURS_MIN = 1;
export const HOLD_HOURS_MAX = 8760;
/** A project's codebook (markdown). */
export const CODEBOOK_MAX_CHARS = 200_000;
/** Stance labels per project: the workspace's keys 1–9. */
export const STANCE_LABELS_MAX = 9;
/** A stance label's key (stored in claims), display name and codebook definition. */
export const STANCE_KEY_MAX = 32;
export const STANCE_NAME_MAX = 60;
export const STANCE_DEFINITION_MAX = 5000;

/** Claims in one label (an annotation or a gold label). */
export const MAX_CLAIMS_PER_SENTENCE = 50;
/** An annotator's note on a label (e.g. why a sentence was skipped). */
export const NOTE_MAX = 2000;
/** A reviewer's rationale for a gold label. */
export const RATIONALE_MAX = 4000;
/** Annotators a gold label names as its sources. */
export const GOLD_SOURCES_MAX = 50;
