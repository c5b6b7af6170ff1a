// The CLI's predict: asks the project's model backend for every document of a project (or one), one
// document at a time, through predictDocument (the same call as "Get suggestions"), and reports each.
import type { Db } from '../db/connection.ts';
import { sql } from '../db/statements.ts';
import { AppError } from '../http/errors.ts';
import { system } from '../policy.ts';
import { predictDocument } from './modelBackend.ts';

export interface PredictSummary {
  documents: number;
  failed: number;
  claims: number;
  models: string[];
}

/** The project's documents in import order, or the one named (undefined when it is not the project's). */
export function documentsToPredict(db: Db, projectId: number, only?: number): { id: number; title: string }[] | undefined {
  const documents = sql<[number], { id: number; title: string }>(db, 'SELECT id, title FROM documents WHERE project_id = ? ORDER BY id').all(projectId);
  if (only === undefined) return documents;
  const found = documents.filter((doc) => doc.id === only);
  return found.length === 1 ? found : undefined;
}

/**
 * Predicts each document in turn and prints one line per document as it finishes ("[3/12] …"):
 * what was stored, or what the backend did wrong. A failure stops nothing: the next document goes on.
 */
export async function predictDocuments(db: Db, documents: readonly { id: number; title: string }[], print: (line: string) => void): Promise<PredictSummary> {
  const summary: PredictSummary = { documents: documents.length, failed: 0, claims: 0, models: [] };
  let n = 0;
  for (const doc of documents) {
    const at = `[${++n}/${documents.length}] document ${doc.id} ${JSON.stringify(doc.title)}`;
    try {
      const result = await predictDocument(db, system('cli'), doc.id);
      summary.claims += result.claims;
      if (!summary.models.includes(result.model)) summary.models.push(result.model);
      print(
        `${at}: ${result.claims} claim(s) of ${result.model} in ${result.records} sentence(s), replacing ${result.replaced} (${(result.elapsedMs / 1000).toFixed(1)} s)`,
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      summary.failed++;
      print(`${at}: ✗ ${error.message}`);
    }
  }
  return summary;
}
