import type { Db } from '../db/connection.ts';
import { may, projectFor } from '../policy.ts';
import { listAnnotatorsOfProject, listClaimFrames, listDocumentTitles, listLabels } from '../review/repo.ts';
import type { AgreementReport } from '../../shared/schemas/review.ts';
import type { User } from '../../shared/schemas/users.ts';
import { readTransaction } from '../db/transaction.ts';
import { teamReport } from './team.ts';
import { listAnnotationTimes } from './teamRepo.ts';
import { comparePair, GOLD, groupLabels, memoizedMasi, sentenceUnits, stanceConfusion, summarise, type SentenceUnits } from './compute.ts';

/** The agreement report of a project (DESIGN §6): per project, per annotator pair, against gold, per document. */
export function getAgreement(db: Db, user: User, projectId: number): AgreementReport {
  const project = projectFor(db, user, projectId, may.seeAgreement);
  // Every read in one snapshot, so a label saved meanwhile is in all figures or in none; the computing happens after.
  const { annotators, grouped, titles, times } = readTransaction(db, () => ({
    annotators: listAnnotatorsOfProject(db, projectId),
    grouped: groupLabels(listLabels(db, projectId), listClaimFrames(db, projectId)),
    titles: listDocumentTitles(db, projectId),
    times: listAnnotationTimes(db, projectId),
  }));
  const ids = annotators.map((a) => a.id);
  // Only sentences with an annotator's label count; a gold label alone is not agreement data.
  const sentences = [...grouped.values()].filter((sentence) => sentence.labels.size > (sentence.labels.has(GOLD) ? 1 : 0));

  const masi = memoizedMasi();
  // Each sentence's units are computed once and summarised twice: for the project and for its document.
  const units = sentences.map((sentence) => sentenceUnits(sentence, ids));
  const byDocument = new Map<number, SentenceUnits[]>();
  sentences.forEach((sentence, i) => {
    let list = byDocument.get(sentence.documentId);
    if (!list) byDocument.set(sentence.documentId, (list = []));
    list.push(units[i]!);
  });

  const pairs: AgreementReport['pairs'] = [];
  for (let i = 0; i < annotators.length; i++) {
    for (let j = i + 1; j < annotators.length; j++) {
      pairs.push({ a: annotators[i]!, b: annotators[j]!, ...comparePair(sentences, ids[i]!, ids[j]!) });
    }
  }

  return {
    project: { ...summarise(units, masi), sentences: sentences.length, annotators: annotators.length },
    pairs,
    vsGold: annotators.map((annotator) => ({ annotator, ...comparePair(sentences, annotator.id, GOLD) })),
    confusion: stanceConfusion(
      sentences,
      ids,
      project.stanceLabels.map((label) => label.key),
    ),
    documents: titles
      .filter((doc) => byDocument.has(doc.id))
      .map((doc) => {
        const docUnits = byDocument.get(doc.id)!;
        return { documentId: doc.id, title: doc.title, sentences: docUnits.length, ...summarise(docUnits, masi) };
      }),
    team: teamReport(annotators, times, grouped),
  };
}
