import { HttpException, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import SCIMMY from 'scimmy';
import { newId, today } from '../common/ids';
import { fieldsOf } from '../members/member-changes';
import { MEMBER_MODEL, MemberDocument } from '../members/member.schema';
import { MembersService } from '../members/members.service';
import { UNIT_MODEL, UnitDocument } from '../units/unit.schema';
import { GROUP_ATTRIBUTES, scimFilterToMongo, UnsupportedFilterError, USER_ATTRIBUTES } from './scim-filter';
import { SCIM_GROUP_MODEL, ScimGroupDocument } from './scim-group.schema';
import { ENTERPRISE_USER, etagOf, memberToScimUser, ScimUserIn, scimUserToFields } from './scim-user-mapping';

export interface ScimContext {
  district: string;
  service: ScimService;
}

export interface ListParams {
  filter?: string;
  startIndex?: number;
  count?: number;
}

const MAX_PAGE = 200;

function scimError(status: number, scimType: string | null, message: string): Error {
  return new SCIMMY.Types.Error(status, scimType as string, message);
}

/** Nest exceptions from the member service become SCIM errors with the matching status and scimType. */
function asScimError(error: unknown): unknown {
  if (!(error instanceof HttpException)) return error;
  const status = error.getStatus();
  return scimError(status, status === 409 ? 'uniqueness' : status === 400 ? 'invalidValue' : null, error.message);
}

/** The SCIM 2.0 resources (Users = members, Groups = HR groups) of one district, behind SCIMMY's handlers. */
@Injectable()
export class ScimService {
  constructor(
    @InjectModel(MEMBER_MODEL) private readonly members: Model<MemberDocument>,
    @InjectModel(UNIT_MODEL) private readonly units: Model<UnitDocument>,
    @InjectModel(SCIM_GROUP_MODEL) private readonly groups: Model<ScimGroupDocument>,
    private readonly memberService: MembersService,
  ) {}

  async revisionOf(district: string, resource: 'Users' | 'Groups', id: string): Promise<number | undefined> {
    const model = (resource === 'Users' ? this.members : this.groups) as unknown as Model<{ _id: string; revision: number }>;
    const found = await model.findOne({ district, _id: id }).select({ revision: 1 }).lean<{ revision: number }>();
    return found?.revision;
  }

  async listUsers(district: string, params: ListParams): Promise<{ total: number; resources: Record<string, unknown>[] }> {
    const filter = { district, ...this.translate(params.filter, USER_ATTRIBUTES) };
    const { skip, limit } = this.window(params);
    const [docs, total] = await Promise.all([
      this.members.find(filter).sort({ _id: 1 }).skip(skip).limit(limit).lean<MemberDocument[]>(),
      this.members.countDocuments(filter),
    ]);
    const codes = await this.unitCodes(district, docs.map((m) => m.unitId));
    return { total, resources: docs.map((member) => memberToScimUser(member, codes.get(member.unitId))) };
  }

  async listGroups(district: string, params: ListParams): Promise<{ total: number; resources: Record<string, unknown>[] }> {
    const filter = { district, ...this.translate(params.filter, GROUP_ATTRIBUTES) };
    const { skip, limit } = this.window(params);
    const [docs, total] = await Promise.all([
      this.groups.find(filter).sort({ _id: 1 }).skip(skip).limit(limit).lean<ScimGroupDocument[]>(),
      this.groups.countDocuments(filter),
    ]);
    return { total, resources: await this.groupViews(district, docs) };
  }

  async userEgress(district: string, id: string): Promise<Record<string, unknown>> {
    const member = await this.memberService.findById(district, id);
    if (!member) throw scimError(404, null, `Resource ${id} not found`);
    const codes = await this.unitCodes(district, [member.unitId]);
    return memberToScimUser(member, codes.get(member.unitId));
  }

  /** POST creates (or re-activates a deprovisioned user of the same userName); PUT and PATCH replace. */
  async userIngress(district: string, id: string | undefined, user: ScimUserIn): Promise<Record<string, unknown>> {
    try {
      let current = id ? await this.memberService.findById(district, id) : null;
      if (id && !current) throw scimError(404, null, `Resource ${id} not found`);
      if (!id && user.userName) {
        const sameName = await this.memberService.findByUserName(district, user.userName);
        if (sameName?.status === 'active') throw scimError(409, 'uniqueness', `userName ${user.userName} already exists`);
        current = sameName;
      }
      const unit = await this.unitFor(district, user[ENTERPRISE_USER]?.department, current);
      const fields = scimUserToFields(user, current ? fieldsOf(current) : undefined, unit);
      if (typeof fields === 'string') throw scimError(400, 'invalidValue', fields);
      const member = current ? (await this.memberService.change(current, fields, today())).member : await this.memberService.insert(district, fields);
      return this.userEgress(district, member._id);
    } catch (error) {
      throw asScimError(error);
    }
  }

  /** DELETE deprovisions: the member is marked left, never removed. */
  async userDegress(district: string, id: string): Promise<void> {
    const current = await this.memberService.findById(district, id);
    if (!current) throw scimError(404, null, `Resource ${id} not found`);
    if (current.status !== 'active') return;
    try {
      await this.memberService.change(current, { ...fieldsOf(current), status: 'left' }, today());
    } catch (error) {
      throw asScimError(error);
    }
  }

  async groupEgress(district: string, id: string): Promise<Record<string, unknown>> {
    const group = await this.groups.findOne({ district, _id: id }).lean<ScimGroupDocument>();
    if (!group) throw scimError(404, null, `Resource ${id} not found`);
    return (await this.groupViews(district, [group]))[0];
  }

  async groupIngress(district: string, id: string | undefined, group: { displayName?: string; externalId?: string; members?: { value?: string }[] }): Promise<Record<string, unknown>> {
    const memberIds = [...new Set((group.members ?? []).map((m) => m.value).filter((v): v is string => Boolean(v)))];
    const known = await this.members.countDocuments({ district, _id: { $in: memberIds } });
    if (known !== memberIds.length) throw scimError(400, 'invalidValue', 'members: some members do not exist');
    if (!group.displayName) throw scimError(400, 'invalidValue', 'displayName: required');
    const fields = { displayName: group.displayName, externalId: group.externalId, memberIds };
    if (!id) {
      const duplicate = await this.groups.findOne({ district, displayName: group.displayName }).select({ _id: 1 }).lean();
      if (duplicate) throw scimError(409, 'uniqueness', `group ${group.displayName} already exists`);
      const created = await this.groups.create({ _id: newId(), district, ...fields, revision: 1 });
      return this.groupEgress(district, created._id);
    }
    const current = await this.groups.findOne({ district, _id: id }).lean<ScimGroupDocument>();
    if (!current) throw scimError(404, null, `Resource ${id} not found`);
    const unchanged = current.displayName === fields.displayName && current.externalId === fields.externalId && JSON.stringify(current.memberIds) === JSON.stringify(memberIds);
    if (!unchanged) {
      const result = await this.groups.updateOne({ district, _id: id, revision: current.revision }, { $set: fields, $inc: { revision: 1 } });
      if (result.matchedCount === 0) throw scimError(409, null, `group ${id} changed concurrently; retry`);
    }
    return this.groupEgress(district, id);
  }

  async groupDegress(district: string, id: string): Promise<void> {
    const result = await this.groups.deleteOne({ district, _id: id });
    if (result.deletedCount === 0) throw scimError(404, null, `Resource ${id} not found`);
  }

  private translate(filter: string | undefined, attributes: typeof USER_ATTRIBUTES): Record<string, unknown> {
    if (!filter) return {};
    try {
      return scimFilterToMongo(new SCIMMY.Types.Filter(filter) as unknown as Record<string, unknown>[], attributes);
    } catch (error) {
      if (error instanceof UnsupportedFilterError || error instanceof TypeError || error instanceof SCIMMY.Types.Error) {
        throw scimError(400, 'invalidFilter', (error as Error).message);
      }
      throw error;
    }
  }

  private window(params: ListParams): { skip: number; limit: number } {
    const startIndex = Math.max(1, Math.floor(Number(params.startIndex) || 1));
    const count = params.count === undefined ? 100 : Math.max(0, Math.floor(Number(params.count) || 0));
    return { skip: startIndex - 1, limit: Math.min(count, MAX_PAGE) };
  }

  private async unitCodes(district: string, unitIds: string[]): Promise<Map<string, string>> {
    const units = await this.units.find({ district, _id: { $in: [...new Set(unitIds)] } }).select({ _id: 1, code: 1 }).lean<UnitDocument[]>();
    return new Map(units.map((unit) => [unit._id, unit.code]));
  }

  /** The department names a unit by code (or by a name used once); without one, the member stays put or joins the root. */
  private async unitFor(district: string, department: string | undefined, current: MemberDocument | null): Promise<{ _id: string; path: string[] }> {
    if (department) {
      const byCode = await this.units.findOne({ district, code: department, status: 'active' }).lean<UnitDocument>();
      if (byCode) return byCode;
      const byName = await this.units.find({ district, name: department, status: 'active' }).limit(2).lean<UnitDocument[]>();
      if (byName.length === 1) return byName[0];
      throw scimError(400, 'invalidValue', `department: no single active unit with code or name "${department}"`);
    }
    if (current) return { _id: current.unitId, path: current.unitPath };
    const root = await this.units.findOne({ district, parentId: null, status: 'active' }).sort({ createdAt: 1 }).lean<UnitDocument>();
    if (!root) throw scimError(400, 'invalidValue', 'department: the district has no units yet');
    return root;
  }

  private async groupViews(district: string, groups: ScimGroupDocument[]): Promise<Record<string, unknown>[]> {
    const memberIds = [...new Set(groups.flatMap((g) => g.memberIds))];
    const names = new Map(
      (await this.members.find({ district, _id: { $in: memberIds } }).select({ _id: 1, name: 1 }).lean<MemberDocument[]>()).map((m) => [m._id, m.name]),
    );
    return groups.map((group) => ({
      id: group._id,
      displayName: group.displayName,
      ...(group.externalId ? { externalId: group.externalId } : {}),
      members: group.memberIds.map((memberId) => ({ value: memberId, display: names.get(memberId), type: 'User' })),
      meta: {
        resourceType: 'Group',
        ...(group.createdAt ? { created: new Date(group.createdAt) } : {}),
        ...(group.updatedAt ? { lastModified: new Date(group.updatedAt) } : {}),
        version: etagOf(group.revision),
      },
    }));
  }
}
