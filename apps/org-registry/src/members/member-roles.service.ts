import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { LEADING_GROUP_SEAT_ROLES, MemberUpdated } from '@campaign/contracts';
import { EventPublisher, OutboxRelay, withOutbox } from '@campaign/messaging';
import { bulkWriteSafely } from '@campaign/persistence';
import { LEADING_GROUP, LeadingGroupDocument } from '../leading-groups/leading-group.schema';
import { POST_DICTIONARY, PostDictionaryDocument, readPostRoleLookup } from '../post-dictionary/post-dictionary.schema';
import { PostRoleLookup } from '../post-dictionary/post-roles';
import { GroupRole } from '../systems/system.schema';
import { UNIT_ADMIN_GRANT, UnitAdminGrantDocument } from '../unit-admins/unit-admin-grant.schema';
import { fieldsOf, memberSnapshotOf } from './member-changes';
import { HeldRole, replaceRoles, sameRoles, withPostRoles } from './member-roles';
import { MEMBER, MemberDocument } from './member.schema';

const SEAT_ROLE: Record<GroupRole, (typeof LEADING_GROUP_SEAT_ROLES)[number]> = {
  leader: 'leading-group-leader',
  deputy: 'leading-group-deputy',
  member: 'leading-group-member',
};

const BATCH = 500;
/** Members changed by someone else while their roles were resolved are read again; this bounds the rounds. */
const MAX_ROUNDS = 5;

type Selection = { memberIds: string[] } | { posts: string[] } | 'all';

/**
 * Resolves members' roles from their sources (posts through the post dictionary, leading-group seats, unit admin
 * grants) and announces each member whose roles changed with MemberUpdated. Every change of a source calls it for the
 * members concerned; run for the whole district it also repairs roles left behind by a crash between two writes.
 */
@Injectable()
export class MemberRolesService {
  constructor(
    @InjectModel(MEMBER) private readonly members: Model<MemberDocument>,
    @InjectModel(LEADING_GROUP) private readonly groups: Model<LeadingGroupDocument>,
    @InjectModel(UNIT_ADMIN_GRANT) private readonly grants: Model<UnitAdminGrantDocument>,
    @InjectModel(POST_DICTIONARY) private readonly dictionaries: Model<PostDictionaryDocument>,
    private readonly publisher: EventPublisher,
    private readonly relay: OutboxRelay,
  ) {}

  /** Re-resolves the selected members; returns how many got new roles (and were announced). */
  async resolve(district: string, selection: Selection): Promise<number> {
    let pending = await this.select(district, selection);
    let changed = 0;
    for (let round = 1; pending.length > 0; round += 1) {
      const { written, conflicted } = await this.writeRoles(district, pending);
      changed += written;
      if (conflicted.length === 0) break;
      if (round >= MAX_ROUNDS) throw new Error(`roles of ${conflicted.length} members kept changing concurrently`);
      pending = await this.select(district, { memberIds: conflicted });
    }
    return changed;
  }

  private select(district: string, selection: Selection): Promise<MemberDocument[]> {
    const filter =
      selection === 'all' ? { district } : 'memberIds' in selection ? { district, _id: { $in: selection.memberIds } } : { district, posts: { $in: selection.posts } };
    return this.members.find(filter).select({ history: 0 }).lean<MemberDocument[]>();
  }

  private async writeRoles(district: string, members: MemberDocument[]): Promise<{ written: number; conflicted: string[] }> {
    const lookup = await readPostRoleLookup(this.dictionaries, district);
    const changes: { member: MemberDocument; roles: HeldRole[] }[] = [];
    for (let i = 0; i < members.length; i += BATCH) {
      const batch = members.slice(i, i + BATCH);
      const sources = await this.sourcesOf(district, batch.map((member) => member._id));
      for (const member of batch) {
        const roles = this.resolved(member, lookup, sources);
        if (!sameRoles(roles, member.roles ?? [])) changes.push({ member, roles });
      }
    }
    const operations = changes.map(({ member, roles }) => {
      const revision = member.revision + 1;
      const envelope = this.publisher.envelope(MemberUpdated, { member: memberSnapshotOf({ ...fieldsOf(member), _id: member._id, revision, roles }) }, district);
      return { updateOne: { filter: { district, _id: member._id, revision: member.revision }, update: withOutbox({ $set: { roles }, $inc: { revision: 1 } }, envelope) } };
    });
    if (operations.length === 0) return { written: 0, conflicted: [] };
    const result = await bulkWriteSafely(this.members, operations, { ordered: false });
    this.relay.kick();
    if (result.matchedCount === operations.length) return { written: operations.length, conflicted: [] };
    const now = new Map(
      (await this.members.find({ district, _id: { $in: changes.map((c) => c.member._id) } }).select({ revision: 1 }).lean<MemberDocument[]>()).map((m) => [m._id, m.revision]),
    );
    const conflicted = changes.filter(({ member }) => now.get(member._id) !== member.revision + 1).map(({ member }) => member._id);
    return { written: operations.length - conflicted.length, conflicted };
  }

  private resolved(member: MemberDocument, lookup: PostRoleLookup, sources: Sources): HeldRole[] {
    let roles = withPostRoles(member.roles ?? [], member.posts ?? [], member.unitId, lookup);
    roles = replaceRoles(roles, 'seat', undefined, sources.seats.get(member._id) ?? []);
    return replaceRoles(roles, 'grant', undefined, sources.grants.get(member._id) ?? []);
  }

  /** The seats and active grants of these members, by member. */
  private async sourcesOf(district: string, memberIds: string[]): Promise<Sources> {
    const [groups, grants] = await Promise.all([
      this.groups.find({ district, 'members.memberId': { $in: memberIds } }).select({ unitId: 1, members: 1 }).lean<LeadingGroupDocument[]>(),
      this.grants.find({ district, memberId: { $in: memberIds }, active: true }).lean<UnitAdminGrantDocument[]>(),
    ]);
    const wanted = new Set(memberIds);
    const sources: Sources = { seats: new Map(), grants: new Map() };
    const add = (map: Map<string, Omit<HeldRole, 'source'>[]>, memberId: string, role: Omit<HeldRole, 'source'>) => map.set(memberId, [...(map.get(memberId) ?? []), role]);
    for (const group of groups) {
      for (const seat of group.members) if (wanted.has(seat.memberId)) add(sources.seats, seat.memberId, { role: SEAT_ROLE[seat.role], unitId: group.unitId, ref: group._id });
    }
    for (const grant of grants) add(sources.grants, grant.memberId, { role: 'unit-admin', unitId: grant.unitId, ref: grant._id });
    return sources;
  }
}

interface Sources {
  seats: Map<string, Omit<HeldRole, 'source'>[]>;
  grants: Map<string, Omit<HeldRole, 'source'>[]>;
}
