import { apiFuzzCases, AUTHORIZATION_TABLE, authorizationMatrixCases } from '@campaign/testing';
import { startOrgRegistry, TestApp } from './org-test-kit';

let service: TestApp;

beforeAll(async () => {
  service = await startOrgRegistry('org_matrix');
});

afterAll(async () => {
  await service?.app.close();
});

authorizationMatrixCases('org-registry', AUTHORIZATION_TABLE['org-registry'], () => service.app);

apiFuzzCases('org-registry', () => service.app);
