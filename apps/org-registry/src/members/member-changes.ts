import { EventDefinition, EventEnvelope, MemberEnrolled, MemberLeft, MemberSnapshot, MemberTransferred, MemberUpdated } from '@campaign/contracts';
import { PostRoleLookup } from '../post-dictionary/post-roles';
import { HeldRole, publishedRoles, sameRoles, withPostRoles } from './member-roles';
import { AwaitingPlacement, Contacts, DirectoryDeletion, DirectoryProfile, MemberDocument } from './member.schema';

/** What a caller may set on a member; the unit path follows from the unit. */
export interface MemberFields {
  externalId?: string;
  userName?: string;
  name: string;
  givenName?: string;
  familyName?: string;
  unitId: string;
  unitPath: string[];
  posts: string[];
  isLeader: boolean;
  isKeyPost: boolean;
  status: MemberDocument['status'];
  joinedAt?: string;
  leftAt?: string;
  contacts: Contacts;
  directory?: DirectoryProfile;
  awaitingPlacement?: AwaitingPlacement;
  directoryDeletion?: DirectoryDeletion;
}

export type MemberOutcome = 'unchanged' | 'updated' | 'moved' | 'left';

const COMPARED_FIELDS = [
  'externalId',
  'userName',
  'name',
  'givenName',
  'familyName',
  'unitId',
  'posts',
  'isLeader',
  'isKeyPost',
  'status',
  'joinedAt',
  'leftAt',
  'contacts',
  'directory',
  'awaitingPlacement',
  'directoryDeletion',
] as const satisfies readonly (keyof MemberFields)[];

function normalised(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalised);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined && v !== null && v !== '')
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  }
  return value === null || value === '' ? undefined : value;
}

/** The fields whose values differ; empty strings, nulls and absent values count as the same. */
export function changedFields(current: Partial<MemberFields>, next: Partial<MemberFields>): (keyof MemberFields)[] {
  return COMPARED_FIELDS.filter((field) => JSON.stringify(normalised(current[field])) !== JSON.stringify(normalised(next[field])));
}

/** A move to another unit is a transfer; becoming inactive is leaving; anything else that differs is an update. */
export function classifyChange(current: MemberFields, next: MemberFields): MemberOutcome {
  const changed = changedFields(current, next);
  if (changed.length === 0) return 'unchanged';
  if (next.status !== 'active' && current.status === 'active') return 'left';
  if (changed.includes('unitId') && next.status === 'active') return 'moved';
  return 'updated';
}

/** A member as the registry states it: what callers set, plus its id, revision and resolved roles. */
export type MemberState = MemberFields & { _id: string; revision: number; roles: HeldRole[] };

export function memberSnapshotOf(member: MemberState): MemberSnapshot {
  const contacts = Object.fromEntries(Object.entries(member.contacts ?? {}).filter(([, v]) => typeof v === 'string' && v.length > 0));
  return {
    memberId: member._id,
    ...(member.externalId ? { externalId: member.externalId } : {}),
    name: member.name,
    unitId: member.unitId,
    unitPath: [...member.unitPath],
    posts: [...member.posts],
    isLeader: member.isLeader,
    isKeyPost: member.isKeyPost,
    status: member.status,
    ...(member.joinedAt ? { joinedAt: member.joinedAt } : {}),
    ...(member.leftAt ? { leftAt: member.leftAt } : {}),
    contacts,
    roles: publishedRoles(member.roles),
    revision: member.revision,
  };
}

/** The key `userName` is looked up and kept unique by: SCIM defines it as case-insensitive (`caseExact: false`). */
export function userNameKeyOf(userName: string | undefined | null): string | undefined {
  return userName ? userName.normalize('NFC').toLowerCase() : undefined;
}

/** A new member document (revision 1, no history) for the given fields, holding the roles its posts give in its unit. */
export function newMemberDocument(district: string, fields: MemberFields, id: string, unitSince: string, postRoles: PostRoleLookup): MemberDocument & MemberState {
  const userNameKey = userNameKeyOf(fields.userName);
  const roles = withPostRoles([], fields.posts, fields.unitId, postRoles);
  return { ...fields, ...(userNameKey ? { userNameKey } : {}), _id: id, district, unitSince, history: [], roles, revision: 1 };
}

export function fieldsOf(member: MemberDocument): MemberFields {
  return {
    externalId: member.externalId,
    userName: member.userName,
    name: member.name,
    givenName: member.givenName,
    familyName: member.familyName,
    unitId: member.unitId,
    unitPath: member.unitPath,
    posts: member.posts ?? [],
    isLeader: Boolean(member.isLeader),
    isKeyPost: Boolean(member.isKeyPost),
    status: member.status,
    joinedAt: member.joinedAt,
    leftAt: member.leftAt,
    contacts: member.contacts ?? {},
    directory: member.directory ?? undefined,
    awaitingPlacement: member.awaitingPlacement ?? undefined,
    directoryDeletion: member.directoryDeletion ?? undefined,
  };
}

export type EnvelopeFactory = <P>(definition: EventDefinition<P>, payload: P) => EventEnvelope<P>;

export interface PlannedMemberWrite {
  outcome: MemberOutcome;
  /** A single-document update guarded by the revision it was computed from; absent when nothing changes. */
  update?: Record<string, unknown>;
  envelope?: EventEnvelope;
  next: MemberState;
}

/**
 * Computes the write and the event for changing a member from its stored state to `next` on `effectiveAt`; the
 * post roles follow the posts and the unit through the district's post dictionary.
 */
export function planMemberChange(
  current: MemberDocument,
  requested: MemberFields,
  effectiveAt: string,
  envelopeOf: EnvelopeFactory,
  postRoles: PostRoleLookup,
): PlannedMemberWrite {
  const before = fieldsOf(current);
  const next: MemberFields = { ...requested };
  if (next.status !== 'active' && before.status === 'active' && !next.leftAt) next.leftAt = effectiveAt;
  if (next.status === 'active' && before.status !== 'active') next.leftAt = undefined;
  const outcome = classifyChange(before, next);
  const heldBefore = current.roles ?? [];
  if (outcome === 'unchanged') return { outcome, next: { ...next, _id: current._id, revision: current.revision, roles: heldBefore } };
  const roles = withPostRoles(heldBefore, next.posts, next.unitId, postRoles);
  const snapshot: MemberState = { ...next, _id: current._id, revision: current.revision + 1, roles };
  const member = memberSnapshotOf(snapshot);
  const changed = changedFields(before, next);
  const $set: Record<string, unknown> = Object.fromEntries(changed.map((field) => [field, next[field] ?? null]));
  if (changed.includes('userName')) $set['userNameKey'] = userNameKeyOf(next.userName) ?? null;
  if (changed.includes('unitId')) {
    $set['unitPath'] = next.unitPath;
    $set['unitSince'] = effectiveAt;
  }
  if (!sameRoles(roles, heldBefore)) $set['roles'] = roles;
  const update: Record<string, unknown> = { $set, $inc: { revision: 1 } };
  let envelope: EventEnvelope;
  if (outcome === 'left') {
    envelope = envelopeOf(MemberLeft, { member, reason: next.status as 'transferred' | 'retired' | 'left', effectiveAt });
  } else if (outcome === 'moved') {
    envelope = envelopeOf(MemberTransferred, { member, fromUnitId: before.unitId, toUnitId: next.unitId, effectiveAt });
  } else {
    envelope = envelopeOf(MemberUpdated, { member });
  }
  if (changed.includes('unitId')) {
    update['$push'] = { history: { unitId: before.unitId, unitPath: before.unitPath, from: current.unitSince ?? current.joinedAt, to: effectiveAt } };
  }
  return { outcome, update, envelope, next: snapshot };
}

export function enrolmentEnvelope(member: MemberState, envelopeOf: EnvelopeFactory): EventEnvelope {
  return envelopeOf(MemberEnrolled, { member: memberSnapshotOf(member) });
}
