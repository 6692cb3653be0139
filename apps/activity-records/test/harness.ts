import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { testToken } from '@campaign/testing';
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
