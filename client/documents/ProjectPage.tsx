import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage } from '../api.ts';
import { projectQueries } from '../projects/queries.ts';
import { sessionQuery } from '../session/queries.ts';
import { ImportPanel } from './ImportPanel.tsx';
import { QueuePanel } from '../assignments/QueuePanel.tsx';
import { AssignmentsPanel } from '../assignments/AssignmentsPanel.tsx';
import { DocumentTable } from './DocumentTable.tsx';

/**
 * A project's documents with their language and progress: mine and, for reviewers and admins, overall (enough
 * annotators) and adjudicated (gold). The server sends annotators neither (annotation is blind).
 */
export function ProjectPage() {
  const projectId = Number(useParams().projectId);
  const project = useQuery(projectQueries.detail(projectId));
  const user = useQuery(sessionQuery()).data;
  const error = project.error;
  const seesOthers = !!user && user.role !== 'annotator';

  // An unknown project, or one the user is not a member of (the server says "not found" for both):
  // one notice, not the page's panels each repeating it.
  if (error) {
    const missing = error instanceof ApiError && (error.status === 404 || error.status === 403);
    return (
      <main className="page">
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
        {!missing && (
          <p>
            <button type="button" onClick={() => void project.refetch()}>
              Try again
            </button>
          </p>
        )}
        <Link to="/">Back to your projects</Link>
      </main>
    );
  }
  // The panels wait for the project: each would otherwise ask for a project that may not exist and
  // show its own "not found" before the page's one notice replaces them (one request, a few ms).
  if (project.isPending) {
    return (
      <main className="page wide">
        <p role="status">Loading the project…</p>
      </main>
    );
  }

  return (
    <main className="page wide">
      <p>
        <Link to="/">Projects</Link>
      </p>
      <h1>{project.data?.name ?? 'Project'}</h1>
      <p className="project-links">
        <Link to={`/projects/${projectId}/actors`}>Actors</Link>
        {user && user.role !== 'annotator' && <Link to={`/projects/${projectId}/review`}>Review</Link>}
        {user && user.role !== 'annotator' && <Link to={`/projects/${projectId}/agreement`}>Agreement</Link>}
        {user && user.role !== 'annotator' && <Link to={`/projects/${projectId}/export`}>Export</Link>}
        {user?.role === 'admin' && <Link to={`/projects/${projectId}/settings`}>Settings</Link>}
      </p>
      <QueuePanel projectId={projectId} />
      <DocumentTable projectId={projectId} seesOthers={seesOthers} />
      {user && user.role !== 'annotator' && <AssignmentsPanel projectId={projectId} canEdit={user.role === 'admin'} />}
      {user?.role === 'admin' && <ImportPanel projectId={projectId} />}
    </main>
  );
}
