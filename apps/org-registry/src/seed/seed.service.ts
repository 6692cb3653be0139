import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Principal } from '@campaign/auth';
import { stableId } from '../common/ids';
import { forbidden } from '../i18n/problems';
import { ImportReport, ImportService } from '../import/import.service';
import { LEADING_GROUP, LeadingGroupDocument } from '../leading-groups/leading-group.schema';
import { LeadingGroupsService } from '../leading-groups/leading-groups.service';
import { MemberRolesService } from '../members/member-roles.service';
import { MEMBER, MemberDocument } from '../members/member.schema';
import { ORG_SYSTEM, SystemDocument } from '../systems/system.schema';
import { SystemsService } from '../systems/systems.service';
import { UnitAdminsService } from '../unit-admins/unit-admins.service';
import { UnitsService } from '../units/units.service';
import { demoGroups, demoMembers, demoSystems, demoUnitAdmins, demoUnits } from './demo-district';

export const DEMO_MAPPING = 'demo';

export interface SeedSummary {
  district: string;
  units: { created: number; existing: number };
  systems: number;
  members: Pick<ImportReport, 'rows'> & Record<'created' | 'updated' | 'moved' | 'unchanged' | 'rejected', number>;
  leadingGroups: number;
  unitAdmins: number;
  /** Ids by unit code, for demos and end-to-end tests. */
  unitIds: Record<string, string>;
}

/**
 * Loads the source document's district through the service's own methods (so every record announces itself on
 * the event stream). Ids derive from the district and the codes: running it again changes nothing.
 */
@Injectable()
export class SeedService {
  constructor(
    @InjectModel(MEMBER) private readonly memberModel: Model<MemberDocument>,
    @InjectModel(ORG_SYSTEM) private readonly systemModel: Model<SystemDocument>,
    @InjectModel(LEADING_GROUP) private readonly groupModel: Model<LeadingGroupDocument>,
    private readonly units: UnitsService,
    private readonly systems: SystemsService,
    private readonly groups: LeadingGroupsService,
    private readonly imports: ImportService,
    private readonly unitAdmins: UnitAdminsService,
    private readonly memberRoles: MemberRolesService,
    private readonly config: ConfigService,
  ) {}

  async seedDemo(district: string): Promise<SeedSummary> {
    if (this.config.get<string>('NODE_ENV') === 'production') throw forbidden('seed.refused-in-production');
    const seeder: Principal = { sub: 'seed', district, roles: ['district-admin'], units: [] };
    const units = demoUnits();
    const unitIds: Record<string, string> = Object.fromEntries(units.map((unit) => [unit.code, stableId(district, 'unit', unit.code)]));
    const created = await this.units.createMany(
      district,
      units.map((unit) => ({ id: unitIds[unit.code], code: unit.code, name: unit.name, kind: unit.kind, parentId: unit.parent ? unitIds[unit.parent] : undefined })),
    );

    await this.imports.saveMapping(district, DEMO_MAPPING, {
      format: 'json',
      columns: { externalId: 'externalId', name: 'name', unit: 'unit', posts: 'posts', isLeader: 'isLeader', isKeyPost: 'isKeyPost', joinedAt: 'joinedAt', email: 'email' },
      unitReference: 'code',
    });
    const people = demoMembers();
    const report = await this.imports.run(district, { content: people, mapping: await this.imports.mapping(district, DEMO_MAPPING), dryRun: false, maxItems: 0 });

    const memberIds = new Map(
      (await this.memberModel.find({ district, externalId: { $in: people.map((p) => p.externalId) } }).select({ _id: 1, externalId: 1 }).lean<MemberDocument[]>()).map(
        (m) => [m.externalId as string, m._id],
      ),
    );
    const seatOf = (externalId: string) => memberIds.get(externalId) as string;

    const systems = demoSystems();
    for (const system of systems) {
      const id = stableId(district, 'system', system.code);
      const input = { name: system.name, leadUnitId: unitIds[system.lead], unitIds: system.units.map((code) => unitIds[code]) };
      const found = await this.systemModel.findOne({ district, _id: id }).select({ _id: 1 }).lean();
      if (found) await this.systems.update(district, id, input);
      else await this.systems.create(district, { ...input, code: system.code }, id);
    }

    const groups = demoGroups(people);
    for (const group of groups) {
      const id = stableId(district, 'group', group.code);
      const seats = group.seats.map((seat) => ({ memberId: seatOf(seat.member), role: seat.role }));
      const found = await this.groupModel.findOne({ district, _id: id }).select({ _id: 1 }).lean();
      if (found) await this.groups.replaceSeats(seeder, id, seats, undefined, { resolveRoles: false });
      else await this.groups.create(seeder, unitIds[group.unit], { name: group.name, kind: group.kind, members: seats }, id, { resolveRoles: false });
    }

    const admins = demoUnitAdmins(people);
    await this.unitAdmins.grantNew(district, admins.map((admin) => ({ unitId: unitIds[admin.unit], memberId: seatOf(admin.member) })), seeder.sub);
    // One pass for every seated member and unit admin rather than one per seat and grant.
    const roleHolders = [...groups.flatMap((group) => group.seats.map((seat) => seat.member)), ...admins.map((admin) => admin.member)].map(seatOf);
    await this.memberRoles.resolve(district, { memberIds: [...new Set(roleHolders)] });

    return {
      district,
      units: { created, existing: units.length - created },
      systems: systems.length,
      members: {
        rows: report.rows,
        created: report.created.count,
        updated: report.updated.count,
        moved: report.moved.count,
        unchanged: report.unchanged.count,
        rejected: report.rejected.count,
      },
      leadingGroups: groups.length,
      unitAdmins: admins.length,
      unitIds,
    };
  }
}
