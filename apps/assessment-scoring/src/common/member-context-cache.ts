import { MemberContext } from '../rules/facts';
import { RevisedCache } from './revised-cache';

/** What scoring needs of a member besides the fact: leader and key post as org-registry says now, and its leave day. */
export type ScoringMember = MemberContext & { leftOn: string | null };

/** A context older than this is read again, whatever was announced: it bounds how long a missed announcement can mislead. */
export const MEMBER_CONTEXT_MAX_AGE_MS = 60_000;

/** Members' scoring contexts by `recordKey('member', …)`, each as of the read-model revision it was read at. */
export class MemberContextCache extends RevisedCache<ScoringMember> {}
