import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Model } from 'mongoose';
import { Principal } from '@campaign/auth';
import { SubmissionReviewed, SubmissionSubmitted } from '@campaign/contracts';
import { EventPublisher, outboxFields, OutboxRelay, withOutbox } from '@campaign/messaging';
import { isDuplicateKey } from '@campaign/persistence';
import { AccessService } from '../access/access.service';
import { CampaignService } from '../campaigns/campaign.service';
import { conflict, forbidden, label, notFound } from '../i18n/messages';
import { endOfYear } from '../obligations/obligation-rules';
import { ObligationService } from '../obligations/obligation.service';
import { ResubmitDto, ReviewSubmissionDto, SubmitDto } from './submission.dto';
import { SUBMISSION, Submission, SubmissionStatus } from './submission.schema';

/** Reflections and research reports: submitted by the member, reviewed by their unit, resubmitted when returned. */
@Injectable()
export class SubmissionService {
  constructor(
    @InjectModel(SUBMISSION) private readonly submissions: Model<Submission>,
    private readonly access: AccessService,
    private readonly campaigns: CampaignService,
    private readonly obligations: ObligationService,
    private readonly publisher: EventPublisher,
    private readonly relay: OutboxRelay,
  ) {}

  async submit(principal: Principal, dto: SubmitDto): Promise<Submission> {
    const { district } = principal;
    if (!principal.memberId) throw forbidden('member-only');
    const member = await this.access.memberOrThrow(principal, principal.memberId);
    await this.campaigns.requireStage(district, dto.campaignId, 'record');
    const submissionId = randomUUID();
    const submittedAt = new Date();
    const dueAt = endOfYear(dto.year);
    const envelope = this.publisher.envelope(
      SubmissionSubmitted,
      {
        submissionId,
        campaignId: dto.campaignId,
        memberId: member._id,
        memberUnitId: member.unitId,
        kind: dto.kind,
        year: dto.year,
        dueAt: dueAt.toISOString(),
        submittedAt: submittedAt.toISOString(),
        attempt: 1,
      },
      district,
    );
    try {
      await this.submissions.create({
        _id: submissionId,
        district,
        campaignId: dto.campaignId,
        memberId: member._id,
        memberUnitId: member.unitId,
        kind: dto.kind,
        year: dto.year,
        title: dto.title,
        content: dto.content,
        status: 'submitted',
        attempt: 1,
        dueAt,
        submittedAt,
        history: [{ status: 'submitted', at: submittedAt, by: principal.sub }],
        ...outboxFields(envelope),
      });
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw conflict('submission-exists', { kind: label('submission-kind', dto.kind), year: dto.year });
      }
      throw error;
    }
    this.relay.kick();
    return this.find(district, submissionId);
  }

  async resubmit(principal: Principal, submissionId: string, dto: ResubmitDto): Promise<Submission> {
    const submission = await this.get(principal, submissionId);
    if (submission.memberId !== principal.memberId) throw forbidden('not-your-record');
    await this.campaigns.requireStage(principal.district, submission.campaignId, 'record');
    const submittedAt = new Date();
    const attempt = submission.attempt + 1;
    const envelope = this.publisher.envelope(
      SubmissionSubmitted,
      { ...this.ref(submission), submittedAt: submittedAt.toISOString(), attempt },
      principal.district,
    );
    await this.changeFrom(
      principal.district,
      submission,
      'returned',
      withOutbox(
        {
          $set: { status: 'submitted', attempt, submittedAt, content: dto.content, ...(dto.title ? { title: dto.title } : {}) },
          $push: { history: { status: 'submitted', at: submittedAt, by: principal.sub } },
        },
        envelope,
      ),
    );
    this.relay.kick();
    return this.find(principal.district, submissionId);
  }

  async review(principal: Principal, submissionId: string, dto: ReviewSubmissionDto): Promise<Submission> {
    const submission = await this.find(principal.district, submissionId);
    await this.access.managedMember(principal, submission.memberId);
    await this.campaigns.requireStage(principal.district, submission.campaignId, 'review');
    const reviewedAt = new Date();
    const envelope = this.publisher.envelope(
      SubmissionReviewed,
      {
        ...this.ref(submission),
        outcome: dto.outcome,
        comment: dto.comment,
        submittedAt: new Date(submission.submittedAt).toISOString(),
        reviewedAt: reviewedAt.toISOString(),
        onTime: new Date(submission.submittedAt).getTime() <= new Date(submission.dueAt).getTime(),
      },
      principal.district,
    );
    await this.changeFrom(
      principal.district,
      submission,
      'submitted',
      withOutbox(
        {
          $set: { status: dto.outcome, reviewedAt, reviewComment: dto.comment },
          $push: { history: { status: dto.outcome, at: reviewedAt, by: principal.sub, comment: dto.comment } },
        },
        envelope,
      ),
    );
    this.relay.kick();
    await this.obligations.refresh(principal.district, { campaignId: submission.campaignId, kind: submission.kind, memberId: submission.memberId });
    return this.find(principal.district, submissionId);
  }

  async get(principal: Principal, submissionId: string): Promise<Submission> {
    const submission = await this.find(principal.district, submissionId);
    await this.access.visibleMember(principal, submission.memberId);
    return submission;
  }

  async forMember(principal: Principal, memberId: string): Promise<Submission[]> {
    await this.access.visibleMember(principal, memberId);
    return this.submissions.find({ district: principal.district, memberId }).sort({ year: -1, kind: 1 }).lean<Submission[]>().exec();
  }

  /** Submissions waiting for a reviewer, without their content and history. */
  awaitingReview(district: string, campaignId?: string): Promise<Submission[]> {
    return this.submissions.find({ district, status: 'submitted', ...(campaignId ? { campaignId } : {}) }).select('-content -history').lean<Submission[]>().exec();
  }

  /** Each submission's unit and timing in the campaign, for participation figures. */
  timingsByUnit(district: string, campaignId: string): Promise<Pick<Submission, 'memberUnitId' | 'submittedAt' | 'dueAt'>[]> {
    return this.submissions.find({ district, campaignId }).select('memberUnitId submittedAt dueAt').lean<Pick<Submission, 'memberUnitId' | 'submittedAt' | 'dueAt'>[]>().exec();
  }

  private async find(district: string, submissionId: string): Promise<Submission> {
    const submission = await this.submissions.findOne({ district, _id: submissionId }).lean<Submission>().exec();
    if (!submission) throw notFound('submission-not-found', { submissionId });
    return submission;
  }

  private async changeFrom(district: string, submission: Submission, from: SubmissionStatus, update: Record<string, unknown>): Promise<void> {
    if (submission.status !== from) {
      throw conflict('submission-status', { status: label('submission-status', submission.status), expected: label('submission-status', from) });
    }
    const result = await this.submissions.updateOne({ district, _id: submission._id, status: from, attempt: submission.attempt }, update);
    if (result.matchedCount === 0) throw conflict('concurrent-change');
  }

  private ref(submission: Submission) {
    return {
      submissionId: submission._id,
      campaignId: submission.campaignId,
      memberId: submission.memberId,
      memberUnitId: submission.memberUnitId,
      kind: submission.kind,
      year: submission.year,
      dueAt: new Date(submission.dueAt).toISOString(),
    };
  }
}
