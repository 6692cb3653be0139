import { HttpException, Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import SCIMMY from 'scimmy';
import { currentContext } from '@campaign/service-kit';
import { newId, today } from '../common/ids';
import { fieldsOf } from '../members/member-changes';
import { MEMBER, MemberDocument } from '../members/member.schema';
import { MembersService } from '../members/members.service';
import { PlacementService } from '../placement/placement.service';
import { GROUP_ATTRIBUTES, InvalidFilterError, scimFilterToMongo, USER_ATTRIBUTES } from './scim-filter';
import { SCIM_GROUP, ScimGroupDocument } from './scim-group.schema';
import { DEFAULT_COUNT, MAX_RESULTS, SCIM_BASE_PATH } from './scim-protocol';
import { ENTERPRISE_USER, etagOf, memberToScimUser, ScimUserIn, scimUserToFields } from './scim-user-mapping';
import { scimGroupTextProblems, scimUserTextProblems } from './scim-text-policy';
import { scimText } from './scim.messages';

export interface ScimContext {
  district: string;
  service: ScimService;
}

export interface ListParams {
  filter?: string;
  startIndex?: number;
  count?: number;
}

export interface ListResult {
  total: number;
  startIndex: number;
  /** Absent when the client asked for `count=0`: only the total is answered. */
  resources?: Record<string, unknown>[];
}

/** Members the identity provider deleted are gone for SCIM (RFC 7644 §3.6) though the platform keeps them as left. */
const LIVE = { 'directoryDeletion.at': { $exists: false } };
const USERS_PATH = `${SCIM_BASE_PATH}/Users`;

export function scimError(status: number, scimType: string | null, message: string): Error {
  return new SCIMMY.Types.Error(status, scimType as string, message);
}

const notFound = (id: string) => scimError(404, null, scimText.t('scim.notFound', { id }));

/** The SCIM 2.0 resources (Users = members, Groups = HR groups) of one district, behind SCIMMY's handlers. */
@Injectable()
export class ScimService {
  private readonly logger = new Logger(ScimService.name);

  constructor(
    @InjectModel(MEMBER) private readonly members: Model<MemberDocument>,
    @InjectModel(SCIM_GROUP) private readonly groups: Model<ScimGroupDocument>,
    private readonly memberService: MembersService,
    private readonly placement: PlacementService,
  ) {}

  async revisionOf(district: string, resource: 'Users' | 'Groups', id: string): Promise<number | undefined> {
    const found =
      resource === 'Users'
        ? await this.members.findOne({ district, _id: id, ...LIVE }).select({ revision: 1 }).lean<{ revision: number }>()
        : await this.groups.findOne({ district, _id: id }).select({ revision: 1 }).lean<{ revision: number }>();
    return found?.revision;
  }

  async listUsers(district: string, params: ListParams): Promise<ListResult> {
    const filter = { district, $and: [LIVE, this.translate(params.filter, USER_ATTRIBUTES)] };
    const { skip, limit, startIndex } = this.window(params);
    if (limit === 0) return { total: await this.members.countDocuments(filter), startIndex };
    const [docs, total] = await Promise.all([
      this.members.find(filter).sort({ _id: 1 }).skip(skip).limit(limit).lean<MemberDocument[]>(),
      this.members.countDocuments(filter),
    ]);
    return { total, startIndex, resources: await this.userViews(district, docs) };
  }

  async listGroups(district: string, params: ListParams): Promise<ListResult> {
    const filter = { district, ...this.translate(params.filter, GROUP_ATTRIBUTES) };
    const { skip, limit, startIndex } = this.window(params);
    if (limit === 0) return { total: await this.groups.countDocuments(filter), startIndex };
    const [docs, total] = await Promise.all([
      this.groups.find(filter).sort({ _id: 1 }).skip(skip).limit(limit).lean<ScimGroupDocument[]>(),
      this.groups.countDocuments(filter),
    ]);
    return { total, startIndex, resources: await this.groupViews(district, docs) };
  }

  async userEgress(district: string, id: string): Promise<Record<string, unknown>> {
    try {
      return (await this.userViews(district, [await this.liveMember(district, id)]))[0];
    } catch (error) {
      throw this.asScimError(error);
    }
  }

  /**
   * POST creates, or brings back a deactivated user of the same userName (compared case-insensitively); PUT and PATCH
   * replace. The department places the member (see PlacementService): a department that names no unit never refuses.
   */
  async userIngress(district: string, id: string | undefined, user: ScimUserIn): Promise<Record<string, unknown>> {
    try {
      const problems = scimUserTextProblems(user);
      if (problems.length) throw scimError(400, 'invalidValue', scimText.t('scim.textPolicy', { problems: problems.join('; ') }));
      let current = id ? await this.liveMember(district, id) : null;
      if (!id && user.userName) {
        const sameName = await this.memberService.findByUserName(district, user.userName);
        if (sameName?.status === 'active') throw scimError(409, 'uniqueness', scimText.t('scim.userNameTaken', { userName: user.userName }));
        current = sameName;
      }
      const placement = await this.placement.placementFor(district, user[ENTERPRISE_USER]?.department, current);
      const fields = scimUserToFields(user, current ? fieldsOf(current) : undefined, placement);
      if (!fields) throw scimError(400, 'invalidValue', scimText.t('scim.nameRequired'));
      const member = current ? (await this.memberService.change(current, fields, today())).member : await this.memberService.insert(district, fields);
      return await this.userEgress(district, member._id);
    } catch (error) {
      throw this.asScimError(error);
    }
  }

  /**
   * DELETE: the member leaves (member.left, history kept) and is gone for SCIM from then on; its userName and externalId
   * are released, so the identity provider can create the same user again as a new one.
   */
  async userDegress(district: string, id: string): Promise<void> {
    try {
      const current = await this.liveMember(district, id);
      const directoryDeletion = {
        at: new Date().toISOString(),
        ...(current.userName ? { userName: current.userName } : {}),
        ...(current.externalId ? { externalId: current.externalId } : {}),
      };
      const status = current.status === 'active' ? 'left' : current.status;
      await this.memberService.change(current, { ...fieldsOf(current), status, userName: undefined, externalId: undefined, awaitingPlacement: undefined, directoryDeletion }, today());
    } catch (error) {
      throw this.asScimError(error);
    }
  }

  async groupEgress(district: string, id: string): Promise<Record<string, unknown>> {
    try {
      const group = await this.groups.findOne({ district, _id: id }).lean<ScimGroupDocument>();
      if (!group) throw notFound(id);
      return (await this.groupViews(district, [group]))[0];
    } catch (error) {
      throw this.asScimError(error);
    }
  }

  async groupIngress(district: string, id: string | undefined, group: { displayName?: string; externalId?: string; members?: { value?: string }[] }): Promise<Record<string, unknown>> {
    try {
      const problems = scimGroupTextProblems(group);
      if (problems.length) throw scimError(400, 'invalidValue', scimText.t('scim.textPolicy', { problems: problems.join('; ') }));
      const memberIds = [...new Set((group.members ?? []).map((m) => m.value).filter((v): v is string => Boolean(v)))];
      const known = await this.members.countDocuments({ district, _id: { $in: memberIds }, ...LIVE });
      if (known !== memberIds.length) throw scimError(400, 'invalidValue', scimText.t('scim.groupMembersUnknown'));
      if (!group.displayName) throw scimError(400, 'invalidValue', scimText.t('scim.groupNameRequired'));
      const fields = { displayName: group.displayName, externalId: group.externalId, memberIds };
      if (!id) {
        const duplicate = await this.groups.findOne({ district, displayName: group.displayName }).select({ _id: 1 }).lean();
        if (duplicate) throw scimError(409, 'uniqueness', scimText.t('scim.groupExists', { displayName: group.displayName }));
        const created = await this.groups.create({ _id: newId(), district, ...fields, revision: 1 });
        return await this.groupEgress(district, created._id);
      }
      const current = await this.groups.findOne({ district, _id: id }).lean<ScimGroupDocument>();
      if (!current) throw notFound(id);
      const unchanged = current.displayName === fields.displayName && current.externalId === fields.externalId && JSON.stringify(current.memberIds) === JSON.stringify(memberIds);
      if (!unchanged) {
        const result = await this.groups.updateOne({ district, _id: id, revision: current.revision }, { $set: fields, $inc: { revision: 1 } });
        if (result.matchedCount === 0) throw scimError(409, null, scimText.t('scim.changedConcurrently', { id }));
      }
      return await this.groupEgress(district, id);
    } catch (error) {
      throw this.asScimError(error);
    }
  }

  async groupDegress(district: string, id: string): Promise<void> {
    try {
      const result = await this.groups.deleteOne({ district, _id: id });
      if (result.deletedCount === 0) throw notFound(id);
    } catch (error) {
      throw this.asScimError(error);
    }
  }

  private async liveMember(district: string, id: string): Promise<MemberDocument> {
    const member = await this.memberService.findById(district, id);
    if (!member || member.directoryDeletion) throw notFound(id);
    return member;
  }

  /**
   * Nest exceptions of the member service become SCIM errors with the matching status and scimType; anything else
   * unexpected is a 500 (SCIMMY would otherwise answer it as a 404).
   */
  private asScimError(error: unknown): unknown {
    if (error instanceof SCIMMY.Types.Error) return error;
    if (error instanceof HttpException) {
      const status = error.getStatus();
      return scimError(status, status === 409 ? 'uniqueness' : status === 400 ? 'invalidValue' : null, error.message);
    }
    this.logger.error(error);
    return scimError(500, null, scimText.t('scim.internal', { correlationId: currentContext()?.correlationId ?? '-' }));
  }

  private translate(filter: string | undefined, attributes: typeof USER_ATTRIBUTES): Record<string, unknown> {
    if (filter === undefined) return {};
    try {
      return scimFilterToMongo(filter, attributes);
    } catch (error) {
      if (error instanceof InvalidFilterError) throw scimError(400, 'invalidFilter', scimText.t('scim.invalidFilter', { reason: error.message }));
      throw error;
    }
  }

  /** RFC 7644 §3.4.2.4: startIndex below 1 is 1, a negative count is 0, and count is capped at maxResults. */
  private window(params: ListParams): { skip: number; limit: number; startIndex: number } {
    for (const parameter of ['startIndex', 'count'] as const) {
      const value = params[parameter];
      if (value !== undefined && !Number.isInteger(value)) throw scimError(400, 'invalidValue', scimText.t('scim.invalidParameter', { parameter }));
    }
    const startIndex = Math.max(1, params.startIndex ?? 1);
    const count = Math.min(Math.max(0, params.count ?? DEFAULT_COUNT), MAX_RESULTS);
    return { skip: startIndex - 1, limit: count, startIndex };
  }

  private async userViews(district: string, members: MemberDocument[]): Promise<Record<string, unknown>[]> {
    const managerIds = [...new Set(members.map((member) => member.directory?.manager?.value).filter((id): id is string => Boolean(id)))];
    const managers = managerIds.length
      ? new Map(
          (await this.members.find({ district, _id: { $in: managerIds }, ...LIVE }).select({ _id: 1, name: 1 }).lean<MemberDocument[]>()).map((m) => [m._id, m.name]),
        )
      : new Map<string, string>();
    return members.map((member) => {
      const managerId = member.directory?.manager?.value;
      return memberToScimUser(member, { usersPath: USERS_PATH, managerName: managerId ? managers.get(managerId) : undefined });
    });
  }

  private async groupViews(district: string, groups: ScimGroupDocument[]): Promise<Record<string, unknown>[]> {
    const memberIds = [...new Set(groups.flatMap((g) => g.memberIds))];
    const names = new Map(
      (await this.members.find({ district, _id: { $in: memberIds }, ...LIVE }).select({ _id: 1, name: 1 }).lean<MemberDocument[]>()).map((m) => [m._id, m.name]),
    );
    return groups.map((group) => ({
      id: group._id,
      displayName: group.displayName,
      ...(group.externalId ? { externalId: group.externalId } : {}),
      members: group.memberIds.filter((memberId) => names.has(memberId)).map((memberId) => ({ value: memberId, display: names.get(memberId), type: 'User' })),
      meta: {
        resourceType: 'Group',
        ...(group.createdAt ? { created: new Date(group.createdAt) } : {}),
        ...(group.updatedAt ? { lastModified: new Date(group.updatedAt) } : {}),
        version: etagOf(group.revision),
      },
    }));
  }
}
