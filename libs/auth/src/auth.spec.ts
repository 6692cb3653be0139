import { canManageUnit, canSeeMember, Principal } from './principal';
import { InvalidTokenError, issueDevToken, TokenVerifier } from './token-verifier';

const secret = 'a-development-secret-of-32-chars!!';
const districtAdmin: Principal = { sub: 'admin', district: 'd-1', roles: ['district-admin'], units: [] };
const unitAdmin: Principal = { sub: 'edu', district: 'd-1', roles: ['unit-admin'], units: ['u-edu'] };
const member: Principal = { sub: 'm', district: 'd-1', roles: ['member'], units: [], memberId: 'm-1' };

describe('access rules', () => {
  const schoolPath = ['u-root', 'u-edu', 'u-school'];
  const townPath = ['u-root', 'u-town'];

  it('lets a district admin manage every unit of their district and none of another', () => {
    expect(canManageUnit(districtAdmin, 'd-1', townPath)).toBe(true);
    expect(canManageUnit(districtAdmin, 'd-2', townPath)).toBe(false);
  });

  it('lets a unit admin manage only their subtree', () => {
    expect(canManageUnit(unitAdmin, 'd-1', schoolPath)).toBe(true);
    expect(canManageUnit(unitAdmin, 'd-1', townPath)).toBe(false);
  });

  it('lets a member see only themselves', () => {
    expect(canSeeMember(member, 'd-1', 'm-1', schoolPath)).toBe(true);
    expect(canSeeMember(member, 'd-1', 'm-2', schoolPath)).toBe(false);
    expect(canManageUnit(member, 'd-1', schoolPath)).toBe(false);
  });
});

describe('token verification (development issuer)', () => {
  const verifier = new TokenVerifier({ devSecret: secret, issuer: 'campaign-platform-dev', audience: 'campaign-platform' });

  it('accepts a token it issued and returns the principal', async () => {
    const token = await issueDevToken(unitAdmin, { secret });
    await expect(verifier.verify(token)).resolves.toEqual(unitAdmin);
  });

  it('refuses a token signed with another secret, for another audience, or expired', async () => {
    await expect(verifier.verify(await issueDevToken(unitAdmin, { secret: `${secret}-other` }))).rejects.toThrow(InvalidTokenError);
    await expect(verifier.verify(await issueDevToken(unitAdmin, { secret, audience: 'elsewhere' }))).rejects.toThrow(/aud/);
    await expect(verifier.verify(await issueDevToken(unitAdmin, { secret, expiresIn: '-1m' }))).rejects.toThrow(/exp/);
  });

  it('refuses a token without a district or with an unknown role', async () => {
    const noDistrict = await issueDevToken({ ...unitAdmin, district: '' }, { secret });
    await expect(verifier.verify(noDistrict)).rejects.toThrow(/district/);
    const badRole = await issueDevToken({ ...unitAdmin, roles: ['emperor' as never] }, { secret });
    await expect(verifier.verify(badRole)).rejects.toThrow(/roles/);
  });
});
