import { LEADING_GROUP_SEAT_ROLES, MemberRole } from '@campaign/contracts';
import { DirectoryMember } from '../directory/member.schema';
import { Audience } from './triggers';

/** What an event is about: the units concerned and, for a member's own matter, the member. */
export interface AudienceScope {
  unitIds: string[];
  memberId?: string | null;
}

/** Who is in an audience: named members, everyone in some subtrees, and holders of roles in some units. */
export interface AudienceQuery {
  memberIds: string[];
  subtreesOf: string[];
  roles: MemberRole[];
  roleUnitIds: string[];
}

const ROLES: Partial<Record<Audience, MemberRole[]>> = {
  'unit-admins': ['unit-admin'],
  secretaries: ['secretary'],
  'leading-group': [...LEADING_GROUP_SEAT_ROLES],
};

const nobody: AudienceQuery = { memberIds: [], subtreesOf: [], roles: [], roleUnitIds: [] };
const holders = (roles: MemberRole[], unitIds: string[]): AudienceQuery => ({ ...nobody, roles, roleUnitIds: unitIds });

/** The rule of each audience (see AUDIENCES): explicit roles in the scope's units, the scope's member, or whole subtrees. */
export function audienceQuery(audience: Audience, scope: AudienceScope): AudienceQuery {
  const member = scope.memberId ? [scope.memberId] : [];
  switch (audience) {
    case 'invited-members':
      return { ...nobody, subtreesOf: scope.unitIds };
    case 'unit-admins':
    case 'secretaries':
    case 'leading-group':
      return holders(ROLES[audience] as MemberRole[], scope.unitIds);
    case 'member':
      // A unit's own obligation names no member: it is the unit secretaries' to answer.
      return scope.memberId ? { ...nobody, memberIds: member } : holders(['secretary'], scope.unitIds);
    case 'member-and-secretary':
      return { ...holders(['secretary'], scope.unitIds), memberIds: member };
    case 'concerned':
      return scope.memberId ? { ...nobody, memberIds: member } : holders(['unit-admin', 'secretary'], scope.unitIds);
  }
}

/** Whether an active member is in the audience; post titles play no part, only the roles org-registry resolved. */
export function inAudience(member: Pick<DirectoryMember, 'memberId' | 'unitPath' | 'status' | 'roles'>, query: AudienceQuery): boolean {
  if (member.status !== 'active') return false;
  if (query.memberIds.includes(member.memberId)) return true;
  if (query.subtreesOf.some((unitId) => member.unitPath.includes(unitId))) return true;
  return (member.roles ?? []).some((held) => query.roles.includes(held.role) && query.roleUnitIds.includes(held.unitId));
}
