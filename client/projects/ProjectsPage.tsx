import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../api.ts';
import { OVERLAP_MAX, OVERLAP_MIN, PROJECT_NAME_MAX } from '../../shared/limits.ts';
import { sessionQuery } from '../session/queries.ts';
import { projectQueries } from './queries.ts';
import { useCreateProject } from './mutations.ts';

export function ProjectsPage() {
  const projects = useQuery(projectQueries.list());
  const user = useQuery(sessionQuery()).data;
  return (
    <main className="page">
      <h1>Projects</h1>
      {projects.isPending && <p aria-busy="true">Loading projects…</p>}
      {projects.isError && (
        <p role="alert" className="error">
          {errorMessage(projects.error)}
        </p>
      )}
      {projects.data?.length === 0 &&
        (user?.role === 'admin' ? (
          <p>No projects yet. Create the first one below.</p>
        ) : (
          <p>You are not a member of any project yet. Ask an admin to add you.</p>
        ))}
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
      {user?.role === 'admin' && <NewProjectForm />}
    </main>
  );
}

/** Admins: a project with a name and, optionally, its overlap; stance labels start as the defaults. */
function NewProjectForm() {
  const create = useCreateProject();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [overlap, setOverlap] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), ...(overlap === '' ? {} : { overlap: Number(overlap) }) },
      { onSuccess: (project) => navigate(`/projects/${project.id}`) },
    );
  };

  return (
    <section className="new-project" aria-labelledby="new-project-heading">
      <h2 id="new-project-heading">New project</h2>
      <form className="new-project-form" onSubmit={submit} aria-label="New project">
        <label>
          Project name
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={PROJECT_NAME_MAX} autoComplete="off" />
        </label>
        <label>
          Annotators per document <span className="muted small">(optional, default 2)</span>
          <input
            type="number"
            inputMode="numeric"
            min={OVERLAP_MIN}
            max={OVERLAP_MAX}
            step={1}
            placeholder="2"
            value={overlap}
            onChange={(e) => setOverlap(e.target.value)}
          />
        </label>
        <button type="submit" disabled={create.isPending}>
          Create project
        </button>
      </form>
      <p className="muted small">
        It starts with the stance labels condemn, support and mediate; change them, the codebook and the rest in the project's settings.
      </p>
      {create.isError && (
        <p role="alert" className="error">
          {errorMessage(create.error)}
        </p>
      )}
    </section>
  );
}
