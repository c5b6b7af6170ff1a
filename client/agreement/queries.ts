import { queryOptions } from '@tanstack/react-query';
import { api } from '../api.ts';
import { AgreementReport } from '../../shared/schemas/review.ts';

/** Query keys of the agreement report; gold saves invalidate `all` (annotator-vs-gold figures change). */
export const agreementKeys = {
  all: ['agreement'] as const,
  report: (projectId: number) => [...agreementKeys.all, 'report', projectId] as const,
};

export const agreementQueries = {
  /** The project's agreement figures (DESIGN §6), per project and per document. */
  report: (projectId: number) =>
    queryOptions({
      queryKey: agreementKeys.report(projectId),
      queryFn: ({ signal }) => api(`/projects/${projectId}/agreement`, AgreementReport, { signal }),
    }),
};
