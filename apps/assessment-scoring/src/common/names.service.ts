import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { byDistrictKey, districtKey } from '@campaign/persistence';
import { MemberView, SystemView, UnitView } from '../integration-events/read-model.schemas';

export type NamedKind = 'unit' | 'member' | 'system';

interface Named {
  district: string;
  name: string;
}

/** Single-document reads in flight at once. */
const CONCURRENT_READS = 20;

/**
 * Names of units, members and systems from the org read model, to show beside their ids: each read by its `_id` (the
 * natural key), so a page of a ranking costs one round of reads whatever the size of the district. Unknown ids (a
 * read model not caught up yet) have no name.
 */
@Injectable()
export class NamesService {
  constructor(
    @InjectModel('UnitView') private readonly units: Model<UnitView>,
    @InjectModel('MemberView') private readonly members: Model<MemberView>,
    @InjectModel('SystemView') private readonly systems: Model<SystemView>,
  ) {}

  async of(district: string, kind: NamedKind, ids: Iterable<string>): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    const names = new Map<string, string>();
    for (let offset = 0; offset < unique.length; offset += CONCURRENT_READS) {
      const chunk = unique.slice(offset, offset + CONCURRENT_READS);
      const found = await Promise.all(chunk.map((id) => this.read(kind, districtKey(district, id))));
      // The key is the district's own, yet ids containing `|` could make two keys meet: never name another district's.
      found.forEach((record, index) => record?.district === district && names.set(chunk[index], record.name));
    }
    return names;
  }

  private read(kind: NamedKind, _id: string): Promise<Named | null> {
    if (kind === 'unit') return byDistrictKey(this.units.findOne({ _id })).select('district name').lean<Named>();
    if (kind === 'member') return byDistrictKey(this.members.findOne({ _id })).select('district name').lean<Named>();
    return byDistrictKey(this.systems.findOne({ _id })).select('district name').lean<Named>();
  }

  /** Each entry with the name of its subject beside its id (`null` when unknown). */
  async named<T extends { subjectId: string }>(district: string, kind: NamedKind, entries: T[]): Promise<Array<T & { subjectName: string | null }>> {
    const names = await this.of(district, kind, entries.map((entry) => entry.subjectId));
    return entries.map((entry) => ({ ...entry, subjectName: names.get(entry.subjectId) ?? null }));
  }
}
