// Each suggestion source judged like an annotator (issue 16, item 7), for the Agreement page:
// quality against gold (shared/suggestionScore.ts, the suggestion bench's rule) over the documents
// with gold it suggested for, and what annotators did with its suggestions. The built-in rules are
// judged as annotators are shown them, so on each document with what they learned from the gold of
// the *other* documents (never its own). Reviewers and admins only, like the rest of agreement.
import type { Db } from '../db/connection.ts';
import { may, projectFor, type Principal } from '../policy.ts';
import { listActors } from '../actors/repo.ts';
import { findDocument } from '../documents/repo.ts';
import { readTransaction } from '../db/transaction.ts';
import { builtInSuggestions, RULES_SOURCE } from '../suggestions/service.ts';
import { predictionSuggestions } from '../suggestions/predictions.ts';
import { goldFingerprints } from '../suggestions/learningRepo.ts';
import { RULES_MODEL } from '../suggestions/rules.ts';
import { countAsState, emptyTally, precisionRecallF1, tallySentence, type ScoredClaim, type Tally } from '../../shared/suggestionScore.ts';
import type { Claim, ClaimInput } from '../../shared/schemas/annotations.ts';
import type { Suggestion } from '../../shared/schemas/suggestions.ts';
import type { SourceFigures, SourceQualityReport } from '../../shared/schemas/sourceQuality.ts';
import { goldClaimsOfDocument, labelledDocumentIds, labelsOfDocument, type SavedLabel } from './sourcesRepo.ts';

interface SourceTally {
  source: string;
  model: string | null;
  documents: number;
  quality: Tally;
  unchanged: number;
  edited: number;
  ignored: number;
  labels: number;
}

const asScored = (claim: Pick<ClaimInput, 'speaker' | 'stance' | 'target'>): ScoredClaim => ({
  speaker: { actorId: claim.speaker.actorId ?? null, span: claim.speaker.span ?? null },
  stance: claim.stance,
  target: { actorId: claim.target.actorId ?? null, span: claim.target.span ?? null },
});

const sameSpan = (a: { start: number; end: number } | null, b: { start: number; end: number } | null | undefined) =>
  b == null || (a !== null && a.start === b.start && a.end === b.end);

/**
 * A saved claim is its suggestion unchanged when it says what the suggestion said: the same
 * actors, stance and flags, and the same spans and cue where the suggestion gave them (a side the
 * suggestion named only by its span may have been linked to its actor on saving: still unchanged).
 */
export function savedUnchanged(saved: Claim, suggested: ClaimInput): boolean {
  const side = (a: Claim['speaker'], b: ClaimInput['speaker']) => (b.actorId == null || a.actorId === b.actorId) && sameSpan(a.span, b.span);
  return (
    saved.stance === suggested.stance &&
    side(saved.speaker, suggested.speaker) &&
    side(saved.target, suggested.target) &&
    sameSpan(saved.cue, suggested.cue) &&
    saved.negated === !!suggested.negated &&
    saved.hypothetical === !!suggested.hypothetical
  );
}

/**
 * What one annotator's label did with one source's suggestions on its sentence: each saved claim
 * from the source is unchanged (it equals one of the suggestions, each used once) or edited; the
 * suggestions left over, beyond those the edited claims came from, were ignored.
 */
export function useOfLabel(label: SavedLabel, source: string, model: string | null, suggested: readonly Suggestion[]) {
  const left = [...suggested];
  let unchanged = 0;
  let edited = 0;
  for (const claim of label.claims) {
    if (claim.origin !== `suggestion:${source}` || (claim.originModel !== null && claim.originModel !== model)) continue;
    const i = left.findIndex((s) => savedUnchanged(claim, s.claim));
    if (i >= 0) {
      unchanged++;
      left.splice(i, 1);
    } else edited++;
  }
  return { unchanged, edited, ignored: Math.max(0, left.length - edited) };
}

const groupKey = (s: { source: string; model?: string | null }) => `${s.source}\u0000${s.model ?? ''}`;

/** The figures per source and model of a project (GET /api/projects/:projectId/agreement/sources). */
export function getSourceQuality(db: Db, user: Principal, projectId: number): SourceQualityReport {
  const project = projectFor(db, user, projectId, may.seeAgreement);
  const stanceKeys = project.stanceLabels.map((label) => label.key);
  // Every read in one snapshot: a label or gold saved meanwhile is in all figures or in none.
  return readTransaction(db, () => {
    const countAs = countAsState(listActors(db, projectId));
    const fingerprints = goldFingerprints(db, projectId);
    const goldDocuments = new Set(fingerprints.map((doc) => doc.documentId));
    const labelled = new Set(labelledDocumentIds(db, projectId));
    const tallies = new Map<string, SourceTally>();
    const tallyOf = (source: string, model: string | null) => {
      const key = groupKey({ source, model });
      let tally = tallies.get(key);
      if (!tally) tallies.set(key, (tally = { source, model, documents: 0, quality: emptyTally(), unchanged: 0, edited: 0, ignored: 0, labels: 0 }));
      return tally;
    };
    tallyOf(RULES_SOURCE, RULES_MODEL);
    let goldSentences = 0;
    let goldClaims = 0;
    for (const documentId of [...new Set([...goldDocuments, ...labelled])].sort((a, b) => a - b)) {
      const doc = findDocument(db, documentId);
      if (!doc) continue;
      // Suggestions by source and model, then by sentence; the rules stand for every document, even with nothing to say.
      const bySource = new Map<string, Map<number, Suggestion[]>>([[groupKey({ source: RULES_SOURCE, model: RULES_MODEL }), new Map()]]);
      for (const s of [...builtInSuggestions(db, projectId, stanceKeys, doc, fingerprints), ...predictionSuggestions(db, documentId)]) {
        const key = groupKey(s);
        let sentences = bySource.get(key);
        if (!sentences) bySource.set(key, (sentences = new Map()));
        sentences.set(s.sentenceId, [...(sentences.get(s.sentenceId) ?? []), s]);
        tallyOf(s.source, s.model ?? null);
      }
      if (goldDocuments.has(documentId)) {
        const gold = goldClaimsOfDocument(db, documentId);
        goldSentences += gold.size;
        for (const claims of gold.values()) goldClaims += claims.length;
        for (const [key, sentences] of bySource) {
          const tally = tallies.get(key)!;
          tally.documents++;
          for (const [sentenceId, claims] of gold)
            tallySentence(
              claims.map(asScored),
              (sentences.get(sentenceId) ?? []).map((s) => asScored(s.claim)),
              countAs,
              tally.quality,
            );
        }
      }
      if (labelled.has(documentId)) {
        const labels = labelsOfDocument(db, documentId);
        for (const [key, sentences] of bySource) {
          const tally = tallies.get(key)!;
          for (const label of labels) {
            const suggested = sentences.get(label.sentenceId);
            if (!suggested) continue;
            const use = useOfLabel(label, tally.source, tally.model, suggested);
            tally.labels++;
            tally.unchanged += use.unchanged;
            tally.edited += use.edited;
            tally.ignored += use.ignored;
          }
        }
      }
    }
    const sources: SourceFigures[] = [...tallies.values()].map((t) => {
      const total = t.unchanged + t.edited + t.ignored;
      const share = (n: number) => (total === 0 ? null : n / total);
      return {
        source: t.source,
        model: t.model,
        documents: t.documents,
        goldClaims: t.quality.tp + t.quality.fn,
        suggestions: t.quality.tp + t.quality.fp,
        right: t.quality.tp,
        wrong: t.quality.fp,
        missed: t.quality.fn,
        ...precisionRecallF1(t.quality),
        use: {
          unchanged: t.unchanged,
          edited: t.edited,
          ignored: t.ignored,
          labels: t.labels,
          shares: { unchanged: share(t.unchanged), edited: share(t.edited), ignored: share(t.ignored) },
        },
      };
    });
    return { goldDocuments: goldDocuments.size, goldSentences, goldClaims, sources };
  });
}
