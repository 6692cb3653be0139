import { MemberDocument } from '../members/member.schema';
import { ENTERPRISE_USER, memberToScimUser, scimUserToFields } from './scim-user-mapping';

const unit = { _id: 'u1', path: ['root', 'u1'] };

describe('SCIM user mapping', () => {
  it('a member becomes a User with its unit as department and its revision as version', () => {
    const member = { _id: 'm1', district: 'd', userName: 'w@x.cn', name: '王伟', unitId: 'u1', unitPath: [], posts: ['书记', '乡长'], isLeader: true, isKeyPost: false, status: 'left', contacts: { email: 'w@x.cn' }, history: [], revision: 3 } as MemberDocument;
    expect(memberToScimUser(member, 'XZ-YK')).toMatchObject({
      id: 'm1',
      userName: 'w@x.cn',
      displayName: '王伟',
      active: false,
      title: '书记、乡长',
      emails: [{ value: 'w@x.cn', primary: true }],
      [ENTERPRISE_USER]: { department: 'XZ-YK' },
      meta: { version: 'W/"3"' },
    });
  });

  it('a new User gets its name from family + given name (Chinese order) and is active', () => {
    const fields = scimUserToFields({ userName: 'z@x.cn', name: { familyName: '赵', givenName: '磊' } }, undefined, unit);
    expect(fields).toMatchObject({ name: '赵磊', userName: 'z@x.cn', status: 'active', unitId: 'u1', posts: [] });
  });

  it('active=false deprovisions: the member is left, never removed', () => {
    const current = scimUserToFields({ userName: 'z', displayName: 'Z' }, undefined, unit);
    if (typeof current === 'string') throw new Error(current);
    expect(scimUserToFields({ userName: 'z', displayName: 'Z', active: false }, current, unit)).toMatchObject({ status: 'left' });
  });

  it('keeps registry-maintained posts when the client sends no title', () => {
    const current = { name: 'x', unitId: 'u1', unitPath: ['u1'], posts: ['书记'], isLeader: true, isKeyPost: true, status: 'active' as const, contacts: {} };
    expect(scimUserToFields({ userName: 'x', displayName: 'x' }, current, unit)).toMatchObject({ posts: ['书记'], isLeader: true });
  });

  it('refuses a User without any name', () => {
    expect(scimUserToFields({ userName: 'x' }, undefined, unit)).toMatch(/^name:/);
  });
});
