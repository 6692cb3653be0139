import { problemsOf } from '@campaign/service-kit';
import { orgText } from './messages';

export type { ProblemBody } from '@campaign/service-kit';

/** org-registry's errors from its catalogue; a body too large for the parser keeps its worded message under its own code. */
export const { Problem, notFound, forbidden, conflict, badRequest, ProblemFilter } = problemsOf(orgText, { extraCodesOfStatus: { 413: 'payload-too-large' } });
