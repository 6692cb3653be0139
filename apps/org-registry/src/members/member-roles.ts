import { MemberRole, MemberRoleInUnit } from '@campaign/contracts';
import { PostRoleLookup, rolesOfPosts } from '../post-dictionary/post-roles';

/** Where a role comes from: a post (through the dictionary), a leading-group seat, or a unit admin grant. */
export type RoleSource = 'post' | 'seat' | 'grant';

/** A role as the registry keeps it on the member: with its source and what gave it (post title, group id, grant id). */
export interface HeldRole {
  role: MemberRole;
  unitId: string;
  source: RoleSource;
  ref: string;
}

const order = (role: HeldRole) => `${role.source}|${role.ref}|${role.unitId}|${role.role}`;

function sorted(roles: HeldRole[]): HeldRole[] {
  return [...roles].sort((a, b) => order(a).localeCompare(order(b)));
}

/** The roles with those of one source (and, when given, one ref of it) replaced by `next`. */
export function replaceRoles(held: readonly HeldRole[], source: RoleSource, ref: string | undefined, next: Omit<HeldRole, 'source'>[]): HeldRole[] {
  const kept = held.filter((role) => role.source !== source || (ref !== undefined && role.ref !== ref));
  return sorted([...kept, ...next.map((role) => ({ ...role, source }))]);
}

/** The roles with the post roles recomputed from the member's posts and unit. */
export function withPostRoles(held: readonly HeldRole[], posts: readonly string[], unitId: string, lookup: PostRoleLookup): HeldRole[] {
  return replaceRoles(held, 'post', undefined, rolesOfPosts(posts, unitId, lookup));
}

export function sameRoles(a: readonly HeldRole[], b: readonly HeldRole[]): boolean {
  return JSON.stringify(sorted([...a]).map(order)) === JSON.stringify(sorted([...b]).map(order));
}

/** What events and responses carry: each (role, unit) once, whatever gave it. */
export function publishedRoles(held: readonly HeldRole[]): MemberRoleInUnit[] {
  const unique = new Map(held.map((role) => [`${role.unitId}|${role.role}`, { role: role.role, unitId: role.unitId }]));
  return [...unique.values()].sort((a, b) => a.unitId.localeCompare(b.unitId) || a.role.localeCompare(b.role));
}
