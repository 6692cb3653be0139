import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Model, Types } from 'mongoose';
import { AuditService } from '../audit/audit.service';
import { explanationOf } from '../common/explanations';
import { messages } from '../common/messages';
import { NamesService } from '../common/names.service';
import { ORG_MEMBER, ORG_UNIT } from '@campaign/org-read-model';
import { MemberView, UnitView } from '../integration-events/read-model.schemas';
import { AdjustmentDto } from './adjustment.dto';
import { LEDGER_LINE, LedgerLine } from './ledger-line.schema';
import { LedgerService } from './ledger.service';
import { LineView } from './line-view';
import { byDistrictKey, districtKey } from '@campaign/persistence';
import { reason } from '../rules/reasons';
import { SchemesService } from '../schemes/schemes.service';

/** An adjustment as its author sees it: the new line, explained, names beside ids. */
export interface AdjustedLine extends LineView {
  campaignId: string;
  kind: LedgerLine['kind'];
  subjectType: 'member' | 'unit';
  subjectId: string;
  subjectName: string | null;
  indicatorId: string;
  correctsLineId: string | null;
}

/**
 * Manual adjustments and corrections: new lines with a reason and an author, never edits. An adjustment counts under an
 * indicator of the scheme in force on its day that scores its kind of subject; a correction offsets a line of the same
 * subject and indicator.
 */
@Injectable()
export class AdjustmentsService {
  constructor(
    @InjectModel(ORG_MEMBER) private readonly members: Model<MemberView>,
    @InjectModel(ORG_UNIT) private readonly units: Model<UnitView>,
    @InjectModel(LEDGER_LINE) private readonly lines: Model<LedgerLine>,
    private readonly ledger: LedgerService,
    private readonly schemes: SchemesService,
    private readonly audit: AuditService,
    private readonly names: NamesService,
  ) {}

  async adjust(district: string, campaignId: string, input: AdjustmentDto, author: string): Promise<AdjustedLine> {
    const unitId = await this.attributionOf(district, input.subjectType, input.subjectId);
    const corrected = input.correctsLineId ? await this.lines.findOne({ district, campaignId, _id: input.correctsLineId }).lean() : null;
    if (input.correctsLineId && !corrected) throw new NotFoundException(messages.t('adjustment.no-such-line', { campaignId, lineId: input.correctsLineId }));
    const occurredAt = input.occurredOn ? this.ledger.noonOf(input.occurredOn) : new Date();
    await this.assertIndicatorScores(district, campaignId, input, this.ledger.keysOf(occurredAt).day);
    if (corrected) this.assertCorrects(corrected, input);
    const [line] = await this.ledger.append(district, [
      {
        campaignId,
        sourceEventId: `adjustment:${randomUUID()}`,
        ruleKey: 'adjustment',
        ruleId: 'adjustment',
        kind: 'adjustment',
        schemeVersion: null,
        indicatorId: input.indicatorId,
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        unitId,
        systemIds: await this.ledger.systemsOf(district, unitId),
        carrierId: null,
        points: input.points,
        reasons: [reason('reason.adjustment', { author, reason: input.reason })],
        occurredAt,
        recordedAt: new Date(),
        ...this.ledger.keysOf(occurredAt),
        reason: input.reason,
        author,
        correctsLineId: input.correctsLineId ? new Types.ObjectId(input.correctsLineId) : null,
      },
    ]);
    await this.audit.record({ district, campaignId, action: 'ledger.adjusted', actor: author, target: `${input.subjectType}:${input.subjectId}`, reason: input.reason, details: { points: input.points, indicatorId: input.indicatorId, lineId: String(line._id) } });
    const [subjectNames, unitNames] = await Promise.all([this.names.of(district, input.subjectType, [input.subjectId]), this.names.of(district, 'unit', [unitId])]);
    return {
      lineId: String(line._id),
      campaignId,
      kind: line.kind,
      subjectType: line.subjectType,
      subjectId: line.subjectId,
      subjectName: subjectNames.get(line.subjectId) ?? null,
      indicatorId: line.indicatorId,
      unitId,
      unitName: unitNames.get(unitId) ?? null,
      points: line.points,
      explanation: explanationOf(line.reasons, line.points),
      occurredAt: line.occurredAt,
      recordedAt: line.recordedAt,
      lateEntry: line.lateEntry,
      reason: line.reason,
      author: line.author,
      correctsLineId: line.correctsLineId ? String(line.correctsLineId) : null,
    };
  }

  private async assertIndicatorScores(district: string, campaignId: string, input: AdjustmentDto, day: string): Promise<void> {
    const scheme = await this.schemes.inForce(district, campaignId, day);
    const indicator = scheme?.indicators.find((candidate) => candidate.id === input.indicatorId);
    if (!indicator) throw new BadRequestException(messages.t('adjustment.unknown-indicator', { indicatorId: input.indicatorId, day }));
    if (indicator.subject !== input.subjectType) {
      throw new BadRequestException(
        messages.t('adjustment.indicator-subject', { indicatorId: indicator.id, indicatorSubject: messages.t(`subject.${indicator.subject}`), subjectType: messages.t(`subject.${input.subjectType}`) }),
      );
    }
  }

  private assertCorrects(corrected: LedgerLine, input: AdjustmentDto): void {
    const lineId = String(corrected._id);
    if (corrected.subjectType !== input.subjectType || corrected.subjectId !== input.subjectId) {
      throw new BadRequestException(messages.t('adjustment.correction-of-other-subject', { lineId, lineSubject: corrected.subjectId, subject: input.subjectId }));
    }
    if (corrected.indicatorId !== input.indicatorId) {
      throw new BadRequestException(messages.t('adjustment.correction-of-other-indicator', { lineId, lineIndicatorId: corrected.indicatorId }));
    }
  }

  private async attributionOf(district: string, subjectType: 'member' | 'unit', subjectId: string): Promise<string> {
    if (subjectType === 'unit') {
      if (!(await byDistrictKey(this.units.exists({ _id: districtKey(district, subjectId) })))) throw new NotFoundException(messages.t('error.no-unit', { unitId: subjectId }));
      return subjectId;
    }
    const member = await byDistrictKey(this.members.findOne({ _id: districtKey(district, subjectId) })).select('unitId').lean();
    if (!member) throw new NotFoundException(messages.t('error.no-member', { memberId: subjectId }));
    return member.unitId;
  }
}
