import { Type } from '@nestjs/common';
import { EventEnvelope, MemberLeft, MemberTransferred, PayloadOf } from '@campaign/contracts';
import { IndexDefinition, IndexOptions } from 'mongoose';

export const ORG_UNIT = 'OrgUnit';
export const ORG_MEMBER = 'OrgMember';
export const ORG_SYSTEM = 'OrgSystem';
export const ORG_READ_MODEL_OPTIONS = Symbol('ORG_READ_MODEL_OPTIONS');

/**
 * How a service's existing collections key a record, kept so deployed databases keep their data:
 * - `id`: the org-registry id is the `_id` (activity-records);
 * - `district-key`: `_id` is `districtKey(district, id)`, the id is also a field (assessment-scoring);
 * - `id-field`: a generated `_id`, the id is a field unique per district (notifications).
 */
export type OrgRecordKey = 'id' | 'district-key' | 'id-field';

/** Optional parts of a member a service keeps; the name, unit, unit path and status are always kept. */
export interface OrgMemberFieldOptions {
  externalId?: boolean;
  posts?: boolean;
  /** `isLeader` and `isKeyPost`. */
  leaderFlags?: boolean;
  joinedOn?: boolean;
  /** The day a member who is not active left; null while active. */
  leftOn?: boolean;
  /** Earlier units with the moment the member left each, from transfer events. */
  previousUnits?: boolean;
  /** The roles org-registry resolved, and their `role@unitId` keys for audience look-ups by equality. */
  roles?: boolean;
  contacts?: boolean;
}

export type OrgIndex = [IndexDefinition, IndexOptions?];

/** How the member changes a service reacts to beyond its read model went: a redelivery is `held`, an older revision `stale`. */
export type OrgApplyOutcome = 'created' | 'updated' | 'held' | 'stale';

/** What a service does after the read model took in a transfer or a leave (obligations, standings…). */
export interface OrgMemberFollowUps {
  memberTransferred?(event: EventEnvelope<PayloadOf<typeof MemberTransferred>>, outcome: OrgApplyOutcome): Promise<void>;
  memberLeft?(event: EventEnvelope<PayloadOf<typeof MemberLeft>>, outcome: OrgApplyOutcome): Promise<void>;
}

export interface OrgReadModelOptions {
  key: OrgRecordKey;
  /** Existing collection names; without `systems` the service keeps no systems and does not consume their changes. */
  collections: { units: string; members: string; systems?: string };
  units?: { kind?: boolean; systemIds?: boolean };
  members?: OrgMemberFieldOptions;
  /** Each service's existing secondary indexes, beside the district index every collection has and the key's own. */
  indexes?: { units?: OrgIndex[]; members?: OrgIndex[]; systems?: OrgIndex[] };
  /** Enrolments in group commit (no inbox: a redelivered batch is applied again, by revision) or one by one through the inbox. */
  groupCommitEnrolments?: boolean;
  /** A provider of the app (found wherever the app declares it) called after transfers and leaves. */
  followUps?: Type<OrgMemberFollowUps>;
}
