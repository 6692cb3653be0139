import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { ORG_MEMBER, ORG_UNIT } from '@campaign/org-read-model';
import { CampaignService } from '../campaigns/campaign.service';
import { OrgMember, OrgUnit } from '../org-read-model/org-read-model.schemas';
import { NamedKind, nameFieldOf, NameSpec } from './show-names.decorator';

type Row = Record<string, unknown>;

export interface NameBook {
  unit(unitId: string): string | null;
  member(memberId: string): string | null;
}

function idsIn(row: Row, field: string): string[] {
  const value = row[field];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}

/** Names beside ids, from the local read model: one read per kind for a whole response, however many rows. */
@Injectable()
export class NamesService {
  constructor(
    @InjectModel(ORG_UNIT) private readonly units: Model<OrgUnit>,
    @InjectModel(ORG_MEMBER) private readonly members: Model<OrgMember>,
    private readonly campaigns: CampaignService,
  ) {}

  /** The names of these units and members; an id the read model does not know has none. */
  async book(district: string, ids: { units?: Iterable<string>; members?: Iterable<string> }): Promise<NameBook> {
    const unitIds = [...new Set(ids.units ?? [])];
    const memberIds = [...new Set(ids.members ?? [])];
    const [units, members] = await Promise.all([
      unitIds.length ? this.units.find({ district, _id: { $in: unitIds } }).select('name').lean<Pick<OrgUnit, '_id' | 'name'>[]>().exec() : [],
      memberIds.length ? this.members.find({ district, _id: { $in: memberIds } }).select('name').lean<Pick<OrgMember, '_id' | 'name'>[]>().exec() : [],
    ]);
    const unitNames = new Map(units.map((unit) => [unit._id, unit.name]));
    const memberNames = new Map(members.map((member) => [member._id, member.name]));
    return { unit: (id) => unitNames.get(id) ?? null, member: (id) => memberNames.get(id) ?? null };
  }

  /** The rows with a name field beside each id field of the spec. */
  async attach<T extends Row>(district: string, rows: T[], spec: NameSpec): Promise<T[]> {
    const fields = Object.entries(spec) as [string, NamedKind][];
    const wanted = (kind: NamedKind) => rows.flatMap((row) => fields.filter(([, k]) => k === kind).flatMap(([field]) => idsIn(row, field)));
    const book = await this.book(district, { units: wanted('unit'), members: wanted('member') });
    const carriers = fields.some(([, kind]) => kind === 'carrier') ? await this.carrierNames(district, rows) : new Map<string, string>();
    const nameOf = (kind: NamedKind, id: string) => (kind === 'unit' ? book.unit(id) : kind === 'member' ? book.member(id) : (carriers.get(id) ?? null));
    return rows.map((row) => {
      const named: Row = { ...row };
      for (const [field, kind] of fields) {
        const value = row[field];
        if (typeof value === 'string') named[nameFieldOf(field)] = nameOf(kind, value);
        else if (Array.isArray(value)) named[nameFieldOf(field)] = idsIn(row, field).map((id) => nameOf(kind, id));
        else if (value === null) named[nameFieldOf(field)] = null;
      }
      return named as T;
    });
  }

  private async carrierNames(district: string, rows: Row[]): Promise<Map<string, string>> {
    const campaignIds = [...new Set(rows.map((row) => row.campaignId).filter((id): id is string => typeof id === 'string'))];
    if (campaignIds.length === 0) return new Map();
    const campaigns = await this.campaigns.carriers(district, campaignIds);
    return new Map(campaigns.flatMap((campaign) => campaign.carriers.map((carrier) => [carrier.carrierId, carrier.name] as const)));
  }
}
