import { z } from 'zod';
import { Id, IdParam, QueryFlag } from './common.ts';
import { AnnotationStatus, Claim, LabelClaims } from './annotations.ts';
import { GOLD_SOURCES_MAX, RATIONALE_MAX } from '../limits.ts';
import { Figure } from './figure.ts';
import { TeamReport } from './team.ts';
import { SortOrder, pageOf, pageQuery } from './paging.ts';

export const GoldMethod = z.enum(['accepted', 'merged', 'edited', 'unanimous']);
export type GoldMethod = z.infer<typeof GoldMethod>;

/** The adjudicated label of a sentence and how it came to be. */
export const Gold = z.object({
  sentenceId: Id,
  status: AnnotationStatus,
  claims: z.array(Claim),
  method: GoldMethod,
  reviewerId: Id,
  sourceAnnotators: z.array(Id),
  rationale: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Gold = z.infer<typeof Gold>;

export const GoldList = z.object({ gold: z.array(Gold) });

export const SaveGoldBody = z
  .strictObject({
    status: AnnotationStatus,
    claims: LabelClaims,
    method: GoldMethod.exclude(['unanimous']),
    sourceAnnotators: z.array(Id).max(GOLD_SOURCES_MAX).default([]),
    rationale: z.string().max(RATIONALE_MAX).nullable().optional(),
    /** The gold version this edit started from (0 or absent when there is none yet); a stale one gets 409. */
    baseVersion: z.number().int().min(0).nullable().optional(),
    /** Save claims that contradict (same speaker and target, same flags, different stance: shared/claimMatching.ts); without it they are refused. */
    allowContradictions: z.boolean().optional(),
  })
  .superRefine((body, ctx) => {
    if (body.status === 'claims' && body.claims.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['claims'], message: 'status "claims" needs at least one claim' });
    }
    if (body.status !== 'claims' && body.claims.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['claims'], message: `status "${body.status}" must not carry claims` });
    }
  });
export type SaveGoldBody = z.infer<typeof SaveGoldBody>;

/**
 * Why a sentence is in the queue: the fields in which its annotators differ (`flags`: negated or
 * hypothetical of a matched claim), or `contradiction`: all gave one label whose claims contradict
 * each other (`contradictions` in shared/claimMatching.ts), which bulk accept leaves to a reviewer.
 */
export const DisagreementField = z.enum(['status', 'speaker', 'stance', 'target', 'flags', 'contradiction']);
export type DisagreementField = z.infer<typeof DisagreementField>;

export const Disagreement = z.object({
  sentenceId: Id,
  documentId: Id,
  documentTitle: z.string(),
  index: z.number().int(),
  text: z.string(),
  annotators: z.number().int(),
  fields: z.array(DisagreementField),
  /** 0..1: the share of annotators outside the largest group that agrees exactly. */
  dispute: z.number(),
  resolved: z.boolean(),
});
export type Disagreement = z.infer<typeof Disagreement>;

export const DisagreementList = pageOf('disagreements', Disagreement);
export type DisagreementList = z.infer<typeof DisagreementList>;

/**
 * Sorts of the disagreement queue: `dispute` (most disputed first, then more fields, then in
 * reading order; `order` defaults to `desc` there) and `position` (documents in import order,
 * sentences in reading order; `order` defaults to `asc`). `order=asc` on `dispute` is the exact
 * reverse.
 */
export const DISAGREEMENT_SORTS = ['dispute', 'position'] as const;
export type DisagreementSort = (typeof DISAGREEMENT_SORTS)[number];

/** `GET …/disagreements`: `q` is a prefix of the document title (ignoring case); `field` keeps the sentences that differ in it. */
export const DisagreementsQuery = pageQuery(DISAGREEMENT_SORTS).extend({
  /** Absent: the sort's own default (see DISAGREEMENT_SORTS). */
  order: SortOrder.optional(),
  documentId: IdParam.optional(),
  field: DisagreementField.optional(),
  /** `1`: also sentences that already have a gold label. */
  resolved: QueryFlag.prefault('0'),
});
export type DisagreementsQuery = z.infer<typeof DisagreementsQuery>;

export const UnanimousBody = z.strictObject({
  /** false: only count the sentences that would be accepted. */
  apply: z.boolean(),
  documentId: Id.optional(),
});

export const UnanimousResult = z.object({
  /** Sentences accepted (or, with apply false, that would be). */
  count: z.number().int(),
  applied: z.boolean(),
  /** Unanimous sentences left out because their label's claims contradict each other: in the queue for a reviewer. */
  contradicting: z.number().int(),
});
export type UnanimousResult = z.infer<typeof UnanimousResult>;

// Figure lives in figure.ts so the team figures (team.ts), part of this report, can use it too.
export { Figure } from './figure.ts';

export const AgreementSummary = z.object({
  /** Krippendorff's α (nominal) on whether a sentence holds a claim. */
  hasClaim: Figure,
  /** α (nominal) on the stance of claims matched across annotators by speaker and target. */
  stance: Figure,
  /** α (nominal) on the negated flag of the same matched claims (one unit per matched claim). */
  negated: Figure,
  /** α (nominal) on the hypothetical flag of the same matched claims. */
  hypothetical: Figure,
  /** α with MASI distance on the sets of speakers, of targets and of full triples per sentence. */
  speakers: Figure,
  targets: Figure,
  triples: Figure,
});
export type AgreementSummary = z.infer<typeof AgreementSummary>;

const Person = z.object({ id: Id, username: z.string() });

export const AgreementReport = z.object({
  project: AgreementSummary.extend({ sentences: z.number().int(), annotators: z.number().int() }),
  pairs: z.array(z.object({ a: Person, b: Person, kappa: Figure, f1: Figure })),
  vsGold: z.array(z.object({ annotator: Person, kappa: Figure, f1: Figure })),
  confusion: z.object({ labels: z.array(z.string()), counts: z.array(z.array(z.number().int())), units: z.number().int() }),
  documents: z.array(AgreementSummary.extend({ documentId: Id, title: z.string(), sentences: z.number().int() })),
  /** Per annotator: labelled sentences, median time per sentence, agreement with gold, in all and per week. */
  team: TeamReport,
});
export type AgreementReport = z.infer<typeof AgreementReport>;
