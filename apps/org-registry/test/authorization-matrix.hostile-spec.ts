import { randomUUID } from 'node:crypto';
import { apiFuzzCases, AUTHORIZATION_TABLE, authorizationMatrixCases, TARGET_TABLE, TargetFixture, targetMatrixCases } from '@campaign/testing';
import { auth, startOrgRegistry, TestApp } from './org-test-kit';

let service: TestApp;

beforeAll(async () => {
  service = await startOrgRegistry('org_matrix');
});

afterAll(async () => {
  await service?.app.close();
});

/** 区委 with two townships: 盈口乡 (the unit admin's subtree, with the member and a colleague) and 杨村乡 (outside it). */
async function seedTargets(): Promise<TargetFixture> {
  const district = `d-target-${randomUUID()}`;
  const admin = auth(await service.tokenFor({ district, roles: ['district-admin'] }));
  const created = async (path: string, body: Record<string, unknown>, id: string): Promise<string> => {
    const response = await service.http.post(path).set(admin).send(body).expect(201);
    return response.body[id] as string;
  };
  const root = await created('/units', { name: '区委', kind: 'district-committee' }, 'unitId');
  const yingkou = await created('/units', { name: '盈口乡', kind: 'township', parentId: root }, 'unitId');
  const yangcun = await created('/units', { name: '杨村乡', kind: 'township', parentId: root }, 'unitId');
  const own = await created('/members', { name: '张明', unitId: yingkou }, 'memberId');
  const colleague = await created('/members', { name: '李华', unitId: yingkou }, 'memberId');
  const outsider = await created('/members', { name: '王芳', unitId: yangcun }, 'memberId');
  return {
    district,
    subtreeRoot: yingkou,
    memberId: own,
    records: {
      inside: { unit: yingkou, unitName: '盈口乡', member: colleague },
      outside: { unit: yangcun, unitName: '杨村乡', member: outsider },
      own: { unit: yingkou, unitName: '盈口乡', member: own },
    },
    secrets: ['盈口乡', '杨村乡', '张明', '李华', '王芳'],
  };
}

authorizationMatrixCases('org-registry', AUTHORIZATION_TABLE['org-registry'], () => service.app);

targetMatrixCases('org-registry', TARGET_TABLE['org-registry'], () => service.app, seedTargets);

apiFuzzCases('org-registry', () => service.app);
