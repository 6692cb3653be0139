import { Injectable } from '@nestjs/common';
import { Principal } from '@campaign/auth';
import { AccessService } from '../access/access.service';
import { OrgDirectoryService } from '../org-read-model/org-directory.service';
import { PlanService } from '../plans/plan.service';
import { Submission } from '../submissions/submission.schema';
import { SubmissionService } from '../submissions/submission.service';
import { Target } from '../targets/target.schema';
import { TargetService } from '../targets/target.service';
import { ReviewItemType, ReviewQueueQueryDto } from './review-queue.dto';

export interface ReviewItem {
  type: ReviewItemType;
  /** The submission's, target's or plan's id. */
  id: string;
  campaignId: string;
  /** Since when it waits: submitted, reported done, or submitted to the parent unit. */
  waitingSince: Date;
  title: string;
  /** The kind of submission (reflection, research-report) or of target (common, individual). */
  kind: string | null;
  /** Whose it is: the member (submissions, targets), else null (plans). */
  memberId: string | null;
  /** The member's unit now, or the unit whose plan it is. */
  unitId: string;
  attempt: number | null;
}

export interface ReviewQueuePage {
  items: ReviewItem[];
  total: number;
  page: number;
  pageSize: number;
}

interface Waiting extends ReviewItem {
  /** The path a reviewer must manage: the member's unit, or the plan's parent unit. */
  reviewerPath: string[];
}

/**
 * What waits for the caller's review, oldest first: members' submissions and completed targets in the caller's subtree,
 * and the plans submitted to a unit the caller manages. A district admin sees the whole district's.
 */
@Injectable()
export class ReviewQueueService {
  constructor(
    private readonly submissions: SubmissionService,
    private readonly targets: TargetService,
    private readonly plans: PlanService,
    private readonly access: AccessService,
    private readonly directory: OrgDirectoryService,
  ) {}

  async waiting(principal: Principal, query: ReviewQueueQueryDto): Promise<ReviewQueuePage> {
    const { district } = principal;
    if (query.unitId) await this.access.managedUnit(principal, query.unitId);
    const wanted = (type: ReviewItemType) => !query.type || query.type === type;
    const [submissions, targets, plans] = await Promise.all([
      wanted('submission') ? this.submissions.awaitingReview(district, query.campaignId) : [],
      wanted('target') ? this.targets.awaitingCompletionReview(district, query.campaignId) : [],
      wanted('plan') ? this.plans.awaitingReview(district, query.campaignId) : [],
    ]);
    const members = new Map(
      (await this.directory.membersByIds(district, [...new Set([...submissions, ...targets].map((record) => record.memberId))])).map((m) => [m._id, m]),
    );
    const parents = new Map(
      (await this.directory.unitsByIds(district, [...new Set(plans.flatMap((plan) => (plan.parentUnitId ? [plan.parentUnitId] : [])))])).map((u) => [u._id, u]),
    );
    const byMember = (record: Submission | Target) => members.get(record.memberId);
    const all: Waiting[] = [
      ...submissions.flatMap((s) => {
        const member = byMember(s);
        if (!member) return [];
        const item = { type: 'submission' as const, id: s._id, waitingSince: s.submittedAt, title: s.title, kind: s.kind, attempt: s.attempt };
        return [{ ...item, campaignId: s.campaignId, memberId: s.memberId, unitId: member.unitId, reviewerPath: member.unitPath }];
      }),
      ...targets.flatMap((t) => {
        const member = byMember(t);
        if (!member) return [];
        const waitingSince = t.completionRequestedAt ?? (t as Target & { updatedAt: Date }).updatedAt;
        const item = { type: 'target' as const, id: t._id, waitingSince, title: t.title, kind: t.kind, attempt: null };
        return [{ ...item, campaignId: t.campaignId, memberId: t.memberId, unitId: member.unitId, reviewerPath: member.unitPath }];
      }),
      ...plans.flatMap((p) => {
        const parent = p.parentUnitId ? parents.get(p.parentUnitId) : undefined;
        if (!parent || !p.submittedAt) return [];
        const item = { type: 'plan' as const, id: p._id, waitingSince: p.submittedAt, title: p.theme, kind: null, attempt: null };
        return [{ ...item, campaignId: p.campaignId, memberId: null, unitId: p.unitId, reviewerPath: parent.path }];
      }),
    ];
    const mine = all
      .filter((item) => this.access.canManagePath(principal, item.reviewerPath) && item.memberId !== principal.memberId)
      .filter((item) => !query.unitId || item.reviewerPath.includes(query.unitId) || item.unitId === query.unitId)
      .sort((a, b) => new Date(a.waitingSince).getTime() - new Date(b.waitingSince).getTime() || a.id.localeCompare(b.id));
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const items = mine.slice((page - 1) * pageSize, page * pageSize).map(({ reviewerPath: _, ...item }) => item);
    return { items, total: mine.length, page, pageSize };
  }
}
