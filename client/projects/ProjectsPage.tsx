import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { errorMessage } from '../api.ts';
import { projectQueries } from './queries.ts';

export function ProjectsPage() {
  const projects = useQuery(projectQueries.list());
  return (
    <main className="page">
      <h1>Projects</h1>
      {projects.isPending && <p aria-busy="true">Loading projects…</p>}
      {projects.isError && (
        <p role="alert" className="error">
          {errorMessage(projects.error)}
        </p>
      )}
      {projects.data?.length === 0 && <p>You are not a member of any project yet. Ask an admin to add you.</p>}
      <ul className="cards">
        {projects.data?.map((project) => (
          <li key={project.id} className="card">
            <Link to={`/projects/${project.id}`}>{project.name}</Link>
            <p className="muted small">
              Stances: {project.stanceLabels.map((label) => label.name).join(', ')} · {project.overlap} annotators per document
            </p>
          </li>
        ))}
      </ul>
    </main>
  );
}
