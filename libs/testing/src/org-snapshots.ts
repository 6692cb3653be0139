import { MemberSnapshot } from '@campaign/contracts';

/** A member of the last unit of `unitPath` as org-registry announces one: active, no posts, first revision, unless `extra` says otherwise. */
export function activeMember(memberId: string, name: string, unitPath: string[], extra: Partial<MemberSnapshot> = {}): MemberSnapshot {
  return {
    memberId,
    name,
    unitId: unitPath[unitPath.length - 1],
    unitPath,
    posts: [],
    isLeader: false,
    isKeyPost: false,
    status: 'active',
    contacts: {},
    revision: 1,
    ...extra,
  };
}
