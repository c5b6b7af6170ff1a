import { MODEL_BACKEND_TIMEOUT_MAX, MODEL_BACKEND_TIMEOUT_MIN, MODEL_BACKEND_URL_MAX } from '../../shared/schemas/modelBackend.ts';
import type { Draft } from './settingsDraft.ts';
import type { FieldIssues } from './settingsIssues.tsx';

interface Props {
  formId: string;
  draft: Draft;
  edit: (change: Partial<Draft>) => void;
  fields: FieldIssues;
}

/**
 * The project's model backend (issue 16, item 5): where "Get suggestions" sends a document. Saved
 * with the rest of the form; an empty URL removes it.
 */
export function ModelBackendSection({ formId, draft, edit, fields }: Props) {
  const id = (field: string) => `${formId}-modelBackend-${field}`;
  return (
    <section aria-labelledby={id('heading')}>
      <h2 id={id('heading')}>Model backend</h2>
      <p className="muted small">
        A service of yours that proposes claims. “Get suggestions” in the workspace sends it the document’s sentences, the actor registry and the stance labels
        — never anyone’s labels — and shows the claims it answers as suggestions of its model. The project’s members can read this URL: put no secret in it.
      </p>
      <div className="settings-fields">
        <label htmlFor={id('url')}>Model backend URL</label>
        <div>
          <input
            id={id('url')}
            type="url"
            inputMode="url"
            value={draft.modelBackendUrl}
            onChange={(e) => edit({ modelBackendUrl: e.target.value })}
            maxLength={MODEL_BACKEND_URL_MAX}
            placeholder="http://localhost:9090/"
            autoComplete="off"
            spellCheck={false}
            {...fields.aria('modelBackend.url', id('url-hint'))}
          />
          <span id={id('url-hint')} className="muted small">
            http:// or https://. Empty: no backend (saving removes it). An example backend is in docs/examples/model-backend.
          </span>
          {fields.message('modelBackend.url')}
        </div>
        <label htmlFor={id('timeoutSeconds')}>Timeout (seconds)</label>
        <div>
          <input
            id={id('timeoutSeconds')}
            type="number"
            inputMode="numeric"
            min={MODEL_BACKEND_TIMEOUT_MIN}
            max={MODEL_BACKEND_TIMEOUT_MAX}
            step={1}
            value={draft.modelBackendTimeout}
            disabled={!draft.modelBackendUrl.trim()}
            onChange={(e) => edit({ modelBackendTimeout: e.target.value })}
            {...fields.aria('modelBackend.timeoutSeconds', id('timeout-hint'))}
          />
          <span id={id('timeout-hint')} className="muted small">
            How long to wait for its answer to one document before telling the user it did not answer.
          </span>
          {fields.message('modelBackend.timeoutSeconds')}
        </div>
      </div>
    </section>
  );
}
