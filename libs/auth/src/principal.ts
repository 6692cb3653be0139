import { z } from 'zod';

export const ROLES = ['district-admin', 'unit-admin', 'member', 'operator', 'hr-sync'] as const;
export type Role = (typeof ROLES)[number];

/** The claims our services read from a verified token. */
export const principalClaims = z.object({
  sub: z.string().min(1),
  district: z.string().min(1),
  roles: z.array(z.enum(ROLES)).min(1),
  /** Roots of the unit subtrees a unit admin manages. */
  units: z.array(z.string().min(1)).default([]),
  /** The member record of the caller, when the caller is a member. */
  memberId: z.string().min(1).optional(),
});

export type Principal = z.infer<typeof principalClaims>;

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return roles.some((role) => principal.roles.includes(role));
}

/** A district admin manages the whole district; a unit admin a unit whose path passes through one of their roots. */
export function canManageUnit(principal: Principal, district: string, unitPath: readonly string[]): boolean {
  if (principal.district !== district) return false;
  if (hasRole(principal, 'district-admin')) return true;
  return hasRole(principal, 'unit-admin') && unitPath.some((unitId) => principal.units.includes(unitId));
}

/** Members see their own records; managers of the member's unit see them too. */
export function canSeeMember(principal: Principal, district: string, memberId: string, memberUnitPath: readonly string[]): boolean {
  if (principal.district !== district) return false;
  return principal.memberId === memberId || canManageUnit(principal, district, memberUnitPath);
}
