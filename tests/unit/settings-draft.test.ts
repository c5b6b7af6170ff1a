// The settings form's pure logic: what a draft changes (all a save over someone else's version sends),
// the client's checks with the shared schema, and how issues are ordered and named.
import { describe, expect, it } from 'vitest';
import { changesOf, checkDraft, draftOf, fieldsChanged, keyChanges, newLabel } from '../../client/projects/settingsDraft.ts';
import { describePath, fieldId, inPageOrder } from '../../client/projects/settingsIssues.tsx';
import { DEFAULT_STANCE_LABELS, type Project } from '../../shared/schemas/projects.ts';

const project: Project = {
  id: 1,
  name: 'Sahel mediation',
  stanceLabels: DEFAULT_STANCE_LABELS,
  overlap: 2,
  holdHours: 48,
  codebook: 'First draft.',
  codebookVersion: 1,
  modelBackend: null,
  version: 3,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('settings draft', () => {
  it('changes nothing until a field is edited, then only that field', () => {
    const draft = draftOf(project);
    expect(changesOf(draft, project)).toEqual({});
    expect(changesOf({ ...draft, overlap: '5' }, project)).toEqual({ overlap: 5 });
  });

  it('sends the whole label list when one label is reordered or renamed', () => {
    const draft = draftOf(project);
    const [first, second, third] = draft.labels;
    const reordered = { ...draft, labels: [second!, first!, third!] };
    expect(changesOf(reordered, project).stanceLabels?.map((label) => label.key)).toEqual(['support', 'condemn', 'mediate']);
    const renamed = { ...draft, labels: [{ ...first!, key: 'denounce' }, second!] };
    expect(keyChanges(renamed, project)).toMatchObject({ renamed: [{ savedKey: 'condemn', key: 'denounce' }], removed: ['mediate'] });
  });

  it('sets the model backend from its URL and timeout, clears it with an empty URL, and checks it', () => {
    const draft = draftOf(project);
    expect(draft).toMatchObject({ modelBackendUrl: '', modelBackendTimeout: '30' });
    const set = { ...draft, modelBackendUrl: ' http://localhost:9090/ ', modelBackendTimeout: '5' };
    expect(changesOf(set, project)).toEqual({ modelBackend: { url: 'http://localhost:9090/', timeoutSeconds: 5 } });
    const withBackend = { ...project, modelBackend: { url: 'http://localhost:9090/', timeoutSeconds: 5 } };
    expect(changesOf(draftOf(withBackend), withBackend)).toEqual({});
    expect(changesOf({ ...draftOf(withBackend), modelBackendUrl: '' }, withBackend)).toEqual({ modelBackend: null });
    const issues = checkDraft({ ...draft, modelBackendUrl: 'ftp://x.org/', modelBackendTimeout: '0' });
    expect(inPageOrder(issues).map((issue) => [issue.path, issue.message])).toEqual([
      ['modelBackend.url', 'must start with http:// or https://'],
      ['modelBackend.timeoutSeconds', 'must be a whole number of seconds from 1 to 600'],
    ]);
    expect(fieldId('f', 'modelBackend.url', draft.labels)).toBe('f-modelBackend-url');
    expect(fieldsChanged(project, withBackend)).toEqual(['model backend']);
  });

  it('gives a new label the first palette colour no label uses', () => {
    expect(newLabel(draftOf(project).labels)).toMatchObject({ key: '', savedKey: null, colour: '#8e44ad' });
  });

  it('checks with the shared schema, in words for the number fields', () => {
    const draft = draftOf(project);
    expect(checkDraft(draft)).toEqual([]);
    const issues = checkDraft({ ...draft, holdHours: '1.5', labels: [...draft.labels, { ...newLabel(draft.labels), key: 'Bad', name: 'Criticise' }] });
    expect(inPageOrder(issues).map((issue) => issue.path)).toEqual(['holdHours', 'stanceLabels.3.key']);
    expect(issues.find((issue) => issue.path === 'holdHours')?.message).toBe('must be a whole number of hours from 1 to 8760 (a year)');
  });

  it('names and points at the field of an issue', () => {
    const draft = draftOf(project);
    expect(describePath('stanceLabels.1.key', draft.labels)).toBe('Stance label 2 (Support): key');
    expect(describePath('overlap', draft.labels)).toBe('Annotators per document');
    // A label's name is its own field, not the project's name; an empty one says so in words.
    expect(describePath('stanceLabels.0.name', draft.labels)).toBe('Stance label 1 (Condemn): name');
    const empty = checkDraft({ ...draft, labels: draft.labels.map((label, i) => (i === 0 ? { ...label, name: '' } : label)) });
    expect(empty.map((issue) => [issue.path, issue.message])).toEqual([['stanceLabels.0.name', 'must not be empty']]);
    expect(fieldId('f', 'stanceLabels.1.key', draft.labels)).toBe(`f-${draft.labels[1]!.uid}-key`);
    expect(fieldId('f', 'stanceLabels', draft.labels)).toBeUndefined();
  });

  it('names what another admin changed', () => {
    expect(fieldsChanged(project, { ...project, name: 'Renamed', codebook: 'Theirs.' })).toEqual(['name', 'codebook']);
  });
});
