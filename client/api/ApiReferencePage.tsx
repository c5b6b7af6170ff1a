import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../api.ts';
import { HttpMethod, type ApiOperation } from '../../shared/schemas/openapi.ts';
import { apiReferenceQueries } from './queries.ts';
import { schemaText } from './schemaText.ts';

/** The API reference for signed-in users: every route the server declares, read from its OpenAPI document. */
export function ApiReferencePage() {
  const reference = useQuery(apiReferenceQueries.document());

  if (reference.isPending)
    return (
      <main className="page" aria-busy="true">
        Loading the API reference…
      </main>
    );
  if (reference.isError) {
    return (
      <main className="page">
        <h1>API reference</h1>
        <p role="alert" className="error">
          {errorMessage(reference.error)}
        </p>
      </main>
    );
  }
  const operations = Object.entries(reference.data.paths).flatMap(([path, item]) =>
    Object.entries(item).flatMap(([key, operation]) => {
      const method = HttpMethod.safeParse(key);
      return method.success && operation ? [{ path, method: method.data, operation }] : [];
    }),
  );
  // Every route refuses with the same error shape: shown once here rather than under each route.
  const errorShape = operations[0]?.operation.responses['4XX']?.content?.['application/json']?.schema;
  return (
    <main className="page api-reference">
      <h1>API reference</h1>
      <p>{reference.data.info.description}</p>
      <p className="muted">
        Parley {reference.data.info.version}: {operations.length} routes, generated from the server&rsquo;s route table and its schemas. The machine-readable
        document (OpenAPI 3.1) is at <a href="/api/openapi.json">/api/openapi.json</a>.
      </p>
      {errorShape && (
        <>
          <h2>Errors</h2>
          <p>
            Every route answers a refusal (4XX) or a failure (5XX) with this body; the client branches on <code>code</code>.
          </p>
          <pre className="api-schema" aria-label="Error body" tabIndex={0}>
            {schemaText(errorShape)}
          </pre>
        </>
      )}
      <h2>Routes</h2>
      <nav aria-label="Routes">
        <ul className="api-index">
          {operations.map(({ path, method, operation }) => (
            <li key={operation.operationId}>
              <a href={`#${operation.operationId}`}>
                <code>
                  {method.toUpperCase()} {path}
                </code>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {operations.map(({ path, method, operation }) => (
        <Operation key={operation.operationId} path={path} method={method} operation={operation} />
      ))}
    </main>
  );
}

function Operation({ path, method, operation }: { path: string; method: HttpMethod; operation: ApiOperation }) {
  const headingId = `${operation.operationId}-heading`;
  return (
    <section className="api-operation" id={operation.operationId} aria-labelledby={headingId}>
      <h2 id={headingId}>
        <code>
          <span className={`api-method api-${method}`}>{method.toUpperCase()}</span> {path}
        </code>
      </h2>
      <p>{operation.summary}</p>
      {operation.description && <p>{operation.description}</p>}
      <p>
        <strong>Who may call it:</strong> {operation['x-access']}
        {operation.security.length === 0 ? ' (no session needed)' : ''}
      </p>
      {operation.parameters.length > 0 && (
        <table className="figures api-parameters">
          <caption>Parameters</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">In</th>
              <th scope="col">Required</th>
              <th scope="col">Type</th>
            </tr>
          </thead>
          <tbody>
            {operation.parameters.map((parameter) => (
              <tr key={`${parameter.in}:${parameter.name}`}>
                <th scope="row">
                  <code>{parameter.name}</code>
                </th>
                <td>{parameter.in}</td>
                <td>{parameter.required ? 'yes' : 'no'}</td>
                <td>
                  <code>{schemaText(parameter.schema)}</code>
                  {parameter.description && <div className="muted small">{parameter.description}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {operation.requestBody && (
        <>
          <h3>Body</h3>
          {Object.entries(operation.requestBody.content).map(([type, media]) => (
            <pre key={type} className="api-schema" aria-label={`Body (${type})`} tabIndex={0}>
              {schemaText(media.schema)}
            </pre>
          ))}
        </>
      )}
      <h3>Responses</h3>
      <dl className="api-responses">
        {Object.entries(operation.responses).map(([status, response]) => (
          <div key={status}>
            <dt>
              <strong>{status}</strong> {response.description}
            </dt>
            {/^[45]/.test(status) ? (
              <dd className="muted small">The error body above.</dd>
            ) : (
              Object.entries(response.content ?? {}).map(([type, media]) => (
                <dd key={type}>
                  <span className="muted small">{type}</span>
                  <pre className="api-schema" aria-label={`${status} response (${type})`} tabIndex={0}>
                    {schemaText(media.schema)}
                  </pre>
                </dd>
              ))
            )}
          </div>
        ))}
      </dl>
    </section>
  );
}
