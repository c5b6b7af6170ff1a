import type { ReactNode } from 'react';
import { z } from 'zod';
import type { FieldIssue, LabelDraft } from './settingsDraft.ts';

/** The `issues` of a validation_error answer. */
export const IssueList = z.array(z.object({ path: z.string(), message: z.string() }));

const FIELD_NAMES: Record<string, string> = {
  name: 'Project name',
  overlap: 'Annotators per document',
  holdHours: 'Hold hours',
  codebook: 'Codebook',
  stanceLabels: 'Stance labels',
  'modelBackend.url': 'Model backend URL',
  'modelBackend.timeoutSeconds': 'Model backend timeout',
};

const FIELD_ORDER = ['name', 'overlap', 'holdHours', 'stanceLabels', 'codebook', 'modelBackend'];
/** Issues in the order their fields appear on the page, so the first one is the one to fix first. */
export const inPageOrder = (issues: FieldIssue[]) =>
  [...issues].sort((a, b) => {
    const rank = (issue: FieldIssue) => {
      const [field = '', index = '0'] = issue.path.split('.');
      const at = FIELD_ORDER.indexOf(field);
      return (at < 0 ? FIELD_ORDER.length : at) * 100 + (field === 'stanceLabels' ? Number(index) || 0 : 0);
    };
    return rank(a) - rank(b);
  });

/** A stance label's own fields, as its row names them (its `name` is not the project's). */
const LABEL_FIELD_NAMES: Record<string, string> = { key: 'key', name: 'name', colour: 'colour', definition: 'definition' };

/** "stanceLabels.1.key" → "Stance label 2 (Support): key", in the words the form uses. */
export function describePath(path: string, labels: readonly LabelDraft[]): string {
  const match = /^stanceLabels\.(\d+)(?:\.(\w+))?/.exec(path);
  if (match) {
    const index = Number(match[1]);
    const label = labels[index];
    const which = `Stance label ${index + 1}${label?.name.trim() ? ` (${label.name.trim()})` : ''}`;
    return match[2] ? `${which}: ${LABEL_FIELD_NAMES[match[2]] ?? match[2]}` : which;
  }
  return FIELD_NAMES[path] ?? path;
}

/** The id of a label's control: `field` is key, name, colour, definition, up or down. */
export const labelFieldId = (formId: string, label: LabelDraft, field: string) => `${formId}-${label.uid}-${field}`;

/** The id of the control a path names, so an error can point at (and focus) its field. */
export function fieldId(formId: string, path: string, labels: readonly LabelDraft[]): string | undefined {
  const match = /^stanceLabels\.(\d+)\.(\w+)/.exec(path);
  if (match) {
    const label = labels[Number(match[1])];
    return label ? labelFieldId(formId, label, match[2]!) : undefined;
  }
  if (path === 'modelBackend.url' || path === 'modelBackend.timeoutSeconds') return `${formId}-${path.replace('.', '-')}`;
  return ['name', 'overlap', 'holdHours', 'codebook'].includes(path) ? `${formId}-${path}` : undefined;
}

/** How the form's controls show their issues: ARIA attributes and the message beside the field, by path. */
export interface FieldIssues {
  /** `aria-invalid` and `aria-describedby` (the field's hints first, then its error) for the control of `path`. */
  aria: (path: string, ...hints: string[]) => { 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };
  /** The error message of `path`, or nothing. */
  message: (path: string) => ReactNode;
}

export function fieldIssues(formId: string, issues: readonly FieldIssue[]): FieldIssues {
  const issueFor = (path: string) => issues.find((issue) => issue.path === path);
  const errorId = (path: string) => `${formId}-${path}-error`;
  return {
    aria: (path, ...hints) => {
      const invalid = issueFor(path) !== undefined;
      return {
        'aria-invalid': invalid ? true : undefined,
        'aria-describedby': [...hints, ...(invalid ? [errorId(path)] : [])].join(' ') || undefined,
      };
    },
    message: (path) => {
      const issue = issueFor(path);
      return issue ? (
        <span id={errorId(path)} className="field-error">
          {issue.message}
        </span>
      ) : null;
    },
  };
}
