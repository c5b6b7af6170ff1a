// The model backend protocol in words, for the OpenAPI document (POST /documents/:documentId/predict);
// the shapes themselves are shared/schemas/modelBackend.ts, served beside it as the operation's callback.
export const MODEL_BACKEND_DESCRIPTION = [
  "Parley POSTs JSON to the project's modelBackend.url (set by an admin with PATCH /projects/:projectId, http or https) and waits up to modelBackend.timeoutSeconds. ",
  'The backend receives {protocol: "parley-model-backend/1", project: {id, name}, document: {id, title, language, textSha256}, ',
  'sentences: [{id: export record id, index, paragraph, start, end (code points of the document text, as in the export), text, boilerplate}], ',
  'actors: [{id, name, kind, code, aliases, parentId, status}], stanceLabels: [{key, name, definition}]} and never anyone’s labels (annotation stays blind). ',
  'It must answer 2xx with {model: "name/version", records: [{id: record id of this document, claims: [{speaker, stance, target, cue?, negated?, hypothetical?, score?}]}]}, ',
  'a side being {actorId}, {actor: name, alias or code} or {span: {start, end}} in code points: the body of a predictions import. ',
  "The claims are checked and stored as that model's predictions exactly as POST /projects/:projectId/predictions stores them, replacing the model's earlier predictions for this document only, ",
  'and GET /documents/:documentId/suggestions serves them with source model. A backend that does not answer in time gives 504 (gateway_timeout); ',
  'one that cannot be reached, answers non-2xx, something not JSON, JSON not of this shape, or names an unknown actor, stance or record gives 502 (bad_gateway), ',
  'its message saying what the backend did; nothing is stored then. 409 when the project has no model backend. Redirects are not followed.',
].join('');
