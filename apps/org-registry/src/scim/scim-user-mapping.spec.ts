import { MemberDocument } from '../members/member.schema';
import { directoryOf, displayNameOf, ENTERPRISE_USER, memberToScimUser, scimUserToFields } from './scim-user-mapping';

const placement = { unitId: 'u1', unitPath: ['root', 'u1'] };
const context = { usersPath: '/scim/v2/Users' };

const stored = (overrides: Partial<MemberDocument> = {}): MemberDocument => ({
  _id: 'm1',
  district: 'd',
  userName: 'w@x.cn',
  name: '王伟',
  unitId: 'u1',
  unitPath: ['root', 'u1'],
  posts: ['书记', '乡长'],
  isLeader: true,
  isKeyPost: false,
  status: 'left',
  contacts: { email: 'w@x.cn' },
  history: [],
  revision: 3,
  ...overrides,
});

describe('SCIM user mapping', () => {
  it('a member provisioned elsewhere becomes a User from its own fields, its revision as version', () => {
    expect(memberToScimUser(stored(), context)).toMatchObject({
      id: 'm1',
      userName: 'w@x.cn',
      displayName: '王伟',
      name: { formatted: '王伟' },
      active: false,
      title: '书记、乡长',
      emails: [{ value: 'w@x.cn', type: 'work', primary: true }],
      meta: { version: 'W/"3"' },
    });
    expect(memberToScimUser(stored(), context)[ENTERPRISE_USER]).toBeUndefined();
  });

  it('gives back every typed value and enterprise attribute as the identity provider sent them, the manager with its reference', () => {
    const member = stored({
      directory: {
        formattedName: 'Wang Wei',
        emails: [{ value: 'w@x.cn', type: 'work', primary: true }, { value: 'w@home.cn', type: 'home' }],
        phoneNumbers: [{ value: '0791-1', type: 'work' }, { value: '13800000000', type: 'mobile' }],
        addresses: [{ type: 'work', streetAddress: '解放路1号', locality: '黄金坳镇' }],
        employeeNumber: '0042',
        costCenter: 'CC-7',
        organization: '区委',
        division: '组织部',
        department: 'Research & Development',
        manager: { value: 'm0', displayName: 'stale' },
      },
    });
    const user = memberToScimUser(member, { ...context, managerName: '刘洋' });
    expect(user).toMatchObject({
      name: { formatted: 'Wang Wei' },
      emails: member.directory?.emails,
      phoneNumbers: member.directory?.phoneNumbers,
      addresses: member.directory?.addresses,
      [ENTERPRISE_USER]: {
        employeeNumber: '0042',
        costCenter: 'CC-7',
        organization: '区委',
        division: '组织部',
        department: 'Research & Development',
        manager: { value: 'm0', $ref: '/scim/v2/Users/m0', displayName: '刘洋' },
      },
    });
    expect(memberToScimUser(member, context)[ENTERPRISE_USER]).toMatchObject({ manager: { value: 'm0', displayName: 'stale' } });
  });

  it('names the member by displayName first, then name.formatted, then family + given name', () => {
    expect(displayNameOf({ displayName: '陈静怡', name: { formatted: '陈静' } })).toBe('陈静怡');
    expect(displayNameOf({ name: { formatted: '陈静', familyName: '陈', givenName: '静' } })).toBe('陈静');
    expect(displayNameOf({ name: { familyName: '赵', givenName: '磊' } })).toBe('赵磊');
    expect(displayNameOf({ name: { familyName: 'Lovelace', givenName: 'Ada' } })).toBe('Ada Lovelace');
  });

  it('a new User is active, in the unit of its placement, and contacted at its primary (else work) values', () => {
    const fields = scimUserToFields(
      {
        userName: 'z@x.cn',
        name: { familyName: '赵', givenName: '磊' },
        emails: [{ value: 'not an address', primary: true }, { value: 'home@x.cn', type: 'home' }, { value: 'z@x.cn', type: 'work' }],
        phoneNumbers: [{ value: '0791-1', type: 'work' }, { value: '138', type: 'mobile', primary: true }],
      },
      undefined,
      { ...placement, awaitingPlacement: { department: '研发部', since: '2026-11-30' } },
    );
    expect(fields).toMatchObject({
      name: '赵磊',
      userName: 'z@x.cn',
      status: 'active',
      unitId: 'u1',
      posts: [],
      contacts: { email: 'z@x.cn', phone: '138' },
      awaitingPlacement: { department: '研发部', since: '2026-11-30' },
    });
    expect(fields?.directory?.emails).toHaveLength(3);
    expect(fields?.directory?.phoneNumbers).toHaveLength(2);
  });

  it('keeps the enterprise extension and drops empty values', () => {
    expect(
      directoryOf({
        emails: [{ value: ' ' }],
        [ENTERPRISE_USER]: { employeeNumber: ' 0042 ', department: 'Research & Development', costCenter: '', manager: { value: 'm0', displayName: '刘洋' } },
      }),
    ).toEqual({ employeeNumber: '0042', department: 'Research & Development', manager: { value: 'm0', displayName: '刘洋' } });
    expect(directoryOf({ userName: 'x' })).toBeUndefined();
  });

  it('active=false deprovisions: the member is left, never removed', () => {
    const current = scimUserToFields({ userName: 'z', displayName: 'Z' }, undefined, placement);
    expect(scimUserToFields({ userName: 'z', displayName: 'Z', active: false }, current, placement)).toMatchObject({ status: 'left' });
  });

  it('keeps registry-maintained posts when the client sends no title', () => {
    const current = { name: 'x', unitId: 'u1', unitPath: ['u1'], posts: ['书记'], isLeader: true, isKeyPost: true, status: 'active' as const, contacts: {} };
    expect(scimUserToFields({ userName: 'x', displayName: 'x' }, current, placement)).toMatchObject({ posts: ['书记'], isLeader: true });
  });

  it('has nothing to offer for a User without any name', () => {
    expect(scimUserToFields({ userName: 'x' }, undefined, placement)).toBeUndefined();
  });
});
