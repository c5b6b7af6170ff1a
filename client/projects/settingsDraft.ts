import { Project, UpdateProjectBody, type StanceLabel } from '../../shared/schemas/projects.ts';
import { MODEL_BACKEND_TIMEOUT_DEFAULT, MODEL_BACKEND_TIMEOUT_MAX, MODEL_BACKEND_TIMEOUT_MIN, type ModelBackend } from '../../shared/schemas/modelBackend.ts';
import { HOLD_HOURS_MAX, HOLD_HOURS_MIN, OVERLAP_MAX, OVERLAP_MIN, STANCE_LABELS_MAX } from '../../shared/limits.ts';

export const MAX_LABELS = STANCE_LABELS_MAX;
/** Colours offered to a new label, in order; the first one no label uses yet is taken. */
const PALETTE = ['#c0392b', '#1e8449', '#2471a3', '#8e44ad', '#d35400', '#16a085', '#7f8c8d', '#b7950b', '#2c3e50'];

/** A stance label being edited; `uid` keeps React rows and focus stable while keys are retyped. */
export interface LabelDraft extends StanceLabel {
  uid: string;
  /** The key this label had when the edit started (null: added in this edit). */
  savedKey: string | null;
}

/** The form's values as typed (numbers stay strings so an empty field is not silently 0). */
export interface Draft {
  name: string;
  overlap: string;
  holdHours: string;
  labels: LabelDraft[];
  codebook: string;
  /** The model backend's URL; empty: none. */
  modelBackendUrl: string;
  modelBackendTimeout: string;
}

/** A problem with one field, named by its path in the request body ("stanceLabels.1.key"). */
export interface FieldIssue {
  path: string;
  message: string;
}

let nextUid = 0;
const newUid = () => `label-${++nextUid}`;

/** The form's values for a saved project. */
export function draftOf(project: Project): Draft {
  return {
    name: project.name,
    overlap: String(project.overlap),
    holdHours: String(project.holdHours),
    labels: project.stanceLabels.map((label) => ({ ...label, colour: label.colour.toLowerCase(), uid: newUid(), savedKey: label.key })),
    codebook: project.codebook,
    modelBackendUrl: project.modelBackend?.url ?? '',
    modelBackendTimeout: String(project.modelBackend?.timeoutSeconds ?? MODEL_BACKEND_TIMEOUT_DEFAULT),
  };
}

const wholeNumber = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value) : Number.NaN);

/** The model backend as the API stores it: null when the URL field is empty. */
export function modelBackendOf(draft: Draft): ModelBackend | null {
  const url = draft.modelBackendUrl.trim();
  return url ? { url, timeoutSeconds: wholeNumber(draft.modelBackendTimeout) } : null;
}

/** An empty label for the end of the list, in the first palette colour no label uses yet. */
export function newLabel(labels: readonly LabelDraft[]): LabelDraft {
  const used = new Set(labels.map((label) => label.colour.toLowerCase()));
  const colour = PALETTE.find((c) => !used.has(c)) ?? '#7f8c8d';
  return { uid: newUid(), savedKey: null, key: '', name: '', colour, definition: '' };
}

/** The labels as the API stores them. */
export const labelsOf = (draft: Draft): StanceLabel[] => draft.labels.map(({ key, name, colour, definition }) => ({ key, name, colour, definition }));

/** What the draft changes compared with `base`: only these fields are sent, so others' edits to the rest survive. */
export function changesOf(draft: Draft, base: Project) {
  const changes: Omit<UpdateProjectBody, 'baseVersion'> = {};
  if (draft.name !== base.name) changes.name = draft.name;
  if (draft.overlap !== String(base.overlap)) changes.overlap = Number(draft.overlap);
  if (draft.holdHours !== String(base.holdHours)) changes.holdHours = Number(draft.holdHours);
  const labels = labelsOf(draft);
  if (JSON.stringify(labels) !== JSON.stringify(base.stanceLabels)) changes.stanceLabels = labels;
  if (draft.codebook !== base.codebook) changes.codebook = draft.codebook;
  const backend = modelBackendOf(draft);
  if (JSON.stringify(backend) !== JSON.stringify(base.modelBackend)) changes.modelBackend = backend;
  return changes;
}

/** The same checks the server makes (the shared schema), with words for the number fields. */
export function checkDraft(draft: Draft): FieldIssue[] {
  const candidate = {
    name: draft.name,
    overlap: wholeNumber(draft.overlap),
    holdHours: wholeNumber(draft.holdHours),
    stanceLabels: labelsOf(draft),
    codebook: draft.codebook,
    modelBackend: modelBackendOf(draft),
  };
  const parsed = UpdateProjectBody.safeParse(candidate);
  if (parsed.success) return [];
  const ranges: Record<string, string> = {
    overlap: `must be a whole number from ${OVERLAP_MIN} to ${OVERLAP_MAX}`,
    holdHours: `must be a whole number of hours from ${HOLD_HOURS_MIN} to ${HOLD_HOURS_MAX} (a year)`,
    'modelBackend.timeoutSeconds': `must be a whole number of seconds from ${MODEL_BACKEND_TIMEOUT_MIN} to ${MODEL_BACKEND_TIMEOUT_MAX}`,
  };
  return parsed.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return { path, message: ranges[path] ?? issue.message };
  });
}

/** The names of the fields that differ between two versions of a project. */
export function fieldsChanged(from: Project, to: Project): string[] {
  const names: string[] = [];
  if (from.name !== to.name) names.push('name');
  if (from.overlap !== to.overlap) names.push('annotators per document');
  if (from.holdHours !== to.holdHours) names.push('hold hours');
  if (JSON.stringify(from.stanceLabels) !== JSON.stringify(to.stanceLabels)) names.push('stance labels');
  if (from.codebook !== to.codebook) names.push('codebook');
  if (JSON.stringify(from.modelBackend) !== JSON.stringify(to.modelBackend)) names.push('model backend');
  return names;
}

/** Labels whose stored key this draft renames, and stored keys it removes: claims saved with them keep the old key. */
export function keyChanges(draft: Draft, base: Project) {
  return {
    renamed: draft.labels.filter((label) => label.savedKey !== null && label.savedKey !== label.key),
    removed: base.stanceLabels.filter((label) => !draft.labels.some((d) => d.savedKey === label.key)).map((label) => label.key),
  };
}
