import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { hasRole, Principal } from '@campaign/auth';
import { EventDefinition } from '@campaign/contracts';
import { EventPublisher, outboxFields, OutboxRelay, withOutbox } from '@campaign/messaging';
import { acrossDistricts, bulkWriteSafely } from '@campaign/persistence';
import { canWriteUnitPath, isWithinScope, pathFilter, unitScopeOf } from '../common/access';
import { escapeRegex, newId, today } from '../common/ids';
import { Page } from '../common/paging.dto';
import { conflict, forbidden, notFound } from '../i18n/problems';
import { orgText } from '../i18n/messages';
import { POST_DICTIONARY, PostDictionaryDocument, readPostRoleLookup } from '../post-dictionary/post-dictionary.schema';
import { UnitsService } from '../units/units.service';
import { enrolmentEnvelope, EnvelopeFactory, fieldsOf, MemberFields, MemberOutcome, newMemberDocument, planMemberChange, userNameKeyOf } from './member-changes';
import { EnrolMemberDto, LeaveMemberDto, MemberQuery, UpdateMemberDto } from './member.dto';
import { MEMBER, MemberDocument } from './member.schema';

const BACKFILL_BATCH = 500;

@Injectable()
export class MembersService implements OnModuleInit {
  private readonly logger = new Logger(MembersService.name);

  constructor(
    @InjectModel(MEMBER) private readonly members: Model<MemberDocument>,
    @InjectModel(POST_DICTIONARY) private readonly dictionaries: Model<PostDictionaryDocument>,
    private readonly units: UnitsService,
    private readonly publisher: EventPublisher,
    private readonly relay: OutboxRelay,
  ) {}

  /** Members stored before user names were compared case-insensitively get their lookup key. */
  async onModuleInit(): Promise<void> {
    const missing = await acrossDistricts(this.members.find({ userName: { $type: 'string' }, userNameKey: { $exists: false } }))
      .select({ _id: 1, district: 1, userName: 1 })
      .lean<Pick<MemberDocument, '_id' | 'district' | 'userName'>[]>();
    for (let i = 0; i < missing.length; i += BACKFILL_BATCH) {
      const operations = missing.slice(i, i + BACKFILL_BATCH).map((member) => ({
        updateOne: { filter: { district: member.district, _id: member._id }, update: { $set: { userNameKey: userNameKeyOf(member.userName) } } },
      }));
      await bulkWriteSafely(this.members, operations, { ordered: false });
    }
    if (missing.length > 0) this.logger.log(`gave ${missing.length} members their case-insensitive userName key`);
  }

  envelopeFactory(district: string): EnvelopeFactory {
    return <P>(definition: EventDefinition<P>, payload: P) => this.publisher.envelope(definition, payload, district);
  }

  /** The member themselves or a member of the caller's subtrees: 404 when the district has none, 403 otherwise. */
  async visibleMember(principal: Principal, memberId: string): Promise<MemberDocument> {
    const member = await this.members.findOne({ district: principal.district, _id: memberId }).lean<MemberDocument>();
    if (!member) throw notFound('member.not-found', { memberId });
    if (!(principal.memberId === member._id || isWithinScope(unitScopeOf(principal), member.unitPath))) throw forbidden('member.out-of-scope', { memberId });
    return member;
  }

  private async writableMember(principal: Principal, memberId: string): Promise<MemberDocument> {
    const member = await this.visibleMember(principal, memberId);
    if (!canWriteUnitPath(principal, member.unitPath)) throw forbidden('member.read-only', { memberName: member.name });
    return member;
  }

  async enrol(principal: Principal, input: EnrolMemberDto, id?: string): Promise<MemberDocument> {
    const unit = await this.units.writableUnit(principal, input.unitId);
    if (unit.status !== 'active') throw conflict('unit.closed', { unitName: unit.name });
    return this.insert(principal.district, {
      externalId: input.externalId,
      userName: input.userName,
      name: input.name,
      unitId: unit._id,
      unitPath: unit.path,
      posts: input.posts ?? [],
      isLeader: input.isLeader ?? false,
      isKeyPost: input.isKeyPost ?? false,
      status: 'active',
      joinedAt: input.joinedAt,
      contacts: { ...input.contacts },
    }, id);
  }

  /** Inserts a new member with its MemberEnrolled event; external id and user name must be free in the district. */
  async insert(district: string, fields: MemberFields, id = newId()): Promise<MemberDocument> {
    await this.assertIdentifiersFree(district, fields, id);
    const member = newMemberDocument(district, fields, id, fields.joinedAt ?? today(), await readPostRoleLookup(this.dictionaries, district));
    const envelope = enrolmentEnvelope(member, this.envelopeFactory(district));
    await this.members.create({ ...member, ...outboxFields(envelope) });
    this.relay.kick();
    return member;
  }

  async update(principal: Principal, memberId: string, changes: UpdateMemberDto): Promise<MemberDocument> {
    const member = await this.writableMember(principal, memberId);
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const next: MemberFields = { ...fieldsOf(member), ...defined, contacts: { ...member.contacts, ...changes.contacts } };
    return (await this.change(member, next, today())).member;
  }

  async transfer(principal: Principal, memberId: string, toUnitId: string, effectiveAt = today()): Promise<MemberDocument> {
    const member = await this.writableMember(principal, memberId);
    const unit = await this.units.writableUnit(principal, toUnitId);
    if (member.status !== 'active') throw conflict('member.not-active', { memberName: member.name, status: orgText.t(`member.status.${member.status}`) });
    if (unit.status !== 'active') throw conflict('unit.closed', { unitName: unit.name });
    return (await this.change(member, { ...fieldsOf(member), unitId: unit._id, unitPath: unit.path, awaitingPlacement: undefined }, effectiveAt)).member;
  }

  async leave(principal: Principal, memberId: string, input: LeaveMemberDto): Promise<MemberDocument> {
    const member = await this.writableMember(principal, memberId);
    const effectiveAt = input.effectiveAt ?? today();
    return (await this.change(member, { ...fieldsOf(member), status: input.reason, leftAt: effectiveAt }, effectiveAt)).member;
  }

  /** Writes a member's new state with the matching event (none when nothing changed), guarded by its revision. */
  async change(current: MemberDocument, next: MemberFields, effectiveAt: string): Promise<{ outcome: MemberOutcome; member: MemberDocument }> {
    const district = current.district;
    if (next.externalId !== current.externalId || userNameKeyOf(next.userName) !== userNameKeyOf(current.userName)) await this.assertIdentifiersFree(district, next, current._id);
    const plan = planMemberChange(current, next, effectiveAt, this.envelopeFactory(district), await readPostRoleLookup(this.dictionaries, district));
    if (!plan.update || !plan.envelope) return { outcome: plan.outcome, member: current };
    const result = await this.members.updateOne({ district, _id: current._id, revision: current.revision }, withOutbox(plan.update, plan.envelope));
    if (result.matchedCount === 0) throw conflict('member.changed-concurrently', { memberName: current.name });
    this.relay.kick();
    return { outcome: plan.outcome, member: (await this.findById(district, current._id)) as MemberDocument };
  }

  async search(principal: Principal, query: MemberQuery): Promise<Page<MemberDocument>> {
    const clauses: Record<string, unknown>[] = [{ district: principal.district }];
    const scope = pathFilter(unitScopeOf(principal), 'unitPath');
    if (scope) clauses.push(scope);
    else if (hasRole(principal, 'member') && principal.memberId) clauses.push({ _id: principal.memberId });
    else return { items: [], total: 0, limit: query.limit, offset: query.offset };
    if (query.subtreeOf) clauses.push({ unitPath: scope ? (await this.units.visibleUnit(principal, query.subtreeOf))._id : query.subtreeOf });
    if (query.name) clauses.push({ name: { $regex: escapeRegex(query.name) } });
    if (query.post) clauses.push({ posts: query.post });
    if (query.status) clauses.push({ status: query.status });
    if (query.role) clauses.push({ 'roles.role': query.role });
    const filter = { $and: clauses };
    const [items, total] = await Promise.all([
      this.members.find(filter).sort({ name: 1, _id: 1 }).skip(query.offset).limit(query.limit).lean<MemberDocument[]>(),
      this.members.countDocuments(filter),
    ]);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /** The member holding this user name, compared case-insensitively. */
  async findByUserName(district: string, userName: string): Promise<MemberDocument | null> {
    return this.members.findOne({ district, userNameKey: userNameKeyOf(userName) }).lean<MemberDocument>();
  }

  async findById(district: string, memberId: string): Promise<MemberDocument | null> {
    return this.members.findOne({ district, _id: memberId }).lean<MemberDocument>();
  }

  private async assertIdentifiersFree(district: string, fields: Pick<MemberFields, 'externalId' | 'userName'>, ownId: string): Promise<void> {
    const userNameKey = userNameKeyOf(fields.userName);
    const identifiers = [...(fields.externalId ? [{ externalId: fields.externalId }] : []), ...(userNameKey ? [{ userNameKey }] : [])];
    if (identifiers.length === 0) return;
    const clash = await this.members.findOne({ district, _id: { $ne: ownId }, $or: identifiers }).select({ externalId: 1, userName: 1, name: 1 }).lean<MemberDocument>();
    if (clash) {
      const field = fields.externalId && clash.externalId === fields.externalId ? 'externalId' : 'userName';
      throw conflict('member.identifier-taken', { field, value: String(fields[field]), holderName: clash.name });
    }
  }
}
