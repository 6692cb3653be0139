import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { canManageUnit, canSeeMember, Principal } from '@campaign/auth';
import { ORG_MEMBER, ORG_UNIT } from '@campaign/org-read-model';
import { MemberView, UnitView } from '../integration-events/read-model.schemas';
import { byDistrictKey, districtKey } from '@campaign/persistence';
import { problem } from './error-codes.filter';
import { messages } from './messages';

/** Who may see whose scores: members themselves, unit admins their subtree, district admins their district. */
@Injectable()
export class AccessService {
  constructor(
    @InjectModel(ORG_MEMBER) private readonly members: Model<MemberView>,
    @InjectModel(ORG_UNIT) private readonly units: Model<UnitView>,
  ) {}

  /** The member as the read model knows it (404 when it does not, another district's included), if the caller may see it (403). */
  async assertCanSeeMember(principal: Principal, memberId: string): Promise<MemberView> {
    const member = await byDistrictKey(this.members.findOne({ _id: districtKey(principal.district, memberId) })).lean();
    if (!member) throw new NotFoundException(problem('error.no-member', { memberId }));
    if (!canSeeMember(principal, principal.district, memberId, member.unitPath)) throw new ForbiddenException(problem('access.member-out-of-scope', { memberId }));
    return member;
  }

  async assertCanManageUnit(principal: Principal, unitId: string): Promise<UnitView> {
    const unit = await byDistrictKey(this.units.findOne({ _id: districtKey(principal.district, unitId) })).lean();
    if (!unit) throw new NotFoundException(problem('error.no-unit', { unitId }));
    if (!canManageUnit(principal, principal.district, unit.path)) throw new ForbiddenException(problem('access.unit-out-of-scope', { unitId }));
    return unit;
  }

  /** Unit rankings are open to the whole district (比学赶超); a unit's member ranking to its managers and members. */
  async assertCanSeeRanking(principal: Principal, scope: string, scopeId: string | undefined): Promise<void> {
    if (scope !== 'unit-members' || !scopeId) return;
    const unit = await this.unit(principal.district, scopeId);
    if (!unit) throw new NotFoundException(messages.t('error.no-unit', { unitId: scopeId }));
    if (this.canManage(principal, unit.path)) return;
    const member = principal.memberId ? await this.member(principal.district, principal.memberId) : null;
    if (member?.unitId === scopeId) return;
    throw new ForbiddenException(messages.t('access.unit-members-ranking', { unitId: scopeId }));
  }

  private canManage(principal: Principal, unitPath: readonly string[]): boolean {
    return canManageUnit(principal, principal.district, unitPath);
  }

  private async unit(district: string, unitId: string): Promise<UnitView | null> {
    return byDistrictKey(this.units.findOne({ _id: districtKey(district, unitId) })).lean();
  }

  private async member(district: string, memberId: string): Promise<MemberView | null> {
    return byDistrictKey(this.members.findOne({ _id: districtKey(district, memberId) })).lean();
  }
}
