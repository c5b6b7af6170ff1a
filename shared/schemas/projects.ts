import { z } from 'zod';
import { Id, IdParam } from './common.ts';
import {
  CODEBOOK_MAX_CHARS,
  HOLD_HOURS_MAX,
  HOLD_HOURS_MIN,
  OVERLAP_MAX,
  OVERLAP_MIN,
  PROJECT_NAME_MAX,
  STANCE_DEFINITION_MAX,
  STANCE_KEY_MAX,
  STANCE_LABELS_MAX,
  STANCE_NAME_MAX,
} from '../limits.ts';
import { ModelBackend } from './modelBackend.ts';

/** A stance label: the key stored in claims, its display name, key colour and codebook definition. */
export const StanceLabel = z.strictObject({
  key: z.string().regex(new RegExp(`^[a-z][a-z0-9_-]{0,${STANCE_KEY_MAX - 1}}$`), 'must be lower-case letters, digits, _ or -, starting with a letter'),
  name: z.string().trim().min(1, 'must not be empty').max(STANCE_NAME_MAX, `must be at most ${STANCE_NAME_MAX} characters`),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #aa3344'),
  definition: z.string().max(STANCE_DEFINITION_MAX).default(''),
});
export type StanceLabel = z.infer<typeof StanceLabel>;

export const DEFAULT_STANCE_LABELS: StanceLabel[] = [
  { key: 'condemn', name: 'Condemn', colour: '#c0392b', definition: 'The speaker criticises, denounces, accuses or opposes the target.' },
  { key: 'support', name: 'Support', colour: '#1e8449', definition: 'The speaker backs, praises, endorses or allies with the target.' },
  {
    key: 'mediate',
    name: 'Mediate',
    colour: '#2471a3',
    definition: 'The speaker offers or calls for mediation, dialogue, de-escalation or a ceasefire concerning the target.',
  },
];

const StanceLabels = z
  .array(StanceLabel)
  .min(1, 'needs at least one label')
  .max(STANCE_LABELS_MAX, `at most ${STANCE_LABELS_MAX} labels (keys 1–${STANCE_LABELS_MAX})`)
  .refine((labels) => new Set(labels.map((label) => label.key)).size === labels.length, {
    message: 'label keys must be unique',
  });

export const Project = z.object({
  id: Id,
  name: z.string(),
  stanceLabels: z.array(StanceLabel),
  overlap: z.number().int(),
  /** Hours an untouched assignment is held before its document returns to the pool. */
  holdHours: z.number().int(),
  codebook: z.string(),
  codebookVersion: z.number().int(),
  /** The model backend "Get suggestions" calls (issue 16, item 5); null when the project has none. */
  modelBackend: ModelBackend.nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Project = z.infer<typeof Project>;

export const ProjectList = z.object({ projects: z.array(Project) });

const ProjectName = z.string().trim().min(1, 'must not be empty').max(PROJECT_NAME_MAX);

const Overlap = z.number().int().min(OVERLAP_MIN).max(OVERLAP_MAX);

const Codebook = z.string().max(CODEBOOK_MAX_CHARS);

const HoldHours = z.number().int().min(HOLD_HOURS_MIN).max(HOLD_HOURS_MAX);

export const CreateProjectBody = z.strictObject({
  name: ProjectName,
  stanceLabels: StanceLabels.optional(),
  overlap: Overlap.optional(),
  holdHours: HoldHours.optional(),
  codebook: Codebook.optional(),
});
export type CreateProjectBody = z.infer<typeof CreateProjectBody>;

export const UpdateProjectBody = z.strictObject({
  name: ProjectName.optional(),
  stanceLabels: StanceLabels.optional(),
  overlap: Overlap.optional(),
  holdHours: HoldHours.optional(),
  codebook: Codebook.optional(),
  /** Sets the model backend, or clears it with null. */
  modelBackend: ModelBackend.nullable().optional(),
  /** The version the edit started from; a stale one gets 409. */
  baseVersion: z.number().int().min(1).optional(),
});
export type UpdateProjectBody = z.infer<typeof UpdateProjectBody>;

export const ProjectParams = z.object({ projectId: IdParam });
