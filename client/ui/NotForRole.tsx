import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { sessionQuery } from '../session/queries.ts';
import type { Role } from '../../shared/schemas/users.ts';

const WHO: Record<'reviewer' | 'admin', string> = {
  reviewer: 'reviewers and admins',
  admin: 'admins',
};

/** Roles in order of what they may do: a page for reviewers is also for admins. */
const RANK: Record<Role, number> = { annotator: 0, reviewer: 1, admin: 2 };

/**
 * A page someone's role does not open, said once and plainly, instead of the page's requests each
 * failing with 403 (and annotation stays blind: nothing of the page is asked for).
 */
export function NotForRole({ role, needs, projectId }: { role: Role; needs: 'reviewer' | 'admin'; projectId?: number }) {
  return (
    <main className="page not-for-role">
      <h1>Not for your role</h1>
      <p>
        This page is for {WHO[needs]}. You are signed in as {role === 'reviewer' ? 'a' : 'an'} {role}.
      </p>
      <p>
        {projectId !== undefined ? <Link to={`/projects/${projectId}`}>Back to the project</Link> : <Link to="/">Go to your projects</Link>}
        {' · '}
        Ask an admin if you need this page.
      </p>
      {needs === 'reviewer' && <p className="muted">The codebook is beside the text in every document you annotate (key c).</p>}
    </main>
  );
}

/** A route's page for `needs` and above (the signed-in role); everyone else sees the not-for-your-role page. */
export function ForRole({ needs, children }: { needs: 'reviewer' | 'admin'; children: ReactNode }) {
  const role = useQuery(sessionQuery()).data?.role;
  const projectId = useParams().projectId;
  if (role && RANK[role] < RANK[needs]) return <NotForRole role={role} needs={needs} projectId={projectId === undefined ? undefined : Number(projectId)} />;
  return children;
}
