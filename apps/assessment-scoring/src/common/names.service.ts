import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { byDistrictKey, districtKey } from '@campaign/persistence';
import { ORG_MEMBER, ORG_SYSTEM, ORG_UNIT } from '@campaign/org-read-model';
import { MemberView, SystemView, UnitView } from '../integration-events/read-model.schemas';
import { NameCache, NamedKind } from './name-cache';
import { recordKey } from './revised-cache';

export type { NamedKind } from './name-cache';

interface Named {
  district: string;
  name: string;
  revision: number;
}

/** Single-document reads in flight at once. */
const CONCURRENT_READS = 20;

/**
 * Names of units, members and systems from the org read model, to show beside their ids: from this replica's name
 * cache, else each read by its `_id` (the natural key), so a page of a ranking costs at most one round of reads
 * whatever the size of the district. Unknown ids (a read model not caught up yet) have no name, and are not cached.
 */
@Injectable()
export class NamesService {
  constructor(
    @InjectModel(ORG_UNIT) private readonly units: Model<UnitView>,
    @InjectModel(ORG_MEMBER) private readonly members: Model<MemberView>,
    @InjectModel(ORG_SYSTEM) private readonly systems: Model<SystemView>,
    private readonly cache: NameCache,
  ) {}

  /** Names by id; `known` ones (read another way) are taken as they are. */
  async of(district: string, kind: NamedKind, ids: Iterable<string>, known: ReadonlyMap<string, string> = new Map()): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const cached = known.get(id) ?? this.cache.get(recordKey(kind, district, id));
      if (cached === undefined) missing.push(id);
      else names.set(id, cached);
    }
    const epoch = this.cache.epoch;
    for (let offset = 0; offset < missing.length; offset += CONCURRENT_READS) {
      const chunk = missing.slice(offset, offset + CONCURRENT_READS);
      const found = await Promise.all(chunk.map((id) => this.read(kind, districtKey(district, id))));
      found.forEach((record, index) => {
        // The key is the district's own, yet ids containing `|` could make two keys meet: never name another district's.
        if (record?.district !== district) return;
        names.set(chunk[index], record.name);
        this.cache.put(epoch, recordKey(kind, district, chunk[index]), record.name, record.revision);
      });
    }
    return names;
  }

  /**
   * The names of a unit's members in one query, by equality on the indexed unit (which every store answers from an
   * index), held in the cache: cheaper than a page of single reads when nothing of the unit is cached yet.
   */
  async ofMembersOf(district: string, unitId: string): Promise<Map<string, string>> {
    const epoch = this.cache.epoch;
    const found = await this.members.find({ district, unitId }).select({ _id: 0, memberId: 1, name: 1, revision: 1 }).lean<Array<Pick<MemberView, 'memberId' | 'name' | 'revision'>>>();
    for (const { memberId, name, revision } of found) this.cache.put(epoch, recordKey('member', district, memberId), name, revision);
    return new Map(found.map(({ memberId, name }) => [memberId, name]));
  }

  private read(kind: NamedKind, _id: string): Promise<Named | null> {
    if (kind === 'unit') return byDistrictKey(this.units.findOne({ _id })).select('district name revision').lean<Named>();
    if (kind === 'member') return byDistrictKey(this.members.findOne({ _id })).select('district name revision').lean<Named>();
    return byDistrictKey(this.systems.findOne({ _id })).select('district name revision').lean<Named>();
  }

  /** Each entry with the name of its subject beside its id (`null` when unknown); `known` names are taken as they are. */
  async named<T extends { subjectId: string }>(district: string, kind: NamedKind, entries: T[], known?: ReadonlyMap<string, string>): Promise<Array<T & { subjectName: string | null }>> {
    const names = await this.of(district, kind, entries.map((entry) => entry.subjectId), known);
    return entries.map((entry) => ({ ...entry, subjectName: names.get(entry.subjectId) ?? null }));
  }
}
