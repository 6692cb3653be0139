import { api } from '../../api/client';
import type { Member, Page } from '../../api/types';

const PAGE = 500;

/** Every active member of a unit subtree, page by page (a meeting's sheet lists them all on one screen). */
export async function membersOfSubtree(unitId: string): Promise<Member[]> {
  const members: Member[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await api<Page<Member>>('org-registry', `/members?subtreeOf=${unitId}&status=active&limit=${PAGE}&offset=${offset}`);
    members.push(...page.items);
    if (members.length >= page.total || page.items.length === 0) return members;
  }
}
