import { problemsOf } from '@campaign/service-kit';
import { notificationText } from './messages';

export type { ProblemBody } from '@campaign/service-kit';

/** notifications' errors from its catalogue. */
export const { Problem, notFound, forbidden, conflict, badRequest, ProblemFilter } = problemsOf(notificationText);
