import { useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { api } from '../../api/client';
import type { System, Unit } from '../../api/types';
import { useUnits } from '../../app/units';
import { hasRole, useClaims } from '../../auth/session';
import { Empty, QueryState } from '../../components/status';
import { HrImport } from './HrImport';
import { UnitDetails } from './UnitDetails';
import { visibleTree } from './unit-tree';

const ROW_HEIGHT = 32;

/** The unit tree with search; only the rows on screen are rendered, so it stays usable at 10,000 units. */
export function OrganisationPage() {
  const { t } = useTranslation();
  const claims = useClaims();
  const units = useUnits();
  const [selected, setSelected] = useState<Unit | null>(null);
  return (
    <main id="main" className="page">
      <h1>{t('organisation.title')}</h1>
      <QueryState query={units}>
        {(all) => (
          <>
            <UnitTree units={all} selected={selected} onSelect={setSelected} />
            {selected && <UnitDetails unit={selected} />}
            <Systems units={all} />
          </>
        )}
      </QueryState>
      {hasRole(claims, 'district-admin') && <HrImport />}
    </main>
  );
}

function Systems({ units }: { units: Unit[] }) {
  const { t } = useTranslation();
  const systems = useQuery({ queryKey: ['systems'], queryFn: () => api<(System & { leadUnitId: string | null })[]>('org-registry', '/systems'), staleTime: 5 * 60_000 });
  const names = new Map(units.map((unit) => [unit.unitId, unit.name]));
  return (
    <section className="card" aria-labelledby="systems-heading">
      <h2 id="systems-heading">{t('organisation.systems')}</h2>
      <QueryState query={systems}>
        {(list) =>
          list.length === 0 ? (
            <Empty />
          ) : (
            <ul>
              {list.map((system) => (
                <li key={system.systemId}>
                  <strong>{system.name}</strong>
                  {system.leadUnitId && <>（{names.get(system.leadUnitId) ?? system.leadUnitId}）</>} · {t('organisation.systemUnits', { count: system.unitIds.length })}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

function UnitTree({ units, selected, onSelect }: { units: Unit[]; selected: Unit | null; onSelect: (unit: Unit) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const rows = useMemo(() => visibleTree(units, expanded, search), [units, expanded, search]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const toggle = (unitId: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(unitId)) next.delete(unitId);
      else next.add(unitId);
      return next;
    });
  return (
    <section className="card" aria-labelledby="tree-heading">
      <h2 id="tree-heading">{t('organisation.tree')}</h2>
      <Field label={t('organisation.searchUnits')}>
        {(id) => (
          <input id={id} type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        )}
      </Field>
      <div ref={scroller} className="tree" style={{ height: 480, overflow: 'auto' }}>
        <ul role="tree" aria-label={t('organisation.tree')} style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const row = rows[item.index];
            return (
              <li
                key={row.unit.unitId}
                role="treeitem"
                aria-level={row.depth + 1}
                aria-expanded={row.hasChildren ? row.expanded : undefined}
                aria-selected={selected?.unitId === row.unit.unitId}
                style={{ position: 'absolute', top: item.start, height: ROW_HEIGHT, paddingLeft: row.depth * 20 }}
              >
                {row.hasChildren ? (
                  <button type="button" className="twisty" aria-label={row.unit.name} onClick={() => toggle(row.unit.unitId)}>
                    {row.expanded ? '▾' : '▸'}
                  </button>
                ) : (
                  <span className="twisty" aria-hidden="true">
                    ·
                  </span>
                )}
                <button type="button" className="unit-name" onClick={() => onSelect(row.unit)}>
                  {row.unit.name}
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
