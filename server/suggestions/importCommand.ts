// The CLI's import-predictions: a JSONL file of prediction records ({id, claims}, one per line), read
// line by line, then imported as one POST /predictions would be: all lines or none. Problems are
// reported with their line number.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Db } from '../db/connection.ts';
import { AppError } from '../http/errors.ts';
import { system } from '../policy.ts';
import { OriginModel } from '../../shared/schemas/annotations.ts';
import { PredictionRecord, type ImportPredictionsResult } from '../../shared/schemas/predictions.ts';
import { importPredictions } from './predictions.ts';

export interface PredictionsFileSummary {
  result: ImportPredictionsResult | null;
  errors: { line: number; message: string }[];
}

export async function importPredictionsFile(db: Db, projectId: number, model: string, file: string): Promise<PredictionsFileSummary> {
  const errors: PredictionsFileSummary['errors'] = [];
  if (!OriginModel.safeParse(model).success)
    return { result: null, errors: [{ line: 0, message: `--model "${model}" must be 1–100 letters, digits or . _ / : @ + -` }] };
  const records: PredictionRecord[] = [];
  const lines: number[] = [];
  let n = 0;
  for await (const raw of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    n++;
    if (!raw.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      errors.push({ line: n, message: 'not JSON' });
      continue;
    }
    const parsed = PredictionRecord.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      errors.push({ line: n, message: `${issue?.path.join('.') || '(record)'}: ${issue?.message ?? 'invalid'}` });
      continue;
    }
    records.push(parsed.data);
    lines.push(n);
  }
  if (records.length === 0 && errors.length === 0) errors.push({ line: 0, message: 'the file holds no record' });
  if (errors.length > 0) return { result: null, errors };
  try {
    return { result: importPredictions(db, system('cli'), projectId, { model, records }), errors };
  } catch (error) {
    if (!(error instanceof AppError) || !error.details.issues) throw error;
    // "records.N.…" is line lines[N] of the file.
    for (const issue of error.details.issues) {
      const match = /^records\.(\d+)\.?(.*)$/.exec(issue.path);
      errors.push({ line: match ? lines[Number(match[1])]! : 0, message: `${match?.[2] || issue.path}: ${issue.message}` });
    }
    return { result: null, errors };
  }
}
