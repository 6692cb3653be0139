import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { canManageUnit, canSeeMember, Principal } from '@campaign/auth';
import { OrgMember, OrgUnit } from '../org-read-model/org-read-model.schemas';
import { OrgDirectoryService } from '../org-read-model/org-directory.service';

/**
 * Scope checks against the local read model. Lookups use the caller's district, so another district's
 * unit or member is simply not found (404) rather than revealed by a 403.
 */
@Injectable()
export class AccessService {
  constructor(private readonly directory: OrgDirectoryService) {}

  async unitOrThrow(principal: Principal, unitId: string): Promise<OrgUnit> {
    const unit = await this.directory.unit(principal.district, unitId);
    if (!unit) throw new NotFoundException(`unit ${unitId} not found`);
    return unit;
  }

  async memberOrThrow(principal: Principal, memberId: string): Promise<OrgMember> {
    const member = await this.directory.member(principal.district, memberId);
    if (!member) throw new NotFoundException(`member ${memberId} not found`);
    return member;
  }

  async managedUnit(principal: Principal, unitId: string): Promise<OrgUnit> {
    const unit = await this.unitOrThrow(principal, unitId);
    if (!canManageUnit(principal, principal.district, unit.path)) throw new ForbiddenException(`unit ${unitId} is outside your scope`);
    return unit;
  }

  /** The member themself or a manager of the member's unit. */
  async visibleMember(principal: Principal, memberId: string): Promise<OrgMember> {
    const member = await this.memberOrThrow(principal, memberId);
    if (!canSeeMember(principal, principal.district, memberId, member.unitPath)) throw new ForbiddenException(`member ${memberId} is outside your scope`);
    return member;
  }

  /** A manager of the member's unit (reviews): a member never reviews their own records. */
  async managedMember(principal: Principal, memberId: string): Promise<OrgMember> {
    const member = await this.memberOrThrow(principal, memberId);
    if (!canManageUnit(principal, principal.district, member.unitPath)) throw new ForbiddenException(`member ${memberId} is outside your scope`);
    return member;
  }

  canManagePath(principal: Principal, path: readonly string[]): boolean {
    return canManageUnit(principal, principal.district, path);
  }
}
