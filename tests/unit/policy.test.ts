import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/http/errors.ts';
import { allows, assertAllowed, auditUserId, canSeeOthersLabels, isSystem, labelsVisibleTo, may, system, worksInEveryProject } from '../../server/policy.ts';
import type { Role, User } from '../../shared/schemas/users.ts';

const user = (role: Role, id = 7): User => ({ id, username: `${role}${id}`, role, disabled: false });
const thrown = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? { code: error.code, message: error.message } : error;
  }
  return undefined;
};

describe('policy', () => {
  it('lets the system do everything and records it as no user', () => {
    const cli = system('cli');
    expect(isSystem(cli)).toBe(true);
    expect(isSystem(user('admin'))).toBe(false);
    expect(auditUserId(cli)).toBeNull();
    expect(auditUserId(user('annotator', 3))).toBe(3);
    for (const permission of Object.values(may)) expect(allows(cli, permission)).toBe(true);
    expect(worksInEveryProject(cli)).toBe(true);
    expect(canSeeOthersLabels(cli)).toBe(true);
  });

  it('gives each role what its role set names', () => {
    expect(allows(user('admin'), may.manageMembers)).toBe(true);
    expect(allows(user('reviewer'), may.manageMembers)).toBe(false);
    expect(allows(user('reviewer'), may.adjudicate)).toBe(true);
    expect(allows(user('annotator'), may.adjudicate)).toBe(false);
    expect(worksInEveryProject(user('admin'))).toBe(true);
    expect(worksInEveryProject(user('reviewer'))).toBe(false);
    expect(canSeeOthersLabels(user('reviewer'))).toBe(true);
    expect(canSeeOthersLabels(user('annotator'))).toBe(false);
  });

  it('words a refusal with the roles and the action', () => {
    expect(thrown(() => assertAllowed(user('annotator'), may.exportDatasets))).toEqual({
      code: 'forbidden',
      message: 'Only admin or reviewer accounts may export datasets.',
    });
    expect(thrown(() => assertAllowed(user('reviewer'), may.createUsers))).toEqual({
      code: 'forbidden',
      message: 'Only admin accounts may create users.',
    });
    expect(thrown(() => assertAllowed(user('admin'), may.createUsers))).toBeUndefined();
  });

  it('shows annotators only their own labels', () => {
    const annotator = user('annotator', 5);
    expect(labelsVisibleTo(annotator, 'me')).toBe(5);
    expect(labelsVisibleTo(annotator, 5)).toBe(5);
    expect(labelsVisibleTo(annotator, undefined)).toBe(5);
    expect(thrown(() => labelsVisibleTo(annotator, 6))).toEqual({
      code: 'forbidden',
      message: 'Annotators see only their own labels (annotation is blind).',
    });
    const reviewer = user('reviewer', 9);
    expect(labelsVisibleTo(reviewer, undefined)).toBeNull();
    expect(labelsVisibleTo(reviewer, 6)).toBe(6);
    expect(labelsVisibleTo(reviewer, 'me')).toBe(9);
  });
});
