import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Principal } from '@campaign/auth';
import { UnitAdminGrantChanged } from '@campaign/contracts';
import { EventPublisher, outboxFields, OutboxRelay, withOutbox } from '@campaign/messaging';
import { isDuplicateKey } from '@campaign/persistence';
import { stableId, today } from '../common/ids';
import { orgText } from '../i18n/messages';
import { conflict, notFound } from '../i18n/problems';
import { MemberRolesService } from '../members/member-roles.service';
import { MEMBER, MemberDocument } from '../members/member.schema';
import { UnitsService } from '../units/units.service';
import { UNIT_ADMIN_GRANT, UnitAdminGrantDocument } from './unit-admin-grant.schema';

/**
 * Who administers which unit: explicit grants made by district admins, each announced (UnitAdminGrantChanged) and
 * given to the member as the role `unit-admin` of the unit (MemberUpdated), which is what notifications address.
 */
@Injectable()
export class UnitAdminsService {
  constructor(
    @InjectModel(UNIT_ADMIN_GRANT) private readonly grants: Model<UnitAdminGrantDocument>,
    @InjectModel(MEMBER) private readonly members: Model<MemberDocument>,
    private readonly units: UnitsService,
    private readonly memberRoles: MemberRolesService,
    private readonly publisher: EventPublisher,
    private readonly relay: OutboxRelay,
  ) {}

  async list(principal: Principal, unitId: string, includeRevoked: boolean): Promise<UnitAdminGrantDocument[]> {
    await this.units.visibleUnit(principal, unitId);
    const grants = await this.grants.find({ district: principal.district, unitId }).lean<UnitAdminGrantDocument[]>();
    return grants.filter((grant) => includeRevoked || grant.active).sort((a, b) => a.memberId.localeCompare(b.memberId));
  }

  async grant(principal: Principal, unitId: string, memberId: string, from = today()): Promise<UnitAdminGrantDocument> {
    const unit = await this.units.writableUnit(principal, unitId);
    const member = await this.memberOf(principal.district, memberId);
    if (member.status !== 'active') throw conflict('unit-admin.member-not-active', { memberName: member.name, status: orgText.t(`member.status.${member.status}`) });
    if (unit.status !== 'active') throw conflict('unit.closed', { unitName: unit.name });
    const district = principal.district;
    const current = await this.grants.findOne({ district, _id: grantId(district, unitId, memberId) }).lean<UnitAdminGrantDocument>();
    if (current?.active) throw conflict('unit-admin.already-granted', { memberName: member.name, unitName: unit.name });
    const tenure = { from, to: null, grantedBy: principal.sub, revokedBy: null };
    const next: UnitAdminGrantDocument = current
      ? { ...current, active: true, tenures: [...current.tenures, tenure], revision: current.revision + 1 }
      : { _id: grantId(district, unitId, memberId), district, unitId, memberId, active: true, tenures: [tenure], revision: 1 };
    await this.write(current, next, principal.sub);
    await this.memberRoles.resolve(district, { memberIds: [memberId] });
    return next;
  }

  /**
   * Seeding: grants each (unit, member) pair that never had a grant, in one insert, each with its event; the members'
   * roles are left to one `MemberRolesService.resolve` of them all. Returns how many were granted.
   */
  async grantNew(district: string, pairs: { unitId: string; memberId: string }[], grantedBy: string, from = today()): Promise<number> {
    const ids = pairs.map((pair) => grantId(district, pair.unitId, pair.memberId));
    const existing = new Set((await this.grants.find({ district, _id: { $in: ids } }).select({ _id: 1 }).lean<UnitAdminGrantDocument[]>()).map((grant) => grant._id));
    const documents = pairs
      .map((pair): UnitAdminGrantDocument => ({
        _id: grantId(district, pair.unitId, pair.memberId),
        district,
        ...pair,
        active: true,
        tenures: [{ from, to: null, grantedBy, revokedBy: null }],
        revision: 1,
      }))
      .filter((grant) => !existing.has(grant._id))
      .map((grant) => ({ ...grant, ...outboxFields(this.changedEvent(grant, grantedBy)) }));
    if (documents.length === 0) return 0;
    await this.grants.insertMany(documents, { ordered: false });
    this.relay.kick();
    return documents.length;
  }

  async revoke(principal: Principal, unitId: string, memberId: string, to = today()): Promise<UnitAdminGrantDocument> {
    const unit = await this.units.writableUnit(principal, unitId);
    const member = await this.memberOf(principal.district, memberId);
    const district = principal.district;
    const current = await this.grants.findOne({ district, _id: grantId(district, unitId, memberId) }).lean<UnitAdminGrantDocument>();
    if (!current?.active) throw notFound('unit-admin.not-granted', { memberName: member.name, unitName: unit.name });
    const tenures = current.tenures.map((tenure) => (tenure.to === null ? { ...tenure, to, revokedBy: principal.sub } : tenure));
    const next: UnitAdminGrantDocument = { ...current, active: false, tenures, revision: current.revision + 1 };
    await this.write(current, next, principal.sub);
    await this.memberRoles.resolve(district, { memberIds: [memberId] });
    return next;
  }

  private async memberOf(district: string, memberId: string): Promise<MemberDocument> {
    const member = await this.members.findOne({ district, _id: memberId }).select({ name: 1, status: 1 }).lean<MemberDocument>();
    if (!member) throw notFound('member.not-found', { memberId });
    return member;
  }

  private changedEvent(grant: UnitAdminGrantDocument, changedBy: string) {
    const latest = grant.tenures[grant.tenures.length - 1];
    return this.publisher.envelope(
      UnitAdminGrantChanged,
      { grantId: grant._id, unitId: grant.unitId, memberId: grant.memberId, active: grant.active, from: latest.from, to: latest.to, changedBy, revision: grant.revision },
      grant.district,
    );
  }

  /** Inserts the first grant (unique id) or replaces the tenures guarded by the revision, with the event in the same write. */
  private async write(current: UnitAdminGrantDocument | null, next: UnitAdminGrantDocument, changedBy: string): Promise<void> {
    const envelope = this.changedEvent(next, changedBy);
    try {
      if (!current) await this.grants.create({ ...next, ...outboxFields(envelope) });
      else {
        const result = await this.grants.updateOne(
          { district: next.district, _id: next._id, revision: current.revision },
          withOutbox({ $set: { active: next.active, tenures: next.tenures }, $inc: { revision: 1 } }, envelope),
        );
        if (result.matchedCount === 0) throw conflict('unit-admin.changed-concurrently');
      }
    } catch (error) {
      if (isDuplicateKey(error)) throw conflict('unit-admin.changed-concurrently');
      throw error;
    }
    this.relay.kick();
  }
}

export function grantId(district: string, unitId: string, memberId: string): string {
  return stableId(district, 'unit-admin', unitId, memberId);
}
