import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { CAMPAIGN_REQUEST, testToken } from '@campaign/testing';
import { OrgPublisher } from './org-fixtures';

/**
 * The one activity-records under test and the stand-in for org-registry, shared by the cases of every feature: the
 * service's durable consumer is named after it, so a second instance in a concurrent suite would take its events.
 */
export const harness: { app?: INestApplication; org?: OrgPublisher } = {};

export const app = (): INestApplication => harness.app as INestApplication;
export const org = (): OrgPublisher => harness.org as OrgPublisher;
export const http = () => request(app().getHttpServer());
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
export const admin = (district: string) => testToken({ sub: `admin@${district}`, district, roles: ['district-admin'], units: [] });
export const unitAdmin = (district: string, unitId: string) => testToken({ sub: `admin@${unitId}`, district, roles: ['unit-admin'], units: [unitId] });
export const memberToken = (district: string, memberId: string) => testToken({ sub: memberId, district, roles: ['member'], units: [], memberId });

/** Creates, as the district's admin, the campaign the cases run in (创先争优活动, 2026-03 to 2027-07) with `overrides`. */
export async function createCampaign(district: string, overrides: Record<string, unknown> = {}): Promise<{ _id: string }> {
  const { body } = await http()
    .post('/campaigns')
    .set(bearer(await admin(district)))
    .send({ ...CAMPAIGN_REQUEST, ...overrides })
    .expect(201);
  return body;
}
