import { GROUP_ATTRIBUTES, InvalidFilterError, scimFilterToMongo, USER_ATTRIBUTES } from './scim-filter';

const translate = (filter: string, attributes = USER_ATTRIBUTES) => scimFilterToMongo(filter, attributes);
const EMAIL_FIELDS = ['directory.emails.value', 'contacts.email'];

describe('SCIM filter to Mongo', () => {
  it('translates the existence checks provisioning clients send', () => {
    expect(translate('userName eq "a@b.cn"')).toEqual({ userNameKey: 'a@b.cn' });
    expect(translate('externalId eq "E1"')).toEqual({ externalId: 'E1' });
    expect(translate('displayName eq "教育组"', GROUP_ATTRIBUTES)).toEqual({ displayName: { $regex: '^教育组$', $options: 'i' } });
    expect(translate('id eq "g1" and members[value eq "m1"]', GROUP_ATTRIBUTES)).toEqual({ $and: [{ _id: 'g1' }, { memberIds: 'm1' }] });
  });

  it('compares userName and other caseExact:false attributes case-insensitively, ids exactly', () => {
    expect(translate('userName eq "ADA@Contoso.example"')).toEqual({ userNameKey: 'ada@contoso.example' });
    expect(translate('userName ne "ADA"')).toEqual({ userNameKey: { $ne: 'ada' } });
    expect(translate('name.familyName eq "Lovelace"')).toEqual({ familyName: { $regex: '^Lovelace$', $options: 'i' } });
    expect(translate('externalId sw "E"')).toEqual({ externalId: { $regex: '^E' } });
  });

  it('maps active onto the member status', () => {
    expect(translate('active eq true')).toEqual({ status: 'active' });
    expect(translate('active eq false')).toEqual({ status: { $ne: 'active' } });
    expect(translate('active ne "True"')).toEqual({ status: { $ne: 'active' } });
  });

  it('handles and/or/not with SCIM precedence, sub-attributes, value filters and extension attributes', () => {
    expect(translate('userName sw "a" and name.familyName eq "王"')).toEqual({ $and: [{ userName: { $regex: '^a', $options: 'i' } }, { familyName: { $regex: '^王$', $options: 'i' } }] });
    expect(translate('userName eq "a" or userName eq "b" and active eq true')).toEqual({ $or: [{ userNameKey: 'a' }, { $and: [{ userNameKey: 'b' }, { status: 'active' }] }] });
    expect(translate('not (userName eq "a")')).toEqual({ $nor: [{ userNameKey: 'a' }] });
    expect(translate('emails[type eq "work" and value co "x.cn"]')).toEqual({ $or: EMAIL_FIELDS.map((field) => ({ [field]: { $regex: 'x\\.cn', $options: 'i' } })) });
    expect(translate('meta.lastModified gt "2026-01-01T00:00:00Z"')).toEqual({ updatedAt: { $gt: new Date('2026-01-01T00:00:00Z') } });
    expect(translate('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "0042"')).toEqual({ 'directory.employeeNumber': { $regex: '^0042$', $options: 'i' } });
    expect(translate('urn:ietf:params:scim:schemas:core:2.0:User:userName pr')).toEqual({ userName: { $exists: true, $nin: [null, ''] } });
  });

  it.each([
    ['userName eq', 'a comparison without a value'],
    ['userName', 'an attribute alone'],
    ['userName eq "a" and', 'a dangling and'],
    ['userName eq "a" or', 'a dangling or'],
    ['(userName eq "a"', 'an unclosed group'],
    ['emails[type eq "work"', 'an unclosed value filter'],
    ['userName zz "a"', 'an unknown comparison'],
    ['userName pr "x"', 'pr with a value'],
    ['"x"', 'a bare value'],
    ['userName eq "a" userName', 'trailing words'],
    ['', 'an empty filter'],
    ['nickName eq "x"', 'an attribute the service cannot answer'],
    ['active gt true', 'a range on active'],
    ['meta.created gt "yesterday"', 'a date that is not one'],
  ])('refuses %j (%s)', (filter) => {
    expect(() => translate(filter)).toThrow(InvalidFilterError);
  });
});
