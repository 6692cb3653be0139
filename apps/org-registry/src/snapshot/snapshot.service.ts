import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { CursorPage, CursorQuery } from '../common/paging.dto';
import { LEADING_GROUP, LeadingGroupDocument } from '../leading-groups/leading-group.schema';
import { fieldsOf, memberSnapshotOf } from '../members/member-changes';
import { MEMBER, MemberDocument } from '../members/member.schema';
import { ORG_SYSTEM, SystemDocument } from '../systems/system.schema';
import { unitSnapshotOf } from '../units/unit-paths';
import { UNIT, UnitDocument } from '../units/unit.schema';

async function page<D extends { _id: string }, V>(model: Model<D>, district: string, query: CursorQuery, view: (doc: D) => V): Promise<CursorPage<V>> {
  const filter = { district, ...(query.after ? { _id: { $gt: query.after } } : {}) };
  const docs = (await model.find(filter).sort({ _id: 1 }).limit(query.limit).lean()) as unknown as D[];
  const last = docs.at(-1);
  return { items: docs.map(view), ...(docs.length === query.limit && last ? { nextAfter: last._id } : {}) };
}

/**
 * The current state of every aggregate, in the same snapshot shapes (with revisions) as the events, so a new
 * consumer can build its read model from scratch and then apply events newer than what it holds.
 */
@Injectable()
export class SnapshotService {
  constructor(
    @InjectModel(UNIT) private readonly units: Model<UnitDocument>,
    @InjectModel(MEMBER) private readonly members: Model<MemberDocument>,
    @InjectModel(ORG_SYSTEM) private readonly systems: Model<SystemDocument>,
    @InjectModel(LEADING_GROUP) private readonly groups: Model<LeadingGroupDocument>,
  ) {}

  unitSnapshots(district: string, query: CursorQuery) {
    return page(this.units, district, query, unitSnapshotOf);
  }

  memberSnapshots(district: string, query: CursorQuery) {
    return page(this.members, district, query, (member) => memberSnapshotOf({ ...fieldsOf(member), _id: member._id, revision: member.revision, roles: member.roles ?? [] }));
  }

  systemSnapshots(district: string, query: CursorQuery) {
    return page(this.systems, district, query, (s) => ({ systemId: s._id, name: s.name, leadUnitId: s.leadUnitId, unitIds: s.unitIds, revision: s.revision }));
  }

  leadingGroupSnapshots(district: string, query: CursorQuery) {
    return page(this.groups, district, query, (g) => ({ unitId: g.unitId, groupId: g._id, name: g.name, kind: g.kind, members: g.members, revision: g.revision }));
  }
}
