import { useQuery } from '@tanstack/react-query';
import { Link, Outlet, Route, Routes, useParams } from 'react-router';
import { errorMessage } from '../api.ts';
import { sessionQuery } from '../session/queries.ts';
import { useSignOut } from '../session/mutations.ts';
import { SignInPage } from '../session/SignInPage.tsx';
import { ProjectsPage } from '../projects/ProjectsPage.tsx';
import { ProjectPage } from '../documents/ProjectPage.tsx';
import { WorkspacePage } from '../annotations/WorkspacePage.tsx';
import { ActorsPage } from '../actors/ActorsPage.tsx';
import { UsersPage } from '../admin/UsersPage.tsx';
import { ReviewPage } from '../review/ReviewPage.tsx';
import { AgreementPage } from '../agreement/AgreementPage.tsx';
import { ExportPage } from '../export/ExportPage.tsx';
import { SettingsPage } from '../projects/SettingsPage.tsx';
import { ApiReferencePage } from '../api/ApiReferencePage.tsx';
import { ForRole } from '../ui/NotForRole.tsx';

export function App() {
  const session = useQuery(sessionQuery());
  const signOut = useSignOut();

  if (session.isPending)
    return (
      <main className="page" aria-busy="true">
        Loading…
      </main>
    );
  if (session.isError) {
    return (
      <main className="page">
        <p role="alert" className="error">
          {errorMessage(session.error)}
        </p>
      </main>
    );
  }
  // Deep links survive sign-in: the form is shown in place, and the same URL renders after.
  if (!session.data) return <SignInPage />;

  return (
    <>
      <nav className="topbar" aria-label="Main">
        <Link to="/" className="brand">
          Parley
        </Link>
        {session.data.role === 'admin' && <Link to="/admin/users">Users</Link>}
        <Link to="/api-reference">API</Link>
        <span className="spacer" />
        <span className="muted">
          {session.data.username} ({session.data.role})
        </span>
        <button type="button" onClick={() => signOut.mutate()}>
          Sign out
        </button>
      </nav>
      <Routes>
        <Route element={<WithIds />}>
          <Route path="/" element={<ProjectsPage />} />
          <Route path="/projects/:projectId" element={<ProjectPage />} />
          <Route path="/projects/:projectId/documents/:documentId" element={<WorkspacePage />} />
          <Route path="/projects/:projectId/actors" element={<ActorsPage />} />
          <Route
            path="/projects/:projectId/review"
            element={
              <ForRole needs="reviewer">
                <ReviewPage />
              </ForRole>
            }
          />
          <Route
            path="/projects/:projectId/agreement"
            element={
              <ForRole needs="reviewer">
                <AgreementPage />
              </ForRole>
            }
          />
          <Route
            path="/projects/:projectId/export"
            element={
              <ForRole needs="reviewer">
                <ExportPage />
              </ForRole>
            }
          />
          {/* Reviewers read the settings (labels, codebook); annotators read the codebook beside the text. */}
          <Route
            path="/projects/:projectId/settings"
            element={
              <ForRole needs="reviewer">
                <SettingsPage />
              </ForRole>
            }
          />
          <Route
            path="/admin/users"
            element={
              <ForRole needs="admin">
                <UsersPage />
              </ForRole>
            }
          />
          <Route path="/api-reference" element={<ApiReferencePage />} />
        </Route>
        <Route path="*" element={<NotFound />} />
      </Routes>
    </>
  );
}

/** A page whose path ids (`/projects/abc`) are not ids is not found: it would ask the server for `NaN`. */
function WithIds() {
  const params = useParams();
  const valid = Object.entries(params).every(([name, value]) => !name.endsWith('Id') || /^[1-9][0-9]{0,15}$/.test(value ?? ''));
  return valid ? <Outlet /> : <NotFound />;
}

function NotFound() {
  return (
    <main className="page">
      <h1>Page not found</h1>
      <Link to="/">Go to your projects</Link>
    </main>
  );
}
