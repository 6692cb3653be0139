import { Injectable } from '@nestjs/common';
import { canManageUnit, canSeeMember, Principal } from '@campaign/auth';
import { forbidden, notFound } from '../i18n/messages';
import { OrgMember, OrgUnit } from '../org-read-model/org-read-model.schemas';
import { OrgDirectoryService } from '../org-read-model/org-directory.service';

/**
 * Scope checks against the local read model, one rule for every route: what does not exist in the caller's district
 * is 404 (another district's unit or member is indistinguishable from a missing one); what exists there but is outside
 * the caller's scope is 403. Callers check who may act before whether the act is allowed now (the campaign's stage).
 */
@Injectable()
export class AccessService {
  constructor(private readonly directory: OrgDirectoryService) {}

  async unitOrThrow(principal: Principal, unitId: string): Promise<OrgUnit> {
    const unit = await this.directory.unit(principal.district, unitId);
    if (!unit) throw notFound('unit-not-found', { unitId });
    return unit;
  }

  async memberOrThrow(principal: Principal, memberId: string): Promise<OrgMember> {
    const member = await this.directory.member(principal.district, memberId);
    if (!member) throw notFound('member-not-found', { memberId });
    return member;
  }

  async managedUnit(principal: Principal, unitId: string): Promise<OrgUnit> {
    const unit = await this.unitOrThrow(principal, unitId);
    if (!canManageUnit(principal, principal.district, unit.path)) throw forbidden('unit-out-of-scope', { unitName: unit.name });
    return unit;
  }

  /** The member themself or a manager of the member's unit. */
  async visibleMember(principal: Principal, memberId: string): Promise<OrgMember> {
    const member = await this.memberOrThrow(principal, memberId);
    if (!canSeeMember(principal, principal.district, memberId, member.unitPath)) throw forbidden('member-out-of-scope', { memberName: member.name });
    return member;
  }

  /** A manager of the member's unit (reviews): a member never reviews their own records. */
  async managedMember(principal: Principal, memberId: string): Promise<OrgMember> {
    const member = await this.memberOrThrow(principal, memberId);
    if (!canManageUnit(principal, principal.district, member.unitPath)) throw forbidden('member-out-of-scope', { memberName: member.name });
    return member;
  }

  canManagePath(principal: Principal, path: readonly string[]): boolean {
    return canManageUnit(principal, principal.district, path);
  }
}
