import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Model, Types } from 'mongoose';
import { AuditService } from '../audit/audit.service';
import { MemberView, UnitView } from '../integration-events/read-model.schemas';
import { AdjustmentDto } from './adjustment.dto';
import { LedgerLine } from './ledger-line.schema';
import { LedgerService } from './ledger.service';
import { byDistrictKey, districtKey } from '@campaign/persistence';

/** Manual adjustments and corrections: new lines with a reason and an author, never edits. */
@Injectable()
export class AdjustmentsService {
  constructor(
    @InjectModel('MemberView') private readonly members: Model<MemberView>,
    @InjectModel('UnitView') private readonly units: Model<UnitView>,
    @InjectModel('LedgerLine') private readonly lines: Model<LedgerLine>,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
  ) {}

  async adjust(district: string, campaignId: string, input: AdjustmentDto, author: string): Promise<LedgerLine> {
    const unitId = await this.attributionOf(district, input.subjectType, input.subjectId);
    if (input.correctsLineId && !(await this.lines.exists({ district, campaignId, _id: input.correctsLineId }))) {
      throw new NotFoundException(`no ledger line ${input.correctsLineId} in campaign ${campaignId}`);
    }
    const occurredAt = input.occurredOn ? this.ledger.noonOf(input.occurredOn) : new Date();
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
        explanation: `manual adjustment ${input.points > 0 ? '+' : ''}${input.points} by ${author}: ${input.reason}`,
        occurredAt,
        recordedAt: new Date(),
        ...this.ledger.keysOf(occurredAt),
        reason: input.reason,
        author,
        correctsLineId: input.correctsLineId ? new Types.ObjectId(input.correctsLineId) : null,
      },
    ]);
    await this.audit.record({ district, campaignId, action: 'ledger.adjusted', actor: author, target: `${input.subjectType}:${input.subjectId}`, reason: input.reason, details: { points: input.points, indicatorId: input.indicatorId, lineId: String(line._id) } });
    return line;
  }

  private async attributionOf(district: string, subjectType: 'member' | 'unit', subjectId: string): Promise<string> {
    if (subjectType === 'unit') {
      if (!(await this.units.exists({ district, unitId: subjectId }))) throw new NotFoundException(`no unit ${subjectId}`);
      return subjectId;
    }
    const member = await byDistrictKey(this.members.findOne({ _id: districtKey(district, subjectId) })).select('unitId').lean();
    if (!member) throw new NotFoundException(`no member ${subjectId}`);
    return member.unitId;
  }
}
