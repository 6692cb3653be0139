import mongoose, { Connection, Model } from 'mongoose';
import { MemberSnapshot, UnitSnapshot } from '@campaign/contracts';
import { uniqueDatabase } from '@campaign/testing';
import { ORG_MEMBER, ORG_SYSTEM, ORG_UNIT, OrgReadModelOptions } from './org-read-model.options';
import { orgReadModelSchemas } from './org-read-model.schemas';
import { OrgReadModelService } from './org-read-model.service';

/** The three key layouts the services have, each with the fields its service keeps. */
const layouts: OrgReadModelOptions[] = [
  {
    key: 'id',
    collections: { units: 'org_units', members: 'org_members', systems: 'org_systems' },
    units: { kind: true, systemIds: true },
    members: { externalId: true, posts: true, leaderFlags: true, joinedOn: true, leftOn: true, previousUnits: true },
  },
  {
    key: 'district-key',
    collections: { units: 'units', members: 'members', systems: 'systems' },
    units: { systemIds: true },
    members: { leaderFlags: true, leftOn: true },
  },
  { key: 'id-field', collections: { units: 'directory_units', members: 'directory_members' }, members: { posts: true, roles: true, contacts: true } },
];

interface HeldUnit {
  path: string[];
  revision: number;
}

interface HeldMember {
  name: string;
  unitPath: string[];
  revision: number;
}

const district = 'district-org';
const unit = (unitId: string, path: string[], revision = 1): UnitSnapshot => ({
  unitId,
  name: unitId,
  kind: 'party-branch',
  parentId: path.length > 1 ? path[path.length - 2] : null,
  path,
  systemIds: [],
  status: 'active',
  revision,
});
const member = (memberId: string, unitId: string, unitPath: string[], revision = 1, name = memberId): MemberSnapshot => ({
  memberId,
  name,
  unitId,
  unitPath,
  posts: [],
  isLeader: false,
  isKeyPost: false,
  status: 'active',
  contacts: {},
  revision,
});

describe.each(layouts)('the organisation read model keyed by $key', (options) => {
  let connection: Connection;
  let readModel: OrgReadModelService;
  let units: Model<HeldUnit>;
  let members: Model<HeldMember>;

  const keyOf = (id: string) => (options.key === 'id' ? { _id: id } : options.key === 'district-key' ? { _id: `${district}|${id}` } : {});
  const idFilter = (field: 'unitId' | 'memberId', id: string) => ({ district, ...(options.key === 'id' ? { _id: id } : { [field]: id }) });
  const unitPath = async (unitId: string) => (await units.findOne(idFilter('unitId', unitId)).lean())?.path;
  const memberOf = (memberId: string) => members.findOne(idFilter('memberId', memberId)).lean();

  beforeAll(async () => {
    const url = new URL(process.env.TEST_MONGO_BASE_URL as string);
    url.pathname = `/${uniqueDatabase(`org_read_model_${options.key.replace('-', '_')}`)}`;
    connection = await mongoose.createConnection(url.toString()).asPromise();
    const schemas = orgReadModelSchemas(options);
    units = connection.model<HeldUnit>(ORG_UNIT, schemas.unit);
    members = connection.model<HeldMember>(ORG_MEMBER, schemas.member);
    const systems = schemas.system ? connection.model(ORG_SYSTEM, schemas.system) : undefined;
    await Promise.all([units.init(), members.init(), systems?.init()]);
    readModel = new OrgReadModelService(options, units as never, members as never, systems as never);
  });

  afterAll(() => connection?.close());

  it('applies a snapshot only when its revision is newer than the one held', async () => {
    await readModel.applyUnit(district, unit('u-root', ['u-root']));
    expect(await readModel.applyMember(district, member('m-guard', 'u-root', ['u-root'], 2, '李明'))).toBe('created');
    expect(await readModel.applyMember(district, member('m-guard', 'u-root', ['u-root'], 1, '李明（旧）'))).toBe('stale');
    expect(await readModel.applyMember(district, member('m-guard', 'u-root', ['u-root'], 2, '李明（重发）'))).toBe('held');
    expect(await memberOf('m-guard')).toMatchObject({ name: '李明', revision: 2, ...keyOf('m-guard') });
    expect(await readModel.applyMember(district, member('m-guard', 'u-root', ['u-root'], 3, '李明（新）'))).toBe('updated');
    expect(await memberOf('m-guard')).toMatchObject({ name: '李明（新）', revision: 3 });
  });

  it('keeps a later revision that was enrolled first, and enrols the rest in one insert', async () => {
    await readModel.applyMember(district, member('m-later', 'u-root', ['u-root'], 4, '后到的新版本'));
    const held = await readModel.enrolMembers(district, [member('m-later', 'u-root', ['u-root']), member('m-new', 'u-root', ['u-root'])]);
    expect(held.map((snapshot) => snapshot.memberId)).toEqual(['m-later']);
    expect(await readModel.applyMember(district, held[0])).toBe('stale');
    expect(await memberOf('m-later')).toMatchObject({ name: '后到的新版本', revision: 4 });
    expect(await memberOf('m-new')).toMatchObject({ revision: 1, ...keyOf('m-new') });
  });

  it('moves a subtree with its unit: descendants and members, those of units it does not hold too, and ignores a stale move', async () => {
    for (const snapshot of [unit('u-town', ['u-root', 'u-town']), unit('u-bureau', ['u-root', 'u-bureau']), unit('u-school', ['u-root', 'u-bureau', 'u-school'])]) {
      await readModel.applyUnit(district, snapshot);
    }
    await readModel.applyUnit(district, unit('u-class', ['u-root', 'u-bureau', 'u-school', 'u-class']));
    await readModel.applyMember(district, member('m-school', 'u-school', ['u-root', 'u-bureau', 'u-school']));
    await readModel.applyMember(district, member('m-class', 'u-class', ['u-root', 'u-bureau', 'u-school', 'u-class']));
    await readModel.applyMember(district, member('m-unheld', 'u-lab', ['u-root', 'u-bureau', 'u-school', 'u-lab']));

    expect(await readModel.applyUnit(district, unit('u-school', ['u-root', 'u-town', 'u-school'], 2))).toBe('updated');

    expect(await unitPath('u-school')).toEqual(['u-root', 'u-town', 'u-school']);
    expect(await unitPath('u-class')).toEqual(['u-root', 'u-town', 'u-school', 'u-class']);
    expect((await memberOf('m-school'))?.unitPath).toEqual(['u-root', 'u-town', 'u-school']);
    expect((await memberOf('m-class'))?.unitPath).toEqual(['u-root', 'u-town', 'u-school', 'u-class']);
    expect((await memberOf('m-unheld'))?.unitPath).toEqual(['u-root', 'u-town', 'u-school', 'u-lab']);

    expect(await readModel.applyUnit(district, unit('u-school', ['u-root', 'u-bureau', 'u-school'], 1))).toBe('stale');
    expect(await unitPath('u-class')).toEqual(['u-root', 'u-town', 'u-school', 'u-class']);
  });

  it('converges on the same tree when a child arrives before its parent', async () => {
    await readModel.applyUnit(district, unit('u-branch', ['u-root', 'u-street', 'u-branch']));
    await readModel.applyMember(district, member('m-branch', 'u-branch', ['u-root', 'u-street', 'u-branch']));
    await readModel.applyUnit(district, unit('u-street', ['u-root', 'u-town', 'u-street']));

    expect(await unitPath('u-branch')).toEqual(['u-root', 'u-town', 'u-street', 'u-branch']);
    expect((await memberOf('m-branch'))?.unitPath).toEqual(['u-root', 'u-town', 'u-street', 'u-branch']);
  });
});
