import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Member, Page, Unit } from '../../api/types';
import { Empty, Pager, QueryState } from '../../components/status';

interface LeadingGroup {
  groupId: string;
  name: string;
  kind: 'leading-group' | 'working-body';
  members: { memberId: string; role: 'leader' | 'deputy' | 'member' }[];
}

const PAGE_SIZE = 20;

/** A unit's members (its whole subtree, paged) and its leading groups. */
export function UnitDetails({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const members = useQuery({
    queryKey: ['members', unit.unitId, 'page', page],
    queryFn: () => api<Page<Member>>('org-registry', `/members?subtreeOf=${unit.unitId}&status=active&limit=${PAGE_SIZE}&offset=${(page - 1) * PAGE_SIZE}`),
    placeholderData: keepPreviousData,
  });
  const groups = useQuery({ queryKey: ['leading-groups', unit.unitId], queryFn: () => api<LeadingGroup[]>('org-registry', `/units/${unit.unitId}/leading-groups`) });
  const names = new Map((members.data?.items ?? []).map((member) => [member.memberId, member.name]));
  return (
    <section className="card" aria-labelledby="unit-details-heading">
      <h2 id="unit-details-heading">{unit.name}</h2>
      <h3>{t('organisation.members')}</h3>
      <QueryState query={members}>
        {(list) =>
          list.items.length === 0 ? (
            <Empty />
          ) : (
            <>
              <table className="members">
                <thead>
                  <tr>
                    <th scope="col">{t('organisation.name')}</th>
                    <th scope="col">{t('organisation.posts')}</th>
                    <th scope="col">{t('organisation.flags')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((member) => (
                    <tr key={member.memberId}>
                      <th scope="row">{member.name}</th>
                      <td>{member.posts.join('、')}</td>
                      <td>{[member.isLeader ? t('organisation.leader') : null, member.isKeyPost ? t('organisation.keyPost') : null].filter(Boolean).join('、')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager page={page} pageSize={PAGE_SIZE} total={list.total} onPage={setPage} />
            </>
          )
        }
      </QueryState>
      <h3>{t('organisation.leadingGroups')}</h3>
      <QueryState query={groups}>
        {(list) =>
          list.length === 0 ? (
            <Empty />
          ) : (
            <ul>
              {list.map((group) => (
                <li key={group.groupId}>
                  <strong>{group.name}</strong>：
                  {group.members.map((seat) => `${names.get(seat.memberId) ?? seat.memberId}（${t(`organisation.roles.${seat.role}`)}）`).join('、')}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}
