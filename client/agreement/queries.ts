import { queryOptions } from '@tanstack/react-query';
import { api } from '../api.ts';
import { AgreementReport } from '../../shared/schemas/review.ts';
import { SourceQualityReport } from '../../shared/schemas/sourceQuality.ts';

/** Query keys of the agreement report; gold saves invalidate `all` (annotator-vs-gold figures change). */
export const agreementKeys = {
  all: ['agreement'] as const,
  report: (projectId: number) => [...agreementKeys.all, 'report', projectId] as const,
  sources: (projectId: number) => [...agreementKeys.all, 'sources', projectId] as const,
};

export const agreementQueries = {
  /** The project's agreement figures (DESIGN §6), per project and per document. */
  report: (projectId: number) =>
    queryOptions({
      queryKey: agreementKeys.report(projectId),
      queryFn: ({ signal }) => api(`/projects/${projectId}/agreement`, AgreementReport, { signal }),
    }),
  /** Each suggestion source and model against gold, and how annotators used its suggestions (issue 16). */
  sources: (projectId: number) =>
    queryOptions({
      queryKey: agreementKeys.sources(projectId),
      queryFn: ({ signal }) => api(`/projects/${projectId}/agreement/sources`, SourceQualityReport, { signal }),
    }),
};
