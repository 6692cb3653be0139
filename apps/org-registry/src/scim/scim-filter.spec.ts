import SCIMMY from 'scimmy';
import { GROUP_ATTRIBUTES, scimFilterToMongo, UnsupportedFilterError, USER_ATTRIBUTES } from './scim-filter';

const translate = (filter: string, attributes = USER_ATTRIBUTES) =>
  scimFilterToMongo(new SCIMMY.Types.Filter(filter) as unknown as Record<string, unknown>[], attributes);

describe('SCIM filter to Mongo', () => {
  it('translates the existence checks provisioning clients send', () => {
    expect(translate('userName eq "a@b.cn"')).toEqual({ userName: 'a@b.cn' });
    expect(translate('externalId eq "E1"')).toEqual({ externalId: 'E1' });
    expect(translate('displayName eq "教育组"', GROUP_ATTRIBUTES)).toEqual({ displayName: '教育组' });
  });

  it('maps active onto the member status', () => {
    expect(translate('active eq true')).toEqual({ status: 'active' });
    expect(translate('active eq false')).toEqual({ status: { $ne: 'active' } });
  });

  it('handles and/or/not, sub-attributes and value filters', () => {
    expect(translate('userName sw "a" and name.familyName eq "王"')).toEqual({ $and: [{ userName: { $regex: '^a', $options: 'i' } }, { familyName: '王' }] });
    expect(translate('userName eq "a" or userName eq "b"')).toEqual({ $or: [{ userName: 'a' }, { userName: 'b' }] });
    expect(translate('not (userName eq "a")')).toEqual({ $nor: [{ userName: 'a' }] });
    expect(translate('emails[type eq "work" and value co "x.cn"]')).toEqual({ 'contacts.email': { $regex: 'x\\.cn', $options: 'i' } });
    expect(translate('meta.lastModified gt "2026-01-01T00:00:00Z"')).toEqual({ updatedAt: { $gt: new Date('2026-01-01T00:00:00Z') } });
  });

  it('refuses attributes it cannot answer', () => {
    expect(() => translate('nickName eq "x"')).toThrow(UnsupportedFilterError);
  });
});
